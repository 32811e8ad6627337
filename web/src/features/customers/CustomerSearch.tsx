// Finds a customer by name or number and shows the chosen one with a "change" button; used wherever
// a form needs one customer (complaint intake, lost customers, positive surprises).
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { TierBadge } from '../../components/bits';
import { useCustomer, useCustomers } from './customers.api';

export function CustomerSearch({
  value,
  onChange,
  testId,
  findLabel,
  changeLabel,
  chosenLabel,
  withTier = false,
  required = false,
}: {
  value: string;
  onChange: (id: string) => void;
  /** test id of the chosen customer's name */
  testId: string;
  findLabel: string;
  changeLabel: string;
  /** shown before the chosen customer's name, e.g. "Customer" */
  chosenLabel?: string;
  /** show the chosen customer's tier (and the search until the customer has loaded) */
  withTier?: boolean;
  /** the search field is required while no customer is chosen */
  required?: boolean;
}) {
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const chosen = useCustomer(value);
  const list = useCustomers({ q: debounced || undefined });
  if (value && (chosen.data || !withTier))
    return (
      <Group gap="xs">
        {chosenLabel !== undefined && <Text size="sm">{chosenLabel}:</Text>}
        <Text fw={600} className="sk-pre" data-testid={testId}>
          {chosen.data?.name ?? value}
        </Text>
        {withTier && chosen.data && <TierBadge tier={chosen.data.tier} />}
        <Button size="compact-xs" variant="subtle" onClick={() => onChange('')}>
          {changeLabel}
        </Button>
      </Group>
    );
  const items = debounced ? (list.data?.pages[0]?.items ?? []).slice(0, 8) : [];
  return (
    <Stack gap={4}>
      <TextInput
        label={findLabel}
        type="search"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        required={required && !value}
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
