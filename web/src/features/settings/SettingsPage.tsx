// Admin settings: users and roles, teams, tier thresholds, and the other company settings.
import { Badge, Button, Group, NativeSelect, Stack, Table, Tabs, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { MoneyInput } from '../../components/MoneyInput';
import { QueryState, Section } from '../../components/bits';
import { apiPatch, apiPost, apiPut } from '../../lib/api';
import type { TierSettings as TierSettingsBody, User } from '../../lib/types';
import { useTeams, useUsers } from '../cases/cases.api';
import { useTierRules } from '../customers/customers.api';
import { CaseSettingsForm } from './CaseSettingsForm';
import { JsonSettings, NamedCatalogue } from './GenericSettings';
import { LetterTemplatesForm } from './LetterTemplatesForm';
import { SsoSettingsForm } from './SsoSettingsForm';
import { SurveyDefinitions } from './SurveyDefinitions';
import { WebhooksSettings } from '../webhooks/WebhooksSettings';
import { settingsKeys } from './settings.keys';

/** Tier thresholds are revenue in the company's currency (the label says €). */
const TIER_CURRENCY = 'EUR';

export default function SettingsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1}>{t('settings.title')}</Title>
      <Tabs defaultValue="users" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="users">{t('settings.users')}</Tabs.Tab>
          <Tabs.Tab value="teams">{t('settings.teams')}</Tabs.Tab>
          <Tabs.Tab value="tiers">{t('settings.tiers')}</Tabs.Tab>
          <Tabs.Tab value="cases">{t('settings.cases')}</Tabs.Tab>
          <Tabs.Tab value="catalogues">{t('settings.catalogues')}</Tabs.Tab>
          <Tabs.Tab value="surveys">{t('settings.surveysTab')}</Tabs.Tab>
          <Tabs.Tab value="sso">{t('settings.ssoTab')}</Tabs.Tab>
          <Tabs.Tab value="webhooks">{t('webhooks.title')}</Tabs.Tab>
          <Tabs.Tab value="more">{t('settings.more')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          <UsersSettings />
        </Tabs.Panel>
        <Tabs.Panel value="teams" pt="md">
          <TeamsSettings />
        </Tabs.Panel>
        <Tabs.Panel value="tiers" pt="md">
          <TierSettings />
        </Tabs.Panel>
        <Tabs.Panel value="cases" pt="md">
          <Stack>
            <CaseSettingsForm />
            <LetterTemplatesForm />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="catalogues" pt="md">
          <Stack>
            <NamedCatalogue
              title={t('settings.rootCauses')}
              listPath="/root-causes?includeInactive=true"
              createPath="/root-causes"
              updatePath={(code) => `/root-causes/${code}`}
              keyOf={(x) => x.code as string}
              extraFields={{}}
            />
            <NamedCatalogue
              title={t('settings.touchpoints')}
              listPath="/touchpoints"
              createPath="/touchpoints"
              updatePath={(_code, item) => `/touchpoints/${item.id as string}`}
              keyOf={(x) => x.code as string}
              extraFields={{ phase: ['sale', 'after_sales', 'billing', 'other'] }}
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="surveys" pt="md">
          <Stack>
            <SurveyDefinitions />
            <JsonSettings path="/settings/surveys" title={t('settings.surveys')} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="sso" pt="md">
          <SsoSettingsForm />
        </Tabs.Panel>
        <Tabs.Panel value="webhooks" pt="md">
          <WebhooksSettings />
        </Tabs.Panel>
        <Tabs.Panel value="more" pt="md">
          <Stack>
            <JsonSettings path="/settings/churn" title={t('settings.churn')} />
            <JsonSettings path="/settings/retention" title={t('settings.retention')} />
            <JsonSettings path="/settings/metrics" title={t('settings.metrics')} />
            <JsonSettings path="/settings/root-cause-recurrence" title={t('settings.recurrence')} />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function UsersSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const users = useUsers();
  const teams = useTeams();
  const [form, setForm] = useState({
    name: '',
    email: '',
    role: 'agent',
    locale: 'de',
    password: '',
    teamId: '',
  });
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });
  const refresh = () => qc.invalidateQueries({ queryKey: settingsKeys.users() });
  const create = useMutation({
    mutationFn: () =>
      apiPost<User>('/users', { ...form, password: form.password || undefined, teamId: form.teamId || null }),
    onSuccess: () => {
      setForm({ name: '', email: '', role: 'agent', locale: 'de', password: '', teamId: '' });
      void refresh();
    },
  });
  const update = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<User> }) =>
      apiPatch<User>(`/users/${id}`, patch),
    onSuccess: refresh,
  });
  const teamName = (id: string | null) => teams.data?.items.find((x) => x.id === id)?.name ?? '–';
  const roles = ['agent', 'manager', 'admin'].map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Stack>
      <Section title={t('settings.users')} id="set-users">
        <QueryState query={users}>
          {() => (
            <Table.ScrollContainer minWidth={640}>
              <Table fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('customers.name')}</Table.Th>
                    <Table.Th>{t('customers.email')}</Table.Th>
                    <Table.Th>{t('settings.role')}</Table.Th>
                    <Table.Th>{t('settings.team')}</Table.Th>
                    <Table.Th>{t('settings.active')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {users.data!.items.map((u) => (
                    <Table.Tr key={u.id}>
                      <Table.Td>{u.name}</Table.Td>
                      <Table.Td>{u.email}</Table.Td>
                      <Table.Td>
                        <NativeSelect
                          size="xs"
                          aria-label={t('settings.roleOf', { name: u.name })}
                          value={u.role}
                          data={roles}
                          onChange={(e) =>
                            update.mutate({
                              id: u.id,
                              patch: { role: e.currentTarget.value as User['role'] },
                            })
                          }
                        />
                      </Table.Td>
                      <Table.Td>{teamName(u.teamId)}</Table.Td>
                      <Table.Td>
                        <Group gap="xs">
                          <Badge color={u.active ? 'green' : 'gray'} variant="light" autoContrast>
                            {u.active ? t('settings.activeYes') : t('settings.activeNo')}
                          </Badge>
                          <Button
                            size="compact-xs"
                            variant="default"
                            onClick={() => update.mutate({ id: u.id, patch: { active: !u.active } })}
                            aria-label={`${u.active ? t('settings.deactivate') : t('settings.activate')}: ${u.name}`}
                          >
                            {u.active ? t('settings.deactivate') : t('settings.activate')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
        {update.error && <ErrorAlert error={update.error} />}
      </Section>
      <Section title={t('settings.newUser')} id="set-new-user">
        <form onSubmit={submit}>
          <Stack gap="xs">
            <Group grow wrap="wrap" align="flex-start">
              <TextInput
                label={t('customers.name')}
                required
                value={form.name}
                onChange={set('name')}
                error={fieldError(create.error, 'name')}
              />
              <TextInput
                label={t('customers.email')}
                type="email"
                required
                value={form.email}
                onChange={set('email')}
                error={fieldError(create.error, 'email')}
              />
              <TextInput
                label={t('login.password')}
                type="password"
                value={form.password}
                onChange={set('password')}
                error={fieldError(create.error, 'password')}
                autoComplete="new-password"
              />
            </Group>
            <Group grow wrap="wrap">
              <NativeSelect
                label={t('settings.role')}
                value={form.role}
                onChange={set('role')}
                data={roles}
              />
              <NativeSelect
                label={t('language.label')}
                value={form.locale}
                onChange={set('locale')}
                data={[
                  { value: 'de', label: t('language.de') },
                  { value: 'en', label: t('language.en') },
                ]}
              />
              <NativeSelect
                label={t('settings.team')}
                value={form.teamId}
                onChange={set('teamId')}
                data={[
                  { value: '', label: '–' },
                  ...(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })),
                ]}
              />
            </Group>
            {create.error && <ErrorAlert error={create.error} />}
            <Group>
              <Button type="submit" loading={create.isPending}>
                {t('settings.createUser')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Section>
    </Stack>
  );
}

function TeamsSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const teams = useTeams();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const create = useMutation({
    mutationFn: () => apiPost('/teams', { name, parentId: parentId || null }),
    onSuccess: () => {
      setName('');
      void qc.invalidateQueries({ queryKey: settingsKeys.teams() });
    },
  });
  const nameOf = (id: string | null) => teams.data?.items.find((x) => x.id === id)?.name ?? '–';
  return (
    <Section title={t('settings.teams')} id="set-teams">
      <QueryState query={teams}>
        {() => (
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customers.name')}</Table.Th>
                <Table.Th>{t('settings.parentTeam')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teams.data!.items.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>{x.name}</Table.Td>
                  <Table.Td>{nameOf(x.parentId)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Group align="flex-end" mt="sm">
          <TextInput
            label={t('settings.teamName')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(create.error, 'name')}
          />
          <NativeSelect
            label={t('settings.parentTeam')}
            value={parentId}
            onChange={(e) => setParentId(e.currentTarget.value)}
            data={[
              { value: '', label: '–' },
              ...(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })),
            ]}
          />
          <Button type="submit" loading={create.isPending}>
            {t('settings.createTeam')}
          </Button>
        </Group>
        {create.error && <ErrorAlert error={create.error} />}
      </form>
    </Section>
  );
}

function TierSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const rules = useTierRules();
  const [rows, setRows] = useState<
    Array<{ key: string; tier: string; years: string; revenueMinor: number | null }>
  >([]);
  useEffect(() => {
    if (rules.data)
      setRows(
        rules.data.rules.map((r, i) => ({
          key: `${i}-${r.tier}`,
          tier: r.tier,
          years: String(r.minTenureYears),
          revenueMinor: r.minRevenue12mMinor,
        })),
      );
  }, [rules.data]);
  const save = useMutation({
    mutationFn: () =>
      apiPut<TierSettingsBody>('/settings/tiers', {
        rules: rows.map((r) => ({
          tier: r.tier.trim(),
          minTenureYears: Number(r.years),
          minRevenue12mMinor: r.revenueMinor ?? 0,
        })),
      }),
    onSuccess: (data) => qc.setQueryData(settingsKeys.tiers(), data),
  });
  const setRow = (i: number, k: 'tier' | 'years', v: string) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  const setRevenue = (i: number, revenueMinor: number | null) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, revenueMinor } : r)));
  // A revenue that is no amount shows its error at the field; nothing is sent.
  const valid = rows.every((r) => r.revenueMinor === null || !Number.isNaN(r.revenueMinor));
  return (
    <Section title={t('settings.tiers')} id="set-tiers">
      <Stack gap="xs">
        <Table fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('customers.tier')}</Table.Th>
              <Table.Th>{t('settings.minTenure')}</Table.Th>
              <Table.Th>{t('settings.minRevenue')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={r.key}>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={t('customers.tier')}
                    value={r.tier}
                    onChange={(e) => setRow(i, 'tier', e.currentTarget.value)}
                    error={fieldError(save.error, `rules.${i}.tier`)}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    type="number"
                    min="0"
                    step="0.5"
                    aria-label={t('settings.minTenure')}
                    value={r.years}
                    onChange={(e) => setRow(i, 'years', e.currentTarget.value)}
                  />
                </Table.Td>
                <Table.Td>
                  <MoneyInput
                    size="xs"
                    currency={TIER_CURRENCY}
                    aria-label={t('settings.minRevenue')}
                    value={r.revenueMinor}
                    onChange={(v) => setRevenue(i, v)}
                    error={fieldError(save.error, `rules.${i}.minRevenue12mMinor`)}
                  />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => setRows(rows.filter((_, j) => j !== i))}
                  >
                    {t('settings.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {save.error && <ErrorAlert error={save.error} />}
        {save.isSuccess && <Badge color="green">{t('common.saved')}</Badge>}
        <Group>
          <Button
            size="xs"
            variant="default"
            onClick={() =>
              setRows([...rows, { key: `new-${Date.now()}`, tier: '', years: '0', revenueMinor: 0 }])
            }
          >
            {t('settings.addTier')}
          </Button>
          <Button size="xs" onClick={() => valid && save.mutate()} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}
