// Managers: goodwill above an agent's empowerment limit waits here and is approved or declined right
// here (or on the case); below, the call-backs from escalations.
import { Button, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/bits';
import { apiPost } from '../../lib/api';
import type { Task } from '../../lib/types';
import { caseKeys } from '../cases/cases.keys';
import { TaskList } from '../tasks/TaskList';
import { taskKeys } from '../tasks/tasks.keys';
import { DeclineGoodwillDialog } from './DeclineGoodwillDialog';

type Decision = { task: Task; decision: 'approve' | 'decline'; reason?: string };

export default function ApprovalsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const decide = useMutation({
    mutationFn: ({ task, decision, reason }: Decision) =>
      apiPost(`/cases/${task.caseId}/goodwill/${task.sourceRef}/${decision}`, reason ? { reason } : {}),
    onSuccess: (_data, { task }) => {
      void qc.invalidateQueries({ queryKey: taskKeys.all });
      if (task.caseId) void qc.invalidateQueries({ queryKey: caseKeys.detail(task.caseId) });
      void qc.invalidateQueries({ queryKey: caseKeys.lists() });
    },
  });
  const [declining, setDeclining] = useState<Task | null>(null);
  const busy = (task: Task, decision: Decision['decision']) =>
    decide.isPending && decide.variables?.task.id === task.id && decide.variables.decision === decision;
  return (
    <Stack maw={900}>
      <Title order={1}>{t('approvals.title')}</Title>
      <Text size="sm">{t('approvals.intro')}</Text>
      <Section title={t('approvals.goodwill')} id="sec-approvals">
        {decide.error && !declining && <ErrorAlert error={decide.error} />}
        <DeclineGoodwillDialog
          opened={declining !== null}
          onClose={() => {
            setDeclining(null);
            decide.reset();
          }}
          pending={decide.isPending}
          error={declining ? decide.error : null}
          onDecline={(reason, done) =>
            declining && decide.mutate({ task: declining, decision: 'decline', reason }, { onSuccess: done })
          }
        />
        <TaskList
          filters={{ source: 'case_goodwill_approval', status: 'active' }}
          actions={(task) =>
            task.caseId && task.sourceRef ? (
              <>
                <Button
                  size="compact-xs"
                  loading={busy(task, 'approve')}
                  onClick={() => decide.mutate({ task, decision: 'approve' })}
                  aria-label={t('approvals.approveNamed', { title: task.title })}
                >
                  {t('approvals.approve')}
                </Button>
                <Button
                  size="compact-xs"
                  variant="default"
                  loading={busy(task, 'decline')}
                  onClick={() => {
                    decide.reset();
                    setDeclining(task);
                  }}
                  aria-label={t('approvals.declineNamed', { title: task.title })}
                >
                  {t('approvals.decline')}
                </Button>
              </>
            ) : null
          }
        />
      </Section>
      <Section title={t('approvals.callbacks')} id="sec-callbacks">
        <TaskList filters={{ source: 'case_callback', status: 'active' }} />
      </Section>
    </Stack>
  );
}
