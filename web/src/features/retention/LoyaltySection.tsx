// Loyalty penalty: customers who pay more than today's new-customer price for the same product, by
// how much per year and since when; a manager applies the new-customer price or records why not.
import { Anchor, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Empty, QueryState } from '../../components/bits';
import { formatDate, formatMoney, formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';
import { Figure } from './Figure';
import { ReasonModal } from './ReasonModal';
import {
  type ContractPenalty,
  exportUrl,
  type LoyaltyPenaltyItem,
  useLoyaltyDecision,
  useLoyaltyPenalties,
  useLoyaltySummary,
} from './retention.api';

/** "Keep the price": the manager's decision against applying the new-customer price, with the reason. */
function DismissModal({
  contract,
  customerName,
  onClose,
}: {
  contract: ContractPenalty | null;
  customerName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const decide = useLoyaltyDecision();
  return (
    <ReasonModal
      opened={contract !== null}
      title={t('retention.loyalty.dismissTitle')}
      subject={`${customerName} · ${contract?.productCode ?? ''}`}
      label={t('retention.loyalty.dismissReason')}
      hint={t('retention.loyalty.dismissHint')}
      saveText={t('retention.loyalty.dismissSave')}
      save={{
        mutate: (reason, options) => decide.mutate({ contractId: contract!.contractId, reason }, options),
        error: decide.error,
        isPending: decide.isPending,
      }}
      onClose={onClose}
    />
  );
}

function CustomerPenalty({
  item,
  onDismiss,
}: {
  item: LoyaltyPenaltyItem;
  onDismiss: (c: ContractPenalty, name: string) => void;
}) {
  const { t } = useTranslation();
  const decide = useLoyaltyDecision();
  const headingId = `lp-${item.customerId}`;
  return (
    <Card
      withBorder
      component="article"
      aria-labelledby={headingId}
      data-testid="loyalty-customer"
      padding="sm"
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Title order={3} size="h5" id={headingId}>
            <Link href={`/customers/${item.customerId}`} className="sk-pre">
              {item.customerName}
            </Link>
          </Title>
          <Text size="xs" c="dimmed">
            {item.customerNumber} ·{' '}
            {t('retention.loyalty.tenure', { years: formatNumber(item.tenureYears, 1) })}
          </Text>
        </div>
        <div style={{ textAlign: 'right' }}>
          <Text fw={700} data-testid="loyalty-overpay">
            {t('retention.loyalty.perYear', {
              amount: formatMoney(item.overpaymentPerYearMinor, item.currency),
            })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('retention.loyalty.since', { date: formatDate(item.since) })}
          </Text>
        </div>
      </Group>
      <Stack gap="xs" mt="xs">
        {item.contracts.map((c) => (
          <Paper key={c.contractId} withBorder p="xs" data-testid="loyalty-contract">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {c.productCode}
                </Text>
                <Text size="xs">
                  {t('retention.loyalty.pays', {
                    price: formatMoney(c.priceMinor, item.currency),
                    newPrice: formatMoney(c.newCustomerPriceMinor, item.currency),
                    period: t(`retention.loyalty.billing.${c.billingPeriod}`, {
                      defaultValue: c.billingPeriod,
                    }),
                  })}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('retention.loyalty.contractOverpay', {
                    amount: formatMoney(c.overpaymentPerYearMinor, item.currency),
                    date: formatDate(c.since),
                  })}
                </Text>
              </div>
              <Group gap="xs" wrap="wrap">
                <Button
                  size="xs"
                  loading={decide.isPending && decide.variables?.contractId === c.contractId}
                  onClick={() => decide.mutate({ contractId: c.contractId })}
                  aria-label={t('retention.loyalty.applyLabel', {
                    product: c.productCode,
                    name: item.customerName,
                  })}
                >
                  {t('retention.loyalty.apply')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => onDismiss(c, item.customerName)}
                  aria-label={t('retention.loyalty.dismissLabel', {
                    product: c.productCode,
                    name: item.customerName,
                  })}
                >
                  {t('retention.loyalty.dismiss')}
                </Button>
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>
      {decide.error && <ErrorAlert error={decide.error} />}
    </Card>
  );
}

export default function LoyaltySection() {
  const { t } = useTranslation();
  const list = useLoyaltyPenalties();
  const summary = useLoyaltySummary();
  const [dismissing, setDismissing] = useState<{ contract: ContractPenalty; name: string } | null>(null);
  return (
    <Stack>
      <Text size="sm">{t('retention.loyalty.intro')}</Text>
      <QueryState query={summary}>
        {() => (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            <Figure
              label={t('retention.loyalty.total')}
              value={formatMoney(summary.data!.totalPerYearMinor, summary.data!.currency)}
              testId="loyalty-total"
              strong
            />
            <Figure
              label={t('retention.loyalty.customers')}
              value={formatNumber(summary.data!.customers, 0)}
            />
            <Figure
              label={t('retention.loyalty.contracts')}
              value={formatNumber(summary.data!.contracts, 0)}
            />
            <Figure
              label={t('retention.loyalty.dismissed')}
              value={formatNumber(summary.data!.dismissedContracts, 0)}
            />
          </SimpleGrid>
        )}
      </QueryState>
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4">
          {t('retention.loyalty.listTitle')}
        </Title>
        <Anchor href={exportUrl('loyalty-penalty')} download size="sm">
          {t('retention.common.exportCsv')}
        </Anchor>
      </Group>
      <QueryState query={list}>
        {() =>
          list.data!.items.length === 0 ? (
            <Empty>
              <Badge color="green" variant="light" autoContrast mr="xs">
                ✓
              </Badge>
              {t('retention.loyalty.none')}
            </Empty>
          ) : (
            <Stack gap="sm" data-testid="loyalty-list">
              {list.data!.items.map((item) => (
                <CustomerPenalty
                  key={item.customerId}
                  item={item}
                  onDismiss={(contract, name) => setDismissing({ contract, name })}
                />
              ))}
            </Stack>
          )
        }
      </QueryState>
      <DismissModal
        contract={dismissing?.contract ?? null}
        customerName={dismissing?.name ?? ''}
        onClose={() => setDismissing(null)}
      />
    </Stack>
  );
}
