// NPS per month (trend) or per group (bars), from the survey metrics.
import { BarChart, LineChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/bits';
import { ChartCard } from '../../charts/ChartCard';
import { useSurveyMetrics } from '../dashboard.api';
import type { DashboardView } from '../view';
import { surveyRows } from './surveyRows';

export function NpsCard({ view }: { view: DashboardView }) {
  const { t } = useTranslation();
  const surveys = useSurveyMetrics(view);
  const rows = surveyRows(surveys.data, view);
  const series = [{ name: 'nps', color: 'blue.8', label: 'NPS' }];
  return (
    <QueryState query={surveys}>
      {() => (
        <ChartCard
          title={view.grouped ? t('dashboard.npsBy', { group: view.groupLabel }) : t('dashboard.npsTrend')}
          csvName={`nps-csat-ces-by-${view.groupBy}`}
          rows={rows}
          note={t('dashboard.npsNote')}
        >
          {view.grouped ? (
            <BarChart
              h={220}
              data={rows}
              dataKey={view.x}
              yAxisProps={{ domain: [-100, 100] }}
              series={series}
            />
          ) : (
            <LineChart
              h={220}
              data={rows}
              dataKey="month"
              connectNulls
              yAxisProps={{ domain: [-100, 100] }}
              series={series}
            />
          )}
        </ChartCard>
      )}
    </QueryState>
  );
}
