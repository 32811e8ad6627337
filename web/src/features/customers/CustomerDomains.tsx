// Customer 360 sections fed by other domains: purchases over time, churn outlook (P(alive), value),
// contracts against the new-customer price, cases and survey answers.
import { Badge, Stack, Table, Text } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, QueryState, Section } from '../../components/bits';
import { apiGet, type Page } from '../../lib/api';
import { formatDate, formatMoney, formatNumber, formatPercent } from '../../lib/format';
import { toMajor } from '../../lib/money';
import { Link } from '../../lib/router';
import type { Answer, Contract, InboxItem, ProductPrice, Purchase, Score } from '../../lib/types';
import { StatusBadge } from '../cases/badges';
import { caseKeys } from '../cases/cases.keys';
import type { MonthRow } from './CustomerCharts';
import { customerKeys } from './customers.keys';

const CustomerCharts = lazy(() => import('./CustomerCharts'));

function usePurchases(customerId: string) {
  return useQuery({
    queryKey: customerKeys.purchases(customerId),
    queryFn: () => apiGet<Page<Purchase>>(`/customers/${customerId}/purchases`, { limit: 500 }),
  });
}

function useScores(customerId: string) {
  return useQuery({
    queryKey: customerKeys.scores(customerId),
    queryFn: () => apiGet<{ items: Score[] }>(`/churn/customers/${customerId}`),
  });
}

/** Purchases per month (the chart's amount in the major unit of `currency`, the customer's first). */
function byMonth(purchases: Purchase[], currency: string): MonthRow[] {
  const map = new Map<string, MonthRow>();
  for (const p of purchases) {
    const month = p.purchasedAt.slice(0, 7);
    const row = map.get(month) ?? { month, purchases: 0, amountMinor: 0, amount: 0 };
    row.purchases += 1;
    row.amountMinor += p.amountMinor;
    row.amount = toMajor(row.amountMinor, currency);
    map.set(month, row);
  }
  return [...map.values()].sort((a, b) => a.month.localeCompare(b.month));
}

