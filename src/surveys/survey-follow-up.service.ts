// Closing the loop on one answer: a bad answer becomes a task for the customer's owner (and a bad
// recovery answer reopens the case); praise about an agent is mailed to them.
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction } from '../platform/context.js';
import { AppError, nullIfNotFound } from '../platform/errors.js';
import { enqueueMail } from '../platform/mail/mail.service.js';
import { getDefinitionRow } from './survey-definitions.service.js';
import { needsFollowUp } from './survey-formulas.js';
import type { AnswerRow, DefinitionRow } from './survey-rows.js';
import { getSurveySettings } from './survey-settings.service.js';
import type { SurveySettings } from './surveys.schema.js';
import * as ports from './surveys.ports.js';
import { t } from '../platform/i18n/i18n.js';
import { type StoredText, storedText, type TextParam } from '../platform/i18n/stored-text.js';
import './texts/index.js';

/**
 * Acts on one answer: a bad answer (NPS 0–6, CSAT/CES 1–2, any exit interview) becomes a
 * follow-up task for the customer's owner due in followUpHours; a bad recovery answer also
 * reopens and escalates the case; praise about an agent is mailed to them. Idempotent.
 */
export async function followUpAnswer(
  ctx: Ctx,
  answerId: string,
): Promise<{ taskId: string | null; reopened: boolean; praiseMailed: boolean }> {
  return inTransaction(ctx, async (tx) => {
    const a = await tx.db
      .selectFrom('survey_answers')
      .selectAll()
      .where('id', '=', answerId)
      .executeTakeFirst();
    if (!a) return { taskId: null, reopened: false, praiseMailed: false };
    const def = await getDefinitionRow(tx, a.definition_id);
    const settings = await getSurveySettings(tx);
    const customer = await ports.getCustomer(tx, a.customer_id);
    const out = { taskId: null as string | null, reopened: false, praiseMailed: false };
    if (needsFollowUp(a.scale, a.score)) {
      out.taskId = await createFollowUpTask(tx, { a, def, customer, settings });
      if (isBadRecoveryAnswer(a, def)) {
        // Handed to the cases domain, which stores it as words (German, the house language).
        const reason = t('de', 'surveys:followUp.reopenReason', { score: a.score! });
        out.reopened = await reopenForAnswer(tx, a.case_id!, reason);
      }
    }
    if (a.praise === 1 && a.agent_id && a.comment) out.praiseMailed = await mailPraise(tx, a);
    await recordAudit(tx, {
      entityType: 'survey_answer',
      entityId: a.id,
      customerId: a.customer_id,
      action: 'follow_up',
      changes: diff(null, out),
    });
    return out;
  });
}

/** A high-priority task for the customer's owner, worded in each reader's language, once per answer. */
async function createFollowUpTask(
  ctx: Ctx,
  f: { a: AnswerRow; def: DefinitionRow; customer: ports.Customer; settings: SurveySettings },
): Promise<string> {
  const { a, def } = f;
  const reason: TextParam = a.reason_code ? reasonLabel(def, a.reason_code) : '–';
  const score = a.score === null ? '–' : String(a.score);
  const title: StoredText =
    a.scale === 'none'
      ? storedText('surveys:followUp.exitTitle', { reason })
      : storedText('surveys:followUp.taskTitle', { kind: a.scale.toUpperCase(), score });
  const task = await ports.createTask(ctx, {
    customerId: a.customer_id,
    caseId: a.case_id ?? undefined,
    titleText: title,
    // The comment is the customer's own text, a parameter; erasure drops the description with it.
    descriptionText: storedText('surveys:followUp.taskDescription', {
      code: def.code,
      at: a.answered_at,
      score,
      reason,
      comment: a.comment ?? '–',
    }),
    dueAt: new Date(ctx.clock.now().getTime() + f.settings.followUpHours * 3_600_000).toISOString(),
    priority: 'high',
    source: 'survey_followup',
    sourceRef: a.id,
    dedupeKey: `survey_followup:${a.id}`,
  });
  return task.id;
}

/** A reason choice's labels in both languages (the code itself when the choice is gone). */
function reasonLabel(def: DefinitionRow, code: string): TextParam {
  const reasons = JSON.parse(def.reasons) as Array<{ code: string; de: string; en: string }>;
  const r = reasons.find((x) => x.code === code);
  return r ? { localized: { de: r.de, en: r.en } } : code;
}

/** CSAT 1–2 on the survey after a closed complaint: the recovery failed. */
function isBadRecoveryAnswer(a: AnswerRow, def: DefinitionRow): boolean {
  return (
    def.trigger === 'case_closed' && a.scale === 'csat' && !!a.case_id && a.score !== null && a.score <= 2
  );
}

/** Reopens and escalates a complaint case after a bad recovery answer (the cases domain decides how). */
async function reopenForAnswer(ctx: Ctx, caseId: string, reason: string): Promise<boolean> {
  try {
    await ports.reopenCase(ctx, caseId, reason, { escalate: true });
    return true;
  } catch (err) {
    // Already reopened (a retried job): the goal is reached.
    if (err instanceof AppError && err.code === 'CASE_STATE_INVALID') return false;
    throw err;
  }
}

/** Mails the customer's praise to the agent it concerns, in their language (active agents only). */
async function mailPraise(ctx: Ctx, a: AnswerRow): Promise<boolean> {
  const agent = await ports.getUser(ctx, a.agent_id!).catch(nullIfNotFound);
  if (!agent?.active) return false;
  await enqueueMail(ctx, {
    to: agent.email,
    customerId: a.customer_id,
    purpose: 'survey_praise',
    subject: t(agent.locale, 'surveys:staff.praiseSubject'),
    text: t(agent.locale, 'surveys:staff.praiseText', {
      score: `${a.score} (${a.scale.toUpperCase()})`,
      comment: a.comment!,
    }),
  });
  return true;
}
