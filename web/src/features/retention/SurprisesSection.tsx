// Positive surprises ("Wow-Momente"): log one (what, for whom, cost), today's progress of each team
// against the daily goal, and — for managers — later repurchase and satisfaction of surprised
// customers versus similar ones. Figures per person only when an admin turned them on.
import { Badge, Button, Group, Progress, SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { MoneyInput } from '../../components/MoneyInput';
import { Empty, QueryState } from '../../components/bits';
import { formatDate, formatNumber, formatPercent } from '../../lib/format';
import { ChartCard } from '../charts/ChartCard';
import { CustomerSearch } from './CustomerSearch';
import { Panel } from './Panel';
import type { Period } from './period';
import { useLogSurprise, useSurpriseEffect, useSurpriseProgress } from './retention.api';

/** The currency a surprise's cost is recorded in (the label names it). */
const CURRENCY = 'EUR';

function LogForm() {
  const { t } = useTranslation();
  const log = useLogSurprise();
  const [customerId, setCustomerId] = useState('');
  const [what, setWhat] = useState('');
  const [costMinor, setCostMinor] = useState<number | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (costMinor !== null && Number.isNaN(costMinor)) return; // MoneyInput shows why
    log.mutate(
      { customerId, what, ...(costMinor !== null ? { costMinor, currency: CURRENCY } : {}) },
      {
        onSuccess: () => {
          setWhat('');
          setCostMinor(null);
          setCustomerId('');
        },
      },
    );
  };
  return (
    <Panel id="wow-log-title" title={t('retention.surprises.logTitle')}>
      <form onSubmit={submit} aria-labelledby="wow-log-title">
        <Stack gap="sm">
          <CustomerSearch value={customerId} onChange={setCustomerId} testId="wow-chosen-customer" />
          <Textarea
            label={t('retention.surprises.what')}
            description={t('retention.surprises.whatHint')}
            value={what}
            onChange={(e) => setWhat(e.currentTarget.value)}
            required
            autosize
            minRows={2}
            maxLength={2000}
            error={fieldError(log.error, 'what')}
          />
          <MoneyInput
            label={t('retention.surprises.cost')}
            currency={CURRENCY}
            value={costMinor}
            onChange={setCostMinor}
            error={fieldError(log.error, 'costMinor')}
          />
          {log.error && <ErrorAlert error={log.error} />}
          {log.isSuccess && (
            <Text size="sm" c="green.9" role="status">
              {t('retention.surprises.logged')}
            </Text>
          )}
          <Group>
            <Button type="submit" disabled={!customerId} loading={log.isPending}>
              {t('retention.surprises.log')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Panel>
  );
}

function Progressions() {
  const { t } = useTranslation();
  const progress = useSurpriseProgress();
  return (
    <Panel id="wow-progress-title" title={t('retention.surprises.progressTitle')}>
      <QueryState query={progress}>
        {() => {
          const p = progress.data!;
          return (
            <Stack gap="sm">
              <Text size="sm">
                {t('retention.surprises.goal', { goal: p.goal, date: formatDate(`${p.date}T12:00:00Z`) })}
              </Text>
              {p.teams.length === 0 && <Empty>{t('retention.surprises.noTeams')}</Empty>}
              {p.teams.map((team) => (
                <div key={team.teamId ?? 'none'} data-testid="wow-team">
                  <Group justify="space-between" gap="xs">
                    <Text size="sm" fw={600} className="sk-pre">
                      {team.teamId === null ? t('retention.surprises.noTeam') : team.teamName}
                    </Text>
                    <Group gap={4}>
                      <Text size="sm" data-testid="wow-team-count">
                        {t('retention.surprises.ofGoal', { n: team.count, goal: team.goal })}
                      </Text>
                      {team.reached && (
                        <Badge color="green" variant="light" autoContrast>
                          {t('retention.surprises.reached')}
                        </Badge>
                      )}
                    </Group>
                  </Group>
                  <Progress
                    value={team.goal > 0 ? Math.min(100, (team.count / team.goal) * 100) : 100}
                    color={team.reached ? 'green.8' : 'blue.8'}
                    aria-label={t('retention.surprises.progressLabel', {
                      team: team.teamId === null ? t('retention.surprises.noTeam') : team.teamName,
                      n: team.count,
                      goal: team.goal,
                    })}
                    mt={4}
                  />
                </div>
              ))}
              {p.perPersonHidden || !p.people ? (
                <Text size="xs" c="dimmed">
                  {t('retention.surprises.perPersonHidden')}
                </Text>
              ) : (
                <Table aria-label={t('retention.surprises.perPerson')} fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('retention.surprises.person')}</Table.Th>
                      <Table.Th ta="right">{t('retention.surprises.count')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.people.map((x) => (
                      <Table.Tr key={x.userId ?? 'none'}>
                        <Table.Td className="sk-pre">{x.name}</Table.Td>
                        <Table.Td ta="right">{x.count}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </Panel>
  );
}

function Effect({ period }: { period: Period }) {
  const { t } = useTranslation();
  const effect = useSurpriseEffect(period, true);
  return (
    <QueryState query={effect}>
      {() => {
        const e = effect.data!;
        const rows = [
          { group: 'surprised', ...e.surprised, standardisedRepurchaseRate: null as number | null },
          { group: 'comparison', ...e.comparison },
        ];
        return (
          <ChartCard
            title={t('retention.surprises.effectTitle', { days: e.days })}
            csvName="surprise-effect"
            rows={rows}
            columns={[
              'group',
              'customers',
              'repurchased',
              'repurchaseRate',
              'standardisedRepurchaseRate',
              'csatMean',
              'csatAnswers',
            ]}
            note={t('retention.surprises.method')}
          >
            <Table
              aria-label={t('retention.surprises.effectTitle', { days: e.days })}
              fz="sm"
              data-testid="wow-effect"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  <Table.Th ta="right">{t('retention.surprises.surprised')}</Table.Th>
                  <Table.Th ta="right">{t('retention.surprises.comparison')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th>{t('retention.surprises.customers')}</Table.Th>
                  <Table.Td ta="right">{e.surprised.customers}</Table.Td>
                  <Table.Td ta="right">{e.comparison.customers}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('retention.surprises.repurchase')}</Table.Th>
                  <Table.Td ta="right">
                    {formatPercent(e.surprised.repurchaseRate, 1)} ({e.surprised.repurchased})
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatPercent(e.comparison.repurchaseRate, 1)} ({e.comparison.repurchased})
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('retention.surprises.standardised')}</Table.Th>
                  <Table.Td ta="right">–</Table.Td>
                  <Table.Td ta="right">{formatPercent(e.comparison.standardisedRepurchaseRate, 1)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('retention.surprises.csat')}</Table.Th>
                  <Table.Td ta="right">
                    {formatNumber(e.surprised.csatMean, 2)} (n={e.surprised.csatAnswers})
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatNumber(e.comparison.csatMean, 2)} (n={e.comparison.csatAnswers})
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </ChartCard>
        );
      }}
    </QueryState>
  );
}

export default function SurprisesSection({ period, manager }: { period: Period; manager: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Text size="sm">{t('retention.surprises.intro')}</Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Progressions />
        <LogForm />
      </SimpleGrid>
      {manager && <Effect period={period} />}
    </Stack>
  );
}
