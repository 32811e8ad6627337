// Customers who "springen ab" (are quietly leaving), in ranking order (value if they stay × probability
// that they are gone), with the reasons in the reader's words, the call and watch lists, how well the
// list picked leavers on the holdout, and one click to their retention task.
import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  NativeSelect,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Empty, LoadMore, QueryState, TierBadge } from '../../components/bits';
import { apiGet, apiPost, type Page, type Query } from '../../lib/api';
import { formatMoney, formatPercent } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { isManager, useSession } from '../../lib/session';
import type { AtRiskItem, Task } from '../../lib/types';
import { useUsers } from '../cases/cases.api';
import { taskKeys } from '../tasks/tasks.keys';
import { churnKeys } from './churn.keys';
import { ListCheck } from './ListCheck';
import { ModelCheck } from './ModelCheck';

export default function AtRiskPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { user } = useSession();
  const users = useUsers();
  const [ownerId, setOwnerId] = useState('');
  const [which, setWhich] = useState<'' | 'call' | 'watch'>('');
  const list = useInfiniteQuery({
    queryKey: churnKeys.atRisk(ownerId, which),
    queryFn: ({ pageParam }) =>
      apiGet<Page<AtRiskItem>>('/churn/at-risk', {
        ownerId: ownerId || undefined,
        list: which || undefined,
        limit: 50,
        cursor: pageParam,
      } as Query),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const createTask = useMutation({
    mutationFn: (item: AtRiskItem) =>
      apiPost<Task>('/tasks', {
        customerId: item.customerId,
        title: t('atRisk.taskTitle'),
        priority: 'high',
      }),
    onSuccess: (_task, item) => {
      void qc.invalidateQueries({ queryKey: taskKeys.all });
      navigate(`/customers/${item.customerId}#sec-tasks`);
    },
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Title order={1}>{t('atRisk.title')}</Title>
      <Text size="sm">{t('atRisk.intro')}</Text>
      <ListCheck />
      <Group align="flex-end">
        <SegmentedControl
          aria-label={t('atRisk.list.label')}
          value={which}
          onChange={(v) => setWhich(v as typeof which)}
          data={[
            { value: '', label: t('atRisk.list.all') },
            { value: 'call', label: t('atRisk.list.call') },
            { value: 'watch', label: t('atRisk.list.watch') },
          ]}
        />
        <NativeSelect
          label={t('atRisk.owner')}
          value={ownerId}
          onChange={(e) => setOwnerId(e.currentTarget.value)}
          data={[
            { value: '', label: t('common.all') },
            ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name })),
          ]}
        />
      </Group>
      {createTask.error && <ErrorAlert error={createTask.error} />}
      <QueryState query={list}>
        {() =>
          items.length === 0 ? (
            <Empty>{t('atRisk.none')}</Empty>
          ) : (
            <Table.ScrollContainer minWidth={820}>
              <Table aria-label={t('atRisk.title')} verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>{t('inbox.customer')}</Table.Th>
                    <Table.Th ta="right">
                      <Tooltip label={t('atRisk.valueTooltip')} multiline w={320}>
                        <span>{t('churn.valueAtRisk')}</span>
                      </Tooltip>
                    </Table.Th>
                    <Table.Th>{t('atRisk.pAlive')}</Table.Th>
                    <Table.Th>{t('atRisk.why')}</Table.Th>
                    <Table.Th>{t('atRisk.task')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item, i) => (
                    <Table.Tr key={item.customerId} data-testid="at-risk-row">
                      <Table.Td>{i + 1}</Table.Td>
                      <Table.Td>
                        <Link href={`/customers/${item.customerId}`} className="sk-pre">
                          {item.customerName}
                        </Link>
                        <Group gap={4}>
                          <Text size="xs" c="dimmed">
                            {item.customerNumber}
                          </Text>
                          <TierBadge tier={item.tier} />
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right" fw={700}>
                        {formatMoney(item.valueAtRiskMinor, item.currency)}
                        <Text size="xs" c="dimmed" fw={400}>
                          {item.clvMinor === null
                            ? t(`atRisk.basis.${item.valueBasis}`)
                            : t('atRisk.clvAndIfStays', {
                                clv: formatMoney(item.clvMinor, item.currency),
                                ifStays: formatMoney(item.valueIfStaysMinor, item.currency),
                              })}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {formatPercent(item.pAlive)}
                        {item.previousPAlive !== null && (
                          <Text size="xs" c="dimmed">
                            {t('churn.before', { value: formatPercent(item.previousPAlive) })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <List size="sm">
                          {item.reasons.map((r) => (
                            <List.Item key={r.code}>{r.text}</List.Item>
                          ))}
                        </List>
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          size="xs"
                          mb={4}
                          variant="light"
                          color={item.list === 'call' ? 'red' : 'gray'}
                          autoContrast
                          data-testid="at-risk-list"
                        >
                          {t(`atRisk.listBadge.${item.list}`)}
                        </Badge>
                        {item.taskId ? (
                          <Button
                            component={Link}
                            href={`/customers/${item.customerId}#sec-tasks`}
                            size="xs"
                            variant="light"
                          >
                            {t('atRisk.openTask')}
                          </Button>
                        ) : (
                          <Button
                            size="xs"
                            loading={
                              createTask.isPending && createTask.variables?.customerId === item.customerId
                            }
                            onClick={() => createTask.mutate(item)}
                          >
                            {t('atRisk.createTask')}
                          </Button>
                        )}
                        {!item.ownerId && (
                          <Badge mt={4} size="xs" color="orange" variant="light" autoContrast>
                            {t('atRisk.noOwner')}
                          </Badge>
                        )}
                        {isManager(user?.role) && (
                          <Anchor
                            component={Link}
                            href={`/retention/lost?customerId=${item.customerId}&source=churn_model`}
                            size="xs"
                            display="block"
                            mt={4}
                          >
                            {t('retention.lost.confirmLink')}
                          </Anchor>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <LoadMore
        hasNext={!!list.hasNextPage}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
      <ModelCheck />
    </Stack>
  );
}
