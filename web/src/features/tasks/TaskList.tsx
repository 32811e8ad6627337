// A compact list of tasks with due dates, links to their customer/case, and "done".
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, LoadMore, QueryState } from '../../components/bits';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import type { Task } from '../../lib/types';
import { type TaskFilters, useCompleteTask, useTasks } from './tasks.api';

const PRIORITY_COLOR: Record<string, string> = { urgent: 'red', high: 'orange', normal: 'blue', low: 'gray' };

export function TaskList({
  filters,
  showCustomer = true,
  actions,
}: {
  filters: TaskFilters;
  showCustomer?: boolean;
  /** Buttons that replace "done" (e.g. approve/decline on an approval task). */
  actions?: (task: Task) => ReactNode;
}) {
  const { t } = useTranslation();
  const tasks = useTasks(filters);
  const complete = useCompleteTask();
  const items = tasks.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <QueryState query={tasks}>
      {() => (
        <Stack gap="xs">
          {items.length === 0 && <Empty>{t('tasks.none')}</Empty>}
          {items.map((task) => (
            <Stack
              key={task.id}
              data-testid="task"
              gap={2}
              p="xs"
              style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={600} className="sk-pre">
                  {task.title}
                </Text>
                <Badge
                  color={PRIORITY_COLOR[task.priority]}
                  variant="light"
                  autoContrast
                  style={{ flexShrink: 0 }}
                >
                  {t(`priority.${task.priority}`)}
                </Badge>
              </Group>
              <Group gap="xs" wrap="wrap">
                <Text size="xs" c={task.overdue ? 'red.8' : 'dimmed'}>
                  {task.dueAt ? t('tasks.due', { at: formatDateTime(task.dueAt) }) : t('tasks.noDue')}
                  {task.overdue ? ` · ${t('tasks.overdue')}` : ''}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`taskStatus.${task.status}`)}
                </Text>
                {task.caseId && (
                  <Link href={`/cases/${task.caseId}`} style={{ fontSize: 12 }}>
                    {t('tasks.openCase')}
                  </Link>
                )}
                {showCustomer && task.customerId && (
                  <Link href={`/customers/${task.customerId}`} style={{ fontSize: 12 }}>
                    {t('tasks.openCustomer')}
                  </Link>
                )}
              </Group>
              {(task.status === 'open' || task.status === 'in_progress') && actions && (
                <Group gap="xs">{actions(task)}</Group>
              )}
              {(task.status === 'open' || task.status === 'in_progress') && !actions && (
                <Group>
                  <Button
                    size="compact-xs"
                    variant="light"
                    loading={complete.isPending && complete.variables?.id === task.id}
                    onClick={() => complete.mutate({ id: task.id })}
                    aria-label={t('tasks.completeNamed', { title: task.title })}
                  >
                    {t('tasks.complete')}
                  </Button>
                </Group>
              )}
            </Stack>
          ))}
          <LoadMore
            hasNext={!!tasks.hasNextPage}
            loading={tasks.isFetchingNextPage}
            onClick={() => tasks.fetchNextPage()}
          />
        </Stack>
      )}
    </QueryState>
  );
}
