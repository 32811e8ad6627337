// The login form (e-mail + password) with the language switch and, when an admin set up single
// sign-on, "Sign in with <provider>"; a refused single sign-on comes back here with ?ssoError=<code>.
import {
  Alert,
  Button,
  Center,
  Divider,
  Group,
  Paper,
  PasswordInput,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ssoLoginOptionSchema } from '../../../../src/platform/auth/sso.settings.js';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { apiGet, withQuery } from '../../lib/api';
import { useLocation } from '../../lib/router';
import { useLogin } from '../../lib/session';

type SsoOption = z.infer<typeof ssoLoginOptionSchema>;

/** The page to come back to after a single sign-on: where the user was, unless that is the login. */
function returnPath(pathname: string): string | undefined {
  return pathname === '/' || pathname === '/login' ? undefined : pathname;
}

export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const { pathname, search } = useLocation();
  const ssoError = search.get('ssoError');
  const sso = useQuery({
    queryKey: ['auth', 'sso'],
    queryFn: () => apiGet<SsoOption>('/auth/sso'),
    staleTime: 60_000,
    retry: false,
  });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email, password });
  };
  return (
    <Center component="main" mih="100vh" p="md">
      <Paper
        component="form"
        onSubmit={submit}
        withBorder
        p="lg"
        w="100%"
        maw={380}
        aria-labelledby="login-title"
      >
        <Stack>
          <Group justify="space-between">
            <Title order={1} size="h2" id="login-title">
              {t('login.title')}
            </Title>
            <LanguageSwitch />
          </Group>
          {ssoError && (
            <Alert color="red" role="alert" title={t('login.ssoFailed')} data-error-code={ssoError}>
              {t(`errors.${ssoError}`, { defaultValue: t('errors.unknown') })}
            </Alert>
          )}
          {sso.data?.enabled && sso.data.loginUrl && (
            <>
              <Button
                component="a"
                variant="default"
                href={withQuery(sso.data.loginUrl, { returnTo: returnPath(pathname) })}
              >
                {t('login.sso', { name: sso.data.displayName })}
              </Button>
              <Divider label={t('login.orPassword')} labelPosition="center" />
            </>
          )}
          <TextInput
            label={t('login.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(login.error, 'email')}
          />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            visibilityToggleButtonProps={{ 'aria-label': t('login.togglePassword') }}
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError(login.error, 'password')}
          />
          {login.error && <ErrorAlert error={login.error} title={t('login.failed')} />}
          <Button type="submit" loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
