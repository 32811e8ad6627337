// The root-cause Pareto of the period: complaints and lost customers per category, cumulative share.
// Its API has no grouping; the note says so when a grouping is chosen.
import { CompositeChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/bits';
import { ChartCard } from '../../charts/ChartCard';
import { usePareto } from '../dashboard.api';
import type { DashboardView } from '../view';

export function ParetoCard({ view }: { view: DashboardView }) {
  const { t, i18n } = useTranslation();
  const pareto = usePareto(view.period);
  const rows = (pareto.data?.items ?? []).map((p) => ({
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
  return (
    <QueryState query={pareto}>
      {() => (
        <ChartCard
          title={t('dashboard.pareto')}
          csvName="root-cause-pareto"
          rows={rows}
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
            view.grouped ? t('dashboard.group.notSplit') : '',
          ]
            .filter(Boolean)
            .join(' ')}
        >
          <CompositeChart
            h={340}
            data={rows}
            dataKey="name"
            // Every bar named (Recharts would drop labels that collide): slanted, long names cut
            // with "…" (the tooltip and the CSV carry them whole).
            xAxisProps={{
              interval: 0,
              angle: -40,
              textAnchor: 'end',
              height: 110,
              tickFormatter: (name: string) => (name.length > 24 ? `${name.slice(0, 23)}…` : name),
            }}
            // room on the left for the first slanted name
            composedChartProps={{ margin: { left: 48 } }}
            withRightYAxis
            rightYAxisProps={{ domain: [0, 100] }}
            series={[
              { name: 'count', color: 'red.8', type: 'bar', label: t('dashboard.cases') },
              { name: 'lostCustomers', color: 'orange.6', type: 'bar', label: t('dashboard.lostCustomers') },
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
  );
}
