// The model check an analyst expects beside the at-risk list: how well the chosen model predicted
// the holdout period (by calibration frequency and cumulatively over time), how the candidate models
// compared, and the fitted parameters with their standard errors.
import { BarChart, LineChart } from '@mantine/charts';
import { Badge, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isRouteMissing } from '../../components/ErrorAlert';
import { QueryState } from '../../components/bits';
import { ApiError, apiGet } from '../../lib/api';
import { formatDate, formatNumber, formatPercent } from '../../lib/format';
import type { Diagnostics } from '../../lib/types';
import { ChartCard } from '../charts/ChartCard';
import { churnKeys } from './churn.keys';

const round = (x: number | null, digits = 3) => (x === null ? null : Number(x.toFixed(digits)));

export function ModelCheck() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: churnKeys.diagnostics(),
    queryFn: () =>
      apiGet<Diagnostics>('/churn/diagnostics').catch((err: unknown) => {
        // No scoring run yet: nothing to check.
        if (err instanceof ApiError && err.status === 404 && !isRouteMissing(err)) return null;
        throw err;
      }),
  });
  return (
    <Stack gap="sm" component="section" aria-labelledby="model-check-title">
      <Title order={2} size="h3" id="model-check-title">
        {t('churn.check.title')}
      </Title>
      <QueryState query={query}>
        {() => {
          const d = query.data;
          if (!d)
            return (
              <Text size="sm" c="dimmed">
                {t('churn.notScored')}
              </Text>
            );
          if (!d.available)
            return (
              <Text size="sm" c="dimmed">
                {t('churn.check.noHoldout')}
              </Text>
            );
          const unit = t(`churn.check.units.${d.unit}`);
          const byFrequency = d.byFrequency.map((r) => ({
            x: r.x,
            customers: r.customers,
            actual: round(r.actualMean),
            predicted: round(r.predictedMean),
          }));
          const tracking = d.tracking.map((r) => ({
            period: r.period,
            end: r.end.slice(0, 10),
            actual: round(r.cumulativeActual, 1),
            expected: round(r.cumulativeExpected, 1),
          }));
          const se = d.parameters.standardErrors;
          // The line marks the first tracking period that ends after the calibration end.
          const holdoutStart = d.calibrationEnd
            ? tracking.find((r) => r.end > d.calibrationEnd!.slice(0, 10))?.end
            : undefined;
          return (
            <Stack gap="sm">
              <Text size="sm" data-testid="model-check-summary">
                {t('churn.check.summary', {
                  model: t(`churn.check.models.${d.model}`),
                  calibrationEnd: d.calibrationEnd ? formatDate(d.calibrationEnd) : '–',
                  holdoutEnd: d.holdoutEnd ? formatDate(d.holdoutEnd) : '–',
                  unit,
                })}
              </Text>
              <SimpleGrid cols={{ base: 1, lg: 2 }}>
                <ChartCard
                  title={t('churn.check.byFrequency')}
                  csvName="churn-holdout-by-frequency"
                  rows={byFrequency}
                  note={t('churn.check.byFrequencyNote')}
                >
                  <BarChart
                    h={220}
                    data={byFrequency}
                    dataKey="x"
                    series={[
                      { name: 'actual', color: 'gray.7', label: t('churn.check.actual') },
                      { name: 'predicted', color: 'blue.7', label: t('churn.check.predicted') },
                    ]}
                    withLegend
                  />
                </ChartCard>
                <ChartCard
                  title={t('churn.check.tracking')}
                  csvName="churn-cumulative-tracking"
                  rows={tracking}
                  note={t('churn.check.trackingNote', { unit })}
                >
                  <LineChart
                    h={220}
                    data={tracking}
                    dataKey="end"
                    withDots={false}
                    series={[
                      { name: 'actual', color: 'gray.7', label: t('churn.check.actual') },
                      { name: 'expected', color: 'blue.7', label: t('churn.check.expected') },
                    ]}
                    withLegend
                    referenceLines={
                      holdoutStart
                        ? [
                            {
                              x: holdoutStart,
                              label: t('churn.check.holdoutStarts'),
                              color: 'orange.7',
                              labelPosition: 'insideTopLeft',
                            },
                          ]
                        : []
                    }
                  />
                </ChartCard>
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, lg: 2 }}>
                <Table.ScrollContainer minWidth={420}>
                  <Table aria-label={t('churn.check.candidates')} data-testid="model-check-candidates">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('churn.check.model')}</Table.Th>
                        <Table.Th ta="right">{t('churn.check.mae')}</Table.Th>
                        <Table.Th ta="right">{t('churn.check.aggregate')}</Table.Th>
                        <Table.Th ta="right">{t('churn.check.logLikelihood')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {d.holdoutErrors.map((h) => (
                        <Table.Tr key={h.model}>
                          <Table.Td>
                            {t(`churn.check.models.${h.model}`)}{' '}
                            {h.model === d.model && (
                              <Badge size="xs" variant="light" autoContrast>
                                {t('churn.check.chosen')}
                              </Badge>
                            )}
                            {!h.converged && (
                              <Badge size="xs" color="orange" variant="light" autoContrast>
                                {t('churn.check.notConverged')}
                              </Badge>
                            )}
                          </Table.Td>
                          <Table.Td ta="right">
                            {h.meanAbsoluteError === null ? '–' : formatNumber(h.meanAbsoluteError, 3)}
                          </Table.Td>
                          <Table.Td ta="right">
                            {h.aggregateError === null ? '–' : formatPercent(h.aggregateError)}
                          </Table.Td>
                          <Table.Td ta="right">
                            {h.logLikelihood === null ? '–' : formatNumber(h.logLikelihood, 1)}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <Table aria-label={t('churn.check.parameters')} data-testid="model-check-parameters">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('churn.check.parameter')}</Table.Th>
                      <Table.Th ta="right">{t('churn.check.estimate')}</Table.Th>
                      <Table.Th ta="right">{t('churn.check.standardError')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {Object.entries(d.parameters.params).map(([name, value]) => (
                      <Table.Tr key={name}>
                        <Table.Td>{name}</Table.Td>
                        <Table.Td ta="right">{formatNumber(value, 4)}</Table.Td>
                        <Table.Td ta="right">
                          {se[name] === undefined ? '–' : formatNumber(se[name], 4)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {t('churn.check.explain')}
              </Text>
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
