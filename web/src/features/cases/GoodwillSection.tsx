// Goodwill gestures with the agent's remaining empowerment budget; above it a manager approves.
import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { MoneyInput } from '../../components/MoneyInput';
import { Empty, Section } from '../../components/bits';
import { formatDateTime, formatMoney } from '../../lib/format';
import { isManager, useSession } from '../../lib/session';
import type { Case } from '../../lib/types';
import { DeclineGoodwillDialog } from '../approvals/DeclineGoodwillDialog';
import { useCaseAction, useGoodwillBudget } from './cases.api';

const KINDS = ['credit', 'voucher', 'refund', 'gift'];
const STATUS_COLOR: Record<string, string> = {
  granted: 'green',
  pending_approval: 'orange',
  declined: 'red',
};

export function GoodwillSection({ c, editable }: { c: Case; editable: boolean }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const budget = useGoodwillBudget();
  const currency = budget.data?.currency ?? 'EUR';
  const add = useCaseAction<Record<string, unknown>>(c.id, 'POST', () => '/goodwill');
  const decide = useCaseAction<{ gid: string; decision: 'approve' | 'decline'; reason?: string }>(
    c.id,
    'POST',
    (i) => `/goodwill/${i.gid}/${i.decision}`,
    (i) => (i.reason ? { reason: i.reason } : {}),
  );
  const [declining, setDeclining] = useState<string | null>(null);
  const empty = { kind: 'voucher', amountMinor: null as number | null, description: '' };
  const [form, setForm] = useState(empty);
  const set = (k: 'kind' | 'description') => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.amountMinor === null || Number.isNaN(form.amountMinor)) return; // MoneyInput shows why
    add.mutate(
      { kind: form.kind, amountMinor: form.amountMinor, currency, description: form.description },
      { onSuccess: () => setForm(empty) },
    );
  };
  const b = budget.data;
  return (
    <Section title={t('cases.goodwill.title')} id="sec-goodwill">
      {b && (
        <Text size="sm" mb="xs" data-testid="goodwill-budget">
          {b.remainingMinor === null
            ? t('cases.goodwill.unlimited')
            : t('cases.goodwill.remaining', {
                amount: formatMoney(b.remainingMinor, b.currency),
                perCase: formatMoney(b.perCaseMinor, b.currency),
              })}
        </Text>
      )}
      {c.goodwill.length === 0 ? (
        <Empty />
      ) : (
        <Table fz="sm">
          <Table.Tbody>
            {c.goodwill.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>{t(`cases.goodwill.kinds.${g.kind}`)}</Table.Td>
                <Table.Td>{formatMoney(g.amountMinor, g.currency)}</Table.Td>
                <Table.Td className="sk-pre">{g.description}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[g.status]} variant="light" autoContrast>
                    {t(`cases.goodwill.statuses.${g.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {g.status === 'pending_approval' && isManager(user?.role) ? (
                    <Group gap={4}>
                      <Button
                        size="compact-xs"
                        onClick={() => decide.mutate({ gid: g.id, decision: 'approve' })}
                      >
                        {t('approvals.approve')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="default"
                        onClick={() => {
                          decide.reset();
                          setDeclining(g.id);
                        }}
                      >
                        {t('approvals.decline')}
                      </Button>
                    </Group>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {formatDateTime(g.decidedAt ?? g.requestedAt)}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {decide.error && !declining && <ErrorAlert error={decide.error} />}
      <DeclineGoodwillDialog
        opened={declining !== null}
        onClose={() => {
          setDeclining(null);
          decide.reset();
        }}
        pending={decide.isPending}
        error={declining ? decide.error : null}
        onDecline={(reason, done) =>
          declining && decide.mutate({ gid: declining, decision: 'decline', reason }, { onSuccess: done })
        }
      />
      {editable && (
        <form onSubmit={submit} aria-label={t('cases.goodwill.add')}>
          <Stack gap="xs" mt="sm">
            <Group grow align="flex-start">
              <NativeSelect
                size="xs"
                label={t('cases.goodwill.kind')}
                value={form.kind}
                onChange={set('kind')}
                data={KINDS.map((k) => ({ value: k, label: t(`cases.goodwill.kinds.${k}`) }))}
              />
              <MoneyInput
                size="xs"
                currency={currency}
                required
                label={t('cases.goodwill.amountIn', { currency })}
                value={form.amountMinor}
                onChange={(amountMinor) => setForm({ ...form, amountMinor })}
                error={fieldError(add.error, 'amountMinor')}
              />
            </Group>
            <Group align="flex-end">
              <TextInput
                size="xs"
                label={t('cases.goodwill.description')}
                required
                value={form.description}
                onChange={set('description')}
                error={fieldError(add.error, 'description')}
                style={{ flex: 1 }}
              />
              <Button size="xs" type="submit" loading={add.isPending}>
                {t('cases.goodwill.add')}
              </Button>
            </Group>
            {add.error && <ErrorAlert error={add.error} />}
          </Stack>
        </form>
      )}
    </Section>
  );
}
