// The resolution gate: what a case must hold before it is resolved, its letter is sent or it is
// closed. Every point answered; an apology, a root cause (category and analysis) and a preventive
// action (an admin may waive these three for the minor cases, severity low); and to close: every
// commitment kept, no goodwill waiting for approval, every escalation call-back done (or completed
// now with the outcome the closer gives). A refusal is one CASE_INCOMPLETE naming each missing part
// in the reader's language.
import { type Ctx, systemActor } from '../platform/context.js';
import { AppError, type FieldError } from '../platform/errors.js';
import { completeTask, listTasks } from '../tasks/tasks.service.js';
import { activePoints, type CaseRow } from './case-core.js';
import { CALLBACK_TASK_SOURCE } from './case-escalation.js';
import { getCaseSettings } from './case-settings.js';
import './cases.texts.js';

export type GateStep = 'resolve' | 'letter' | 'close';

const blank = (s: string | null) => !s?.trim();
const excerpt = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);
const part = (path: string, key: string, message: string, params?: Record<string, unknown>): FieldError => ({
  path,
  message,
  key: `cases:gate.${key}`,
  ...(params ? { params } : {}),
});

/** What the customer must be told: each point answered, apology, cause and prevention (unless waived). */
async function missingAnswerParts(ctx: Ctx, row: CaseRow): Promise<FieldError[]> {
  const missing: FieldError[] = [];
  const points = await activePoints(ctx, row.id);
  points.forEach((p, i) => {
    if (blank(p.answer))
      missing.push(
        part(`points.${p.id}`, 'pointUnanswered', `point ${i + 1} has no answer`, {
          number: i + 1,
          text: excerpt(p.text),
        }),
      );
  });
  const settings = await getCaseSettings(ctx);
  const waived = settings.resolutionGate.relaxForLowSeverity && row.severity === 'low';
  if (!waived) {
    if (blank(row.apology)) missing.push(part('apology', 'apology', 'the apology is missing'));
    if (blank(row.root_cause_code))
      missing.push(part('rootCauseCode', 'rootCauseCode', 'the root-cause category is missing'));
    if (blank(row.root_cause_analysis))
      missing.push(part('rootCauseAnalysis', 'rootCauseAnalysis', 'the analysis of the cause is missing'));
    if (blank(row.preventive_action))
      missing.push(part('preventiveAction', 'preventiveAction', 'the preventive action is missing'));
  }
  return missing;
}

/** The escalation call-backs of the case that are still open (open or in progress). */
async function openCallbacks(ctx: Ctx, caseId: string) {
  const page = await listTasks(ctx, { caseId, source: CALLBACK_TASK_SOURCE, status: 'active', limit: 500 });
  return page.items;
}

function refuse(step: GateStep, reference: string, missing: FieldError[]): never {
  throw new AppError(
    'CASE_INCOMPLETE',
    `Case ${reference} cannot be ${step === 'letter' ? 'answered by letter' : `${step}d`} yet: ${missing.length} part(s) missing`,
    {
      errors: missing,
      detailText: { key: `cases:gate.refused.${step}`, params: { reference, count: missing.length } },
    },
  );
}

/** Refuses resolving or sending the letter (CASE_INCOMPLETE) while an answer part is missing. */
export async function assertReadyToAnswer(ctx: Ctx, row: CaseRow, step: 'resolve' | 'letter'): Promise<void> {
  const missing = await missingAnswerParts(ctx, row);
  if (missing.length > 0) refuse(step, row.reference, missing);
}

/**
 * Refuses closing (CASE_INCOMPLETE, each part named) while an answer part is missing, a commitment
 * is open, goodwill waits for approval, or an escalation call-back is open and no `callbackOutcome`
 * is given. With an outcome the open call-backs are completed with it (in the caller's transaction;
 * the case domain completes them, whoever they are assigned to). Returns the completed task ids.
 */
export async function assertReadyToClose(
  ctx: Ctx,
  row: CaseRow,
  callbackOutcome: string | undefined,
): Promise<string[]> {
  const missing = await missingAnswerParts(ctx, row);
  const commitments = await ctx.db
    .selectFrom('case_commitments')
    .select(['id', 'description'])
    .where('case_id', '=', row.id)
    .where('status', '=', 'open')
    .orderBy('due_at')
    .execute();
  for (const c of commitments)
    missing.push(
      part(`commitments.${c.id}`, 'commitmentOpen', 'a commitment is still open', {
        description: excerpt(c.description),
      }),
    );
  const pending = await ctx.db
    .selectFrom('case_goodwill')
    .select(['id', 'description'])
    .where('case_id', '=', row.id)
    .where('status', '=', 'pending_approval')
    .orderBy('requested_at')
    .execute();
  for (const g of pending)
    missing.push(
      part(`goodwill.${g.id}`, 'goodwillPending', 'goodwill is waiting for approval', {
        description: excerpt(g.description),
      }),
    );
  const callbacks = await openCallbacks(ctx, row.id);
  if (!callbackOutcome?.trim())
    for (const task of callbacks)
      missing.push(part(`callbacks.${task.id}`, 'callbackOpen', 'an escalation call-back is still open'));
  if (missing.length > 0) refuse('close', row.reference, missing);
  const system = { ...ctx, actor: systemActor('case close') };
  for (const task of callbacks) await completeTask(system, task.id, callbackOutcome!.trim());
  return callbacks.map((task) => task.id);
}