export function CustomerPurchases({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const purchases = usePurchases(customerId);
  const scores = useScores(customerId);
  const items = purchases.data?.items ?? [];
  const currency = items[0]?.currency ?? 'EUR';
  const pAlive = (scores.data?.items ?? [])
    .map((s) => ({ at: s.at.slice(0, 10), pAlive: s.pAlive, expectedPurchases: s.expectedPurchases }))
    .sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Section title={t('purchases.title')} id="sec-purchases">
      <QueryState query={purchases}>
        {() =>
          items.length === 0 ? (
            <Empty>{t('purchases.none')}</Empty>
          ) : (
            <Stack>
              <Suspense fallback={<Text size="sm">{t('common.loading')}</Text>}>
                <CustomerCharts months={byMonth(items, currency)} pAlive={pAlive} currency={currency} />
              </Suspense>
              <Table.ScrollContainer minWidth={480} mah={240}>
                <Table fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('purchases.date')}</Table.Th>
                      <Table.Th>{t('purchases.kind')}</Table.Th>
                      <Table.Th>{t('purchases.product')}</Table.Th>
                      <Table.Th ta="right">{t('purchases.amount')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.slice(0, 50).map((p) => (
                      <Table.Tr key={p.id}>
                        <Table.Td>{formatDate(p.purchasedAt)}</Table.Td>
                        <Table.Td>{t(`purchases.kinds.${p.kind}`, { defaultValue: p.kind })}</Table.Td>
                        <Table.Td className="sk-pre">{p.productCode ?? p.description ?? '–'}</Table.Td>
                        <Table.Td ta="right">{formatMoney(p.amountMinor, p.currency)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          )
        }
      </QueryState>
    </Section>
  );
}

export function CustomerChurn({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const scores = useScores(customerId);
  return (
    <Section title={t('churn.outlook')} id="sec-churn">
      <QueryState query={scores}>
        {() => {
          const latest = [...scores.data!.items].sort((a, b) => b.at.localeCompare(a.at))[0];
          if (!latest) return <Empty>{t('churn.notScored')}</Empty>;
          return (
            <Table variant="vertical" withRowBorders={false} fz="sm">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={200}>{t('churn.pAlive')}</Table.Th>
                  <Table.Td>
                    {formatPercent(latest.pAlive)}
                    {latest.previousPAlive !== null &&
                      ` (${t('churn.before', { value: formatPercent(latest.previousPAlive) })})`}
                    {latest.atRisk && (
                      <Badge ml="xs" color="red" variant="light" autoContrast>
                        {t('churn.atRisk')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('churn.expectedPurchases')}</Table.Th>
                  <Table.Td>{formatNumber(latest.expectedPurchases, 2)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('churn.clv')}</Table.Th>
                  <Table.Td>{formatMoney(latest.clvMinor, latest.currency)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('churn.valueAtRisk')}</Table.Th>
                  <Table.Td>
                    {formatMoney(latest.valueAtRiskMinor, latest.currency)}
                    <Text size="xs" c="dimmed">
                      {t('churn.valueAtRiskHint', {
                        ifStays: formatMoney(latest.valueIfStaysMinor, latest.currency),
                      })}
                    </Text>
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('churn.cadence')}</Table.Th>
                  <Table.Td>
                    {t('churn.cadenceText', {
                      days: formatNumber(latest.daysSinceLast, 0),
                      usual: latest.usualGapDays === null ? '–' : formatNumber(latest.usualGapDays, 0),
                    })}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('churn.scoredAt')}</Table.Th>
                  <Table.Td>
                    {formatDate(latest.at)} · {latest.model}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          );
        }}
      </QueryState>
    </Section>
  );
}

export function CustomerContracts({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const contracts = useQuery({
    queryKey: customerKeys.contracts(customerId),
    queryFn: () => apiGet<{ items: Contract[] }>(`/customers/${customerId}/contracts`),
  });
  const productIds = [...new Set((contracts.data?.items ?? []).map((c) => c.productId))];
  const prices = useQueries({
    queries: productIds.map((id) => ({
      queryKey: customerKeys.newCustomerPrice(id),
      queryFn: () => apiGet<ProductPrice>(`/products/${id}/new-customer-price`).catch(() => null),
      staleTime: 300_000,
    })),
  });
  const priceOf = (productId: string) => prices[productIds.indexOf(productId)]?.data ?? null;
  return (
    <Section title={t('contracts.title')} id="sec-contracts">
      <QueryState query={contracts}>
        {() =>
          contracts.data!.items.length === 0 ? (
            <Empty />
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('contracts.product')}</Table.Th>
                    <Table.Th>{t('contracts.since')}</Table.Th>
                    <Table.Th>{t('contracts.status')}</Table.Th>
                    <Table.Th ta="right">{t('contracts.price')}</Table.Th>
                    <Table.Th ta="right">{t('contracts.newCustomerPrice')}</Table.Th>
                    <Table.Th>{t('contracts.comparison')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {contracts.data!.items.map((c) => {
                    const nc = priceOf(c.productId);
                    const comparable =
                      nc && nc.billingPeriod === c.billingPeriod && nc.currency === c.currency;
                    const diff = comparable ? c.priceMinor - nc.priceMinor : null;
                    return (
                      <Table.Tr key={c.id} data-testid="contract">
                        <Table.Td>{c.productCode}</Table.Td>
                        <Table.Td>{formatDate(c.startedAt)}</Table.Td>
                        <Table.Td>{t(`contracts.statuses.${c.status}`, { defaultValue: c.status })}</Table.Td>
                        <Table.Td ta="right">
                          {formatMoney(c.priceMinor, c.currency)} /{' '}
                          {t(`contracts.periods.${c.billingPeriod}`, { defaultValue: c.billingPeriod })}
                        </Table.Td>
                        <Table.Td ta="right">{nc ? formatMoney(nc.priceMinor, nc.currency) : '–'}</Table.Td>
                        <Table.Td>
                          {diff === null ? (
                            '–'
                          ) : diff > 0 ? (
                            <Badge color="red" variant="light" autoContrast>
                              {t('contracts.paysMore', { amount: formatMoney(diff, c.currency) })}
                            </Badge>
                          ) : (
                            <Badge color="green" variant="light" autoContrast>
                              {t('contracts.fair')}
                            </Badge>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Section>
  );
}

const CASE_STATES = ['', 'resolved', 'closed'];

export function CustomerCases({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  // The inbox lists open cases by default; resolved and closed ones are asked for by state.
  const results = useQueries({
    queries: CASE_STATES.map((state) => ({
      queryKey: caseKeys.ofCustomer(customerId, state),
      queryFn: () =>
        apiGet<Page<InboxItem>>('/cases/inbox', { customerId, state: state || undefined, limit: 100 }),
    })),
  });
  const first = results.find((r) => r.error) ?? results[0];
  const items = results
    .flatMap((r) => r.data?.items ?? [])
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  return (
    <Section title={t('cases.title')} id="sec-cases">
      <QueryState query={{ isPending: results.some((r) => r.isPending), error: first.error }}>
        {() =>
          items.length === 0 ? (
            <Empty />
          ) : (
            <Stack gap={6}>
              {items.map((c) => (
                <Stack key={c.id} gap={0}>
                  <Text size="sm">
                    <Link href={`/cases/${c.id}`}>{c.reference}</Link> · {formatDate(c.receivedAt)}{' '}
                    <StatusBadge status={c.status} />
                  </Text>
                </Stack>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Section>
  );
}

export function CustomerSurveys({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const answers = useQuery({
    queryKey: customerKeys.answers(customerId),
    queryFn: () => apiGet<Page<Answer>>('/surveys/answers', { customerId, limit: 100 }),
  });
  return (
    <Section title={t('surveys.title')} id="sec-surveys">
      <QueryState query={answers}>
        {() =>
          answers.data!.items.length === 0 ? (
            <Empty />
          ) : (
            <Stack gap="xs">
              {answers.data!.items.map((a) => (
                <Stack key={a.id} gap={2}>
                  <Text size="sm">
                    <b>{a.scale.toUpperCase()}</b> {a.score ?? '–'} · {a.definitionCode} ·{' '}
                    {formatDate(a.answeredAt)}
                    {a.touchpointCode ? ` · ${a.touchpointCode}` : ''}
                    {a.praise && (
                      <Badge ml="xs" size="xs" color="green" variant="light" autoContrast>
                        {t('surveys.praise')}
                      </Badge>
                    )}
                  </Text>
                  {a.comment && (
                    <Text size="sm" className="sk-pre" c="dimmed">
                      {a.comment}
                    </Text>
                  )}
                </Stack>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Section>
  );
}
