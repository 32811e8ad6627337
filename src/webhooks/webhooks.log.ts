// The delivery log of an endpoint: every attempt (time, status code, duration, error, next retry),
// newest first, paged; the privacy part of the deliveries (export and erasure per customer); and
// the daily pruning of finished deliveries after the retention setting.
import { type Ctx, inTransaction } from '../platform/context.js';
import { decodeCursor, toPage } from '../platform/http/pagination.js';
import type { Attempt } from './webhooks.schema.js';
import { getEndpointRow } from './webhooks.service.js';

export async function listAttempts(
  ctx: Ctx,
  endpointId: string,
  query: { limit: number; cursor?: string; eventType?: string; from?: string },
) {
  await getEndpointRow(ctx, endpointId); // 404 for an unknown endpoint
  const after = decodeCursor(query.cursor);
  let q = ctx.db
    .selectFrom('webhook_attempts as a')
    .innerJoin('webhook_deliveries as d', 'd.id', 'a.delivery_id')
    .select([
      'a.id',
      'a.delivery_id',
      'a.attempt',
      'a.at',
      'a.status_code',
      'a.duration_ms',
      'a.error',
      'a.next_retry_at',
      'd.event_type',
      'd.status',
    ])
    .where('a.endpoint_id', '=', endpointId)
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit + 1);
  if (query.eventType) q = q.where('d.event_type', '=', query.eventType);
  if (query.from) q = q.where('a.at', '>=', query.from);
  if (after) {
    const [at, id] = after.map(String);
    q = q.where((eb) => eb.or([eb('a.at', '<', at), eb.and([eb('a.at', '=', at), eb('a.id', '<', id)])]));
  }
  return toPage(
    await q.execute(),
    query.limit,
    (r): Attempt => ({
      id: r.id,
      deliveryId: r.delivery_id,
      eventType: r.event_type,
      attempt: Number(r.attempt),
      at: r.at,
      statusCode: r.status_code === null ? null : Number(r.status_code),
      durationMs: Number(r.duration_ms),
      error: r.error,
      nextRetryAt: r.next_retry_at,
      deliveryStatus: r.status as Attempt['deliveryStatus'],
    }),
    (r) => [r.at, r.id],
  );
}

/** The deliveries about a customer (GDPR export): which event went where, when, and how it ended. */
export async function exportDeliveries(ctx: Ctx, customerId: string) {
  const rows = await ctx.db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select(['d.id', 'd.event_type', 'd.body', 'd.status', 'd.emitted_at', 'd.delivered_at', 'e.url'])
    .where('d.customer_id', '=', customerId)
    .orderBy('d.emitted_at')
    .execute();
  return rows.map((r) => ({
    webhookId: r.id,
    eventType: r.event_type,
    endpointUrl: r.url,
    status: r.status,
    emittedAt: r.emitted_at,
    deliveredAt: r.delivered_at,
    body: r.body ? JSON.parse(r.body) : null,
  }));
}

/** Erasure: the stored bodies go, and what was not sent yet is never sent. */
export async function eraseDeliveries(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db
    .updateTable('webhook_deliveries')
    .set({ status: 'skipped', last_error: 'customer erased', next_attempt_at: null })
    .where('customer_id', '=', customerId)
    .where('status', '=', 'pending')
    .execute();
  await ctx.db
    .updateTable('webhook_deliveries')
    .set({ body: '' })
    .where('customer_id', '=', customerId)
    .execute();
}

/**
 * Deletes finished deliveries (delivered, given up, not sent) created before `before`, with their
 * attempts, in chunks; pending ones stay whatever their age. Answers how many deliveries went.
 */
export async function pruneDeliveries(ctx: Ctx, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = (
      await ctx.db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('status', 'in', ['delivered', 'failed', 'skipped'])
        .where('created_at', '<', before.toISOString())
        .limit(1000)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) return total;
    await inTransaction(ctx, async (tx) => {
      await tx.db.deleteFrom('webhook_attempts').where('delivery_id', 'in', ids).execute();
      await tx.db.deleteFrom('webhook_deliveries').where('id', 'in', ids).execute();
    });
    total += ids.length;
  }
}
