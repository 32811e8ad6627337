// The end of a case and its way back: resolving and closing behind the resolution gate
// (case-gate.ts), and reopening, each emitting its event in the same transaction.
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { invalid } from '../platform/errors.js';
import { emitEvent } from '../platform/events.js';
import { assertStatus, getCaseRow, loadCase, withSlaEvent } from './case-core.js';
import { escalateCase } from './case-escalation.js';
import { assertReadyToAnswer, assertReadyToClose } from './case-gate.js';
import { saveCase, WORKING_STATES } from './case-save.js';
import { type Case, closeCaseSchema } from './cases.schema.js';

/**
 * Resolves the case: refused with CASE_INCOMPLETE while a point lacks an answer or the apology,
 * root cause (category, analysis) or preventive action is missing (each named). Emits case.resolved.
 */
export async function resolveCase(ctx: Ctx, caseId: string): Promise<Case> {
  return inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    assertStatus(row, WORKING_STATES, 'resolve');
    await assertReadyToAnswer(tx, row, 'resolve');
    const now = nowIso(tx);
    const saved = await saveCase(
      tx,
      row,
      { status: 'resolved', resolved_at: now, sla_events: withSlaEvent(row, 'resolved', now) },
      'resolve',
    );
    await emitEvent(tx, 'case.resolved', {
      caseId,
      customerId: row.customer_id,
      ownerId: saved.owner_id,
      resolvedAt: now,
    });
    return loadCase(tx, saved);
  });
}

/**
 * Closes a resolved case behind the resolution gate: refused with CASE_INCOMPLETE while an answer
 * part is missing, a commitment is open, goodwill waits for approval or an escalation call-back is
 * open without `callbackOutcome` (each named); with it the call-backs are completed. Emits
 * case.closed { caseId, customerId, ownerId, closedAt, trivial } (trivial cases get no survey).
 */
export async function closeCase(
  ctx: Ctx,
  caseId: string,
  input: { trivial?: boolean; callbackOutcome?: string } = {},
): Promise<Case> {
  const data = closeCaseSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    assertStatus(row, ['resolved'], 'close (resolve it first)');
    const callbacks = await assertReadyToClose(tx, row, data.callbackOutcome);
    const now = nowIso(tx);
    const saved = await saveCase(
      tx,
      row,
      { status: 'closed', closed_at: now, trivial: data.trivial ? 1 : 0 },
      'close',
      undefined,
      callbacks.length > 0
        ? { callbacksCompleted: { before: callbacks, after: data.callbackOutcome?.trim() ?? null } }
        : undefined,
    );
    await emitEvent(tx, 'case.closed', {
      caseId,
      customerId: row.customer_id,
      ownerId: saved.owner_id,
      closedAt: now,
      trivial: data.trivial,
    });
    return loadCase(tx, saved);
  });
}

/**
 * Reopens a resolved or closed case (state reopened, the resolution clock runs again) with a reason;
 * with `escalate` it also goes up one escalation level (the survey domain's bad follow-up answer).
 */
export async function reopenCase(
  ctx: Ctx,
  caseId: string,
  reason: string,
  options: { escalate?: boolean } = {},
): Promise<Case> {
  if (!reason?.trim()) throw invalid('reason', 'required');
  return inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    assertStatus(row, ['resolved', 'closed'], 'reopen');
    const now = nowIso(tx);
    const saved = await saveCase(
      tx,
      row,
      {
        status: 'reopened',
        resolved_at: null,
        closed_at: null,
        reopen_count: row.reopen_count + 1,
        sla_res_escalated: 0,
        sla_events: withSlaEvent(row, 'reopened', now),
      },
      'reopen',
      undefined,
      { reason: { before: null, after: reason.trim() } },
    );
    await emitEvent(tx, 'case.reopened', {
      caseId,
      customerId: row.customer_id,
      ownerId: saved.owner_id,
      reason: reason.trim(),
      reopenedAt: now,
    });
    if (options.escalate) await escalateCase(tx, caseId, ['reopened']);
    return loadCase(tx, await getCaseRow(tx, caseId));
  });
}
