// Idempotency-Key for writes a client may retry: the first answer is stored and replayed.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

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
    const seen = await app
      .baseCtx()
      .db.selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', key)
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
    await app
      .baseCtx()
      .db.insertInto('idempotency_keys')
      .values({
        key: req.idempotency.key,
        request_hash: req.idempotency.hash,
        status_code: reply.statusCode,
        response: typeof payload === 'string' ? payload : JSON.stringify(payload),
        created_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return payload;
  });
}
