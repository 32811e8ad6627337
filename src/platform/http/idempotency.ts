// Idempotency-Key for writes a client may retry: the first answer is stored and replayed.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context.js';
import { AppError } from '../errors.js';

/** A key answers retries for a day; after that the same key is a new request (and is pruned). */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;

const expiry = (ctx: Pick<Ctx, 'clock'>) =>
  new Date(ctx.clock.now().getTime() - IDEMPOTENCY_KEY_TTL_MS).toISOString();

/** Deletes idempotency keys older than 24 hours; answers how many. */
export async function pruneIdempotencyKeys(ctx: Ctx): Promise<number> {
  const result = await ctx.db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', expiry(ctx))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * GDPR erasure: forgets the stored answers that mention the customer (an answer to a create or
 * change of the customer may hold their name, e-mail address or phone number); a retry of such a
 * request then runs again instead of replaying the answer.
 */
export async function eraseIdempotencyAnswersFor(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db.deleteFrom('idempotency_keys').where('response', 'like', `%${customerId}%`).execute();
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { key: string; hash: string };
  }
}

/** A pending row older than this belongs to a request that died (process killed): it may be taken over. */
export const IDEMPOTENCY_PENDING_TAKEOVER_MS = 60_000;
/** A retry arriving while the first request runs waits this long for its answer, then gets 409. */
const WAIT_FOR_PENDING_MS = 10_000;
const POLL_MS = 50;
/** status_code of a row whose request is still running. */
const PENDING = 0;

type Row = { request_hash: string; status_code: number; response: string; created_at: string };

/**
 * Claims the key for this request: inserts a pending row, or takes over an expired answer or an
 * abandoned pending row. Answers true when this request now owns the key.
 */
async function claim(ctx: Ctx, key: string, hash: string): Promise<boolean> {
  const now = ctx.clock.now();
  const pending = { request_hash: hash, status_code: PENDING, response: '', created_at: now.toISOString() };
  const abandoned = new Date(now.getTime() - IDEMPOTENCY_PENDING_TAKEOVER_MS).toISOString();
  const result = await ctx.db
    .insertInto('idempotency_keys')
    .values({ key, ...pending })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet(pending)
        .where((eb) =>
          eb.or([
            eb('idempotency_keys.created_at', '<', expiry(ctx)),
            eb.and([
              eb('idempotency_keys.status_code', '=', PENDING),
              eb('idempotency_keys.created_at', '<', abandoned),
            ]),
          ]),
        ),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

async function readRow(ctx: Ctx, key: string): Promise<Row | undefined> {
  return ctx.db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response', 'created_at'])
    .where('key', '=', key)
    .executeTakeFirst();
}

/**
 * Idempotency-Key on POST: the first request with a key owns it (a pending row, written before the
 * handler runs); a retry with the same key and body gets the stored answer, also when it arrives
 * while the first is still running (it waits for it, then 409 IDEMPOTENCY_REQUEST_IN_PROGRESS with
 * Retry-After); the same key with another body is 422. A 4xx or 5xx answer is not kept, so a retry runs again.
 */
export function installIdempotency(app: FastifyInstance): void {
  app.addHook('preHandler', async (req, reply) => {
    const raw = req.headers['idempotency-key'];
    if (!raw || req.method !== 'POST') return;
    // Scoped to who sends it, to what and where: the same key on /cases/A/messages and
    // /cases/B/messages is two requests, not one (the route pattern alone would replay A's answer for B).
    const target = `${req.method} ${req.url.split('?')[0]}`;
    const key = `${req.auth?.actor.id ?? 'anon'}:${target}:${String(raw).slice(0, 200)}`;
    const hash = createHash('sha256')
      .update(JSON.stringify(req.body ?? null))
      .digest('hex');
    const ctx = app.baseCtx();
    const deadline = Date.now() + WAIT_FOR_PENDING_MS;
    for (;;) {
      if (await claim(ctx, key, hash)) {
        req.idempotency = { key, hash };
        return;
      }
      const seen = await readRow(ctx, key);
      if (!seen) continue;
      if (seen.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      if (seen.status_code !== PENDING) {
        reply.header('idempotent-replayed', 'true');
        return reply.code(seen.status_code).type('application/json').send(seen.response);
      }
      if (Date.now() >= deadline) {
        reply.header('retry-after', '1');
        throw new AppError('IDEMPOTENCY_REQUEST_IN_PROGRESS');
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.idempotency || reply.getHeader('idempotent-replayed')) return payload;
    const ctx = app.baseCtx();
    const owned = (eb: any) =>
      eb.and([
        eb('key', '=', req.idempotency!.key),
        eb('status_code', '=', PENDING),
        eb('request_hash', '=', req.idempotency!.hash),
      ]);
    // Only what was done is an answer to replay. A refused request (4xx) changed nothing, and a
    // server error may have failed half-way: the key is freed, so a retry (corrected, or after the
    // missing record was made) runs again.
    if (reply.statusCode >= 400) {
      await ctx.db.deleteFrom('idempotency_keys').where(owned).execute();
      return payload;
    }
    await ctx.db
      .updateTable('idempotency_keys')
      .set({
        status_code: reply.statusCode,
        response: typeof payload === 'string' ? payload : JSON.stringify(payload),
      })
      .where(owned)
      .execute();
    return payload;
  });
}
