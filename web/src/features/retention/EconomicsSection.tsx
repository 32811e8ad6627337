// Economics of keeping customers: value lost to churn, value at risk, goodwill cost versus value
// retained after recovered complaints, the measured recovery rate, and the word-of-mouth estimate
// with its assumptions.
import { BarChart } from '@mantine/charts';
import { Anchor, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/bits';
import { formatMoney, formatNumber, formatPercent } from '../../lib/format';
import { toMajor, toMinor } from '../../lib/money';
import { ChartCard } from '../charts/ChartCard';
import { Figure } from './Figure';
import type { Period } from './period';
import { exportUrl, useEconomics } from './retention.api';

export default function EconomicsSection({ period }: { period: Period }) {
  const { t } = useTranslation();
  const q = useEconomics(period);
  return (
    <Stack>
      <Text size="sm">{t('retention.economics.intro')}</Text>
      <QueryState query={q}>
        {() => {
          const e = q.data!;
          const money = (m: number) => formatMoney(m, e.currency);
          const recoveryRows = [
            { group: t('retention.economics.complainants'), key: 'complainants', ...e.recovery.complainants },
            {
              group: t('retention.economics.nonComplainants'),
              key: 'nonComplainants',
              ...e.recovery.nonComplainants,
            },
          ].map((r) => ({ ...r, percent: r.rate === null ? null : Math.round(r.rate * 1000) / 10 }));
          const goodwillRows = [
            {
              item: t('retention.economics.goodwillCost'),
              key: 'goodwillCost',
              amountMinor: e.goodwill.costMinor,
            },
            {
              item: t('retention.economics.retainedValue'),
              key: 'retainedValue',
              amountMinor: e.goodwill.retainedValueMinor,
            },
          ].map((r) => ({ ...r, amount: toMajor(r.amountMinor, e.currency) }));
          return (
            <>
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
                <Figure
                  label={t('retention.economics.lostValue')}
                  value={money(e.valueLostToChurn.amountMinor)}
                  note={t('retention.economics.lostValueNote', {
                    n: e.valueLostToChurn.customers,
                    clv: e.valueLostToChurn.clvBased,
                    revenue: e.valueLostToChurn.revenueBased,
                  })}
                  testId="eco-lost"
                  strong
                />
                <Figure
                  label={t('retention.economics.atRisk')}
                  value={money(e.valueAtRisk.amountMinor)}
                  note={t('retention.economics.atRiskNote', { n: e.valueAtRisk.customers })}
                  testId="eco-risk"
                  strong
                />
                <Figure
                  label={t('retention.economics.goodwillVsRetained')}
                  value={`${money(e.goodwill.costMinor)} / ${money(e.goodwill.retainedValueMinor)}`}
                  note={t('retention.economics.retainedNote', { n: e.goodwill.retainedCustomers })}
                  testId="eco-goodwill"
                />
                <Figure
                  label={t('retention.economics.recovery', { months: e.recovery.months })}
                  value={`${formatPercent(e.recovery.complainants.rate, 1)} / ${formatPercent(e.recovery.nonComplainants.rate, 1)}`}
                  note={t('retention.economics.recoveryNote', {
                    a: e.recovery.complainants.repurchased,
                    n: e.recovery.complainants.n,
                    b: e.recovery.nonComplainants.repurchased,
                    m: e.recovery.nonComplainants.n,
                  })}
                  testId="eco-recovery"
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, lg: 2 }}>
                <ChartCard
                  title={t('retention.economics.recoveryChart', { months: e.recovery.months })}
                  csvName="recovery-rate"
                  rows={recoveryRows.map(({ key, n, repurchased, rate }) => ({
                    group: key,
                    n,
                    repurchased,
                    rate,
                  }))}
                  note={t('retention.economics.recoveryMethod')}
                >
                  <BarChart
                    h={200}
                    data={recoveryRows}
                    dataKey="group"
                    yAxisProps={{ domain: [0, 100] }}
                    valueFormatter={(v) => `${formatNumber(v, 1)} %`}
                    series={[
                      { name: 'percent', color: 'teal.8', label: t('retention.economics.repurchaseRate') },
                    ]}
                  />
                </ChartCard>
                <ChartCard
                  title={t('retention.economics.goodwillChart')}
                  csvName="goodwill-vs-retained"
                  rows={goodwillRows.map(({ key, amountMinor }) => ({
                    item: key,
                    currency: e.currency,
                    amountMinor,
                  }))}
                  note={t('retention.economics.goodwillNote')}
                >
                  <BarChart
                    h={200}
                    data={goodwillRows}
                    dataKey="item"
                    valueFormatter={(v) => money(toMinor(v, e.currency))}
                    series={[{ name: 'amount', color: 'yellow.8', label: t('retention.economics.amount') }]}
                  />
                </ChartCard>
              </SimpleGrid>
              <Card
                withBorder
                component="section"
                aria-labelledby="eco-wom-title"
                padding="md"
                data-testid="eco-wom"
              >
                <Title order={2} size="h4" id="eco-wom-title">
                  {t('retention.economics.womTitle')}
                </Title>
                <Text fw={700} size="xl" mt="xs" data-testid="eco-wom-value">
                  {t('retention.economics.womValue', { n: formatNumber(e.wordOfMouth.estimatedReach, 0) })}
                </Text>
                <Text size="sm">
                  {t('retention.economics.womCalc', {
                    unhappy: e.wordOfMouth.unhappyCustomers,
                    told: formatNumber(e.wordOfMouth.peopleToldPerUnhappyCustomer, 1),
                  })}
                </Text>
                <Text size="sm" fw={600} mt="xs">
                  {t('retention.economics.assumptions')}
                </Text>
                <List size="sm">
                  {e.wordOfMouth.assumptions.map((a) => (
                    <List.Item key={a}>{a}</List.Item>
                  ))}
                </List>
              </Card>
              <Anchor href={exportUrl('economics', period)} download size="sm">
                {t('retention.common.exportCsv')}
              </Anchor>
            </>
          );
        }}
      </QueryState>
    </Stack>
  );
}
