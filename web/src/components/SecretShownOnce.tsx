// A secret the server answers only once (an API token, a webhook signing secret): shown with a copy
// button and a hint that it will not be shown again.
import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function SecretShownOnce({
  title,
  hint,
  secret,
  testId,
  onClose,
  children,
}: {
  title: string;
  hint: string;
  secret: string;
  testId: string;
  onClose?: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={title} withCloseButton={!!onClose} onClose={onClose} role="status">
      <Stack gap="xs">
        <Text size="sm">{hint}</Text>
        <Group gap="xs" wrap="nowrap">
          <Code data-testid={testId} style={{ wordBreak: 'break-all' }}>
            {secret}
          </Code>
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="default" onClick={copy}>
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        {children}
      </Stack>
    </Alert>
  );
}
