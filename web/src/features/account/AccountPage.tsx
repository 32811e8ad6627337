// "Mein Konto": the signed-in user's own API tokens for integrations: when each was made, when it
// expires and was last used; a new token's secret is shown once; a token can be revoked at any time.
import { Badge, Button, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { SecretShownOnce } from '../../components/SecretShownOnce';
import { QueryState, Section } from '../../components/bits';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../../lib/session';
import { type ApiToken, type CreatedToken, useCreateToken, useMyTokens, useRevokeToken } from './account.api';

function status(token: ApiToken, now = Date.now()): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

export default function AccountPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const tokens = useMyTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | string>(90);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, expiresInDays: Number(days) },
      {
        onSuccess: (tok) => {
          setCreated(tok);
          setName('');
        },
      },
    );
  };

  return (
    <Stack>
      <Title order={1}>{t('account.title')}</Title>
      <Text size="sm">{t('account.who', { name: user?.name, email: user?.email })}</Text>
      <Section title={t('account.tokens')}>
        <Text size="sm" mb="sm">
          {t('account.tokensIntro')}
        </Text>
        {created && (
          <SecretShownOnce
            title={t('account.createdTitle')}
            hint={t('account.createdText')}
            secret={created.token}
            testId="new-token-secret"
            onClose={() => setCreated(null)}
          />
        )}
        <form onSubmit={submit} aria-label={t('account.createToken')}>
          <Group align="flex-end" mb="md">
            <TextInput
              label={t('account.tokenName')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldError(create.error, 'name')}
              required
            />
            <NumberInput
              label={t('account.expiresInDays')}
              value={days}
              onChange={setDays}
              min={1}
              max={730}
              w={160}
              error={fieldError(create.error, 'expiresInDays')}
            />
            <Button type="submit" loading={create.isPending}>
              {t('account.createToken')}
            </Button>
          </Group>
        </form>
        {create.error && !fieldError(create.error, 'name') && <ErrorAlert error={create.error} />}
        {revoke.error && <ErrorAlert error={revoke.error} />}
        <QueryState query={tokens}>
          {() =>
            (tokens.data?.items ?? []).length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('account.noTokens')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table aria-label={t('account.tokens')} data-testid="token-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('account.tokenName')}</Table.Th>
                      <Table.Th>{t('account.createdAt')}</Table.Th>
                      <Table.Th>{t('account.expiresAt')}</Table.Th>
                      <Table.Th>{t('account.lastUsedAt')}</Table.Th>
                      <Table.Th>{t('account.status')}</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {(tokens.data?.items ?? []).map((tok) => {
                      const s = status(tok);
                      return (
                        <Table.Tr key={tok.id} data-testid="token-row">
                          <Table.Td className="sk-pre">{tok.name}</Table.Td>
                          <Table.Td>{formatDateTime(tok.createdAt)}</Table.Td>
                          <Table.Td>{tok.expiresAt ? formatDateTime(tok.expiresAt) : '–'}</Table.Td>
                          <Table.Td>
                            {tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : t('account.neverUsed')}
                          </Table.Td>
                          <Table.Td>
                            <Badge
                              size="sm"
                              variant="light"
                              color={s === 'active' ? 'green' : 'gray'}
                              autoContrast
                            >
                              {t(`account.statuses.${s}`)}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            {s === 'active' && (
                              <Button
                                size="xs"
                                color="red"
                                variant="light"
                                loading={revoke.isPending && revoke.variables === tok.id}
                                onClick={() => revoke.mutate(tok.id)}
                                aria-label={t('account.revokeNamed', { name: tok.name })}
                              >
                                {t('account.revoke')}
                              </Button>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
      </Section>
    </Stack>
  );
}
