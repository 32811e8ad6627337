// The customer list: search, filters by tier/status/language, cursor paging, and "new customer".
import { Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Empty, LoadMore, TierBadge } from '../../components/bits';
import { formatMoney, formatNumber } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { NewCustomerModal } from './NewCustomerModal';
import { useCustomers, useTierRules } from './customers.api';

export default function CustomersPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [tier, setTier] = useState('');
  const [status, setStatus] = useState('');
  const [locale, setLocale] = useState('');
  const [creating, setCreating] = useState(false);
  const [debouncedQ] = useDebouncedValue(q.trim(), 250);
  const tiers = useTierRules();
  const list = useCustomers({
    q: debouncedQ || undefined,
    tier: tier || undefined,
    status: status || undefined,
    locale: locale || undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('customers.title')}</Title>
        <Button onClick={() => setCreating(true)}>{t('customers.new')}</Button>
      </Group>
      <Group align="flex-end" wrap="wrap" role="search">
        <TextInput
          label={t('customers.search')}
          placeholder={t('customers.searchPlaceholder')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={280}
        />
        <NativeSelect
          label={t('customers.tier')}
          value={tier}
          onChange={(e) => setTier(e.currentTarget.value)}
          data={[
            { value: '', label: t('common.all') },
            ...(tiers.data?.rules ?? []).map((r) => ({ value: r.tier, label: r.tier })),
          ]}
        />
        <NativeSelect
          label={t('customers.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[
            { value: '', label: t('common.all') },
            ...['active', 'prospect', 'lost', 'erased'].map((s) => ({
              value: s,
              label: t(`customerStatus.${s}`),
            })),
          ]}
        />
        <NativeSelect
          label={t('customers.locale')}
          value={locale}
          onChange={(e) => setLocale(e.currentTarget.value)}
          data={[
            { value: '', label: t('common.all') },
            { value: 'de', label: t('language.de') },
            { value: 'en', label: t('language.en') },
          ]}
        />
      </Group>
      {list.error && <ErrorAlert error={list.error} />}
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover aria-label={t('customers.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('customers.number')}</Table.Th>
              <Table.Th>{t('customers.name')}</Table.Th>
              <Table.Th>{t('customers.tier')}</Table.Th>
              <Table.Th>{t('customers.tenure')}</Table.Th>
              <Table.Th>{t('customers.email')}</Table.Th>
              <Table.Th>{t('customers.status')}</Table.Th>
              <Table.Th ta="right">{t('customers.revenue12m')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr
                key={c.id}
                className="sk-clickable-row"
                onClick={() => navigate(`/customers/${c.id}`)}
              >
                <Table.Td>{c.number}</Table.Td>
                <Table.Td>
                  <Link href={`/customers/${c.id}`} onClick={(e) => e.stopPropagation()}>
                    {c.name}
                  </Link>
                </Table.Td>
                <Table.Td>
                  <TierBadge tier={c.tier} />
                </Table.Td>
                <Table.Td>{t('customers.years', { n: formatNumber(c.tenureYears) })}</Table.Td>
                <Table.Td>{c.email ?? '–'}</Table.Td>
                <Table.Td>{t(`customerStatus.${c.status}`)}</Table.Td>
                <Table.Td ta="right">{formatMoney(c.revenue12mMinor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!list.isPending && rows.length === 0 && <Empty>{t('customers.none')}</Empty>}
      {list.isPending && <Text size="sm">{t('common.loading')}</Text>}
      <LoadMore
        hasNext={!!list.hasNextPage}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
      <NewCustomerModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
