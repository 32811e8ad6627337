// One key figure in a small card: a label, the value, and an optional line below.
import { Card, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export function Figure({
  label,
  value,
  note,
  testId,
  strong,
}: {
  label: string;
  value: string;
  note?: ReactNode;
  testId?: string;
  strong?: boolean;
}) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size={strong ? 'xl' : 'lg'} data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Card>
  );
}
