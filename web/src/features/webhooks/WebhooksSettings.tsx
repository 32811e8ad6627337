// Admin settings → Webhooks: the registered endpoints (enable/disable, rotate the secret, delete),
// registering a new one (its secret is shown once), an endpoint's delivery log, and the settings.
import { Badge, Button, Checkbox, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SecretShownOnce } from '../../components/SecretShownOnce';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { LoadMore, QueryState, Section } from '../../components/bits';
import { formatDateTime } from '../../lib/format';
import { JsonSettings } from '../settings/GenericSettings';
import {
  type Endpoint,
  type EndpointWithSecret,
  useDeliveryLog,
  useEndpointMutations,
  useEndpoints,
  useWebhookEvents,
} from './webhooks.api';

export function WebhooksSettings() {
  const { t } = useTranslation();
  const [secret, setSecret] = useState<EndpointWithSecret | null>(null);
  const [logOf, setLogOf] = useState<Endpoint | null>(null);
  return (
    <Stack>
      {secret && <SecretOnce endpoint={secret} onClose={() => setSecret(null)} />}
      <EndpointList onSecret={setSecret} onLog={setLogOf} selected={logOf?.id ?? null} />
      {logOf && <DeliveryLog endpoint={logOf} />}
      <NewEndpoint onSecret={setSecret} />
      <JsonSettings path="/settings/webhooks" title={t('webhooks.settings')} />
    </Stack>
  );
}

function SecretOnce({ endpoint, onClose }: { endpoint: EndpointWithSecret; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <SecretShownOnce
      title={t('webhooks.secretTitle')}
      hint={t('webhooks.secretHint', { url: endpoint.url })}
      secret={endpoint.secret}
      testId="webhook-secret"
      onClose={onClose}
    >
      {endpoint.previousSecretExpiresAt && (
        <Text size="xs" c="dimmed">
          {t('webhooks.graceUntil', { at: formatDateTime(endpoint.previousSecretExpiresAt) })}
        </Text>
      )}
    </SecretShownOnce>
  );
}

function StatusBadge({ endpoint }: { endpoint: Endpoint }) {
  const { t } = useTranslation();
  if (endpoint.enabled)
    return (
      <Badge color="green" variant="light" autoContrast>
        {t('webhooks.enabled')}
      </Badge>
    );
  return (
    <Badge color={endpoint.disabledReason === 'failures' ? 'red' : 'gray'} variant="light" autoContrast>
      {endpoint.disabledReason === 'failures' ? t('webhooks.disabledFailures') : t('webhooks.disabled')}
    </Badge>
  );
}

