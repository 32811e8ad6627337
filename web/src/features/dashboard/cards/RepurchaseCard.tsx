// The repurchase matrix: share of customers buying again by satisfaction with the sale and with the
// after-sales service. Its API has no grouping; the note says so when a grouping is chosen.
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/bits';
import { formatPercent } from '../../../lib/format';
import { ChartCard } from '../../charts/ChartCard';
import { useRepurchase } from '../dashboard.api';
import type { DashboardView } from '../view';

export function RepurchaseCard({ view }: { view: DashboardView }) {
  const { t } = useTranslation();
  const repurchase = useRepurchase();
  const label = (satisfied: boolean) => (satisfied ? t('dashboard.satisfied') : t('dashboard.unsatisfied'));
  const rows = (repurchase.data?.cells ?? []).map((c) => ({
    sale: label(c.saleSatisfied),
    afterSales: label(c.afterSalesSatisfied),
    saleSatisfied: c.saleSatisfied,
    afterSalesSatisfied: c.afterSalesSatisfied,
    n: c.n,
    repurchased: c.repurchased,
    rate: c.rate,
    openWindow: c.openWindow,
  }));
  const cell = (sale: boolean, after: boolean) =>
    rows.find((r) => r.saleSatisfied === sale && r.afterSalesSatisfied === after);
  return (
    <QueryState query={repurchase}>
      {() => (
        <ChartCard
          title={t('dashboard.repurchase', { months: repurchase.data!.months })}
          csvName="repurchase-matrix"
          rows={rows}
          columns={['saleSatisfied', 'afterSalesSatisfied', 'n', 'repurchased', 'rate', 'openWindow']}
          note={[t('dashboard.repurchaseNote'), view.grouped ? t('dashboard.group.notSplit') : '']
            .filter(Boolean)
            .join(' ')}
        >
          <Table
            withTableBorder
            withColumnBorders
            ta="center"
            aria-label={t('dashboard.repurchase', { months: repurchase.data!.months })}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dashboard.saleVsAfterSales')}</Table.Th>
                <Table.Th ta="center">
                  {t('dashboard.afterSales')}: {t('dashboard.satisfied')}
                </Table.Th>
                <Table.Th ta="center">
                  {t('dashboard.afterSales')}: {t('dashboard.unsatisfied')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[true, false].map((sale) => (
                <Table.Tr key={String(sale)}>
                  <Table.Th>
                    {t('dashboard.sale')}: {label(sale)}
                  </Table.Th>
                  {[true, false].map((after) => {
                    const c = cell(sale, after);
                    return (
                      <Table.Td key={String(after)}>
                        <Text fw={700} size="lg">
                          {formatPercent(c?.rate ?? null)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t('dashboard.ofN', { repurchased: c?.repurchased ?? 0, n: c?.n ?? 0 })}
                        </Text>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ChartCard>
      )}
    </QueryState>
  );
}
