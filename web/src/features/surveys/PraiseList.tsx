// Customer praise from surveys (NPS 9–10 or CSAT 5 with a comment about an agent), newest first:
// the praise the agent also gets by e-mail, visible to the team. The comment is customer text.
import { Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Empty, QueryState, Section } from '../../components/bits';
import { apiGet, type Page } from '../../lib/api';
import { formatDate } from '../../lib/format';
import type { z } from 'zod';
import type { praiseSchema } from '../../../../src/surveys/surveys.schema.js';
import { surveyKeys } from './surveys.keys';

type Praise = z.infer<typeof praiseSchema>;

export function PraiseList({ from, to, limit = 8 }: { from?: string; to?: string; limit?: number }) {
  const { t } = useTranslation();
  const praise = useQuery({
    queryKey: surveyKeys.praise({ from, to, limit }),
    queryFn: () => apiGet<Page<Praise>>('/surveys/praise', { from, to, limit }),
  });
  return (
    <Section title={t('surveys.praiseTitle')} id="sec-praise">
      <QueryState query={praise}>
        {() => (
          <Stack gap="xs" data-testid="praise-list">
            {praise.data!.items.length === 0 && <Empty>{t('surveys.noPraise')}</Empty>}
            {praise.data!.items.map((p) => (
              <Stack
                key={p.answerId}
                gap={2}
                data-testid="praise"
                style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
                pb="xs"
              >
                <Text size="sm" className="sk-pre">
                  „{p.comment}“
                </Text>
                <Group gap="xs">
                  <Badge variant="light" color="green" autoContrast>
                    {p.scale.toUpperCase()} {p.score}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {t('surveys.praiseFor', { name: p.agentName ?? '–', date: formatDate(p.answeredAt) })}
                  </Text>
                </Group>
              </Stack>
            ))}
          </Stack>
        )}
      </QueryState>
    </Section>
  );
}
