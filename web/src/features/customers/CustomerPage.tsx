// Customer 360: profile, tier and tenure, consents, purchases, churn outlook, contracts, cases, surveys,
// tasks and the audit trail; GDPR export and erasure for admins.
import { Anchor, Badge, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState, Section, TierBadge } from '../../components/bits';
import { formatDate, formatMoney, formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';
import { isAdmin, isManager, useSession } from '../../lib/session';
import { TaskList } from '../tasks/TaskList';
import { ConsentSection } from './ConsentSection';
import { AuditTable } from './AuditTable';
import {
  CustomerCases,
  CustomerChurn,
  CustomerContracts,
  CustomerPurchases,
  CustomerSurveys,
} from './CustomerDomains';
import { GdprActions } from './GdprActions';
import { useCustomer, useCustomerAudit } from './customers.api';

export default function CustomerPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const customer = useCustomer(id);
  const audit = useCustomerAudit(id);
  const loaded = !!customer.data;
  useEffect(() => {
    // Links like /customers/:id#sec-tasks (from the at-risk list) scroll to their section.
    if (loaded && window.location.hash)
      document.getElementById(window.location.hash.slice(1))?.scrollIntoView();
  }, [loaded]);
  return (
    <QueryState query={customer}>
      {() => {
        const c = customer.data!;
        return (
          <Stack>
            <Anchor component={Link} href="/customers" size="sm">
              ← {t('customers.backToList')}
            </Anchor>
            <Group justify="space-between" align="flex-start" wrap="wrap">
              <Stack gap={4}>
                <Title order={1} data-testid="customer-name" className="sk-pre">
                  {c.name}
                </Title>
                <Group gap="xs">
                  <Text size="sm" c="dimmed">
                    {t('customers.numberShort', { number: c.number })}
                  </Text>
                  <TierBadge tier={c.tier} />
                  {c.tierPinned && (
                    <Badge variant="outline" color="gray">
                      {t('customers.tierPinned')}
                    </Badge>
                  )}
                  <Badge variant="light" color={c.status === 'active' ? 'green' : 'gray'} autoContrast>
                    {t(`customerStatus.${c.status}`)}
                  </Badge>
                  <Text size="sm">
                    {t('customers.tenureSince', {
                      years: formatNumber(c.tenureYears),
                      since: formatDate(c.customerSince),
                    })}
                  </Text>
                </Group>
              </Stack>
              <Group gap="xs">
                <Anchor component={Link} href={`/cases/new?customerId=${c.id}`}>
                  {t('cases.new')}
                </Anchor>
                {isManager(user?.role) && c.status === 'active' && (
                  <Anchor component={Link} href={`/retention/lost?customerId=${c.id}&source=manual`}>
                    {t('retention.lost.confirmLink')}
                  </Anchor>
                )}
                {isAdmin(user?.role) && <GdprActions customer={c} />}
              </Group>
            </Group>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Section title={t('customers.profile')} id="sec-profile">
                <Table variant="vertical" withRowBorders={false}>
                  <Table.Tbody>
                    <Row label={t('customers.email')} value={c.email} />
                    <Row label={t('customers.phone')} value={c.phone} />
                    <Row label={t('customers.locale')} value={t(`language.${c.locale}`)} />
                    <Row label={t('customers.customerSince')} value={formatDate(c.customerSince)} />
                    <Row label={t('customers.revenue12m')} value={formatMoney(c.revenue12mMinor)} />
                    <Row label={t('customers.tags')} value={c.tags.join(', ')} />
                    <Row label={t('customers.externalRef')} value={c.externalRef} />
                  </Table.Tbody>
                </Table>
              </Section>
              <CustomerChurn customerId={c.id} />
            </SimpleGrid>
            <CustomerPurchases customerId={c.id} />
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <CustomerCases customerId={c.id} />
              <Section title={t('tasks.title')} id="sec-tasks">
                <TaskList filters={{ customerId: c.id }} showCustomer={false} />
              </Section>
            </SimpleGrid>
            <CustomerContracts customerId={c.id} />
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <CustomerSurveys customerId={c.id} />
              <ConsentSection customerId={c.id} />
            </SimpleGrid>
            <Section title={t('audit.title')} id="sec-audit">
              <QueryState query={audit}>{() => <AuditTable entries={audit.data!.items} />}</QueryState>
            </Section>
          </Stack>
        );
      }}
    </QueryState>
  );
}

function Row({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <Table.Tr>
      <Table.Th w={170}>{label}</Table.Th>
      <Table.Td className="sk-pre">{value || '–'}</Table.Td>
    </Table.Tr>
  );
}
