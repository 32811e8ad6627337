// A complaint case: points with answers, conversation and notes, commitments, goodwill, resolution,
// escalation and SLA clocks, the response letter and the audit trail; resolve, close and reopen.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { ErrorAlert, useErrorMessage } from '../../components/ErrorAlert';
import { SlaClock } from '../../components/SlaClock';
import { QueryState, Section, TierBadge } from '../../components/bits';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';
import type { Case } from '../../lib/types';
import { AuditTable } from '../customers/AuditTable';
import { useCustomer } from '../customers/customers.api';
import { PriorityBadge, StatusBadge } from './badges';
import { useCase, useCaseAction, useCaseAudit, useGoodwillBudget } from './cases.api';
import { CommitmentsSection } from './CommitmentsSection';
import { ConversationSection } from './ConversationSection';
import { GoodwillSection } from './GoodwillSection';
import { LetterSection } from './LetterSection';
import { PointsSection } from './PointsSection';
import { ResolutionSection } from './ResolutionSection';

export default function CasePage({ id }: { id: string }) {
  const kase = useCase(id);
  return <QueryState query={kase}>{() => <CaseView c={kase.data!} />}</QueryState>;
}

function CaseView({ c }: { c: Case }) {
  const { t } = useTranslation();
  const customer = useCustomer(c.customerId);
  const audit = useCaseAudit(c.id);
  const budget = useGoodwillBudget();
  const editable = c.status !== 'closed';
  return (
    <Stack>
      <Anchor component={Link} href="/inbox" size="sm">
        ← {t('inbox.title')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={1} className="sk-pre">
            {c.reference}
            {c.subject ? ` · ${c.subject}` : ''}
          </Title>
          <Group gap="xs">
            <StatusBadge status={c.status} />
            <PriorityBadge priority={c.priority} />
            <Badge variant="outline" color="gray">
              {t('cases.severity')}: {t(`severity.${c.severity}`)}
            </Badge>
            <Badge variant="light" color={c.anger.level >= 0.5 ? 'red' : 'gray'} autoContrast>
              {t('cases.anger')}: {t(`anger.${c.anger.band}`, { defaultValue: c.anger.band })}
            </Badge>
            {c.anger.leaving && (
              <Badge color="red" variant="filled">
                {t('cases.leaving')}
              </Badge>
            )}
            {c.verification === 'unverified' && (
              <Badge
                color="yellow"
                variant="filled"
                autoContrast
                title={t('cases.unverifiedHint')}
                data-testid="case-unverified"
              >
                {t('cases.unverified')}
              </Badge>
            )}
          </Group>
          <Group gap="xs">
            <Anchor component={Link} href={`/customers/${c.customerId}`} className="sk-pre">
              {customer.data?.name ?? t('cases.customer')}
            </Anchor>
            <TierBadge tier={c.customerTier} />
            <Text size="sm">
              {t('customers.tenureSince', {
                years: formatNumber(c.tenureYears),
                since: formatDate(c.customerSince),
              })}
            </Text>
          </Group>
        </Stack>
        <CaseActions c={c} />
      </Group>

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Section title={t('cases.sla.firstResponse')} id="sla-first">
          <SlaClock dueAt={c.firstResponseDueAt} doneAt={c.firstResponseAt} />
        </Section>
        <Section title={t('cases.sla.resolution')} id="sla-resolution">
          <SlaClock dueAt={c.resolutionDueAt} doneAt={c.resolvedAt} paused={c.slaPaused} />
        </Section>
        <Section title={t('cases.escalation.title')} id="sla-escalation">
          <Text size="sm" data-testid="escalation-level">
            {c.escalationLevel > 0
              ? t('cases.escalatedLevel', { level: c.escalationLevel })
              : t('cases.escalation.none')}
          </Text>
          {c.escalations.length > 0 && (
            <List size="xs">
              {c.escalations.map((e) => (
                <List.Item key={e.id}>
                  {formatDateTime(e.at)}:{' '}
                  {e.reasons.map((r) => t(`cases.escalation.reasons.${r}`, { defaultValue: r })).join(', ')}
                </List.Item>
              ))}
            </List>
          )}
        </Section>
        <Section title={t('cases.owner')} id="sla-owner">
          <Text size="sm">{c.ownerName ?? '–'}</Text>
          <Text size="xs" c="dimmed">
            {t('cases.receivedAt', { at: formatDateTime(c.receivedAt) })} · {t(`cases.channels.${c.channel}`)}
            {c.touchpointCode ? ` · ${c.touchpointCode}` : ''}
          </Text>
        </Section>
      </SimpleGrid>

      {(c.requestedRemedy || c.description) && (
        <Section title={t('cases.complaint')} id="sec-complaint">
          <Text size="sm" className="sk-pre">
            {c.description}
          </Text>
          {c.requestedRemedy && (
            <Text size="sm" mt="xs" className="sk-pre">
              <b>{t('cases.requestedRemedy')}:</b> {c.requestedRemedy}
            </Text>
          )}
        </Section>
      )}

      <PointsSection c={c} editable={editable} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <CommitmentsSection c={c} editable={editable} currency={budget.data?.currency ?? 'EUR'} />
            <GoodwillSection c={c} editable={editable} />
            <ResolutionSection c={c} editable={editable} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <ConversationSection caseId={c.id} editable={editable} />
            <LetterSection c={c} />
          </Stack>
        </Grid.Col>
      </Grid>
      <Section title={t('audit.title')} id="sec-case-audit">
        <QueryState query={audit}>
          {() => (
            <AuditTable
              entries={audit.data!.items.map((e) => ({
                ...e,
                entityType: 'case',
                entityId: c.id,
                customerId: c.customerId,
              }))}
            />
          )}
        </QueryState>
      </Section>
    </Stack>
  );
}

/** Resolve, close and reopen; a refusal names each missing part in words (the server's, in the UI language). */
function CaseActions({ c }: { c: Case }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const resolve = useCaseAction<void>(
    c.id,
    'POST',
    () => '/resolve',
    () => ({}),
  );
  const close = useCaseAction<{ callbackOutcome?: string }>(c.id, 'POST', () => '/close');
  const [callbackOutcome, setCallbackOutcome] = useState('');
  const reopen = useCaseAction<{ reason: string }>(c.id, 'POST', () => '/reopen');
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const error = resolve.error ?? close.error;
  const working = ['new', 'open', 'waiting_customer', 'reopened'].includes(c.status);
  return (
    <Stack gap="xs" maw={460}>
      <Group gap="xs" justify="flex-end">
        {working && (
          <Button
            onClick={() => {
              close.reset();
              resolve.mutate();
            }}
            loading={resolve.isPending}
          >
            {t('cases.actions.resolve')}
          </Button>
        )}
        {c.status === 'resolved' && (
          <Button
            onClick={() => {
              resolve.reset();
              close.mutate(callbackOutcome.trim() ? { callbackOutcome: callbackOutcome.trim() } : {});
            }}
            loading={close.isPending}
          >
            {t('cases.actions.close')}
          </Button>
        )}
        {(c.status === 'resolved' || c.status === 'closed') && (
          <Button variant="default" onClick={() => setReopening(true)}>
            {t('cases.actions.reopen')}
          </Button>
        )}
      </Group>
      {error instanceof ApiError && error.code === 'CASE_INCOMPLETE' ? (
        <Alert color="red" role="alert" title={t('cases.actions.refused')} data-error-code={error.code}>
          <Text size="sm">{message(error)}</Text>
          <List size="sm" mt={4}>
            {error.errors.map((e) => (
              <List.Item key={e.path}>{e.message}</List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        error && <ErrorAlert error={error} />
      )}
      {c.status === 'resolved' &&
        close.error instanceof ApiError &&
        close.error.errors.some((e) => e.path.startsWith('callbacks.')) && (
          <TextInput
            label={t('cases.actions.callbackOutcome')}
            description={t('cases.actions.callbackOutcomeHint')}
            value={callbackOutcome}
            onChange={(e) => setCallbackOutcome(e.currentTarget.value)}
          />
        )}
      <Modal opened={reopening} onClose={() => setReopening(false)} title={t('cases.actions.reopen')}>
        <Stack>
          <TextInput
            label={t('cases.actions.reopenReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
          />
          {reopen.error && <ErrorAlert error={reopen.error} />}
          <Group justify="flex-end">
            <Button
              disabled={!reason.trim()}
              loading={reopen.isPending}
              onClick={() =>
                reopen.mutate(
                  { reason },
                  {
                    onSuccess: () => {
                      setReopening(false);
                      setReason('');
                    },
                  },
                )
              }
            >
              {t('cases.actions.reopen')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
