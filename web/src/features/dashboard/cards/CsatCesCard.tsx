// CSAT (share satisfied, %) and CES per month (trend) or per group (bars), from the survey metrics.
import { BarChart, LineChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/bits';
import { ChartCard } from '../../charts/ChartCard';
import { useSurveyMetrics } from '../dashboard.api';
import type { DashboardView } from '../view';
import { surveyRows } from './surveyRows';

export function CsatCesCard({ view }: { view: DashboardView }) {
  const { t } = useTranslation();
  const surveys = useSurveyMetrics(view);
  const rows = surveyRows(surveys.data, view);
  const data = rows.map((r) => ({
    ...r,
    csatPercent: r.csat === null ? null : Math.round(r.csat * 1000) / 10,
  }));
  const series = [
    { name: 'csatPercent', color: 'teal.8', label: t('dashboard.csatPercent') },
    { name: 'ces', color: 'grape.8', label: 'CES', yAxisId: 'right' },
  ];
  return (
    <QueryState query={surveys}>
      {() => (
        <ChartCard
          title={
            view.grouped ? t('dashboard.csatCesBy', { group: view.groupLabel }) : t('dashboard.csatCesTrend')
          }
          csvName={`csat-ces-by-${view.groupBy}`}
          rows={rows.map(({ nps, npsN, ...r }) => r)}
          note={t('dashboard.csatNote')}
        >
          {view.grouped ? (
            <BarChart
              h={220}
              data={data}
              dataKey={view.x}
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
          )}
        </ChartCard>
      )}
    </QueryState>
  );
}
