// Intake of a complaint by an agent: the customer, the channel, and the complaint split into points.
import {
  ActionIcon,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { navigate, useLocation } from '../../lib/router';
import { CustomerSearch } from '../customers/CustomerSearch';
import { useCreateCase } from './cases.api';

const CHANNELS = ['phone', 'email', 'letter', 'web', 'in_person', 'api'];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];

export default function NewCasePage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const create = useCreateCase();
  const [customerId, setCustomerId] = useState(search.get('customerId') ?? '');
  const [form, setForm] = useState({
    subject: '',
    channel: 'phone',
    severity: 'medium',
    touchpointCode: '',
    requestedRemedy: '',
  });
  const [points, setPoints] = useState<Array<{ key: number; text: string }>>([{ key: 0, text: '' }]);
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = {
      customerId,
      channel: form.channel,
      severity: form.severity,
      points: points.filter((p) => p.text.trim()).map((p) => ({ text: p.text })),
    };
    if (form.subject.trim()) body.subject = form.subject;
    if (form.touchpointCode.trim()) body.touchpointCode = form.touchpointCode;
    if (form.requestedRemedy.trim()) body.requestedRemedy = form.requestedRemedy;
    create.mutate(body, { onSuccess: (c) => navigate(`/cases/${c.id}`) });
  };
  const err = create.error;
  return (
    <Stack maw={760}>
      <Title order={1}>{t('cases.new')}</Title>
      <Paper withBorder p="md" component="form" onSubmit={submit}>
        <Stack>
          <CustomerSearch
            value={customerId}
            onChange={setCustomerId}
            testId="case-customer"
            findLabel={t('cases.intake.findCustomer')}
            changeLabel={t('cases.intake.changeCustomer')}
            withTier
            required
          />
          {fieldError(err, 'customerId') && (
            <Text c="red.8" size="sm">
              {fieldError(err, 'customerId')}
            </Text>
          )}
          <TextInput
            label={t('cases.intake.subject')}
            value={form.subject}
            onChange={set('subject')}
            error={fieldError(err, 'subject')}
          />
          <Group grow>
            <NativeSelect
              label={t('cases.intake.channel')}
              value={form.channel}
              onChange={set('channel')}
              data={CHANNELS.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))}
            />
            <NativeSelect
              label={t('cases.severity')}
              value={form.severity}
              onChange={set('severity')}
              data={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
            />
            <TextInput
              label={t('inbox.touchpoint')}
              value={form.touchpointCode}
              onChange={set('touchpointCode')}
              error={fieldError(err, 'touchpointCode')}
            />
          </Group>
          <Stack gap="xs">
            {points.map((p, i) => (
              <Group key={p.key} align="flex-end" wrap="nowrap">
                <Textarea
                  label={t('cases.points.pointN', { n: i + 1 })}
                  value={p.text}
                  onChange={(e) => {
                    const text = e.currentTarget.value;
                    setPoints(points.map((q) => (q.key === p.key ? { ...q, text } : q)));
                  }}
                  autosize
                  minRows={2}
                  required={i === 0}
                  style={{ flex: 1 }}
                  error={fieldError(err, `points.${i}.text`)}
                />
                {points.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('cases.intake.removePoint', { n: i + 1 })}
                    onClick={() => setPoints(points.filter((q) => q.key !== p.key))}
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
            ))}
            <Button
              variant="default"
              size="xs"
              w="fit-content"
              onClick={() =>
                setPoints([...points, { key: Math.max(...points.map((q) => q.key)) + 1, text: '' }])
              }
            >
              {t('cases.intake.addPoint')}
            </Button>
          </Stack>
          <Textarea
            label={t('cases.requestedRemedy')}
            value={form.requestedRemedy}
            onChange={set('requestedRemedy')}
            autosize
            error={fieldError(err, 'requestedRemedy')}
          />
          {err && <ErrorAlert error={err} />}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} disabled={!customerId}>
              {t('cases.intake.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
