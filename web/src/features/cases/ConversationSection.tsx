// The conversation with the customer and the internal notes, oldest first, and a composer.
import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Empty, QueryState, Section } from '../../components/bits';
import { formatDateTime } from '../../lib/format';
import { useCaseAction, useCaseMessages } from './cases.api';

const IN_CHANNELS = ['email', 'phone', 'letter', 'web', 'in_person', 'chat'];
const DIRECTION_STYLE: Record<string, { bg: string; badge: string }> = {
  in: { bg: 'var(--mantine-color-gray-0)', badge: 'gray' },
  out: { bg: 'var(--mantine-color-blue-0)', badge: 'blue' },
  internal: { bg: 'var(--mantine-color-yellow-0)', badge: 'yellow' },
};

export function ConversationSection({ caseId, editable }: { caseId: string; editable: boolean }) {
  const { t } = useTranslation();
  const messages = useCaseMessages(caseId);
  const post = useCaseAction<Record<string, unknown>>(caseId, 'POST', () => '/messages');
  const [direction, setDirection] = useState('internal');
  const [channel, setChannel] = useState('phone');
  const [body, setBody] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    post.mutate(
      { direction, body, ...(direction === 'in' ? { channel } : {}) },
      { onSuccess: () => setBody('') },
    );
  };
  return (
    <Section title={t('cases.conversation.title')} id="sec-conversation">
      <QueryState query={messages}>
        {() => (
          <Stack gap="xs" mah={480} style={{ overflowY: 'auto' }}>
            {messages.data!.items.length === 0 && <Empty />}
            {messages.data!.items.map((m) => (
              <Paper
                key={m.id}
                p="xs"
                withBorder
                bg={DIRECTION_STYLE[m.direction].bg}
                data-testid={`message-${m.direction}`}
              >
                <Group gap="xs" mb={4}>
                  <Badge size="xs" color={DIRECTION_STYLE[m.direction].badge} variant="light" autoContrast>
                    {t(`cases.conversation.directions.${m.direction}`)}
                  </Badge>
                  <Text size="xs" fw={600}>
                    {m.author.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(m.at)} · {t(`cases.conversation.channels.${m.channel}`)}
                    {m.mailed ? ` · ${t('cases.conversation.mailed')}` : ''}
                  </Text>
                </Group>
                <Text size="sm" className="sk-pre">
                  {m.body}
                </Text>
                {m.attachments.length > 0 && (
                  <Group gap="xs" mt={4}>
                    {m.attachments.map((a) => (
                      <a
                        key={a.id}
                        href={`/api/v1/cases/${caseId}/messages/${m.id}/attachments/${a.id}`}
                        download={a.filename}
                      >
                        {a.filename}
                      </a>
                    ))}
                  </Group>
                )}
              </Paper>
            ))}
          </Stack>
        )}
      </QueryState>
      {editable && (
        <form onSubmit={submit} aria-label={t('cases.conversation.compose')}>
          <Stack gap="xs" mt="sm">
            <Group gap="sm" align="flex-end">
              <SegmentedControl
                size="xs"
                aria-label={t('cases.conversation.direction')}
                value={direction}
                onChange={setDirection}
                data={['internal', 'out', 'in'].map((d) => ({
                  value: d,
                  label: t(`cases.conversation.directions.${d}`),
                }))}
              />
              {direction === 'in' && (
                <NativeSelect
                  size="xs"
                  label={t('cases.conversation.channel')}
                  value={channel}
                  onChange={(e) => setChannel(e.currentTarget.value)}
                  data={IN_CHANNELS.map((c) => ({ value: c, label: t(`cases.conversation.channels.${c}`) }))}
                />
              )}
            </Group>
            <Textarea
              label={t(`cases.conversation.bodyLabel.${direction}`)}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              minRows={2}
              error={fieldError(post.error, 'body')}
            />
            {post.error && <ErrorAlert error={post.error} />}
            <Group>
              <Button size="xs" type="submit" loading={post.isPending} disabled={!body.trim()}>
                {t(`cases.conversation.send.${direction}`)}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  );
}
