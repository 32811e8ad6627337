// How well the at-risk list picks customers who really stopped buying, judged on the holdout the
// latest scoring run held back: the share of flagged repeat customers (and of the top of the list)
// who bought nothing in that period, against the same share among all repeat customers.
import { Alert, List, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isRouteMissing } from '../../components/ErrorAlert';
import { ApiError, apiGet } from '../../lib/api';
import { formatDate, formatNumber, formatPercent } from '../../lib/format';
import type { Diagnostics } from '../../lib/types';
import { churnKeys } from './churn.keys';

export function ListCheck() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: churnKeys.diagnostics(),
    queryFn: () =>
      apiGet<Diagnostics>('/churn/diagnostics').catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404 && !isRouteMissing(err)) return null;
        throw err;
      }),
  });
  const check = query.data?.listCheck;
  if (!check) return null;
  if (!check.available)
    return (
      <Text size="sm" c="dimmed" data-testid="list-check">
        {t('atRisk.check.none', { threshold: formatPercent(check.pAliveBelow) })}
      </Text>
    );
  return (
    <Alert variant="light" color="blue" title={t('atRisk.check.title')} data-testid="list-check">
      <Stack gap={4}>
        <Text size="sm">
          {t('atRisk.check.period', {
            from: formatDate(check.calibrationEnd),
            to: formatDate(check.holdoutEnd),
            threshold: formatPercent(check.pAliveBelow),
          })}
        </Text>
        <List size="sm">
          <List.Item>
            {t('atRisk.check.flagged', {
              count: check.flagged.customers,
              share: formatPercent(check.flagged.noPurchaseShare),
              lift: formatNumber(check.flagged.lift, 1),
            })}
          </List.Item>
          <List.Item>
            {t('atRisk.check.top', {
              count: check.top.customers,
              capacity: check.capacity,
              share: formatPercent(check.top.noPurchaseShare),
              lift: formatNumber(check.top.lift, 1),
            })}
          </List.Item>
          <List.Item>
            {t('atRisk.check.base', {
              count: check.repeatCustomers.customers,
              share: formatPercent(check.repeatCustomers.noPurchaseShare),
            })}
          </List.Item>
        </List>
      </Stack>
    </Alert>
  );
}
