// Churn on the dashboard: customers at risk and value at risk per scoring run (GET
// /metrics/churn-runs, the scoring history of GET /churn/runs with the summed value; all staff). Not
// shown at all when the API refuses the reader. Value at risk on the axis in the major unit.
import { CompositeChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/bits';
import { formatDate, formatMoney } from '../../../lib/format';
import { toMajor } from '../../../lib/money';
import { ChartCard } from '../../charts/ChartCard';
import { forbidden, useChurnRuns } from '../dashboard.api';
import type { DashboardView } from '../view';

export function ChurnRunsCard({ view }: { view: DashboardView }) {
  const { t } = useTranslation();
  const grouped = view.grouped;
  const runs = useChurnRuns(view.period);
  if (forbidden(runs.error)) return null;
  const rows = (runs.data?.items ?? []).map((r) => ({
    at: r.at,
    date: formatDate(r.at),
    model: r.model,
    customers: r.customers,
    atRisk: r.atRisk,
    valueAtRiskMinor: r.valueAtRiskMinor,
    valueAtRisk: toMajor(r.valueAtRiskMinor, r.currency),
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
