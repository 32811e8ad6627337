// A due time with the time left (red when passed, orange when close), refreshed every half minute.
import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../lib/format';

export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function SlaClock({
  dueAt,
  doneAt,
  paused,
  compact,
}: {
  dueAt: string | null;
  doneAt?: string | null;
  paused?: boolean;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const now = useNow();
  if (doneAt) return <Text size="sm">{t('sla.doneAt', { at: formatDateTime(doneAt) })}</Text>;
  if (paused)
    return (
      <Text size="sm" c="dimmed">
        {t('sla.paused')}
      </Text>
    );
  if (!dueAt) return <Text size="sm">–</Text>;
  const left = new Date(dueAt).getTime() - now;
  const color = left < 0 ? 'red.8' : left < 4 * 3600_000 ? 'orange.9' : undefined;
  const rel = formatRelative(dueAt, now);
  return (
    <Text size="sm" c={color} fw={left < 0 ? 700 : undefined} title={formatDateTime(dueAt)}>
      {left < 0
        ? t('sla.overdue', { rel })
        : compact
          ? rel
          : t('sla.due', { at: formatDateTime(dueAt), rel })}
    </Text>
  );
}
