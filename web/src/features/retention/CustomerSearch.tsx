// Finds a customer by name or number and shows the chosen one with a "change" button.
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomer, useCustomers } from '../customers/customers.api';

export function CustomerSearch({
  value,
  onChange,
  testId,
}: {
  value: string;
  onChange: (id: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const chosen = useCustomer(value);
  const list = useCustomers({ q: debounced || undefined });
  if (value)
    return (
      <Group gap="xs">
        <Text size="sm">{t('retention.common.customer')}:</Text>
        <Text fw={600} className="sk-pre" data-testid={testId}>
          {chosen.data?.name ?? value}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={() => onChange('')}>
          {t('retention.common.changeCustomer')}
        </Button>
      </Group>
    );
  const items = debounced ? (list.data?.pages[0]?.items ?? []).slice(0, 8) : [];
  return (
    <Stack gap={4}>
      <TextInput
        label={t('retention.common.findCustomer')}
        type="search"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      {items.map((c) => (
        <Button
          key={c.id}
          variant="subtle"
          justify="flex-start"
          onClick={() => onChange(c.id)}
          styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
        >
          {c.name} · {c.number}
        </Button>
      ))}
    </Stack>
  );
}
