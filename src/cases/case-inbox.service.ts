// The inbox: the queue of cases staff work through, by priority and then time to breach.
import { getCustomers } from '../customers/customers.service.js';
import type { Ctx } from '../platform/context.js';
import { decodeCursor, toPage } from '../platform/http/pagination.js';
import { tenureYearsOf } from './case-core.js';
import type { InboxItem, InboxQuery } from './cases.schema.js';

/**
 * The queue: cases ordered by priority score (highest first), then by resolution due time (soonest
 * breach first). One indexed query on the cases table; default = every state still in a queue.
 */
export async function listInbox(
  ctx: Ctx,
  q: InboxQuery,
): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
  let query = ctx.db.selectFrom('cases').selectAll();
  if (q.state) query = query.where('status', '=', q.state);
  else query = query.where('in_queue', '=', 1);
  if (q.owner) query = query.where('owner_id', '=', q.owner);
  if (q.team) query = query.where('team_id', '=', q.team);
  if (q.touchpoint) query = query.where('touchpoint_code', '=', q.touchpoint);
  if (q.customerId) query = query.where('customer_id', '=', q.customerId);
  const cursor = decodeCursor(q.cursor);
  if (cursor) {
    const [score, due, id] = [Number(cursor[0]), String(cursor[1]), String(cursor[2])];
    query = query.where((eb) =>
      eb.or([
        eb('priority_score', '<', score),
        eb.and([eb('priority_score', '=', score), eb('queue_due_at', '>', due)]),
        eb.and([eb('priority_score', '=', score), eb('queue_due_at', '=', due), eb('id', '>', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('priority_score', 'desc')
    .orderBy('queue_due_at')
    .orderBy('id')
    .limit(q.limit + 1)
    .execute();
  const names = new Map(
    (await getCustomers(ctx, [...new Set(rows.map((r) => r.customer_id))])).map((c) => [c.id, c.name]),
  );
  const now = ctx.clock.now();
  return toPage(
    rows,
    q.limit,
    (r): InboxItem => ({
      id: r.id,
      reference: r.reference,
      customerId: r.customer_id,
      customerName: names.get(r.customer_id) ?? null,
      customerTier: r.customer_tier,
      tenureYears: tenureYearsOf(r.customer_since, now),
      status: r.status as InboxItem['status'],
      severity: r.severity as InboxItem['severity'],
      priority: r.priority as InboxItem['priority'],
      priorityScore: Number(r.priority_score),
      angerBand: r.anger_band,
      ownerId: r.owner_id,
      teamId: r.team_id,
      touchpointCode: r.touchpoint_code,
      escalationLevel: r.escalation_level,
      receivedAt: r.received_at,
      firstResponseDueAt: r.first_response_due_at,
      resolutionDueAt: r.resolution_due_at,
    }),
    (r) => [Number(r.priority_score), r.queue_due_at, r.id],
  );
}
