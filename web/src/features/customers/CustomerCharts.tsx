// Charts of Customer 360 (own chunk: the chart library loads only when a chart is shown).
import { BarChart, LineChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatPercent } from '../../lib/format';
import { toMinor } from '../../lib/money';
import { ChartCard } from '../charts/ChartCard';

export type MonthRow = { month: string; purchases: number; amountMinor: number; amount: number };
export type PAliveRow = { at: string; pAlive: number; expectedPurchases: number };

export default function CustomerCharts({
  months,
  pAlive,
  currency,
}: {
  months: MonthRow[];
  pAlive: PAliveRow[];
  currency: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ChartCard
        title={t('purchases.overTime')}
        csvName="purchases-by-month"
        rows={months}
        columns={['month', 'purchases', 'amountMinor']}
      >
        <BarChart
          h={220}
          data={months}
          dataKey="month"
          series={[{ name: 'amount', color: 'blue.8', label: t('purchases.amount') }]}
          valueFormatter={(v) => formatMoney(toMinor(v, currency), currency)}
          yAxisProps={{ width: 96 }}
        />
      </ChartCard>
      {pAlive.length > 0 && (
        <ChartCard title={t('churn.pAliveHistory')} csvName="p-alive-history" rows={pAlive}>
          <LineChart
            h={200}
            data={pAlive}
            dataKey="at"
            yAxisProps={{ domain: [0, 1] }}
            series={[{ name: 'pAlive', color: 'teal.8', label: t('churn.pAlive') }]}
            valueFormatter={(v) => formatPercent(v)}
          />
        </ChartCard>
      )}
    </>
  );
}
