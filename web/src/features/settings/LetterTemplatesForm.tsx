// The response-letter templates per language (subject, body, line per point) as a form, with the
// placeholders the server fills in and a plain-text preview with sample data. The API has no preview
// of a template (only of a case's letter), so the preview fills the placeholders here the way the
// server does (src/cases/case-letter.ts: `{{ name }}`, unknown ones become empty). Everything is shown
// as text, never as HTML.
import {
  Badge,
  Button,
  Code,
  Fieldset,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { QueryState, Section } from '../../components/bits';
import type { LetterTemplates } from '../../lib/types';
import { useSettingsDraft } from './useSettingsDraft';

const PATH = '/settings/case-letter-templates';
const LANGS = ['de', 'en'] as const;
type Lang = (typeof LANGS)[number];
type Templates = LetterTemplates;
type Template = Templates[Lang];

/** The placeholders renderLetter fills in subject and body, and in the line per point. */
const BODY_VARS = [
  'reference',
  'customerName',
  'ownerName',
  'apology',
  'cause',
  'preventiveAction',
  'points',
  'goodwill',
  'commitments',
] as const;
const POINT_VARS = ['number', 'text', 'answer'] as const;

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** The same substitution as the server's `fill`. */
function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (_m, key: string) => (key in vars ? String(vars[key]) : ''));
}

function unknownPlaceholders(template: string, known: readonly string[]): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))].filter((k) => !known.includes(k));
}

export function LetterTemplatesForm() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Lang>('de');
  // On a refused save, show the language whose fields the server refused.
  const { query, draft, setDraft, save, reset } = useSettingsDraft<Templates>(PATH, (err) => {
    const lang = LANGS.find((l) =>
      (['subject', 'body', 'point'] as const).some((k) => fieldError(err, `${l}.${k}`)),
    );
    if (lang) setTab(lang);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft) save.mutate(draft);
  };
  const set = (lang: Lang, key: keyof Template, value: string) =>
    setDraft((d) => (d ? { ...d, [lang]: { ...d[lang], [key]: value } } : d));

  return (
    <Section title={t('settings.letterForm.title')} id="set-letter-templates">
      <QueryState query={query}>
        {() =>
          draft && (
            <form onSubmit={submit} aria-labelledby="set-letter-templates">
              <Stack gap="sm">
                <Text size="sm">{t('settings.letterForm.hint')}</Text>
                <Placeholders />
                <Tabs value={tab} onChange={(v) => v && setTab(v as Lang)}>
                  <Tabs.List>
                    {LANGS.map((lang) => (
                      <Tabs.Tab key={lang} value={lang}>
                        {t(`settings.letterForm.lang.${lang}`)}
                      </Tabs.Tab>
                    ))}
                  </Tabs.List>
                  {LANGS.map((lang) => (
                    <Tabs.Panel key={lang} value={lang} pt="sm">
                      <TemplateFields
                        lang={lang}
                        value={draft[lang]}
                        onChange={(key, value) => set(lang, key, value)}
                        error={(key) => fieldError(save.error, `${lang}.${key}`)}
                      />
                    </Tabs.Panel>
                  ))}
                </Tabs>
                {save.error && <ErrorAlert error={save.error} />}
                {save.isSuccess && (
                  <Badge color="green" role="status">
                    {t('common.saved')}
                  </Badge>
                )}
                <Group>
                  <Button type="submit" loading={save.isPending}>
                    {t('common.save')}
                  </Button>
                  <Button variant="default" onClick={reset}>
                    {t('settings.letterForm.reset')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )
        }
      </QueryState>
    </Section>
  );
}

