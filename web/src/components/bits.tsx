// Small shared pieces: tier badge, section card, "load more" button, empty and unavailable notices.
import { Badge, Button, Card, Center, Group, Loader, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, isRouteMissing } from './ErrorAlert';

const TIER_COLORS: Record<string, string> = {
  gold: 'yellow',
  silver: 'gray',
  bronze: 'orange',
  platinum: 'grape',
};

export function TierBadge({ tier }: { tier: string }) {
  return (
    <Badge color={TIER_COLORS[tier.toLowerCase()] ?? 'blue'} variant="light" autoContrast>
      {tier}
    </Badge>
  );
}

export function Section({
  title,
  actions,
  children,
  id,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  id?: string;
}) {
  return (
    <Card withBorder component="section" aria-labelledby={id} padding="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Card>
  );
}

/** Loading, error and "this part is not on the server yet" states of a query, then the content. */
export function QueryState({
  query,
  children,
}: {
  query: { isPending: boolean; error: unknown };
  children: () => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.error) {
    if (isRouteMissing(query.error))
      return (
        <Text size="sm" c="dimmed">
          {t('common.notAvailable')}
        </Text>
      );
    return <ErrorAlert error={query.error} />;
  }
  if (query.isPending)
    return (
      <Center p="md">
        <Loader size="sm" aria-label={t('common.loading')} />
      </Center>
    );
  return <>{children()}</>;
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed">
      {children ?? t('common.empty')}
    </Text>
  );
}

export function LoadMore({
  hasNext,
  loading,
  onClick,
}: {
  hasNext: boolean;
  loading: boolean;
  onClick: () => void;
}) {
  const { t } = useTranslation();
  if (!hasNext) return null;
  return (
    <Center mt="sm">
      <Button variant="default" loading={loading} onClick={onClick}>
        {t('common.loadMore')}
      </Button>
    </Center>
  );
}
