// The login form (e-mail + password) with the language switch.
import { Button, Center, Group, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useLogin } from '../../lib/session';

export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
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
