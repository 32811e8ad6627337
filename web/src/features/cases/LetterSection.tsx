// The response letter (assembled by the server from apology, points, cause and action): preview and send.
import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/bits';
import { formatDateTime } from '../../lib/format';
import type { Case } from '../../lib/types';
import { useCaseAction, useLetter } from './cases.api';

export function LetterSection({ c }: { c: Case }) {
  const { t } = useTranslation();
  const [show, setShow] = useState(false);
  const letter = useLetter(c.id, show);
  const send = useCaseAction<void>(
    c.id,
    'POST',
    () => '/letter/send',
    () => ({}),
  );
  return (
    <Section
      title={t('cases.letter.title')}
      id="sec-letter"
      actions={
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            onClick={() => (show ? letter.refetch() : setShow(true))}
            loading={letter.isFetching}
          >
            {t('cases.letter.preview')}
          </Button>
          <Button
            size="xs"
            onClick={() => send.mutate()}
            loading={send.isPending}
            disabled={!show || !letter.data}
          >
            {t('cases.letter.send')}
          </Button>
        </Group>
      }
    >
      {c.letterSentAt && (
        <Alert color="green" mb="xs" data-testid="letter-sent">
          {t('cases.letter.sentAt', { at: formatDateTime(c.letterSentAt) })}
        </Alert>
      )}
      {send.error && <ErrorAlert error={send.error} />}
      {letter.error && <ErrorAlert error={letter.error} />}
      {show && letter.data ? (
        <Stack gap={4} data-testid="letter-preview">
          <Text size="sm">
            <b>{t('cases.letter.to')}:</b> {letter.data.to ?? t('cases.letter.noEmail')}
          </Text>
          <Text size="sm">
            <b>{t('cases.letter.subject')}:</b> {letter.data.subject}
          </Text>
          <Code block className="sk-pre" style={{ fontFamily: 'inherit', fontSize: 14 }}>
            {letter.data.text}
          </Code>
        </Stack>
      ) : (
        !c.letterSentAt && (
          <Text size="sm" c="dimmed">
            {t('cases.letter.hint')}
          </Text>
        )
      )}
    </Section>
  );
}
