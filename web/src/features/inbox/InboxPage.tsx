// The inbox: open cases in the server's order (priority, time to SLA breach), filters, full-text search,
// keyboard navigation (j/k or arrows, Enter opens), and "my tasks" beside it.
import {
  Badge,
  Button,
  Grid,
  Group,
  Kbd,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SlaClock } from '../../components/SlaClock';
import { Snippet } from '../../components/Snippet';
import { Empty, LoadMore, QueryState, Section, TierBadge } from '../../components/bits';
import { formatDate, formatNumber } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { useSession } from '../../lib/session';
import { TaskList } from '../tasks/TaskList';
import { type InboxFilters, useCaseSearch, useInbox, useTeams, useUsers } from '../cases/cases.api';
import { PriorityBadge, StatusBadge } from '../cases/badges';

const STATES = ['new', 'open', 'waiting_customer', 'reopened', 'resolved', 'closed'];

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export default function InboxPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [filters, setFilters] = useState<InboxFilters>({});
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [selected, setSelected] = useState(0);
  const inbox = useInbox(filters);
  const search = useCaseSearch(debouncedQ);
  const users = useUsers();
  const teams = useTeams();
  const rows = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  const searching = debouncedQ.length >= 2;
  const rowRefs = useRef<Array<HTMLTableRowElement | null>>([]);

  const set = (k: keyof InboxFilters) => (e: { currentTarget: { value: string } }) => {
    setFilters({ ...filters, [k]: e.currentTarget.value || undefined });
    setSelected(0);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (searching || isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey || rows.length === 0) return;
      let next = selected;
      if (e.key === 'j' || e.key === 'ArrowDown') next = Math.min(rows.length - 1, selected + 1);
      else if (e.key === 'k' || e.key === 'ArrowUp') next = Math.max(0, selected - 1);
      else if (e.key === 'Enter' && rows[selected]) {
        if ((e.target as HTMLElement | null)?.closest('a,button')) return;
        e.preventDefault();
        navigate(`/cases/${rows[selected].id}`);
        return;
      } else return;
      e.preventDefault();
      setSelected(next);
      rowRefs.current[next]?.scrollIntoView({ block: 'nearest' });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [rows, selected, searching]);

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, xl: 8.5 }}>
        <Stack>
          <Group justify="space-between">
            <Title order={1}>{t('inbox.title')}</Title>
            <Button component={Link} href="/cases/new">
              {t('cases.new')}
            </Button>
          </Group>
          <Group align="flex-end" wrap="wrap" role="search" gap="sm">
            <TextInput
              label={t('inbox.search')}
              placeholder={t('inbox.searchPlaceholder')}
              type="search"
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              w={240}
            />
            <NativeSelect
              label={t('inbox.team')}
              value={filters.team ?? ''}
              onChange={set('team')}
              data={[
                { value: '', label: t('common.all') },
                ...(teams.data?.items ?? []).map((tm) => ({ value: tm.id, label: tm.name })),
              ]}
            />
            <NativeSelect
              label={t('inbox.owner')}
              value={filters.owner ?? ''}
              onChange={set('owner')}
              data={[
                { value: '', label: t('common.all') },
                ...(user ? [{ value: user.id, label: t('inbox.me') }] : []),
                ...(users.data?.items ?? [])
                  .filter((u) => u.id !== user?.id && u.active)
                  .map((u) => ({ value: u.id, label: u.name })),
              ]}
            />
            <NativeSelect
              label={t('inbox.state')}
              value={filters.state ?? ''}
              onChange={set('state')}
              data={[
                { value: '', label: t('inbox.allOpen') },
                ...STATES.map((s) => ({ value: s, label: t(`caseStatus.${s}`) })),
              ]}
            />
            <TextInput
              label={t('inbox.touchpoint')}
              value={filters.touchpoint ?? ''}
              onChange={set('touchpoint')}
              w={140}
            />
          </Group>
          {searching ? (
            <QueryState query={search}>
              {() => (
                <Stack gap="xs" aria-label={t('inbox.searchResults')}>
                  {search.data!.items.length === 0 && <Empty>{t('inbox.noHits')}</Empty>}
                  {search.data!.items.map((hit) => (
                    <Stack
                      key={hit.caseId + hit.matchedIn + hit.snippet}
                      gap={2}
                      p="xs"
                      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
                    >
                      <Group gap="xs">
                        <Link href={`/cases/${hit.caseId}`}>{hit.reference}</Link>
                        <Text size="sm" className="sk-pre">
                          {hit.subject ?? ''}
                        </Text>
                        <StatusBadge status={hit.status} />
                        <Text size="xs" c="dimmed">
                          {t(`inbox.matchedIn.${hit.matchedIn}`)} · {formatDate(hit.receivedAt)}
                        </Text>
                      </Group>
                      <Snippet text={hit.snippet} />
                    </Stack>
                  ))}
                </Stack>
              )}
            </QueryState>
          ) : (
            <>
              {inbox.error && <ErrorAlert error={inbox.error} />}
              <Text size="xs" c="dimmed">
                {t('inbox.keys.before')} <Kbd>j</Kbd>/<Kbd>k</Kbd> {t('inbox.keys.or')} <Kbd>↑</Kbd>/
                <Kbd>↓</Kbd> {t('inbox.keys.move')}, <Kbd>Enter</Kbd> {t('inbox.keys.open')}
              </Text>
              <Table.ScrollContainer minWidth={760}>
                <Table highlightOnHover aria-label={t('inbox.title')} data-testid="inbox-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('inbox.case')}</Table.Th>
                      <Table.Th>{t('inbox.customer')}</Table.Th>
                      <Table.Th>{t('customers.tier')}</Table.Th>
                      <Table.Th>{t('customers.tenure')}</Table.Th>
                      <Table.Th>{t('inbox.priority')}</Table.Th>
                      <Table.Th>{t('inbox.state')}</Table.Th>
                      <Table.Th>{t('inbox.firstResponse')}</Table.Th>
                      <Table.Th>{t('inbox.resolution')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((c, i) => (
                      <Table.Tr
                        key={c.id}
                        ref={(el) => {
                          rowRefs.current[i] = el;
                        }}
                        className={`sk-clickable-row${i === selected ? ' sk-row-selected' : ''}`}
                        aria-selected={i === selected}
                        data-selected={i === selected || undefined}
                        onClick={() => navigate(`/cases/${c.id}`)}
                      >
                        <Table.Td>
                          <Link href={`/cases/${c.id}`} onClick={(e) => e.stopPropagation()}>
                            {c.reference}
                          </Link>
                          {c.escalationLevel > 0 && (
                            <Badge ml={4} size="xs" color="red" variant="light" autoContrast>
                              {t('cases.escalatedLevel', { level: c.escalationLevel })}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td className="sk-pre">{c.customerName ?? '–'}</Table.Td>
                        <Table.Td>
                          <TierBadge tier={c.customerTier} />
                        </Table.Td>
                        <Table.Td>{t('customers.years', { n: formatNumber(c.tenureYears) })}</Table.Td>
                        <Table.Td>
                          <PriorityBadge priority={c.priority} />
                        </Table.Td>
                        <Table.Td>
                          <StatusBadge status={c.status} />
                        </Table.Td>
                        <Table.Td>
                          <SlaClock dueAt={c.firstResponseDueAt} compact />
                        </Table.Td>
                        <Table.Td>
                          <SlaClock
                            dueAt={c.resolutionDueAt}
                            paused={!c.resolutionDueAt && c.status === 'waiting_customer'}
                            compact
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {!inbox.isPending && rows.length === 0 && <Empty>{t('inbox.empty')}</Empty>}
              <LoadMore
                hasNext={!!inbox.hasNextPage}
                loading={inbox.isFetchingNextPage}
                onClick={() => inbox.fetchNextPage()}
              />
            </>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, xl: 3.5 }}>
        <Section title={t('tasks.mine')} id="sec-my-tasks">
          <TaskList filters={{ mine: true, status: 'active' }} />
        </Section>
      </Grid.Col>
    </Grid>
  );
}
