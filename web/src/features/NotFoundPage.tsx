// Shown for unknown paths and for screens the user's role may not open.
import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '../lib/router';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1}>{t('notFound.title')}</Title>
      <Text>{t('notFound.text')}</Text>
      <Link href="/inbox">{t('notFound.back')}</Link>
    </Stack>
  );
}
