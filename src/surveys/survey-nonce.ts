// The form nonce of the public page: only a POST carrying a nonce the page issued within the last
// day records anything, so a scanner that fetches or replays links cannot answer for the customer.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Ctx } from '../platform/context.js';
import type { PublicSurvey } from './survey-tokens.service.js';

const DAY = 86_400_000;

type NonceKey = Pick<PublicSurvey, 'nonceSecret' | 'tokenHash'>;

/** A per-page form nonce: issue time plus an HMAC over the token hash with the invitation's secret. */
export function issueNonce(ctx: Ctx, survey: NonceKey): string {
  const at = ctx.clock.now().getTime().toString(36);
  return `${at}.${nonceMac(survey, at)}`;
}

function nonceMac(survey: NonceKey, at: string): string {
  return createHmac('sha256', survey.nonceSecret).update(`${survey.tokenHash}:${at}`).digest('base64url');
}

/** Whether a nonce was issued for this survey's page within the last day. */
export function verifyNonce(ctx: Ctx, survey: NonceKey, nonce: unknown): boolean {
  if (typeof nonce !== 'string' || nonce.length > 100) return false;
  const [at, mac] = nonce.split('.');
  if (!at || !mac) return false;
  const issued = Number.parseInt(at, 36);
  const now = ctx.clock.now().getTime();
  if (!Number.isFinite(issued) || issued > now + 60_000 || now - issued > DAY) return false;
  const expected = Buffer.from(nonceMac(survey, at));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
