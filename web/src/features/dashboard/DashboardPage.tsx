// Dashboards: NPS/CSAT/CES trend, complaint KPIs and SLA compliance, root-cause Pareto, the repurchase
// matrix, goodwill spent, churn and retention; each chart exports exactly the rows it shows as CSV.
// "Group by" month shows trends; team, touchpoint (and agent, when the company shows per-person
// figures) turn the survey, complaint and goodwill charts into bars per group.
import { BarChart, CompositeChart, LineChart } from '@mantine/charts';
import { Card, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/bits';
import { apiGet } from '../../lib/api';
import { formatMoney, formatNumber, formatPercent } from '../../lib/format';
import type { CaseMetrics, Pareto } from '../../lib/types';
import { ChartCard } from '../charts/ChartCard';
import { PraiseList } from '../surveys/PraiseList';
import { OverpayFigure } from '../retention/OverpayFigure';
import { ChurnRunsCard, LostWonBackCard } from './ChurnRetentionCards';
import { type GroupBy, useGroupNames, usePerPersonVisible } from './grouping';

type SurveyGroup = {
  key: string | null;
  sent: number;
  answered: number;
  nps: { value: number | null; n: number };
  csat: { value: number | null; n: number };
  ces: { value: number | null; n: number };
};
type SurveyMetrics = { overall: SurveyGroup; groups: SurveyGroup[] };
type Repurchase = {
  months: number;
  cells: Array<{
    saleSatisfied: boolean;
    afterSalesSatisfied: boolean;
    n: number;
    repurchased: number;
    rate: number | null;
    openWindow: number;
  }>;
};

function usePeriod(months: number) {
  return useMemo(() => {
    const to = new Date();
    const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - months + 1, 1));
    return { from: from.toISOString(), to: to.toISOString() };
  }, [months]);
}