function Placeholders() {
  const { t } = useTranslation();
  const rows = (names: readonly string[]) =>
    names.map((name) => (
      <Table.Tr key={name}>
        <Table.Td>
          <Code>{`{{${name}}}`}</Code>
        </Table.Td>
        <Table.Td>{t(`settings.letterForm.vars.${name}`)}</Table.Td>
      </Table.Tr>
    ));
  return (
    <Fieldset legend={t('settings.letterForm.placeholders')} variant="filled" p="xs">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <Table fz="xs" captionSide="top" style={{ alignSelf: 'start' }}>
          <Table.Caption>{t('settings.letterForm.placeholdersBody')}</Table.Caption>
          <Table.Tbody>{rows(BODY_VARS)}</Table.Tbody>
        </Table>
        <Table fz="xs" captionSide="top" style={{ alignSelf: 'start' }}>
          <Table.Caption>{t('settings.letterForm.placeholdersPoint')}</Table.Caption>
          <Table.Tbody>{rows(POINT_VARS)}</Table.Tbody>
        </Table>
      </SimpleGrid>
    </Fieldset>
  );
}

function TemplateFields({
  lang,
  value,
  onChange,
  error,
}: {
  lang: Lang;
  value: Template;
  onChange: (key: keyof Template, value: string) => void;
  error: (key: keyof Template) => string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const langName = t(`settings.letterForm.lang.${lang}`);
  const unknown = [
    ...unknownPlaceholders(value.subject, BODY_VARS),
    ...unknownPlaceholders(value.body, BODY_VARS),
    ...unknownPlaceholders(value.point, POINT_VARS),
  ];
  // Sample data in the template's language, not the UI's.
  const sample = useMemo(() => {
    const ts = i18n.getFixedT(lang);
    const s = (k: string) => ts(`settings.letterForm.sample.${k}`);
    const point = (n: number) =>
      fill(value.point, { number: n, text: s('pointText'), answer: s('pointAnswer') });
    const vars = {
      reference: s('reference'),
      customerName: s('customerName'),
      ownerName: s('ownerName'),
      apology: s('apology'),
      cause: s('cause'),
      preventiveAction: s('preventiveAction'),
      goodwill: s('goodwill'),
      commitments: s('commitments'),
      points: point(1),
    };
    return {
      subject: fill(value.subject, vars),
      text: fill(value.body, vars).replace(/\n{3,}/g, '\n\n'),
    };
  }, [i18n, lang, value]);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <Stack gap="xs">
        <TextInput
          label={t('settings.letterForm.subject', { lang: langName })}
          value={value.subject}
          onChange={(e) => onChange('subject', e.currentTarget.value)}
          error={error('subject')}
        />
        <Textarea
          label={t('settings.letterForm.body', { lang: langName })}
          value={value.body}
          onChange={(e) => onChange('body', e.currentTarget.value)}
          error={error('body')}
          autosize
          minRows={8}
          maxRows={24}
        />
        <Textarea
          label={t('settings.letterForm.point', { lang: langName })}
          value={value.point}
          onChange={(e) => onChange('point', e.currentTarget.value)}
          error={error('point')}
          autosize
          minRows={2}
          maxRows={6}
        />
        {unknown.length > 0 && (
          <Text size="sm" c="orange.9" role="status">
            {t('settings.letterForm.unknownPlaceholders', {
              names: unknown.map((n) => `{{${n}}}`).join(', '),
              interpolation: { escapeValue: false },
            })}
          </Text>
        )}
      </Stack>
      <Paper withBorder p="sm" component="figure" m={0} aria-labelledby={`letter-preview-${lang}`}>
        <Title order={3} size="h6" id={`letter-preview-${lang}`}>
          {t('settings.letterForm.preview', { lang: langName })}
        </Title>
        <Text size="xs" c="dimmed" mb="xs">
          {t('settings.letterForm.previewHint')}
        </Text>
        <Text fw={600} size="sm" data-testid={`letter-preview-subject-${lang}`}>
          {sample.subject}
        </Text>
        <Text
          size="sm"
          mt="xs"
          style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}
          data-testid={`letter-preview-text-${lang}`}
        >
          {sample.text}
        </Text>
      </Paper>
    </SimpleGrid>
  );
}
