// The complaint KPI tiles: cases, median first response and resolution (business hours), SLA
// compliance of both clocks and the reopen rate in the period.
import { Card, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/bits';
import { formatNumber, formatPercent } from '../../../lib/format';
import { useCaseMetrics } from '../dashboard.api';
import { type DashboardView, hours } from '../view';

export function KpiCards({ view }: { view: DashboardView }) {
  const { t } = useTranslation();
  const cases = useCaseMetrics(view);
  return (
    <QueryState query={cases}>
      {() => {
        const total = cases.data!.total;
        return (
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
            <Kpi label={t('dashboard.kpi.cases')} value={formatNumber(total.cases, 0)} />
            <Kpi
              label={t('dashboard.kpi.medianFirstResponse')}
              value={t('dashboard.hours', {
                n: formatNumber(hours(total.firstResponse.medianBusinessMinutes)),
              })}
            />
            <Kpi
              label={t('dashboard.kpi.medianResolution')}
              value={t('dashboard.hours', { n: formatNumber(hours(total.resolution.medianBusinessMinutes)) })}
            />
            <Kpi
              label={t('dashboard.kpi.slaFirstResponse')}
              value={formatPercent(total.slaFirstResponse.compliance)}
            />
            <Kpi
              label={t('dashboard.kpi.slaResolution')}
              value={formatPercent(total.slaResolution.compliance)}
            />
            <Kpi label={t('dashboard.kpi.reopenRate')} value={formatPercent(total.reopenRate)} />
          </SimpleGrid>
        );
      }}
    </QueryState>
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