function EndpointList({
  onSecret,
  onLog,
  selected,
}: {
  onSecret: (e: EndpointWithSecret) => void;
  onLog: (e: Endpoint) => void;
  selected: string | null;
}) {
  const { t } = useTranslation();
  const list = useEndpoints();
  const { update, rotate, remove } = useEndpointMutations();
  const error = update.error ?? rotate.error ?? remove.error;
  return (
    <Section title={t('webhooks.title')} id="set-webhooks">
      <Text size="sm" c="dimmed" mb="sm">
        {t('webhooks.intro')}
      </Text>
      <QueryState query={list}>
        {() =>
          list.data!.items.length === 0 ? (
            <Text size="sm">{t('webhooks.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table fz="sm" data-testid="webhook-endpoints">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('webhooks.url')}</Table.Th>
                    <Table.Th>{t('webhooks.events')}</Table.Th>
                    <Table.Th>{t('webhooks.status')}</Table.Th>
                    <Table.Th>{t('webhooks.failuresInARow')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data!.items.map((e) => (
                    <Table.Tr
                      key={e.id}
                      data-testid="webhook-endpoint"
                      bg={selected === e.id ? 'var(--mantine-color-blue-light)' : undefined}
                    >
                      <Table.Td>
                        <Text size="sm" style={{ wordBreak: 'break-all' }}>
                          {e.url}
                        </Text>
                        {e.description && (
                          <Text size="xs" c="dimmed">
                            {e.description}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {e.events.map((ev) => (
                            <Badge key={ev} size="xs" variant="outline" tt="none">
                              {ev}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge endpoint={e} />
                      </Table.Td>
                      <Table.Td>{e.consecutiveFailures}</Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="compact-xs"
                            variant="default"
                            aria-label={`${e.enabled ? t('webhooks.disable') : t('webhooks.enable')}: ${e.url}`}
                            onClick={() => update.mutate({ id: e.id, patch: { enabled: !e.enabled } })}
                          >
                            {e.enabled ? t('webhooks.disable') : t('webhooks.enable')}
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="default"
                            aria-label={`${t('webhooks.rotate')}: ${e.url}`}
                            loading={rotate.isPending && rotate.variables === e.id}
                            onClick={() => rotate.mutate(e.id, { onSuccess: onSecret })}
                          >
                            {t('webhooks.rotate')}
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="default"
                            aria-label={`${t('webhooks.log')}: ${e.url}`}
                            onClick={() => onLog(e)}
                          >
                            {t('webhooks.log')}
                          </Button>
                          <Button
                            size="compact-xs"
                            color="red"
                            variant="subtle"
                            aria-label={`${t('webhooks.delete')}: ${e.url}`}
                            onClick={() => {
                              if (window.confirm(t('webhooks.deleteConfirm', { url: e.url })))
                                remove.mutate(e.id);
                            }}
                          >
                            {t('webhooks.delete')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      {error && <ErrorAlert error={error} />}
    </Section>
  );
}

function NewEndpoint({ onSecret }: { onSecret: (e: EndpointWithSecret) => void }) {
  const { t } = useTranslation();
  const catalogue = useWebhookEvents();
  const { create } = useEndpointMutations();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { url: url.trim(), description, events },
      {
        onSuccess: (created) => {
          onSecret(created);
          setUrl('');
          setDescription('');
          setEvents([]);
        },
      },
    );
  };
  return (
    <Section title={t('webhooks.new')} id="set-webhook-new">
      <form onSubmit={submit} aria-labelledby="set-webhook-new">
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('webhooks.url')}
              description={t('webhooks.urlHint')}
              placeholder="https://"
              required
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={fieldError(create.error, 'url')}
            />
            <TextInput
              label={t('webhooks.description')}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              error={fieldError(create.error, 'description')}
            />
          </SimpleGrid>
          <QueryState query={catalogue}>
            {() => (
              <Checkbox.Group
                label={t('webhooks.events')}
                value={events}
                onChange={setEvents}
                error={fieldError(create.error, 'events')}
              >
                <SimpleGrid cols={{ base: 1, md: 2 }} mt="xs" spacing="xs">
                  {catalogue.data!.items.map((ev) => (
                    <Checkbox
                      key={ev.name}
                      value={ev.name}
                      label={ev.name}
                      description={t(`webhooks.eventNames.${ev.name.replace('.', '_')}`)}
                    />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
            )}
          </QueryState>
          {create.error && <ErrorAlert error={create.error} />}
          <Group>
            <Button type="submit" loading={create.isPending} disabled={events.length === 0}>
              {t('webhooks.register')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function DeliveryLog({ endpoint }: { endpoint: Endpoint }) {
  const { t } = useTranslation();
  const log = useDeliveryLog(endpoint.id);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section title={t('webhooks.logOf', { url: endpoint.url })} id="set-webhook-log">
      <QueryState query={log}>
        {() =>
          items.length === 0 ? (
            <Text size="sm">{t('webhooks.logEmpty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table fz="sm" data-testid="webhook-log">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('webhooks.at')}</Table.Th>
                    <Table.Th>{t('webhooks.event')}</Table.Th>
                    <Table.Th>{t('webhooks.attempt')}</Table.Th>
                    <Table.Th>{t('webhooks.statusCode')}</Table.Th>
                    <Table.Th>{t('webhooks.duration')}</Table.Th>
                    <Table.Th>{t('webhooks.error')}</Table.Th>
                    <Table.Th>{t('webhooks.nextRetry')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{formatDateTime(a.at)}</Table.Td>
                      <Table.Td>
                        <code>{a.eventType}</code>
                        <Text size="xs" c="dimmed">
                          {a.deliveryId}
                        </Text>
                      </Table.Td>
                      <Table.Td>{a.attempt}</Table.Td>
                      <Table.Td>
                        <Badge
                          color={a.statusCode !== null && a.statusCode < 300 ? 'green' : 'red'}
                          variant="light"
                          autoContrast
                        >
                          {a.statusCode ?? t('webhooks.noAnswer')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{t('webhooks.ms', { ms: a.durationMs })}</Table.Td>
                      <Table.Td>
                        <Text size="xs">{a.error ?? '–'}</Text>
                      </Table.Td>
                      <Table.Td>
                        {a.nextRetryAt
                          ? formatDateTime(a.nextRetryAt)
                          : t(`webhooks.deliveryStatus.${a.deliveryStatus}`)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <LoadMore
        hasNext={!!log.hasNextPage}
        loading={log.isFetchingNextPage}
        onClick={() => void log.fetchNextPage()}
      />
    </Section>
  );
}