const hours = (minutes: number | null) => (minutes === null ? null : Math.round((minutes / 60) * 10) / 10);

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const [months, setMonths] = useState(6);
  const [chosenGroup, setGroupBy] = useState<GroupBy>('month');
  const perPerson = usePerPersonVisible();
  // Per-agent grouping only while the admin setting allows it (the APIs refuse it otherwise).
  const groupBy: GroupBy = chosenGroup === 'agent' && !perPerson ? 'month' : chosenGroup;
  const grouped = groupBy !== 'month';
  const apiGroup = grouped ? groupBy : 'period';
  const nameOf = useGroupNames(groupBy);
  const groupLabel = t(`dashboard.group.${groupBy}`);
  const period = usePeriod(months);
  const surveys = useQuery({
    queryKey: ['metrics', 'surveys', period, apiGroup],
    queryFn: () => apiGet<SurveyMetrics>('/metrics/surveys', { ...period, groupBy: apiGroup }),
  });
  const cases = useQuery({
    queryKey: ['metrics', 'cases', period, apiGroup],
    queryFn: () =>
      apiGet<CaseMetrics>('/metrics/cases', {
        ...period,
        groupBy: apiGroup,
        period: grouped ? undefined : 'month',
      }),
  });
  const pareto = useQuery({
    queryKey: ['metrics', 'pareto', period],
    queryFn: () => apiGet<Pareto>('/root-causes/pareto', period),
  });
  const repurchase = useQuery({
    queryKey: ['metrics', 'repurchase'],
    queryFn: () => apiGet<Repurchase>('/metrics/repurchase-matrix'),
  });

  // The leading columns: the month (trend), or the group's key (team id, touchpoint code, user id;
  // empty = none assigned) and its name (bars per group). `x` is the chart's category axis.
  const lead = (key: string | null) =>
    grouped ? { [groupBy]: key ?? '', [`${groupBy}Name`]: nameOf(key) } : { month: (key ?? '').slice(0, 7) };
  const x = grouped ? `${groupBy}Name` : 'month';
  const order = <R extends Record<string, unknown>>(rows: R[]) =>
    rows.sort((a, b) => String(a[x]).localeCompare(String(b[x])));
  const surveyRows = order(
    (surveys.data?.groups ?? [])
      .filter((g) => grouped || g.key)
      .map((g) => ({
        ...lead(g.key),
        nps: g.nps.value,
        npsN: g.nps.n,
        csat: g.csat.value,
        csatN: g.csat.n,
        ces: g.ces.value,
        cesN: g.ces.n,
      })),
  );
  const caseRows = order(
    (cases.data?.groups ?? []).map((g) => ({
      ...lead(g.key),
      cases: g.cases,
      slaFirstResponse: g.slaFirstResponse.compliance,
      slaResolution: g.slaResolution.compliance,
      medianFirstResponseHours: hours(g.firstResponse.medianBusinessMinutes),
      medianResolutionHours: hours(g.resolution.medianBusinessMinutes),
      reopenRate: g.reopenRate,
      escalatedCases: g.escalatedCases,
    })),
  );
  const currency = cases.data?.total.goodwillGranted[0]?.currency ?? 'EUR';
  const goodwillRows = order(
    (cases.data?.groups ?? []).map((g) => ({
      ...lead(g.key),
      currency,
      amountMinor: g.goodwillGranted.find((x) => x.currency === currency)?.amountMinor ?? 0,
      amount: (g.goodwillGranted.find((x) => x.currency === currency)?.amountMinor ?? 0) / 100,
    })),
  );
  const paretoRows = (pareto.data?.items ?? []).map((p) => ({
    code: p.code,
    name: i18n.language === 'en' ? p.name.en : p.name.de,
    count: p.count,
    lostCustomers: p.lostCustomers,
    share: p.share,
    cumulativeShare: p.cumulativeShare,
    cumulativePercent: Math.round(p.cumulativeShare * 1000) / 10,
    recurring: p.recurring,
    rising: p.rising,
  }));
  const matrixRows = (repurchase.data?.cells ?? []).map((c) => ({
    sale: c.saleSatisfied ? t('dashboard.satisfied') : t('dashboard.unsatisfied'),
    afterSales: c.afterSalesSatisfied ? t('dashboard.satisfied') : t('dashboard.unsatisfied'),
    saleSatisfied: c.saleSatisfied,
    afterSalesSatisfied: c.afterSalesSatisfied,
    n: c.n,
    repurchased: c.repurchased,
    rate: c.rate,
    openWindow: c.openWindow,
  }));
  const cell = (sale: boolean, after: boolean) =>
    matrixRows.find((r) => r.saleSatisfied === sale && r.afterSalesSatisfied === after);
  const total = cases.data?.total;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('dashboard.title')}</Title>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('dashboard.period')}
            value={String(months)}
            onChange={(e) => setMonths(Number(e.currentTarget.value))}
            data={[3, 6, 12, 24].map((m) => ({
              value: String(m),
              label: t('dashboard.lastMonths', { count: m }),
            }))}
          />
          <NativeSelect
            label={t('dashboard.groupBy')}
            value={groupBy}
            onChange={(e) => setGroupBy(e.currentTarget.value as GroupBy)}
            data={(['month', 'team', 'touchpoint', ...(perPerson ? ['agent'] : [])] as GroupBy[]).map(
              (g) => ({
                value: g,
                label: t(`dashboard.group.${g}`),
              }),
            )}
          />
        </Group>
      </Group>

      <QueryState query={cases}>
        {() => (
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
            <Kpi label={t('dashboard.kpi.cases')} value={formatNumber(total!.cases, 0)} />
            <Kpi
              label={t('dashboard.kpi.medianFirstResponse')}
              value={t('dashboard.hours', {
                n: formatNumber(hours(total!.firstResponse.medianBusinessMinutes)),
              })}
            />
            <Kpi
              label={t('dashboard.kpi.medianResolution')}
              value={t('dashboard.hours', {
                n: formatNumber(hours(total!.resolution.medianBusinessMinutes)),
              })}
            />
            <Kpi
              label={t('dashboard.kpi.slaFirstResponse')}
              value={formatPercent(total!.slaFirstResponse.compliance)}
            />
            <Kpi
              label={t('dashboard.kpi.slaResolution')}
              value={formatPercent(total!.slaResolution.compliance)}
            />
            <Kpi label={t('dashboard.kpi.reopenRate')} value={formatPercent(total!.reopenRate)} />
          </SimpleGrid>
        )}
      </QueryState>
      <OverpayFigure />

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <QueryState query={surveys}>
          {() => (
            <ChartCard
              title={grouped ? t('dashboard.npsBy', { group: groupLabel }) : t('dashboard.npsTrend')}
              csvName={`nps-csat-ces-by-${groupBy}`}
              rows={surveyRows}
              note={t('dashboard.npsNote')}
            >
              {grouped ? (
                <BarChart
                  h={220}
                  data={surveyRows}
                  dataKey={x}
                  yAxisProps={{ domain: [-100, 100] }}
                  series={[{ name: 'nps', color: 'blue.8', label: 'NPS' }]}
                />
              ) : (
                <LineChart
                  h={220}
                  data={surveyRows}
                  dataKey="month"
                  connectNulls
                  yAxisProps={{ domain: [-100, 100] }}
                  series={[{ name: 'nps', color: 'blue.8', label: 'NPS' }]}
                />
              )}
            </ChartCard>
          )}
        </QueryState>
        <QueryState query={surveys}>
          {() => (
            <ChartCard
              title={grouped ? t('dashboard.csatCesBy', { group: groupLabel }) : t('dashboard.csatCesTrend')}
              csvName={`csat-ces-by-${groupBy}`}
              rows={surveyRows.map(({ nps, npsN, ...r }) => r)}
              note={t('dashboard.csatNote')}
            >
              {(() => {
                const data = surveyRows.map((r) => ({
                  ...r,
                  csatPercent: r.csat === null ? null : Math.round(r.csat * 1000) / 10,
                }));
                const series = [
                  { name: 'csatPercent', color: 'teal.8', label: t('dashboard.csatPercent') },
                  { name: 'ces', color: 'grape.8', label: 'CES', yAxisId: 'right' },
                ];
                return grouped ? (
                  <BarChart
                    h={220}
                    data={data}
                    dataKey={x}
                    withRightYAxis
                    yAxisProps={{ domain: [0, 100] }}
                    rightYAxisProps={{ domain: [0, 7] }}
                    series={series}
                    withLegend
                  />
                ) : (
                  <LineChart
                    h={220}
                    data={data}
                    dataKey="month"
                    connectNulls
                    withRightYAxis
                    yAxisProps={{ domain: [0, 100] }}
                    rightYAxisProps={{ domain: [1, 7] }}
                    series={series}
                    withLegend
                  />
                );
              })()}
            </ChartCard>
          )}
        </QueryState>
        <QueryState query={cases}>
          {() => (
            <ChartCard
              title={grouped ? t('dashboard.complaintsBy', { group: groupLabel }) : t('dashboard.complaints')}
              csvName={`complaints-by-${groupBy}`}
              rows={caseRows}
              note={cases.data!.perPersonHidden ? t('dashboard.group.perPersonHidden') : undefined}
            >
              <CompositeChart
                h={240}
                data={caseRows.map((r) => ({
                  ...r,
                  slaFirstPercent: r.slaFirstResponse === null ? null : Math.round(r.slaFirstResponse * 100),
                  slaResolutionPercent: r.slaResolution === null ? null : Math.round(r.slaResolution * 100),
                }))}
                dataKey={x}
                withRightYAxis
                rightYAxisProps={{ domain: [0, 100] }}
                withLegend
                series={[
                  { name: 'cases', color: 'blue.8', type: 'bar', label: t('dashboard.kpi.cases') },
                  {
                    name: 'slaFirstPercent',
                    color: 'teal.8',
                    type: grouped ? 'bar' : 'line',
                    yAxisId: 'right',
                    label: t('dashboard.kpi.slaFirstResponse'),
                  },
                  {
                    name: 'slaResolutionPercent',
                    color: 'orange.8',
                    type: grouped ? 'bar' : 'line',
                    yAxisId: 'right',
                    label: t('dashboard.kpi.slaResolution'),
                  },
                ]}
              />
            </ChartCard>
          )}
        </QueryState>
        <QueryState query={pareto}>
          {() => (
            <ChartCard
              title={t('dashboard.pareto')}
              csvName="root-cause-pareto"
              rows={paretoRows}
              columns={[
                'code',
                'name',
                'count',
                'lostCustomers',
                'share',
                'cumulativeShare',
                'recurring',
                'rising',
              ]}
              note={[
                t('dashboard.paretoNote', { unassigned: pareto.data!.unassigned }),
                t('dashboard.paretoLostNote', { lost: pareto.data!.lostCustomers }),
                grouped ? t('dashboard.group.notSplit') : '',
              ]
                .filter(Boolean)
                .join(' ')}
            >
              <CompositeChart
                h={240}
                data={paretoRows}
                dataKey="name"
                withRightYAxis
                rightYAxisProps={{ domain: [0, 100] }}
                series={[
                  { name: 'count', color: 'red.8', type: 'bar', label: t('dashboard.cases') },
                  {
                    name: 'lostCustomers',
                    color: 'orange.6',
                    type: 'bar',
                    label: t('dashboard.lostCustomers'),
                  },
                  {
                    name: 'cumulativePercent',
                    color: 'gray.8',
                    type: 'line',
                    yAxisId: 'right',
                    label: t('dashboard.cumulative'),
                  },
                ]}
              />
            </ChartCard>
          )}
        </QueryState>
        <QueryState query={repurchase}>
          {() => (
            <ChartCard
              title={t('dashboard.repurchase', { months: repurchase.data!.months })}
              csvName="repurchase-matrix"
              rows={matrixRows}
              columns={['saleSatisfied', 'afterSalesSatisfied', 'n', 'repurchased', 'rate', 'openWindow']}
              note={[t('dashboard.repurchaseNote'), grouped ? t('dashboard.group.notSplit') : '']
                .filter(Boolean)
                .join(' ')}
            >
              <Table
                withTableBorder
                withColumnBorders
                ta="center"
                aria-label={t('dashboard.repurchase', { months: repurchase.data!.months })}
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dashboard.saleVsAfterSales')}</Table.Th>
                    <Table.Th ta="center">
                      {t('dashboard.afterSales')}: {t('dashboard.satisfied')}
                    </Table.Th>
                    <Table.Th ta="center">
                      {t('dashboard.afterSales')}: {t('dashboard.unsatisfied')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[true, false].map((sale) => (
                    <Table.Tr key={String(sale)}>
                      <Table.Th>
                        {t('dashboard.sale')}: {sale ? t('dashboard.satisfied') : t('dashboard.unsatisfied')}
                      </Table.Th>
                      {[true, false].map((after) => {
                        const c = cell(sale, after);
                        return (
                          <Table.Td key={String(after)}>
                            <Text fw={700} size="lg">
                              {formatPercent(c?.rate ?? null)}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {t('dashboard.ofN', { repurchased: c?.repurchased ?? 0, n: c?.n ?? 0 })}
                            </Text>
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ChartCard>
          )}
        </QueryState>
        <QueryState query={cases}>
          {() => (
            <ChartCard
              title={grouped ? t('dashboard.goodwillBy', { group: groupLabel }) : t('dashboard.goodwill')}
              csvName={`goodwill-by-${groupBy}`}
              rows={goodwillRows}
              columns={[...(grouped ? [groupBy, `${groupBy}Name`] : ['month']), 'currency', 'amountMinor']}
              note={t('dashboard.goodwillTotal', {
                amount: formatMoney(
                  total!.goodwillGranted.find((x) => x.currency === currency)?.amountMinor ?? 0,
                  currency,
                ),
              })}
            >
              <BarChart
                h={220}
                data={goodwillRows}
                dataKey={x}
                series={[{ name: 'amount', color: 'yellow.8', label: t('dashboard.goodwill') }]}
                valueFormatter={(v) => formatMoney(Math.round(v * 100), currency)}
              />
            </ChartCard>
          )}
        </QueryState>
        <ChurnRunsCard period={period} grouped={grouped} />
        <LostWonBackCard period={period} grouped={grouped} />
      </SimpleGrid>
      <PraiseList from={period.from} to={period.to} />
    </Stack>
  );
}

function Kpi({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Card>
  );
}
