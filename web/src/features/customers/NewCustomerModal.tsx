// Creates a customer; the server's field errors appear next to the fields.
import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { navigate } from '../../lib/router';
import { useCreateCustomer } from './customers.api';

export function NewCustomerModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateCustomer();
  const [form, setForm] = useState({
    name: '',
    email: '',
    phone: '',
    locale: 'de',
    customerSince: '',
    tags: '',
  });
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { name: form.name, locale: form.locale };
    if (form.email.trim()) body.email = form.email.trim();
    if (form.phone.trim()) body.phone = form.phone.trim();
    if (form.customerSince) body.customerSince = new Date(form.customerSince + 'T00:00:00Z').toISOString();
    const tags = form.tags
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (tags.length) body.tags = tags;
    create.mutate(body, {
      onSuccess: (c) => {
        setForm({ name: '', email: '', phone: '', locale: 'de', customerSince: '', tags: '' });
        create.reset();
        onClose();
        navigate(`/customers/${c.id}`);
      },
    });
  };
  const err = create.error;
  return (
    <Modal opened={opened} onClose={onClose} title={t('customers.new')}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('customers.name')}
            required
            value={form.name}
            onChange={set('name')}
            error={fieldError(err, 'name')}
            data-autofocus
          />
          <TextInput
            label={t('customers.email')}
            type="email"
            value={form.email}
            onChange={set('email')}
            error={fieldError(err, 'email')}
          />
          <TextInput
            label={t('customers.phone')}
            value={form.phone}
            onChange={set('phone')}
            error={fieldError(err, 'phone')}
          />
          <NativeSelect
            label={t('customers.locale')}
            value={form.locale}
            onChange={set('locale')}
            data={[
              { value: 'de', label: t('language.de') },
              { value: 'en', label: t('language.en') },
            ]}
          />
          <TextInput
            label={t('customers.customerSince')}
            type="date"
            value={form.customerSince}
            onChange={set('customerSince')}
            error={fieldError(err, 'customerSince')}
          />
          <TextInput
            label={t('customers.tags')}
            description={t('customers.tagsHint')}
            value={form.tags}
            onChange={set('tags')}
            error={fieldError(err, 'tags')}
          />
          {err && <ErrorAlert error={err} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
