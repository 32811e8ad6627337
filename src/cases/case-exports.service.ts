// What the case domain exports for reports of other domains (retention: queue fairness, recovery
// rate, weekly digest): one query each instead of walking customers and their cases.
import type { Ctx } from '../platform/context.js';
import { invalid } from '../platform/errors.js';

export type CaseTiming = {
  caseId: string;
  customerId: string;
  receivedAt: string;
  /** When the case was recorded and its acknowledgement enqueued (the later of recording and receipt). */
  acknowledgedAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
};

function checkInstant(value: string, field: string): string {
  const d = new Date(value);
  if (typeof value !== 'string' || Number.isNaN(d.getTime()))
    throw invalid(field, 'must be an ISO-8601 time');
  return d.toISOString();
}

/**
 * The cases received in [from, to) — or, with `by: 'resolved'`, resolved in it (currently resolved
 * or closed, by their resolution time) — with their times, oldest first. One query.
 */
export async function listCaseTimings(
  ctx: Ctx,
  q: { from: string; to: string; by?: 'received' | 'resolved' },
): Promise<CaseTiming[]> {
  const from = checkInstant(q.from, 'from');
  const to = checkInstant(q.to, 'to');
  const by = q.by ?? 'received';
  if (by !== 'received' && by !== 'resolved') throw invalid('by', "must be 'received' or 'resolved'");
  const column = by === 'received' ? 'received_at' : 'resolved_at';
  const rows = await ctx.db
    .selectFrom('cases')
    .select(['id', 'customer_id', 'received_at', 'created_at', 'first_response_at', 'resolved_at'])
    .where(column, '>=', from)
    .where(column, '<', to)
    .orderBy(column)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    caseId: r.id,
    customerId: r.customer_id,
    receivedAt: r.received_at,
    acknowledgedAt: r.created_at > r.received_at ? r.created_at : r.received_at,
    firstResponseAt: r.first_response_at,
    resolvedAt: r.resolved_at,
  }));
}

export type OverdueCommitment = {
  id: string;
  caseId: string;
  customerId: string;
  kind: string;
  ownerId: string;
  dueAt: string;
};

/** Commitments still open whose due time lies before `at`, most overdue first. */
export async function listOverdueCommitments(ctx: Ctx, at: string | Date): Promise<OverdueCommitment[]> {
  const atIso = checkInstant(typeof at === 'string' ? at : at.toISOString(), 'at');
  const rows = await ctx.db
    .selectFrom('case_commitments')
    .select(['id', 'case_id', 'customer_id', 'kind', 'owner_id', 'due_at'])
    .where('status', '=', 'open')
    .where('due_at', '<', atIso)
    .orderBy('due_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    customerId: r.customer_id,
    kind: r.kind,
    ownerId: r.owner_id,
    dueAt: r.due_at,
  }));
}

/** How many commitments are still open past their due time at `at` (one indexed count). */
export async function countOverdueCommitments(ctx: Ctx, at: string | Date): Promise<number> {
  const atIso = checkInstant(typeof at === 'string' ? at : at.toISOString(), 'at');
  const row = await ctx.db
    .selectFrom('case_commitments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'open')
    .where('due_at', '<', atIso)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
