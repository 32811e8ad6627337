// The complaint's points with their answers side by side; each point is answered on its own.
import { Badge, Button, Grid, Group, NativeSelect, Paper, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Section } from '../../components/bits';
import { formatDateTime } from '../../lib/format';
import type { Case, CasePoint, RootCauseCategory } from '../../lib/types';
import { useCaseAction, useRootCauses } from './cases.api';

const OUTCOMES = ['resolved', 'partially', 'explained', 'rejected'];

export function rootCauseName(
  causes: RootCauseCategory[] | undefined,
  code: string | null,
  lang: string,
): string {
  if (!code) return '–';
  const c = causes?.find((x) => x.code === code);
  return c ? (lang === 'en' ? c.name.en : c.name.de) : code;
}

export function PointsSection({ c, editable }: { c: Case; editable: boolean }) {
  const { t } = useTranslation();
  const addPoint = useCaseAction<{ text: string }>(c.id, 'POST', () => '/points');
  const [text, setText] = useState('');
  const unanswered = c.points.filter((p) => !p.answer).length;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    addPoint.mutate({ text }, { onSuccess: () => setText('') });
  };
  return (
    <Section
      title={t('cases.points.title', { count: c.points.length })}
      id="sec-points"
      actions={
        <Badge color={unanswered ? 'orange' : 'green'} variant="light" autoContrast>
          {unanswered ? t('cases.points.unanswered', { count: unanswered }) : t('cases.points.allAnswered')}
        </Badge>
      }
    >
      <Stack gap="sm">
        {c.points.map((p) => (
          <PointRow key={p.id} caseId={c.id} point={p} editable={editable} />
        ))}
        {editable && (
          <form onSubmit={submit} aria-label={t('cases.points.add')}>
            <Group align="flex-end">
              <Textarea
                label={t('cases.points.newPoint')}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                autosize
                minRows={1}
                style={{ flex: 1 }}
                error={fieldError(addPoint.error, 'text')}
              />
              <Button type="submit" variant="default" loading={addPoint.isPending} disabled={!text.trim()}>
                {t('cases.points.add')}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Section>
  );
}

function PointRow({ caseId, point, editable }: { caseId: string; point: CasePoint; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const causes = useRootCauses();
  const [editing, setEditing] = useState(false);
  const [answer, setAnswer] = useState(point.answer ?? '');
  const [outcome, setOutcome] = useState(point.outcome ?? 'resolved');
  const [rootCause, setRootCause] = useState(point.rootCauseCode ?? '');
  const save = useCaseAction<{ answer: string; outcome: string; rootCauseCode: string | null }>(
    caseId,
    'PATCH',
    () => `/points/${point.id}`,
  );
  const showForm = editable && (editing || !point.answer);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      { answer, outcome, rootCauseCode: rootCause || null },
      { onSuccess: () => setEditing(false) },
    );
  };
  const label = t('cases.points.pointN', { n: point.position });
  return (
    <Paper withBorder p="sm" component="article" aria-label={label} data-testid="case-point">
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Text size="xs" fw={700} c="dimmed">
            {label}
          </Text>
          <Text size="sm" className="sk-pre">
            {point.text}
          </Text>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          {showForm ? (
            <form onSubmit={submit} aria-label={t('cases.points.answerN', { n: point.position })}>
              <Stack gap="xs">
                <Textarea
                  label={t('cases.points.answerN', { n: point.position })}
                  value={answer}
                  onChange={(e) => setAnswer(e.currentTarget.value)}
                  autosize
                  minRows={2}
                  required
                  error={fieldError(save.error, 'answer')}
                />
                <Group grow>
                  <NativeSelect
                    size="xs"
                    label={t('cases.points.outcome')}
                    value={outcome}
                    onChange={(e) => setOutcome(e.currentTarget.value as typeof outcome)}
                    data={OUTCOMES.map((o) => ({ value: o, label: t(`cases.outcome.${o}`) }))}
                  />
                  <NativeSelect
                    size="xs"
                    label={t('cases.rootCause')}
                    value={rootCause}
                    onChange={(e) => setRootCause(e.currentTarget.value)}
                    data={[
                      { value: '', label: '–' },
                      ...(causes.data?.items ?? [])
                        .filter((x) => x.active)
                        .map((x) => ({
                          value: x.code,
                          label: i18n.language === 'en' ? x.name.en : x.name.de,
                        })),
                    ]}
                  />
                </Group>
                {save.error && <ErrorAlert error={save.error} />}
                <Group gap="xs">
                  <Button type="submit" size="xs" loading={save.isPending} disabled={!answer.trim()}>
                    {t('cases.points.saveAnswer')}
                  </Button>
                  {editing && (
                    <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                      {t('common.cancel')}
                    </Button>
                  )}
                </Group>
              </Stack>
            </form>
          ) : (
            <Stack gap={4}>
              <Group gap="xs">
                <Text size="xs" fw={700} c="dimmed">
                  {t('cases.points.answer')}
                </Text>
                {point.outcome && (
                  <Badge size="xs" variant="light" autoContrast>
                    {t(`cases.outcome.${point.outcome}`)}
                  </Badge>
                )}
                {point.rootCauseCode && (
                  <Badge size="xs" variant="outline" color="gray">
                    {rootCauseName(causes.data?.items, point.rootCauseCode, i18n.language)}
                  </Badge>
                )}
              </Group>
              <Text size="sm" className="sk-pre" data-testid="point-answer">
                {point.answer ?? t('cases.points.noAnswer')}
              </Text>
              {point.answeredAt && (
                <Text size="xs" c="dimmed">
                  {formatDateTime(point.answeredAt)}
                </Text>
              )}
              {editable && point.answer && (
                <Button size="compact-xs" variant="subtle" w="fit-content" onClick={() => setEditing(true)}>
                  {t('cases.points.editAnswer')}
                </Button>
              )}
            </Stack>
          )}
        </Grid.Col>
      </Grid>
    </Paper>
  );
}
