// Lost customers and win-back: a manager confirms a customer as lost (from a search, a proposal of
// the cancellation rule or the churn model, or a link `?customerId=`), with the reason; the win-back
// task and follow-up that follow; the list of lost customers, win-back rate and the reasons.
import { BarChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Empty, QueryState } from '../../components/bits';
import { apiGet } from '../../lib/api';
import type { en as surveyTexts } from '../../../../src/surveys/texts/en.js';
import { keysOf } from '../../lib/keys';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent } from '../../lib/format';
import { Link, useLocation } from '../../lib/router';
import type { Task } from '../../lib/types';
import { ChartCard } from '../charts/ChartCard';
import { taskKeys } from '../tasks/tasks.keys';
import { CustomerSearch } from './CustomerSearch';
import { Figure } from './Figure';
import { Panel } from './Panel';
import { ReasonModal } from './ReasonModal';
import type { Period } from './period';
import {
  exportUrl,
  type LostCustomer,
  useCheckWinBacks,
  useConfirmLost,
  useCustomerNames,
  useDismissProposal,
  useLostCustomers,
  useLostProposals,
  useLostReasons,
  useRetentionSettings,
  useWinBack,
} from './retention.api';

/** The exit interview's reason codes, as the server's default survey defines them. */
export const REASON_CODES = keysOf<keyof typeof surveyTexts.exitReasons>({
  price: 0,
  quality: 0,
  service: 0,
  moved: 0,
  competitor: 0,
  no_need: 0,
  other: 0,
});
const SOURCES = ['manual', 'cancellation', 'churn_model'] as const;
const DAY = 86_400_000;

function WinBackTask({ lost }: { lost: LostCustomer }) {
  const { t } = useTranslation();
  const settings = useRetentionSettings();
  const task = useQuery({
    queryKey: taskKeys.detail(lost.winBackTaskId ?? ''),
    queryFn: () => apiGet<Task>(`/tasks/${encodeURIComponent(lost.winBackTaskId!)}`),
    enabled: !!lost.winBackTaskId,
  });
  const followUpDays = settings.data?.winBackFollowUpDays;
  return (
    <Stack gap={2} data-testid="win-back-task">
      {lost.winBackTaskId ? (
        <Text size="sm">
          {t('retention.lost.task')}:{' '}
          <Link href={`/customers/${lost.customerId}#sec-tasks`} className="sk-pre">
            {task.data?.title ?? t('retention.lost.openTask')}
          </Link>
          {task.data?.dueAt && ` · ${t('retention.lost.due', { date: formatDate(task.data.dueAt) })}`}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('retention.lost.noTask')}
        </Text>
      )}
      <Text size="sm">
        {t('retention.lost.offer')}: {t(`retention.lost.offerKinds.${lost.offer.kind}`)}
        {lost.offer.amountMinor !== null && ` (${formatMoney(lost.offer.amountMinor, lost.currency)})`}
      </Text>
      {followUpDays !== undefined && lost.status === 'lost' && (
        <Text size="xs" c="dimmed">
          {t('retention.lost.followUp', {
            date: formatDate(
              new Date(new Date(lost.confirmedAt).getTime() + followUpDays * DAY).toISOString(),
            ),
          })}
        </Text>
      )}
    </Stack>
  );
}

