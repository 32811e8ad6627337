// Settings without a dedicated form yet: a validated JSON editor (the server names the fields at fault),
// and a de/en-named catalogue (root causes, touchpoints) with create and (de)activate.
import { Badge, Button, Group, JsonInput, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState, Section } from '../../components/bits';
import { apiGet, apiPatch, apiPost, apiPut } from '../../lib/api';
import { settingsKeys } from './settings.keys';

export function JsonSettings({ path, title, hint }: { path: string; title: string; hint?: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const query = useQuery({ queryKey: settingsKeys.object(path), queryFn: () => apiGet<unknown>(path) });
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  useEffect(() => {
    if (query.data !== undefined) setText(JSON.stringify(query.data, null, 2));
  }, [query.data]);
  const save = useMutation({
    mutationFn: (body: unknown) => apiPut<unknown>(path, body),
    onSuccess: (data) => qc.setQueryData(settingsKeys.object(path), data),
  });
  const submit = () => {
    try {
      const body = JSON.parse(text);
      setParseError(null);
      save.mutate(body);
    } catch (err) {
      setParseError((err as Error).message);
    }
  };
  return (
    <Section title={title} id={`set-${path.replace(/\W+/g, '-')}`}>
      <QueryState query={query}>
        {() => (
          <Stack gap="xs">
            {hint && <Text size="sm">{hint}</Text>}
            <JsonInput
              label={title}
              value={text}
              onChange={setText}
              autosize
              minRows={6}
              maxRows={24}
              formatOnBlur
              error={parseError}
            />
            {save.error && <ErrorAlert error={save.error} />}
            {save.isSuccess && <Badge color="green">{t('common.saved')}</Badge>}
            <Group>
              <Button size="xs" onClick={submit} loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        )}
      </QueryState>
    </Section>
  );
}

type Item = Record<string, unknown> & { code: string; name: { de: string; en: string }; active: boolean };

export function NamedCatalogue({
  title,
  listPath,
  createPath,
  updatePath,
  keyOf,
  extraFields,
}: {
  title: string;
  listPath: string;
  createPath: string;
  updatePath: (code: string, item: Item) => string;
  keyOf: (item: Item) => string;
  extraFields: Record<string, string[]>;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: settingsKeys.catalogue(listPath),
    queryFn: () => apiGet<{ items: Item[] }>(listPath),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: settingsKeys.catalogue(listPath) });
  const [form, setForm] = useState<Record<string, string>>({
    code: '',
    de: '',
    en: '',
    ...Object.fromEntries(Object.entries(extraFields).map(([k, v]) => [k, v[0]])),
  });
  const create = useMutation({
    mutationFn: () => {
      const { code, de, en, ...extra } = form;
      return apiPost(createPath, { code, name: { de, en }, ...extra });
    },
    onSuccess: () => {
      setForm({ ...form, code: '', de: '', en: '' });
      void refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: (item: Item) => apiPatch(updatePath(item.code, item), { active: !item.active }),
    onSuccess: refresh,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Section title={title} id={`set-${createPath.replace(/\W+/g, '-')}`}>
      <QueryState query={list}>
        {() => (
          <Table fz="sm">
            <Table.Tbody>
              {list.data!.items.map((x) => (
                <Table.Tr key={keyOf(x)}>
                  <Table.Td>
                    <code>{x.code}</code>
                  </Table.Td>
                  <Table.Td>{i18n.language === 'en' ? x.name.en : x.name.de}</Table.Td>
                  {Object.keys(extraFields).map((k) => (
                    <Table.Td key={k}>{String(x[k] ?? '')}</Table.Td>
                  ))}
                  <Table.Td>
                    <Button size="compact-xs" variant="default" onClick={() => toggle.mutate(x)}>
                      {x.active ? t('settings.deactivate') : t('settings.activate')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {toggle.error && <ErrorAlert error={toggle.error} />}
      <form onSubmit={submit}>
        <Group align="flex-end" mt="sm" wrap="wrap">
          <TextInput
            size="xs"
            label={t('settings.code')}
            required
            value={form.code}
            onChange={(e) => setForm({ ...form, code: e.currentTarget.value })}
          />
          <TextInput
            size="xs"
            label={t('settings.nameDe')}
            required
            value={form.de}
            onChange={(e) => setForm({ ...form, de: e.currentTarget.value })}
          />
          <TextInput
            size="xs"
            label={t('settings.nameEn')}
            required
            value={form.en}
            onChange={(e) => setForm({ ...form, en: e.currentTarget.value })}
          />
          {Object.entries(extraFields).map(([k, values]) => (
            <NativeSelect
              key={k}
              size="xs"
              label={k}
              value={form[k]}
              onChange={(e) => setForm({ ...form, [k]: e.currentTarget.value })}
              data={values}
            />
          ))}
          <Button size="xs" type="submit" loading={create.isPending}>
            {t('common.create')}
          </Button>
        </Group>
        {create.error && <ErrorAlert error={create.error} />}
      </form>
    </Section>
  );
}
