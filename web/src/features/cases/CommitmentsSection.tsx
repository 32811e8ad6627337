// Commitments (refunds, call-backs, repairs) with due dates until fulfilled.
import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { MoneyInput } from '../../components/MoneyInput';
import { SlaClock } from '../../components/SlaClock';
import { Empty, Section } from '../../components/bits';
import { formatMoney } from '../../lib/format';
import type { Case } from '../../lib/types';
import { useCaseAction } from './cases.api';

const KINDS = ['refund', 'callback', 'repair', 'other'];

/** "2026-03-05T14:00" (local, from an <input type=datetime-local>) → ISO UTC. */
export const localToIso = (v: string) => new Date(v).toISOString();

export function CommitmentsSection({
  c,
  editable,
  currency,
}: {
  c: Case;
  editable: boolean;
  currency: string;
}) {
  const { t } = useTranslation();
  const add = useCaseAction<Record<string, unknown>>(c.id, 'POST', () => '/commitments');
  const fulfil = useCaseAction<{ cid: string }>(
    c.id,
    'POST',
    (i) => `/commitments/${i.cid}/fulfil`,
    () => ({}),
  );
  const empty = { kind: 'refund', description: '', dueAt: '', amountMinor: null as number | null };
  const [form, setForm] = useState(empty);
  const set = (k: 'kind' | 'description' | 'dueAt') => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = {
      kind: form.kind,
      description: form.description,
      dueAt: form.dueAt ? localToIso(form.dueAt) : '',
    };
    if (form.amountMinor !== null) {
      if (Number.isNaN(form.amountMinor)) return; // MoneyInput shows why
      body.amountMinor = form.amountMinor;
      body.currency = currency;
    }
    add.mutate(body, { onSuccess: () => setForm(empty) });
  };
  const open = c.commitments.filter((x) => x.status === 'open').length;
  return (
    <Section
      title={t('cases.commitments.title')}
      id="sec-commitments"
      actions={
        open > 0 ? (
          <Badge color="orange" variant="light" autoContrast>
            {t('cases.commitments.open', { count: open })}
          </Badge>
        ) : undefined
      }
    >
      {c.commitments.length === 0 ? (
        <Empty />
      ) : (
        <Table.ScrollContainer minWidth={400}>
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.commitments.kind')}</Table.Th>
                <Table.Th>{t('cases.commitments.description')}</Table.Th>
                <Table.Th>{t('cases.commitments.due')}</Table.Th>
                <Table.Th>{t('cases.commitments.amount')}</Table.Th>
                <Table.Th>{t('cases.commitments.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.commitments.map((m) => (
                <Table.Tr key={m.id} data-testid="commitment">
                  <Table.Td>{t(`cases.commitments.kinds.${m.kind}`)}</Table.Td>
                  <Table.Td className="sk-pre">{m.description}</Table.Td>
                  <Table.Td>
                    <SlaClock dueAt={m.dueAt} doneAt={m.fulfilledAt} />
                  </Table.Td>
                  <Table.Td>
                    {m.amountMinor !== null ? formatMoney(m.amountMinor, m.currency ?? currency) : '–'}
                  </Table.Td>
                  <Table.Td>
                    {m.status === 'open' && editable ? (
                      <Button
                        size="compact-xs"
                        loading={fulfil.isPending && fulfil.variables?.cid === m.id}
                        onClick={() => fulfil.mutate({ cid: m.id })}
                        aria-label={t('cases.commitments.fulfilNamed', { what: m.description })}
                      >
                        {t('cases.commitments.fulfil')}
                      </Button>
                    ) : (
                      <Text size="sm">{t(`cases.commitments.statuses.${m.status}`)}</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {fulfil.error && <ErrorAlert error={fulfil.error} />}
      {editable && (
        <form onSubmit={submit} aria-label={t('cases.commitments.add')}>
          <Stack gap="xs" mt="sm">
            <Group grow wrap="wrap" align="flex-start">
              <NativeSelect
                size="xs"
                label={t('cases.commitments.kind')}
                value={form.kind}
                onChange={set('kind')}
                data={KINDS.map((k) => ({ value: k, label: t(`cases.commitments.kinds.${k}`) }))}
              />
              <TextInput
                size="xs"
                type="datetime-local"
                label={t('cases.commitments.due')}
                required
                value={form.dueAt}
                onChange={set('dueAt')}
                error={fieldError(add.error, 'dueAt')}
              />
              <MoneyInput
                size="xs"
                currency={currency}
                label={t('cases.commitments.amountIn', { currency })}
                value={form.amountMinor}
                onChange={(amountMinor) => setForm({ ...form, amountMinor })}
                error={fieldError(add.error, 'amountMinor')}
              />
            </Group>
            <Group align="flex-end">
              <TextInput
                size="xs"
                label={t('cases.commitments.description')}
                required
                value={form.description}
                onChange={set('description')}
                error={fieldError(add.error, 'description')}
                style={{ flex: 1 }}
              />
              <Button size="xs" type="submit" loading={add.isPending}>
                {t('cases.commitments.add')}
              </Button>
            </Group>
            {add.error && <ErrorAlert error={add.error} />}
          </Stack>
        </form>
      )}
    </Section>
  );
}
