// The end of a case and its way back: resolving (every point answered), closing (every commitment
// kept) and reopening, each emitting its event in the same transaction.
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, invalid } from '../platform/errors.js';
import { emitEvent } from '../platform/events.js';
import { assertStatus, getCaseRow, loadCase, withSlaEvent } from './case-core.js';
import { escalateCase } from './case-escalation.js';
import { assertAllPointsAnswered } from './case-points.service.js';
import { saveCase, WORKING_STATES } from './case-save.js';
import { type Case, closeCaseSchema } from './cases.schema.js';

/** Resolves the case: refused with CASE_POINT_UNANSWERED while any point lacks an answer. Emits case.resolved. */
export async function resolveCase(ctx: Ctx, caseId: string): Promise<Case> {
  return inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    assertStatus(row, WORKING_STATES, 'resolve');
    await assertAllPointsAnswered(tx, caseId);
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

/** Throws CASE_COMMITMENT_OPEN naming every commitment of the case that is still open. */
async function assertNoOpenCommitment(tx: Ctx, caseId: string): Promise<void> {
  const open = await tx.db
    .selectFrom('case_commitments')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .execute();
  if (open.length > 0) {
    throw new AppError('CASE_COMMITMENT_OPEN', `${open.length} commitment(s) are still open`, {
      errors: open.map((c) => ({
        path: `commitments.${c.id}`,
        message: `${c.kind} due ${c.due_at}: ${c.description.slice(0, 80)}`,
      })),
    });
  }
}

/**
 * Closes a resolved case: refused with CASE_COMMITMENT_OPEN while a commitment is open (each named).
 * Emits case.closed { caseId, customerId, ownerId, closedAt, trivial } (trivial cases get no survey).
 */
export async function closeCase(ctx: Ctx, caseId: string, input: { trivial?: boolean } = {}): Promise<Case> {
  const data = closeCaseSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    assertStatus(row, ['resolved'], 'close (resolve it first)');
    await assertAllPointsAnswered(tx, caseId);
    await assertNoOpenCommitment(tx, caseId);
    const now = nowIso(tx);
    const saved = await saveCase(
      tx,
      row,
      { status: 'closed', closed_at: now, trivial: data.trivial ? 1 : 0 },
      'close',
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
