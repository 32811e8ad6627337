// Badges for a case's status, priority, severity and anger.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const STATUS_COLOR: Record<string, string> = {
  new: 'blue',
  open: 'cyan',
  waiting_customer: 'gray',
  reopened: 'orange',
  resolved: 'teal',
  closed: 'green',
};
const PRIORITY_COLOR: Record<string, string> = { urgent: 'red', high: 'orange', normal: 'blue', low: 'gray' };

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="light" autoContrast data-testid="case-status">
      {t(`caseStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={PRIORITY_COLOR[priority] ?? 'gray'} variant="filled" autoContrast>
      {t(`priority.${priority}`, { defaultValue: priority })}
    </Badge>
  );
}
