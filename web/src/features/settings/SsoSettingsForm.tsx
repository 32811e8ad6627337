// Single sign-on settings as a form: the OpenID provider, the client (the secret write-only), the
// claim whose values map to roles, and the just-in-time rule. The server checks the fields (and that
// the issuer answers) and names those at fault in the reader's language; they are shown at the field.
import {
  Badge,
  Button,
  Checkbox,
  Code,
  Fieldset,
  Group,
  NativeSelect,
  PasswordInput,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type {
  ssoSettingsViewSchema,
  updateSsoSettingsSchema,
} from '../../../../src/platform/auth/sso.settings.js';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { QueryState, Section } from '../../components/bits';
import { ApiError } from '../../lib/api';
import type { Role } from '../../lib/types';
import { useSettingsDraft } from './useSettingsDraft';

type SsoView = z.infer<typeof ssoSettingsViewSchema>;
type SsoUpdate = z.input<typeof updateSsoSettingsSchema>;

const PATH = '/settings/sso';
const ROLES: Role[] = ['agent', 'manager', 'admin'];
const JIT = ['off', 'create', 'domains'] as const;

/** All field errors whose path starts with `prefix` (a list's items), joined. */
function errorsUnder(error: unknown, prefix: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const messages = error.errors
    .filter((e) => e.path === prefix || e.path.startsWith(`${prefix}.`))
    .map((e) => e.message);
  return messages.length ? [...new Set(messages)].join(' ') : undefined;
}

export function SsoSettingsForm() {
  const { t } = useTranslation();
  const [secret, setSecret] = useState('');
  const { query, draft, setDraft, save } = useSettingsDraft<SsoView>(PATH);
  const set = <K extends keyof SsoView>(k: K, v: SsoView[K]) => setDraft((d) => (d ? { ...d, [k]: v } : d));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const { clientSecretSet: _a, clientSecretFromEnvironment: _b, redirectUri: _c, ...fields } = draft;
    const body: SsoUpdate = { ...fields, ...(secret ? { clientSecret: secret } : {}) };
    save.mutate(body as SsoView, { onSuccess: () => setSecret('') });
  };
  const err = (path: string) => fieldError(save.error, path);
  return (
    <Section title={t('settings.sso.title')} id="set-sso">
      <QueryState query={query}>
        {() =>
          draft && (
            <form onSubmit={submit} aria-labelledby="set-sso">
              <Stack gap="sm">
                <Text size="sm">{t('settings.sso.hint')}</Text>
                <Checkbox
                  label={t('settings.sso.enabled')}
                  checked={draft.enabled}
                  onChange={(e) => set('enabled', e.currentTarget.checked)}
                />
                <Fieldset legend={t('settings.sso.provider')}>
                  <Stack gap="xs">
                    <TextInput
                      label={t('settings.sso.displayName')}
                      description={t('settings.sso.displayNameHint')}
                      value={draft.displayName}
                      onChange={(e) => set('displayName', e.currentTarget.value)}
                      error={err('displayName')}
                    />
                    <TextInput
                      label={t('settings.sso.issuer')}
                      description={t('settings.sso.issuerHint')}
                      placeholder="https://sso.example.com/realms/staff"
                      value={draft.issuer}
                      onChange={(e) => set('issuer', e.currentTarget.value)}
                      error={err('issuer')}
                    />
                    <Group grow align="flex-start" wrap="wrap">
                      <TextInput
                        label={t('settings.sso.clientId')}
                        value={draft.clientId}
                        onChange={(e) => set('clientId', e.currentTarget.value)}
                        error={err('clientId')}
                      />
                      <PasswordInput
                        label={t('settings.sso.clientSecret')}
                        description={
                          draft.clientSecretFromEnvironment
                            ? t('settings.sso.secretFromEnvironment')
                            : draft.clientSecretSet
                              ? t('settings.sso.secretKept')
                              : t('settings.sso.secretMissing')
                        }
                        disabled={draft.clientSecretFromEnvironment}
                        autoComplete="new-password"
                        visibilityToggleButtonProps={{ 'aria-label': t('login.togglePassword') }}
                        value={secret}
                        onChange={(e) => setSecret(e.currentTarget.value)}
                        error={err('clientSecret')}
                      />
                    </Group>
                    <TextInput
                      label={t('settings.sso.scopes')}
                      value={draft.scopes}
                      onChange={(e) => set('scopes', e.currentTarget.value)}
                      error={err('scopes')}
                    />
                    <Text size="sm">
                      {t('settings.sso.redirectUri')} <Code>{draft.redirectUri}</Code>
                    </Text>
                  </Stack>
                </Fieldset>
                <Fieldset legend={t('settings.sso.roles')}>
                  <Stack gap="xs">
                    <TextInput
                      label={t('settings.sso.roleClaim')}
                      description={t('settings.sso.roleClaimHint')}
                      value={draft.roleClaim}
                      onChange={(e) => set('roleClaim', e.currentTarget.value)}
                      error={err('roleClaim')}
                    />
                    {draft.roleMapping.map((m, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; the index is the row
                      <Group key={i} align="flex-start" wrap="nowrap">
                        <TextInput
                          label={t('settings.sso.claimValue')}
                          value={m.value}
                          onChange={(e) => {
                            const value = e.currentTarget.value;
                            set(
                              'roleMapping',
                              draft.roleMapping.map((x, j) => (j === i ? { ...x, value } : x)),
                            );
                          }}
                          error={err(`roleMapping.${i}.value`)}
                        />
                        <NativeSelect
                          label={t('settings.role')}
                          value={m.role}
                          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                          onChange={(e) => {
                            const role = e.currentTarget.value as Role;
                            set(
                              'roleMapping',
                              draft.roleMapping.map((x, j) => (j === i ? { ...x, role } : x)),
                            );
                          }}
                        />
                        <Button
                          mt={24}
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={`${t('settings.remove')}: ${m.value}`}
                          onClick={() =>
                            set(
                              'roleMapping',
                              draft.roleMapping.filter((_, j) => j !== i),
                            )
                          }
                        >
                          {t('settings.remove')}
                        </Button>
                      </Group>
                    ))}
                    {err('roleMapping') && (
                      <Text c="red" size="sm" role="alert">
                        {err('roleMapping')}
                      </Text>
                    )}
                    <Group>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() =>
                          set('roleMapping', [...draft.roleMapping, { value: '', role: 'agent' }])
                        }
                      >
                        {t('settings.sso.addMapping')}
                      </Button>
                    </Group>
                  </Stack>
                </Fieldset>
                <Fieldset legend={t('settings.sso.justInTime')}>
                  <Stack gap="xs">
                    <NativeSelect
                      label={t('settings.sso.justInTimeRule')}
                      value={draft.justInTime}
                      data={JIT.map((v) => ({ value: v, label: t(`settings.sso.jit.${v}`) }))}
                      onChange={(e) => set('justInTime', e.currentTarget.value as SsoView['justInTime'])}
                    />
                    <TagsInput
                      label={t('settings.sso.allowedDomains')}
                      description={t('settings.sso.allowedDomainsHint')}
                      value={draft.allowedDomains}
                      onChange={(v) => set('allowedDomains', v)}
                      error={errorsUnder(save.error, 'allowedDomains')}
                    />
                  </Stack>
                </Fieldset>
                {save.error && (
                  <ErrorAlert
                    error={
                      save.error instanceof ApiError && save.error.errors.length > 0
                        ? new ApiError(save.error.status, {
                            code: save.error.code,
                            detail: t('settings.sso.fieldErrors'),
                          })
                        : save.error
                    }
                  />
                )}
                {save.isSuccess && (
                  <Badge color="green" role="status">
                    {t('common.saved')}
                  </Badge>
                )}
                <Group>
                  <Button type="submit" loading={save.isPending}>
                    {t('common.save')}
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
