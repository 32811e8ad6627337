// Declining goodwill always says why: a dialog that asks for the reason before the decline is sent
// (the requester and the case owner are told it by task and e-mail).
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';

export function DeclineGoodwillDialog({
  opened,
  onClose,
  onDecline,
  pending,
  error,
}: {
  opened: boolean;
  onClose: () => void;
  onDecline: (reason: string, done: () => void) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const close = () => {
    setReason('');
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('approvals.declineTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) onDecline(reason.trim(), close);
        }}
      >
        <Stack>
          <Textarea
            label={t('approvals.declineReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            autosize
            minRows={2}
            error={fieldError(error, 'reason')}
            data-autofocus
          />
          <Text size="xs" c="dimmed">
            {t('approvals.declineReasonHint')}
          </Text>
          {error ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end">
            <Button type="submit" disabled={!reason.trim()} loading={pending}>
              {t('approvals.decline')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
