// Goodwill granted per month (trend) or per group, in the first currency the period has; the chart
// axis is in the currency's major unit (platform/money), the CSV in minor units.
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/bits';
import { formatMoney } from '../../../lib/format';
import { toMajor, toMinor } from '../../../lib/money';
import { ChartCard } from '../../charts/ChartCard';
import { useCaseMetrics } from '../dashboard.api';
import type { DashboardView } from '../view';

type Granted = Array<{ currency: string; amountMinor: number }>;

export function GoodwillCard({ view }: { view: DashboardView }) {
  const { t } = useTranslation();
  const cases = useCaseMetrics(view);
  const currency = cases.data?.total.goodwillGranted[0]?.currency ?? 'EUR';
  const minorOf = (granted: Granted) => granted.find((x) => x.currency === currency)?.amountMinor ?? 0;
  const rows = view.order(
    (cases.data?.groups ?? []).map((g) => ({
      ...view.lead(g.key),
      currency,
      amountMinor: minorOf(g.goodwillGranted),
      amount: toMajor(minorOf(g.goodwillGranted), currency),
    })),
  );
  return (
    <QueryState query={cases}>
      {() => (
        <ChartCard
          title={
            view.grouped ? t('dashboard.goodwillBy', { group: view.groupLabel }) : t('dashboard.goodwill')
          }
          csvName={`goodwill-by-${view.groupBy}`}
          rows={rows}
          columns={[
            ...(view.grouped ? [view.groupBy, `${view.groupBy}Name`] : ['month']),
            'currency',
            'amountMinor',
          ]}
          note={t('dashboard.goodwillTotal', {
            amount: formatMoney(minorOf(cases.data!.total.goodwillGranted), currency),
          })}
        >
          <BarChart
            h={220}
            data={rows}
            dataKey={view.x}
            series={[{ name: 'amount', color: 'yellow.8', label: t('dashboard.goodwill') }]}
            valueFormatter={(v) => formatMoney(toMinor(v, currency), currency)}
          />
        </ChartCard>
      )}
    </QueryState>
  );
}
