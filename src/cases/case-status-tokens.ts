// Links to a case's status page for its customer (like the survey links): every mail gets a new
// 256-bit token of which only the SHA-256 is stored, valid for STATUS_LINK_DAYS. The same token
// leads to the confirmation of a case filed through the public form (/c/<token>/confirm).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Ctx, nowIso } from '../platform/context.js';
import { hashToken, newToken } from '../platform/ids.js';
import { formatDate, interpolate } from '../platform/i18n/i18n.js';
import { getCompanyTimeZone } from '../platform/time/index.js';
import { publicTexts } from './case-public.texts.js';

/** How long a status link works after the mail that carried it. */
export const STATUS_LINK_DAYS = 90;
const DAY_MS = 86_400_000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type StatusToken = {
  caseId: string;
  customerId: string;
  tokenHash: string;
  nonceSecret: string;
  expiresAt: string;
  expired: boolean;
};

/** Stores the hash of a new status token for the case and returns the token (for one mail only). */
export async function issueStatusToken(
  ctx: Ctx,
  c: { caseId: string; customerId: string },
): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + STATUS_LINK_DAYS * DAY_MS).toISOString();
  await ctx.db
    .insertInto('case_status_tokens')
    .values({
      token_hash: hashToken(token),
      case_id: c.caseId,
      customer_id: c.customerId,
      nonce_secret: newToken(),
      created_at: now.toISOString(),
      expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt };
}

export const statusUrl = (ctx: Ctx, token: string) => `${ctx.config.publicUrl}/c/${token}`;
export const confirmUrl = (ctx: Ctx, token: string) => `${ctx.config.publicUrl}/c/${token}/confirm`;

/** The token behind a link (expired ones too, marked), or null when unknown or malformed. */
export async function findStatusToken(ctx: Ctx, token: string): Promise<StatusToken | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const tokenHash = hashToken(token);
  const row = await ctx.db
    .selectFrom('case_status_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  return {
    caseId: row.case_id,
    customerId: row.customer_id,
    tokenHash,
    nonceSecret: row.nonce_secret,
    expiresAt: row.expires_at,
    expired: row.expires_at <= nowIso(ctx),
  };
}

/**
 * The paragraph every mail to the customer about a case ends with: a new status link and how long
 * it works, in the case's language. Call inside the transaction that queues the mail.
 */
export async function statusLinkParagraph(
  ctx: Ctx,
  c: { caseId: string; customerId: string; lang: string | null | undefined },
): Promise<string> {
  const { token, expiresAt } = await issueStatusToken(ctx, c);
  const until = formatDate(expiresAt, c.lang, await getCompanyTimeZone(ctx));
  return interpolate(publicTexts(c.lang).ack.statusLink, { url: statusUrl(ctx, token), until });
}

/** Appends the status-link paragraph to a mail text. */
export async function withStatusLink(
  ctx: Ctx,
  c: { caseId: string; customerId: string; lang: string | null | undefined },
  text: string,
): Promise<string> {
  return `${text}\n\n${await statusLinkParagraph(ctx, c)}`;
}

/** The status tokens of a customer's cases (GDPR export: when issued, until when valid). */
export async function exportStatusTokens(ctx: Ctx, customerId: string) {
  const rows = await ctx.db
    .selectFrom('case_status_tokens')
    .select(['case_id', 'created_at', 'expires_at'])
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ caseId: r.case_id, issuedAt: r.created_at, expiresAt: r.expires_at }));
}

/** Erasure: every status link of the customer stops working. */
export async function eraseStatusTokens(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db.deleteFrom('case_status_tokens').where('customer_id', '=', customerId).execute();
}

/**
 * The status page's form nonce (as on the survey page): issue time plus an HMAC over the token hash
 * with the link's secret. Only a POST carrying a nonce a page of this link showed within the last
 * day writes anything, so a scanner that fetches or replays links cannot act for the customer.
 */
export function issueStatusNonce(ctx: Ctx, t: Pick<StatusToken, 'nonceSecret' | 'tokenHash'>): string {
  const at = ctx.clock.now().getTime().toString(36);
  return `${at}.${nonceMac(t, at)}`;
}

function nonceMac(t: Pick<StatusToken, 'nonceSecret' | 'tokenHash'>, at: string): string {
  return createHmac('sha256', t.nonceSecret).update(`${t.tokenHash}:${at}`).digest('base64url');
}

/** Whether a nonce was issued for this link's page within the last day. */
export function verifyStatusNonce(
  ctx: Ctx,
  t: Pick<StatusToken, 'nonceSecret' | 'tokenHash'>,
  nonce: unknown,
): boolean {
  if (typeof nonce !== 'string' || nonce.length > 100) return false;
  const [at, mac] = nonce.split('.');
  if (!at || !mac) return false;
  const issued = Number.parseInt(at, 36);
  const now = ctx.clock.now().getTime();
  if (!Number.isFinite(issued) || issued > now + 60_000 || now - issued > DAY_MS) return false;
  const expected = Buffer.from(nonceMac(t, at));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