function ConfirmForm({
  customerId,
  setCustomerId,
  source,
  setSource,
}: {
  customerId: string;
  setCustomerId: (id: string) => void;
  source: string;
  setSource: (s: string) => void;
}) {
  const { t } = useTranslation();
  const confirm = useConfirmLost();
  const [reasonCode, setReasonCode] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<LostCustomer | null>(null);
  const names = useCustomerNames(done ? [done.customerId] : []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate(
      {
        customerId,
        source,
        reasonCode: reasonCode || undefined,
        reason: reason.trim() ? reason : undefined,
      },
      {
        onSuccess: (lost) => {
          setDone(lost);
          setCustomerId('');
          setReason('');
          setReasonCode('');
        },
      },
    );
  };
  return (
    <Panel id="lost-confirm-title" title={t('retention.lost.confirmTitle')}>
      <Text size="sm" mb="sm">
        {t('retention.lost.confirmIntro')}
      </Text>
      <form onSubmit={submit} aria-labelledby="lost-confirm-title">
        <Stack gap="sm">
          <CustomerSearch value={customerId} onChange={setCustomerId} testId="lost-chosen-customer" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('retention.lost.source')}
              value={source}
              onChange={(e) => setSource(e.currentTarget.value)}
              data={SOURCES.map((s) => ({ value: s, label: t(`retention.lost.sources.${s}`) }))}
            />
            <NativeSelect
              label={t('retention.lost.reasonCode')}
              value={reasonCode}
              onChange={(e) => setReasonCode(e.currentTarget.value)}
              error={fieldError(confirm.error, 'reasonCode')}
              data={[
                { value: '', label: t('retention.lost.reasonUnknown') },
                ...REASON_CODES.map((c) => ({ value: c, label: t(`retention.lost.reasons.${c}`) })),
              ]}
            />
          </SimpleGrid>
          <Textarea
            label={t('retention.lost.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            error={fieldError(confirm.error, 'reason')}
          />
          {confirm.error && <ErrorAlert error={confirm.error} />}
          <Group>
            <Button type="submit" color="red" disabled={!customerId} loading={confirm.isPending}>
              {t('retention.lost.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
      {done && (
        <Alert
          color="green"
          mt="md"
          role="status"
          title={t('retention.lost.confirmed')}
          data-testid="lost-confirmed"
        >
          <Text size="sm" className="sk-pre" mb={4}>
            {names.get(done.customerId) ?? done.customerId} ·{' '}
            {t('retention.lost.value', { amount: formatMoney(done.valueMinor, done.currency) })}
          </Text>
          <WinBackTask lost={done} />
        </Alert>
      )}
    </Panel>
  );
}

const PROPOSALS_PAGE = 10;

/** "Not lost": the manager's decision against a proposal, with the reason. */
function NotLostModal({
  proposal,
  onClose,
}: {
  proposal: { customerId: string; customerName: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const dismiss = useDismissProposal();
  return (
    <ReasonModal
      opened={proposal !== null}
      title={t('retention.lost.notLostTitle')}
      subject={proposal?.customerName}
      label={t('retention.lost.notLostReason')}
      saveText={t('retention.lost.notLostSave')}
      save={{
        mutate: (reason, options) => dismiss.mutate({ customerId: proposal!.customerId, reason }, options),
        error: dismiss.error,
        isPending: dismiss.isPending,
      }}
      onClose={onClose}
    />
  );
}

function Proposals({ onPick }: { onPick: (customerId: string, source: string) => void }) {
  const { t } = useTranslation();
  const proposals = useLostProposals();
  // Dozens of cancellations can wait here: show a screenful, more on request.
  const [shown, setShown] = useState(PROPOSALS_PAGE);
  const [deciding, setDeciding] = useState<{ customerId: string; customerName: string } | null>(null);
  const all = proposals.data?.items ?? [];
  return (
    <Panel
      id="lost-proposals-title"
      title={
        <>
          {t('retention.lost.proposalsTitle')}
          {all.length > 0 && ` (${all.length})`}
        </>
      }
    >
      <Text size="sm" mb="sm">
        {t('retention.lost.proposalsIntro')} <Link href="/at-risk">{t('retention.lost.atRiskLink')}</Link>
      </Text>
      <QueryState query={proposals}>
        {() =>
          proposals.data!.items.length === 0 ? (
            <Empty>{t('retention.lost.noProposals')}</Empty>
          ) : (
            <Stack gap="xs">
              {all.slice(0, shown).map((p) => (
                <Paper key={p.customerId} withBorder p="xs" data-testid="lost-proposal">
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <div style={{ minWidth: 0 }}>
                      <Link href={`/customers/${p.customerId}`} className="sk-pre">
                        {p.customerName}
                      </Link>
                      <Text size="xs" c="dimmed">
                        {t(`retention.lost.sources.${p.source}`)}
                        {p.proposedAt && ` · ${formatDate(p.proposedAt)}`}
                        {p.pAlive !== null &&
                          ` · ${t('retention.lost.pAlive', { value: formatPercent(p.pAlive) })}`}
                        {p.valueAtRiskMinor !== null && ` · ${formatMoney(p.valueAtRiskMinor)}`}
                      </Text>
                      {p.reason && (
                        <Text size="xs" className="sk-pre">
                          {p.reason}
                        </Text>
                      )}
                    </div>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => onPick(p.customerId, p.source)}
                      aria-label={t('retention.lost.reviewLabel', { name: p.customerName })}
                    >
                      {t('retention.lost.review')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setDeciding(p)}
                      aria-label={t('retention.lost.notLostLabel', { name: p.customerName })}
                    >
                      {t('retention.lost.notLost')}
                    </Button>
                  </Group>
                </Paper>
              ))}
              {all.length > shown && (
                <Button variant="subtle" size="xs" onClick={() => setShown(shown + PROPOSALS_PAGE * 2)}>
                  {t('retention.lost.moreProposals', { count: all.length - shown })}
                </Button>
              )}
            </Stack>
          )
        }
      </QueryState>
      <NotLostModal proposal={deciding} onClose={() => setDeciding(null)} />
    </Panel>
  );
}

function LostList({ period }: { period: Period }) {
  const { t } = useTranslation();
  const list = useLostCustomers(period);
  const items = [...(list.data?.items ?? [])].reverse();
  const names = useCustomerNames(items.map((i) => i.customerId));
  return (
    <Panel id="lost-list-title" title={t('retention.lost.listTitle')}>
      <QueryState query={list}>
        {() =>
          items.length === 0 ? (
            <Empty>{t('retention.lost.none')}</Empty>
          ) : (
            <Stack gap="xs" data-testid="lost-list">
              {items.map((l) => (
                <Paper key={l.id} withBorder p="xs" data-testid="lost-row">
                  <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                    <div style={{ minWidth: 0 }}>
                      <Link href={`/customers/${l.customerId}`} className="sk-pre">
                        {names.get(l.customerId) ?? l.customerId}
                      </Link>
                      <Text size="xs" c="dimmed">
                        {t('retention.lost.confirmedAt', { date: formatDateTime(l.confirmedAt) })} ·{' '}
                        {t(`retention.lost.sources.${l.source}`)}
                      </Text>
                    </div>
                    <Stack gap={2} align="flex-end">
                      {l.status === 'won_back' ? (
                        <Badge color="green" variant="light" autoContrast>
                          {t('retention.lost.wonBackAt', { date: formatDate(l.wonBackAt) })}
                        </Badge>
                      ) : (
                        <Badge color="red" variant="light" autoContrast>
                          {t('retention.lost.statusLost')}
                        </Badge>
                      )}
                      <Text size="sm" fw={600}>
                        {formatMoney(l.valueMinor, l.currency)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`retention.lost.basis.${l.valueBasis}`)}
                      </Text>
                    </Stack>
                  </Group>
                  <Text size="sm" mt={4}>
                    {t('retention.lost.reasonCode')}:{' '}
                    {l.reasonCode
                      ? t(`retention.lost.reasons.${l.reasonCode}`, { defaultValue: l.reasonCode })
                      : t('retention.lost.reasonUnknown')}
                  </Text>
                  {l.reason && (
                    <Text size="sm" className="sk-pre" data-testid="lost-reason-text">
                      {l.reason}
                    </Text>
                  )}
                  <WinBackTask lost={l} />
                </Paper>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Panel>
  );
}

function WinBackFigures({ period }: { period: Period }) {
  const { t } = useTranslation();
  const wb = useWinBack(period);
  const check = useCheckWinBacks();
  return (
    <QueryState query={wb}>
      {() => (
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            <Figure
              label={t('retention.lost.lostCount')}
              value={formatNumber(wb.data!.lost, 0)}
              testId="wb-lost"
            />
            <Figure
              label={t('retention.lost.wonBack')}
              value={formatNumber(wb.data!.wonBack, 0)}
              testId="wb-won"
            />
            <Figure
              label={t('retention.lost.rate')}
              value={formatPercent(wb.data!.winBackRate, 1)}
              testId="wb-rate"
            />
            <Figure
              label={t('retention.lost.medianDays')}
              value={
                wb.data!.medianDaysToWinBack === null
                  ? '–'
                  : t('retention.common.days', { n: formatNumber(wb.data!.medianDaysToWinBack, 1) })
              }
              testId="wb-days"
            />
          </SimpleGrid>
          <Group justify="space-between" wrap="wrap">
            <Text size="xs" c="dimmed">
              {t('retention.lost.winBackMethod')}
            </Text>
            <Button size="xs" variant="default" loading={check.isPending} onClick={() => check.mutate()}>
              {t('retention.lost.check')}
            </Button>
          </Group>
          {check.data && (
            <Text size="sm" role="status">
              {t('retention.lost.checked', { count: check.data.wonBack })}
            </Text>
          )}
          {check.error && <ErrorAlert error={check.error} />}
        </Stack>
      )}
    </QueryState>
  );
}

function Reasons({ period }: { period: Period }) {
  const { t } = useTranslation();
  const reasons = useLostReasons(period);
  const names = useCustomerNames((reasons.data?.comments ?? []).map((c) => c.customerId));
  const rows = (reasons.data?.items ?? []).map((r) => ({
    code: r.code,
    reason: t(`retention.lost.reasons.${r.code}`, { defaultValue: r.code }),
    count: r.count,
    share: r.share,
    fromExitInterview: r.fromExitInterview,
    fromConfirmation: r.fromConfirmation,
  }));
  return (
    <QueryState query={reasons}>
      {() => (
        <ChartCard
          title={t('retention.lost.reasonsTitle')}
          csvName="lost-reasons"
          rows={rows}
          columns={['code', 'count', 'share', 'fromExitInterview', 'fromConfirmation']}
          note={t('retention.lost.reasonsNote', { total: reasons.data!.total })}
        >
          <BarChart
            h={Math.max(120, rows.length * 36)}
            data={rows}
            dataKey="reason"
            orientation="vertical"
            yAxisProps={{ width: 110 }}
            xAxisProps={{ allowDecimals: false }}
            series={[{ name: 'count', color: 'red.8', label: t('retention.lost.count') }]}
          />
          <Table mt="sm" aria-label={t('retention.lost.reasonsTitle')} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('retention.lost.reasonCode')}</Table.Th>
                <Table.Th ta="right">{t('retention.lost.count')}</Table.Th>
                <Table.Th ta="right">{t('retention.lost.share')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.code}>
                  <Table.Td>{r.reason}</Table.Td>
                  <Table.Td ta="right">{r.count}</Table.Td>
                  <Table.Td ta="right">{formatPercent(r.share)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {reasons.data!.comments.length > 0 && (
            <>
              <Title order={3} size="h5" mt="sm">
                {t('retention.lost.comments')}
              </Title>
              <List size="sm" spacing={4}>
                {reasons.data!.comments.map((c) => (
                  <List.Item key={c.customerId + c.at}>
                    <Text span size="xs" c="dimmed">
                      {names.get(c.customerId) ?? c.customerId} · {formatDate(c.at)}:{' '}
                    </Text>
                    <Text span size="sm" className="sk-pre" data-testid="lost-comment">
                      {c.text}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </ChartCard>
      )}
    </QueryState>
  );
}

export default function LostSection({ period }: { period: Period }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const [customerId, setCustomerId] = useState(search.get('customerId') ?? '');
  const [source, setSource] = useState<string>(search.get('source') ?? 'manual');
  return (
    <Stack>
      <Text size="sm">{t('retention.lost.intro')}</Text>
      <WinBackFigures period={period} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ConfirmForm
          customerId={customerId}
          setCustomerId={setCustomerId}
          source={source}
          setSource={setSource}
        />
        <Proposals
          onPick={(id, src) => {
            setCustomerId(id);
            setSource(src);
            document.getElementById('lost-confirm-title')?.scrollIntoView({ block: 'start' });
          }}
        />
      </SimpleGrid>
      <LostList period={period} />
      <Reasons period={period} />
      <Group>
        <Anchor href={exportUrl('win-back', period)} download size="sm">
          {t('retention.lost.exportWinBack')}
        </Anchor>
        <Anchor href={exportUrl('lost-reasons', period)} download size="sm">
          {t('retention.lost.exportReasons')}
        </Anchor>
      </Group>
    </Stack>
  );
}
