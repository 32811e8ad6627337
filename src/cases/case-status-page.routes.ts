// The customer's status page at /c/<token> (no login, rate-limited, HTML only): GET shows the case
// and never writes anything (mail scanners follow links); POST adds the customer's message when it
// carries a nonce this link's page issued. /c/<token>/confirm confirms a form complaint the same way.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { publicPageHeaders } from './case-public-layout.js';
import { publicTexts } from './case-public.texts.js';
import {
  confirmedPage,
  confirmPage,
  expiredLinkPage,
  invalidLinkPage,
  replyThanksPage,
  statusPage,
} from './case-status-page.html.js';
import { confirmFromStatusPage, readStatus, replyFromStatusPage } from './case-status-page.service.js';
import { issueStatusNonce, verifyStatusNonce } from './case-status-tokens.js';

type TokenReq = FastifyRequest<{ Params: { token: string }; Body: Record<string, unknown> | undefined }>;

/** Per client address: far above what a customer needs, far below what guessing tokens would need. */
const STATUS_RATE_LIMIT = { max: 120, timeWindow: '1 minute' };
const MAX_REPLY = 10_000;

const send = (reply: FastifyReply, status: number, html: string) =>
  reply.code(status).headers(publicPageHeaders).send(html);

const formOf = (req: TokenReq) =>
  (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;

/** The case behind the link, or the invalid/expired page already sent (null). */
async function lookup(req: TokenReq, reply: FastifyReply) {
  const found = await readStatus(req.ctx(), req.params.token);
  if (found.kind === 'invalid') {
    await send(reply, 404, invalidLinkPage());
    return null;
  }
  if (found.kind === 'expired') {
    await send(reply, 410, expiredLinkPage(found.lang));
    return null;
  }
  return found;
}

export const caseStatusPageRoutes: FastifyPluginAsync = async (app) => {
  const route = {
    config: { roles: 'public' as const, rateLimit: STATUS_RATE_LIMIT },
    schema: { hide: true },
  };

  /** GET /c/<token>: the status page; an unconfirmed form complaint shows the confirm button first. */
  app.get('/c/:token', route, async (req: TokenReq, reply) => {
    const found = await lookup(req, reply);
    if (!found) return reply;
    const nonce = issueStatusNonce(req.ctx(), found.token);
    if (found.view.verification === 'unverified')
      return send(reply, 200, confirmPage(req.params.token, found.view, nonce));
    return send(reply, 200, statusPage(req.params.token, found.view, nonce));
  });

  /** POST /c/<token>: the customer's message (becomes an inbound message of the case). */
  app.post('/c/:token', route, async (req: TokenReq, reply) => {
    const ctx = req.ctx();
    const found = await lookup(req, reply);
    if (!found) return reply;
    const nonce = issueStatusNonce(ctx, found.token);
    if (found.view.verification === 'unverified')
      return send(reply, 409, confirmPage(req.params.token, found.view, nonce));
    const t = publicTexts(found.view.lang).status;
    const body = formOf(req);
    const text = typeof body.message === 'string' ? body.message.trim() : '';
    const again = (error: string) =>
      send(reply, 400, statusPage(req.params.token, found.view, nonce, { reply: text, error }));
    if (!verifyStatusNonce(ctx, found.token, body.nonce)) return again(t.formError);
    if (!text) return again(t.replyRequired);
    if (text.length > MAX_REPLY) return again(t.replyTooLong);
    await replyFromStatusPage(ctx, found.token, text);
    return send(reply, 200, replyThanksPage(req.params.token, found.view));
  });

  /** GET /c/<token>/confirm: only the confirm button (or the thanks when confirmed already). */
  app.get('/c/:token/confirm', route, async (req: TokenReq, reply) => {
    const found = await lookup(req, reply);
    if (!found) return reply;
    if (found.view.verification !== 'unverified')
      return send(reply, 200, confirmedPage(req.params.token, found.view));
    return send(
      reply,
      200,
      confirmPage(req.params.token, found.view, issueStatusNonce(req.ctx(), found.token)),
    );
  });

  /** POST /c/<token>/confirm: with the page's nonce, marks the case as confirmed. */
  app.post('/c/:token/confirm', route, async (req: TokenReq, reply) => {
    const ctx = req.ctx();
    const found = await lookup(req, reply);
    if (!found) return reply;
    if (!verifyStatusNonce(ctx, found.token, formOf(req).nonce))
      return send(reply, 400, confirmPage(req.params.token, found.view, issueStatusNonce(ctx, found.token)));
    await confirmFromStatusPage(ctx, found.token);
    return send(reply, 200, confirmedPage(req.params.token, found.view));
  });
};
