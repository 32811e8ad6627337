// Delivery through the job table. The webhooks module subscribes to every catalogue event; the
// fan-out job of an event writes one delivery per enabled endpoint that subscribed to it, each with
// its own job (key = delivery id = the webhook-id header, so a retry carries the same id and the
// receiver can drop a duplicate). A delivery job POSTs the stored body, records the attempt, and
// on failure throws so the worker retries it with its exponential backoff (1 s, 2 s, 4 s … at most
// an hour) up to the setting's maxAttempts. After `disableAfterFailures` failed attempts in a row
// the endpoint is disabled and an admin is told.
import { type Ctx, inTransaction } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import { backoffMs, enqueueJob } from '../platform/jobs/jobs.service.js';
import type { RunningJob } from '../platform/jobs/worker.js';
import { type WebhookEventName, webhookBody, webhookData } from './webhooks.events.js';
import { postWebhook, type PostResult } from './webhooks.http.js';
import { disableForFailures } from './webhooks.notice.js';
import { type EndpointRow, signingSecrets } from './webhooks.service.js';
import { getWebhookSettings, targetPolicy } from './webhooks.settings.js';
import { signatureHeaders } from './webhooks.signing.js';
import { resolveTarget } from './webhooks.ssrf.js';

export const DELIVER_JOB = 'webhooks.deliver';

type EventPayload = Record<string, unknown> & { eventId: string; emittedAt?: string };

/** Endpoints that are enabled and subscribed to the event. */
async function subscribedEndpoints(ctx: Ctx, event: WebhookEventName): Promise<EndpointRow[]> {
  const rows = await ctx.db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('enabled', '=', 1)
    .orderBy('id')
    .execute();
  return rows.filter((r) => (JSON.parse(r.events) as string[]).includes(event));
}

/** One delivery (and its job) per subscribed endpoint; running it again for the same event adds nothing. */
export async function fanOut(ctx: Ctx, event: WebhookEventName, payload: EventPayload): Promise<number> {
  const endpoints = await subscribedEndpoints(ctx, event);
  if (endpoints.length === 0) return 0;
  const data = webhookData(event, payload);
  const emittedAt = payload.emittedAt ?? ctx.clock.now().toISOString();
  const body = webhookBody(event, emittedAt, data);
  const customerId = typeof data.customerId === 'string' ? data.customerId : null;
  const settings = await getWebhookSettings(ctx);
  return inTransaction(ctx, async (tx) => {
    let added = 0;
    for (const endpoint of endpoints) {
      const id = newId('msg');
      const result = await tx.db
        .insertInto('webhook_deliveries')
        .values({
          id,
          endpoint_id: endpoint.id,
          event_id: payload.eventId,
          event_type: event,
          customer_id: customerId,
          body,
          status: 'pending',
          attempts: 0,
          last_status_code: null,
          last_error: null,
          next_attempt_at: null,
          emitted_at: emittedAt,
          created_at: tx.clock.now().toISOString(),
          delivered_at: null,
        })
        .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) continue;
      await enqueueJob(tx, {
        type: DELIVER_JOB,
        key: `${DELIVER_JOB}:${id}`,
        payload: { deliveryId: id },
        maxAttempts: settings.maxAttempts,
      });
      added++;
    }
    return added;
  });
}

/** The delivery is not sent (endpoint gone or disabled, customer erased): recorded, no retry. */
async function skip(ctx: Ctx, deliveryId: string, reason: string): Promise<void> {
  await ctx.db
    .updateTable('webhook_deliveries')
    .set({ status: 'skipped', last_error: reason, next_attempt_at: null })
    .where('id', '=', deliveryId)
    .where('status', '=', 'pending')
    .execute();
}

/** One attempt of a delivery (the job `webhooks.deliver`); throws on failure so the worker retries. */
export async function deliver(
  ctx: Ctx,
  deliveryId: string,
  job: Pick<RunningJob, 'attempts' | 'max_attempts' | 'signal'>,
) {
  const d = await ctx.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', deliveryId)
    .executeTakeFirst();
  if (d?.status !== 'pending') return;
  const endpoint = await ctx.db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', d.endpoint_id)
    .executeTakeFirst();
  if (endpoint?.enabled !== 1) return skip(ctx, d.id, 'endpoint disabled');
  const settings = await getWebhookSettings(ctx);
  const at = ctx.clock.now();
  let result: PostResult;
  try {
    const target = await resolveTarget(endpoint.url, await targetPolicy(ctx, settings));
    const headers = signatureHeaders(signingSecrets(endpoint, at), d.id, at, d.body);
    result = await postWebhook(target, d.body, headers, {
      timeoutMs: settings.timeoutSeconds * 1000,
      signal: job.signal,
      userAgent: 'Stammkunde-Webhooks/1',
    });
  } catch (err) {
    result = {
      ok: false,
      statusCode: null,
      durationMs: 0,
      error: err instanceof Error ? err.message : String(err),
    };
  }
  const disabled = await recordAttempt(ctx, d.id, endpoint, result, job, settings.disableAfterFailures);
  if (!result.ok && !disabled) throw new Error(`webhook ${d.id}: ${result.error}`);
}

/**
 * Writes the attempt to the log, the delivery's state and the endpoint's failures in a row, in one
 * transaction; disables the endpoint when the failures reach the limit. Answers whether it did.
 */
async function recordAttempt(
  ctx: Ctx,
  deliveryId: string,
  endpoint: EndpointRow,
  result: PostResult,
  job: Pick<RunningJob, 'attempts' | 'max_attempts'>,
  disableAfter: number,
): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const lastTry = job.attempts >= job.max_attempts;
    const nextRetryAt =
      result.ok || lastTry ? null : new Date(now.getTime() + backoffMs(job.attempts)).toISOString();
    let disabled = false;
    if (result.ok) {
      await tx.db
        .updateTable('webhook_endpoints')
        .set({ consecutive_failures: 0 })
        .where('id', '=', endpoint.id)
        .where('consecutive_failures', '!=', 0)
        .execute();
    } else {
      const after = await tx.db
        .updateTable('webhook_endpoints')
        .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1) }))
        .where('id', '=', endpoint.id)
        .returning(['consecutive_failures', 'enabled'])
        .executeTakeFirst();
      if (after && after.enabled === 1 && Number(after.consecutive_failures) >= disableAfter) {
        await disableForFailures(tx, endpoint, Number(after.consecutive_failures), result.error);
        disabled = true;
      }
    }
    const previous = await tx.db
      .selectFrom('webhook_deliveries')
      .select('attempts')
      .where('id', '=', deliveryId)
      .executeTakeFirstOrThrow();
    const attempt = Number(previous.attempts) + 1;
    const retry = disabled ? null : nextRetryAt;
    await tx.db
      .insertInto('webhook_attempts')
      .values({
        id: newId('wha'),
        delivery_id: deliveryId,
        endpoint_id: endpoint.id,
        attempt,
        at: now.toISOString(),
        status_code: result.statusCode,
        duration_ms: result.durationMs,
        error: result.error?.slice(0, 500) ?? null,
        next_retry_at: retry,
      })
      .execute();
    await tx.db
      .updateTable('webhook_deliveries')
      .set({
        attempts: attempt,
        status: result.ok ? 'delivered' : retry ? 'pending' : 'failed',
        last_status_code: result.statusCode,
        last_error: result.error?.slice(0, 500) ?? null,
        next_attempt_at: retry,
        delivered_at: result.ok ? now.toISOString() : null,
      })
      .where('id', '=', deliveryId)
      .execute();
    return disabled;
  });
}
