// Managers: goodwill above an agent's empowerment limit waits here; approve or decline on the case.
import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Section } from '../../components/bits';
import { TaskList } from '../tasks/TaskList';

export default function ApprovalsPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={900}>
      <Title order={1}>{t('approvals.title')}</Title>
      <Text size="sm">{t('approvals.intro')}</Text>
      <Section title={t('approvals.goodwill')} id="sec-approvals">
        <TaskList filters={{ source: 'case_goodwill_approval', status: 'active' }} />
      </Section>
      <Section title={t('approvals.callbacks')} id="sec-callbacks">
        <TaskList filters={{ source: 'case_callback', status: 'active' }} />
      </Section>
    </Stack>
  );
}
