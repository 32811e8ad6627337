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

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { key: string; hash: string };
  }
}

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
    const seen = await ctx.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', key)
      .where('created_at', '>=', expiry(ctx))
      .executeTakeFirst();
    if (seen) {
      if (seen.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      reply.header('idempotent-replayed', 'true');
      return reply.code(seen.status_code).type('application/json').send(seen.response);
    }
    req.idempotency = { key, hash };
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.idempotency || reply.statusCode >= 500 || reply.getHeader('idempotent-replayed')) return payload;
    const ctx = app.baseCtx();
    const stored = {
      request_hash: req.idempotency.hash,
      status_code: reply.statusCode,
      response: typeof payload === 'string' ? payload : JSON.stringify(payload),
      created_at: ctx.clock.now().toISOString(),
    };
    // A key older than 24 h that housekeeping has not pruned yet is replaced, not kept.
    await ctx.db
      .insertInto('idempotency_keys')
      .values({ key: req.idempotency.key, ...stored })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet(stored).where('idempotency_keys.created_at', '<', expiry(ctx)),
      )
      .execute();
    return payload;
  });
}
