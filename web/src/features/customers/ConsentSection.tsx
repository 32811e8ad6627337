// Consent and objection history of a customer, with a form to record a new entry.
import { Button, Group, NativeSelect, Stack, Table, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Empty, QueryState, Section } from '../../components/bits';
import { formatDateTime } from '../../lib/format';
import { useConsents, useRecordConsent } from './customers.api';

const CHANNELS = ['email', 'phone', 'post', 'sms'];
const PURPOSES = ['surveys', 'marketing', 'service'];
const BASES = ['opt_in', 'existing_customer', 'contract', 'objection'];

export function ConsentSection({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const consents = useConsents(customerId);
  const record = useRecordConsent(customerId);
  const [form, setForm] = useState({
    channel: 'email',
    purpose: 'surveys',
    basis: 'opt_in',
    status: 'given',
    source: '',
  });
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });
  const opts = (prefix: string, values: string[]) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate(form, { onSuccess: () => setForm({ ...form, source: '' }) });
  };
  return (
    <Section title={t('consent.title')} id="sec-consent">
      <QueryState query={consents}>
        {() =>
          consents.data!.items.length === 0 ? (
            <Empty />
          ) : (
            <Table.ScrollContainer minWidth={480} mah={260}>
              <Table fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('consent.at')}</Table.Th>
                    <Table.Th>{t('consent.channel')}</Table.Th>
                    <Table.Th>{t('consent.purpose')}</Table.Th>
                    <Table.Th>{t('consent.basis')}</Table.Th>
                    <Table.Th>{t('consent.status')}</Table.Th>
                    <Table.Th>{t('consent.source')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {consents.data!.items.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>{formatDateTime(c.at)}</Table.Td>
                      <Table.Td>{t(`consent.channels.${c.channel}`)}</Table.Td>
                      <Table.Td>{t(`consent.purposes.${c.purpose}`)}</Table.Td>
                      <Table.Td>{t(`consent.bases.${c.basis}`)}</Table.Td>
                      <Table.Td>{t(`consent.statuses.${c.status}`)}</Table.Td>
                      <Table.Td>{c.source}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <form onSubmit={submit} aria-label={t('consent.record')}>
        <Stack gap="xs" mt="sm">
          <Group grow wrap="wrap">
            <NativeSelect
              size="xs"
              label={t('consent.channel')}
              value={form.channel}
              onChange={set('channel')}
              data={opts('consent.channels', CHANNELS)}
            />
            <NativeSelect
              size="xs"
              label={t('consent.purpose')}
              value={form.purpose}
              onChange={set('purpose')}
              data={opts('consent.purposes', PURPOSES)}
            />
            <NativeSelect
              size="xs"
              label={t('consent.basis')}
              value={form.basis}
              onChange={set('basis')}
              data={opts('consent.bases', BASES)}
            />
            <NativeSelect
              size="xs"
              label={t('consent.status')}
              value={form.status}
              onChange={set('status')}
              data={opts('consent.statuses', ['given', 'withdrawn'])}
            />
          </Group>
          <Group align="flex-end">
            <TextInput
              size="xs"
              label={t('consent.source')}
              required
              value={form.source}
              onChange={set('source')}
              error={fieldError(record.error, 'source')}
              style={{ flex: 1 }}
            />
            <Button size="xs" type="submit" loading={record.isPending}>
              {t('consent.record')}
            </Button>
          </Group>
          {record.error && <ErrorAlert error={record.error} />}
        </Stack>
      </form>
    </Section>
  );
}
