// Complaints and SLA compliance of both clocks per month (trend) or per group, from the case metrics.
import { CompositeChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/bits';
import { ChartCard } from '../../charts/ChartCard';
import { useCaseMetrics } from '../dashboard.api';
import { type DashboardView, hours } from '../view';

export function ComplaintsCard({ view }: { view: DashboardView }) {
  const { t } = useTranslation();
  const cases = useCaseMetrics(view);
  const rows = view.order(
    (cases.data?.groups ?? []).map((g) => ({
      ...view.lead(g.key),
      cases: g.cases,
      slaFirstResponse: g.slaFirstResponse.compliance,
      slaResolution: g.slaResolution.compliance,
      medianFirstResponseHours: hours(g.firstResponse.medianBusinessMinutes),
      medianResolutionHours: hours(g.resolution.medianBusinessMinutes),
      reopenRate: g.reopenRate,
      escalatedCases: g.escalatedCases,
    })),
  );
  const type = view.grouped ? ('bar' as const) : ('line' as const);
  return (
    <QueryState query={cases}>
      {() => (
        <ChartCard
          title={
            view.grouped ? t('dashboard.complaintsBy', { group: view.groupLabel }) : t('dashboard.complaints')
          }
          csvName={`complaints-by-${view.groupBy}`}
          rows={rows}
          note={cases.data!.perPersonHidden ? t('dashboard.group.perPersonHidden') : undefined}
        >
          <CompositeChart
            h={240}
            data={rows.map((r) => ({
              ...r,
              slaFirstPercent: r.slaFirstResponse === null ? null : Math.round(r.slaFirstResponse * 100),
              slaResolutionPercent: r.slaResolution === null ? null : Math.round(r.slaResolution * 100),
            }))}
            dataKey={view.x}
            withRightYAxis
            rightYAxisProps={{ domain: [0, 100] }}
            withLegend
            series={[
              { name: 'cases', color: 'blue.8', type: 'bar', label: t('dashboard.kpi.cases') },
              {
                name: 'slaFirstPercent',
                color: 'teal.8',
                type,
                yAxisId: 'right',
                label: t('dashboard.kpi.slaFirstResponse'),
              },
              {
                name: 'slaResolutionPercent',
                color: 'orange.8',
                type,
                yAxisId: 'right',
                label: t('dashboard.kpi.slaResolution'),
              },
            ]}
          />
        </ChartCard>
      )}
    </QueryState>
  );
}
