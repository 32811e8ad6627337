// Survey definitions (admin): kind, trigger and state of each survey, its texts in German and English,
// delay and precedence; edit one, or create a new one. Scale and trigger are fixed once created.
import {
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { QueryState, Section } from '../../components/bits';
import { apiGet, apiPatch, apiPost } from '../../lib/api';
import { keysOf } from '../../lib/keys';
import type { SurveyDefinition } from '../../lib/types';
import type { Scale, Trigger } from '../../../../src/surveys/surveys.schema.js';
import { settingsKeys } from './settings.keys';

const SCALES = keysOf<Scale>({ nps: 0, csat: 0, ces: 0, none: 0 });
const TRIGGERS = keysOf<Trigger>({
  purchase: 0,
  after_sales_interaction: 0,
  case_closed: 0,
  periodic: 0,
  customer_lost: 0,
  manual: 0,
});

type Form = {
  code: string;
  scale: string;
  trigger: string;
  questionDe: string;
  questionEn: string;
  commentDe: string;
  commentEn: string;
  delayDays: string;
  precedence: boolean;
  active: boolean;
};

const emptyForm: Form = {
  code: '',
  scale: 'csat',
  trigger: 'manual',
  questionDe: '',
  questionEn: '',
  commentDe: '',
  commentEn: '',
  delayDays: '0',
  precedence: false,
  active: true,
};

const formOf = (d: SurveyDefinition): Form => ({
  code: d.code,
  scale: d.scale,
  trigger: d.trigger,
  questionDe: d.questionDe,
  questionEn: d.questionEn,
  commentDe: d.commentDe ?? '',
  commentEn: d.commentEn ?? '',
  delayDays: String(d.delayDays),
  precedence: d.precedence,
  active: d.active,
});

/** The editable fields as the API takes them (an empty comment prompt is null: no comment box). */
const bodyOf = (f: Form) => ({
  questionDe: f.questionDe,
  questionEn: f.questionEn,
  commentDe: f.commentDe.trim() ? f.commentDe : null,
  commentEn: f.commentEn.trim() ? f.commentEn : null,
  delayDays: f.delayDays.trim() === '' ? Number.NaN : Number(f.delayDays),
  precedence: f.precedence,
  active: f.active,
});

export function SurveyDefinitions() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: settingsKeys.surveyDefinitions(),
    queryFn: () => apiGet<{ items: SurveyDefinition[] }>('/surveys/definitions'),
  });
  const [editing, setEditing] = useState<string | null>(null);
  const [form, setForm] = useState<Form>(emptyForm);
  const refresh = () => qc.invalidateQueries({ queryKey: settingsKeys.surveyDefinitions() });
  const save = useMutation({
    mutationFn: (f: Form) =>
      editing
        ? apiPatch<SurveyDefinition>(`/surveys/definitions/${editing}`, bodyOf(f))
        : apiPost<SurveyDefinition>('/surveys/definitions', {
            code: f.code,
            scale: f.scale,
            trigger: f.trigger,
            ...bodyOf(f),
          }),
    onSuccess: () => {
      setEditing(null);
      setForm(emptyForm);
      void refresh();
    },
  });
  const set = (k: keyof Form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });
  const edit = (d: SurveyDefinition) => {
    save.reset();
    setEditing(d.id);
    setForm(formOf(d));
    document.getElementById('set-survey-form')?.scrollIntoView({ block: 'start' });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(form);
  };
  const err = (path: string) => fieldError(save.error, path);
  return (
    <Stack>
      <Section title={t('settings.surveyDefinitions')} id="set-survey-definitions">
        <QueryState query={list}>
          {() => (
            <Table.ScrollContainer minWidth={640}>
              <Table fz="sm" data-testid="survey-definitions">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('settings.code')}</Table.Th>
                    <Table.Th>{t('settings.surveyScale')}</Table.Th>
                    <Table.Th>{t('settings.surveyTrigger')}</Table.Th>
                    <Table.Th>{t('settings.surveyQuestion')}</Table.Th>
                    <Table.Th>{t('settings.active')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data!.items.map((d) => (
                    <Table.Tr key={d.id} data-testid="survey-definition">
                      <Table.Td>
                        <code>{d.code}</code>
                      </Table.Td>
                      <Table.Td>{t(`settings.scales.${d.scale}`)}</Table.Td>
                      <Table.Td>{t(`settings.triggers.${d.trigger}`)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" lang="de">
                          {d.questionDe}
                        </Text>
                        <Text size="xs" c="dimmed" lang="en">
                          {d.questionEn}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={d.active ? 'green' : 'gray'} variant="light" autoContrast>
                          {d.active ? t('settings.activeYes') : t('settings.activeNo')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant="default"
                          onClick={() => edit(d)}
                          aria-label={t('settings.editNamed', { name: d.code })}
                        >
                          {t('settings.edit')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
      </Section>
      <Section
        title={editing ? t('settings.editSurvey', { code: form.code }) : t('settings.newSurvey')}
        id="set-survey-form"
      >
        <form onSubmit={submit} aria-labelledby="set-survey-form">
          <Stack gap="xs">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('settings.code')}
                required
                disabled={!!editing}
                value={form.code}
                onChange={set('code')}
                error={err('code')}
              />
              <NativeSelect
                label={t('settings.surveyScale')}
                disabled={!!editing}
                value={form.scale}
                onChange={set('scale')}
                data={SCALES.map((s) => ({ value: s, label: t(`settings.scales.${s}`) }))}
              />
              <NativeSelect
                label={t('settings.surveyTrigger')}
                disabled={!!editing}
                value={form.trigger}
                onChange={set('trigger')}
                data={TRIGGERS.map((s) => ({ value: s, label: t(`settings.triggers.${s}`) }))}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Textarea
                label={t('settings.questionDe')}
                required
                autosize
                minRows={2}
                value={form.questionDe}
                onChange={set('questionDe')}
                error={err('questionDe')}
              />
              <Textarea
                label={t('settings.questionEn')}
                required
                autosize
                minRows={2}
                value={form.questionEn}
                onChange={set('questionEn')}
                error={err('questionEn')}
              />
              <TextInput
                label={t('settings.commentDe')}
                value={form.commentDe}
                onChange={set('commentDe')}
                error={err('commentDe')}
              />
              <TextInput
                label={t('settings.commentEn')}
                value={form.commentEn}
                onChange={set('commentEn')}
                error={err('commentEn')}
              />
            </SimpleGrid>
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label={t('settings.delayDays')}
                type="number"
                min="0"
                max="365"
                value={form.delayDays}
                onChange={set('delayDays')}
                error={err('delayDays')}
                w={200}
              />
              <Checkbox
                label={t('settings.precedence')}
                checked={form.precedence}
                onChange={(e) => setForm({ ...form, precedence: e.currentTarget.checked })}
              />
              <Checkbox
                label={t('settings.active')}
                checked={form.active}
                onChange={(e) => setForm({ ...form, active: e.currentTarget.checked })}
              />
            </Group>
            {save.error && <ErrorAlert error={save.error} />}
            {save.isSuccess && <Badge color="green">{t('common.saved')}</Badge>}
            <Group>
              <Button type="submit" loading={save.isPending}>
                {editing ? t('common.save') : t('common.create')}
              </Button>
              {editing && (
                <Button
                  variant="default"
                  onClick={() => {
                    setEditing(null);
                    setForm(emptyForm);
                    save.reset();
                  }}
                >
                  {t('common.cancel')}
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      </Section>
    </Stack>
  );
}
