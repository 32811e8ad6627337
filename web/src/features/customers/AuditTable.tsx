// An audit trail: who changed what when (changed fields as before → after).
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../components/bits';
import { formatDateTime } from '../../lib/format';
import type { AuditEntry } from '../../lib/types';

function describe(v: unknown): string {
  if (v === null || v === undefined) return '–';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function changeText(changes: Record<string, unknown>): string {
  return Object.entries(changes)
    .map(([field, c]) => {
      if (c && typeof c === 'object' && 'before' in c && 'after' in c) {
        const { before, after } = c as { before: unknown; after: unknown };
        return `${field}: ${describe(before)} → ${describe(after)}`;
      }
      return `${field}: ${describe(c)}`;
    })
    .join('; ');
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  if (entries.length === 0) return <Empty />;
  return (
    <Table.ScrollContainer minWidth={560} mah={360}>
      <Table fz="sm" aria-label={t('audit.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.changes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
              <Table.Td>{e.actor.name}</Table.Td>
              <Table.Td>
                {e.entityType}.{e.action}
              </Table.Td>
              <Table.Td>
                <Text size="xs" className="sk-pre" lineClamp={4}>
                  {changeText(e.changes)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
