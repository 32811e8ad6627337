// The company-level loyalty-penalty figure for the dashboard: what loyal customers overpay per year
// compared with today's new-customer prices (managers; the API allows no one else).
import { Anchor, Card, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../lib/format';
import { Link } from '../../lib/router';
import { isManager, useSession } from '../../lib/session';
import { useLoyaltySummary } from './retention.api';

export function OverpayFigure() {
  const { t } = useTranslation();
  const { user } = useSession();
  const manager = isManager(user?.role);
  const summary = useLoyaltySummary(manager);
  if (!manager || !summary.data) return null;
  const s = summary.data;
  return (
    <Card withBorder padding="sm" data-testid="dashboard-overpay">
      <Text size="xs" c="dimmed">
        {t('retention.overpay.label')}
      </Text>
      <Text fw={700} size="xl" data-testid="dashboard-overpay-value">
        {t('retention.overpay.value', { amount: formatMoney(s.totalPerYearMinor, s.currency) })}
      </Text>
      <Text size="xs" c="dimmed">
        {t('retention.overpay.note', { customers: s.customers, contracts: s.contracts })}{' '}
        <Anchor component={Link} href="/retention/loyalty" size="xs">
          {t('retention.overpay.link')}
        </Anchor>
      </Text>
    </Card>
  );
}
