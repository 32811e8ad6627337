// Admin only: download everything stored about a customer (GDPR Art. 15/20), or erase it (Art. 17).
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { apiGet, apiPost } from '../../lib/api';
import type { Customer } from '../../lib/types';
import { customerKeys } from './customers.keys';

export function GdprActions({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const exportData = useMutation({
    mutationFn: () => apiGet<unknown>(`/customers/${customer.id}/export`),
    onSuccess: (data) => {
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.download = `customer-${customer.number}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  });
  const erase = useMutation({
    mutationFn: () => apiPost<void>(`/customers/${customer.id}/erase`),
    onSuccess: () => {
      setConfirming(false);
      void qc.invalidateQueries({ queryKey: customerKeys.all });
    },
  });
  return (
    <Group gap="xs">
      <Button variant="default" size="xs" loading={exportData.isPending} onClick={() => exportData.mutate()}>
        {t('gdpr.export')}
      </Button>
      <Button
        color="red"
        variant="outline"
        size="xs"
        disabled={customer.status === 'erased'}
        onClick={() => setConfirming(true)}
      >
        {t('gdpr.erase')}
      </Button>
      {exportData.error && <ErrorAlert error={exportData.error} />}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('gdpr.confirmTitle')}>
        <Stack>
          <Text size="sm">{t('gdpr.confirmText')}</Text>
          <TextInput
            label={t('gdpr.typeNumber', { number: customer.number })}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
          />
          {erase.error && <ErrorAlert error={erase.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              disabled={typed.trim() !== customer.number}
              loading={erase.isPending}
              onClick={() => erase.mutate()}
            >
              {t('gdpr.eraseConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
