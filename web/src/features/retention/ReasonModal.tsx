// A decision that needs a reason in words, asked in a modal: what it is about, the reason, save.
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';

/** The mutation that saves the decision: called with the reason; its `reason` field error is shown. */
type SaveReason = {
  mutate: (reason: string, options: { onSuccess: () => void }) => void;
  error: Error | null;
  isPending: boolean;
};

export function ReasonModal({
  opened,
  title,
  subject,
  label,
  hint,
  saveText,
  save,
  onClose,
}: {
  opened: boolean;
  title: string;
  /** What the decision is about (rendered as text). */
  subject: ReactNode;
  label: string;
  hint?: string;
  saveText: string;
  save: SaveReason;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!opened) return;
    save.mutate(reason, {
      onSuccess: () => {
        setReason('');
        onClose();
      },
    });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form onSubmit={submit} aria-label={title}>
        <Stack>
          <Text size="sm" className="sk-pre">
            {subject}
          </Text>
          <Textarea
            label={label}
            description={hint}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            autosize
            minRows={3}
            maxLength={2000}
            error={fieldError(save.error, 'reason')}
            data-autofocus
          />
          {save.error && !fieldError(save.error, 'reason') && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('retention.common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {saveText}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
