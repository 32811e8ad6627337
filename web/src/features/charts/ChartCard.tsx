// A chart in a card with a "CSV" button exporting exactly the rows the chart shows.
import '@mantine/charts/styles.css';
import { Button, Card, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type CsvRow, downloadCsv } from '../../lib/csv';

export function ChartCard({
  title,
  csvName,
  rows,
  columns,
  note,
  children,
}: {
  title: string;
  csvName: string;
  rows: CsvRow[];
  columns?: string[];
  note?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const id = `chart-${csvName}`;
  return (
    <Card withBorder component="section" aria-labelledby={id} padding="md" data-testid={id}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap" gap="xs">
        <Title order={2} size="h4" id={id} style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
          {title}
        </Title>
        <Button
          size="compact-xs"
          variant="default"
          disabled={rows.length === 0}
          aria-label={t('common.csvLabel', { name: title })}
          onClick={() => downloadCsv(`${csvName}.csv`, rows, columns)}
        >
          {t('common.csv')}
        </Button>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('dashboard.noData')}
        </Text>
      ) : (
        children
      )}
      {note && (
        <Text size="xs" c="dimmed" mt="xs">
          {note}
        </Text>
      )}
    </Card>
  );
}
