// Queue fairness: waiting time to acknowledgement and first response (business minutes) by tenure
// band and for prospects, with a flag wherever long-standing customers wait longer.
import { BarChart } from '@mantine/charts';
import { Alert, Anchor, List, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/bits';
import { formatNumber } from '../../lib/format';
import { ChartCard } from '../charts/ChartCard';
import { Figure } from './Figure';
import type { Period } from './period';
import { exportUrl, useQueueFairness, type Wait } from './retention.api';

export default function QueueFairnessSection({ period }: { period: Period }) {
  const { t } = useTranslation();
  const q = useQueueFairness(period);
  const minutes = (m: number | null) =>
    m === null ? '–' : t('retention.common.minutes', { n: formatNumber(m, 0) });
  const groupLabel = (key: string) => t(`retention.fairness.bands.${key}`, { defaultValue: key });
  return (
    <Stack>
      <Text size="sm">{t('retention.fairness.intro')}</Text>
      <QueryState query={q}>
        {() => {
          const d = q.data!;
          const rows = d.groups.map((g) => ({
            group: g.key,
            label: groupLabel(g.key),
            kind: g.kind,
            cases: g.cases,
            acknowledgementMedian: g.acknowledgement.medianMinutes,
            acknowledgementP90: g.acknowledgement.p90Minutes,
            firstResponseMedian: g.firstResponse.medianMinutes,
            firstResponseP90: g.firstResponse.p90Minutes,
          }));
          const overall = (
            label: string,
            x: { cases: number; acknowledgement: Wait; firstResponse: Wait },
            id: string,
          ) => (
            <Figure
              label={label}
              value={`${minutes(x.acknowledgement.medianMinutes)} / ${minutes(x.firstResponse.medianMinutes)}`}
              note={t('retention.fairness.overallNote', { n: x.cases })}
              testId={id}
            />
          );
          return (
            <>
              {d.flags.length > 0 ? (
                <Alert color="orange" title={t('retention.fairness.flagTitle')} data-testid="fairness-flags">
                  <List size="sm">
                    {d.flags.map((f) => (
                      <List.Item key={`${f.stage}-${f.band}-${f.comparedWith}`} data-testid="fairness-flag">
                        {t('retention.fairness.flag', {
                          stage: t(`retention.fairness.stages.${f.stage}`),
                          band: groupLabel(f.band),
                          other: groupLabel(f.comparedWith),
                          minutes: formatNumber(f.medianMinutes, 0),
                          otherMinutes: formatNumber(f.comparedMedianMinutes, 0),
                        })}
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              ) : (
                <Alert color="green" title={t('retention.fairness.noFlagTitle')}>
                  {t('retention.fairness.noFlag')}
                </Alert>
              )}
              <SimpleGrid cols={{ base: 1, xs: 2 }}>
                {overall(t('retention.fairness.customers'), d.customers, 'fairness-customers')}
                {overall(t('retention.fairness.prospects'), d.prospects, 'fairness-prospects')}
              </SimpleGrid>
              <ChartCard
                title={t('retention.fairness.chartTitle')}
                csvName="queue-fairness"
                rows={rows}
                columns={[
                  'group',
                  'kind',
                  'cases',
                  'acknowledgementMedian',
                  'acknowledgementP90',
                  'firstResponseMedian',
                  'firstResponseP90',
                ]}
                note={t('retention.fairness.note')}
              >
                <BarChart
                  h={260}
                  data={rows}
                  dataKey="label"
                  withLegend
                  valueFormatter={(v) => minutes(v)}
                  series={[
                    {
                      name: 'acknowledgementMedian',
                      color: 'blue.8',
                      label: t('retention.fairness.stages.acknowledgement'),
                    },
                    {
                      name: 'firstResponseMedian',
                      color: 'orange.8',
                      label: t('retention.fairness.stages.firstResponse'),
                    },
                  ]}
                />
                <Table.ScrollContainer minWidth={260}>
                  <Table
                    mt="sm"
                    fz="sm"
                    aria-label={t('retention.fairness.tableTitle')}
                    data-testid="fairness-table"
                  >
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('retention.fairness.group')}</Table.Th>
                        <Table.Th ta="right">{t('retention.fairness.cases')}</Table.Th>
                        <Table.Th ta="right">{t('retention.fairness.ackShort')}</Table.Th>
                        <Table.Th ta="right">{t('retention.fairness.firstShort')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {d.groups.map((g) => (
                        <Table.Tr key={g.key} data-testid={`fairness-row-${g.key}`}>
                          <Table.Th>{groupLabel(g.key)}</Table.Th>
                          <Table.Td ta="right">{g.cases}</Table.Td>
                          <Table.Td ta="right">
                            {minutes(g.acknowledgement.medianMinutes)}
                            <Text size="xs" c="dimmed">
                              p90 {minutes(g.acknowledgement.p90Minutes)}
                            </Text>
                          </Table.Td>
                          <Table.Td ta="right">
                            {minutes(g.firstResponse.medianMinutes)}
                            <Text size="xs" c="dimmed">
                              p90 {minutes(g.firstResponse.p90Minutes)}
                            </Text>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </ChartCard>
              <Anchor href={exportUrl('queue-fairness', period)} download size="sm">
                {t('retention.common.exportCsv')}
              </Anchor>
            </>
          );
        }}
      </QueryState>
    </Stack>
  );
}
