// Churn and retention on the dashboard: customers at risk and value at risk per scoring run
// (GET /metrics/churn-runs, the scoring history of GET /churn/runs with the summed value; all staff)
// and customers lost vs won back in the period (GET /retention/lost-customers and /retention/win-back,
// managers only). A card whose API refuses the reader (403) is not shown at all.
import { BarChart, CompositeChart } from '@mantine/charts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/bits';
import { ApiError, apiGet } from '../../lib/api';
import { formatDate, formatMoney, formatPercent } from '../../lib/format';
import { isManager, useSession } from '../../lib/session';
import type { ChurnRunMetrics } from '../../../../src/churn/churn.metrics.js';
import type { LostCustomer, WinBack } from '../../../../src/retention/retention.schema.js';
import { ChartCard } from '../charts/ChartCard';

const forbidden = (e: unknown) => e instanceof ApiError && (e.status === 403 || e.status === 401);

export function ChurnRunsCard({
  period,
  grouped,
}: {
  period: { from: string; to: string };
  grouped: boolean;
}) {
  const { t } = useTranslation();
  const runs = useQuery({
    queryKey: ['metrics', 'churn-runs', period],
    queryFn: () => apiGet<ChurnRunMetrics>('/metrics/churn-runs', period),
    retry: (n, e) => !forbidden(e) && n < 2,
  });
  if (forbidden(runs.error)) return null;
  const rows = (runs.data?.items ?? []).map((r) => ({
    at: r.at,
    date: formatDate(r.at),
    model: r.model,
    customers: r.customers,
    atRisk: r.atRisk,
    valueAtRiskMinor: r.valueAtRiskMinor,
    valueAtRisk: r.valueAtRiskMinor / 100,
    currency: r.currency,
  }));
  const latest = rows[rows.length - 1];
  const currency = latest?.currency ?? 'EUR';
  return (
    <QueryState query={runs}>
      {() => (
        <ChartCard
          title={t('dashboard.churnRuns')}
          csvName="churn-runs"
          rows={rows}
          columns={['at', 'model', 'customers', 'atRisk', 'valueAtRiskMinor', 'currency']}
          note={[
            latest &&
              t('dashboard.churnRunLatest', {
                date: latest.date,
                atRisk: latest.atRisk,
                customers: latest.customers,
                value: formatMoney(latest.valueAtRiskMinor, latest.currency),
              }),
            grouped ? t('dashboard.group.notSplit') : '',
          ]
            .filter(Boolean)
            .join(' ')}
        >
          <CompositeChart
            h={220}
            data={rows}
            dataKey="date"
            withLegend
            withRightYAxis
            series={[
              { name: 'atRisk', color: 'red.8', type: 'bar', label: t('dashboard.atRisk') },
              {
                name: 'valueAtRisk',
                color: 'orange.8',
                type: 'line',
                yAxisId: 'right',
                label: t('dashboard.valueAtRisk', { currency }),
              },
            ]}
          />
        </ChartCard>
      )}
    </QueryState>
  );
}

export function LostWonBackCard({
  period,
  grouped,
}: {
  period: { from: string; to: string };
  grouped: boolean;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const manager = isManager(user?.role);
  const retry = (n: number, e: unknown) => !forbidden(e) && n < 2;
  const lost = useQuery({
    queryKey: ['retention', 'lost', 'dashboard', period],
    queryFn: () => apiGet<{ items: LostCustomer[] }>('/retention/lost-customers', period),
    enabled: manager,
    retry,
  });
  const winBack = useQuery({
    queryKey: ['retention', 'win-back', period],
    queryFn: () => apiGet<WinBack>('/retention/win-back', period),
    enabled: manager,
    retry,
  });
  if (!manager || forbidden(lost.error) || forbidden(winBack.error)) return null;
  const byMonth = new Map<string, { month: string; lost: number; wonBack: number }>();
  for (const l of lost.data?.items ?? []) {
    const month = l.confirmedAt.slice(0, 7);
    const row = byMonth.get(month) ?? { month, lost: 0, wonBack: 0 };
    row.lost++;
    if (l.status === 'won_back') row.wonBack++;
    byMonth.set(month, row);
  }
  const rows = [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
  const w = winBack.data;
  return (
    <QueryState query={lost.error ? lost : winBack}>
      {() => (
        <ChartCard
          title={t('dashboard.lostWonBack')}
          csvName="lost-won-back-by-month"
          rows={rows}
          note={[
            w &&
              t('dashboard.lostWonBackNote', {
                count: w.lost,
                wonBack: w.wonBack,
                rate: formatPercent(w.winBackRate),
              }),
            grouped ? t('dashboard.group.notSplit') : '',
          ]
            .filter(Boolean)
            .join(' ')}
        >
          <BarChart
            h={220}
            data={rows}
            dataKey="month"
            withLegend
            series={[
              { name: 'lost', color: 'red.8', label: t('dashboard.lost') },
              { name: 'wonBack', color: 'teal.8', label: t('dashboard.wonBack') },
            ]}
          />
        </ChartCard>
      )}
    </QueryState>
  );
}
