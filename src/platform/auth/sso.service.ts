// Single sign-on with OpenID Connect (openid-client): the authorization code flow with PKCE, state
// and nonce. A login started here is stored (sso_logins) under the hash of a random token that only
// the starting browser holds in a cookie, so a callback URL carried to another browser is refused;
// each started login is used once. The callback turns the provider's claims into one of our users
// (sso-accounts.ts) and opens our normal session.
import * as oidc from 'openid-client';
import { appCache } from '../app-cache.js';
import { recordAudit } from '../audit/audit.service.js';
import { type Ctx, inTransaction, nowIso, systemActor } from '../context.js';
import { AppError, type ErrorCode } from '../errors.js';
import { hashToken, newId, newToken } from '../ids.js';
import { resolveSsoAccount, type SsoClaims, SsoRefusal } from './sso-accounts.js';
import {
  getSsoClientSecret,
  getSsoSettings,
  isLoopbackHttp,
  type SsoSettings,
  ssoInvalid,
  ssoRedirectUri,
} from './sso.settings.js';
import { openSession } from './users.service.js';

/** How long a started login may take at the provider before its callback is refused. */
const LOGIN_TTL_MS = 10 * 60_000;
/** Seconds to wait for the provider (discovery, token, user info). */
const PROVIDER_TIMEOUT_S = 10;

export const SSO_ACTOR = () => systemActor('single sign-on');

type Provider = { settings: SsoSettings; config: oidc.Configuration; issuer: string };

/** The provider's metadata and keys, discovered once per app and setting for ten minutes. */
const discovered = appCache<string, oidc.Configuration>(10 * 60_000);

async function discover(ctx: Ctx, s: SsoSettings, secret: string): Promise<oidc.Configuration> {
  const key = [s.issuer, s.clientId, hashToken(secret)].join('\n');
  return discovered.get(ctx, key, async () => {
    const issuer = new URL(s.issuer);
    return oidc.discovery(issuer, s.clientId, secret, undefined, {
      timeout: PROVIDER_TIMEOUT_S,
      execute: isLoopbackHttp(issuer) ? [oidc.allowInsecureRequests] : [],
    });
  });
}

/** Checks before saving settings that turn single sign-on on: the issuer answers OpenID discovery. */
export async function checkSsoProvider(ctx: Ctx, s: SsoSettings, secret: string | null): Promise<void> {
  if (!s.enabled || !secret) return;
  try {
    await discover(ctx, s, secret);
  } catch {
    throw ssoInvalid([{ path: ['issuer'], message: 'no OpenID provider answers at this address' }]);
  }
}

/** Forgets discovered providers after a settings change. */
export function forgetSsoProvider(ctx: Ctx): void {
  discovered.invalidate(ctx);
}

async function provider(ctx: Ctx): Promise<Provider> {
  const settings = await getSsoSettings(ctx);
  const secret = await getSsoClientSecret(ctx);
  if (!settings.enabled || !secret) throw new AppError('SSO_NOT_CONFIGURED');
  let config: oidc.Configuration;
  try {
    config = await discover(ctx, settings, secret);
  } catch (err) {
    throw new AppError(
      'SSO_PROVIDER_UNAVAILABLE',
      `Discovery at ${settings.issuer} failed: ${describe(err)}`,
    );
  }
  return { settings, config, issuer: config.serverMetadata().issuer };
}

/** What the login page needs: whether to offer single sign-on, and under which name. */
export async function ssoLoginOption(ctx: Ctx) {
  const s = await getSsoSettings(ctx);
  const on = s.enabled && (await getSsoClientSecret(ctx)) !== null;
  return {
    enabled: on,
    displayName: on ? s.displayName : null,
    loginUrl: on ? '/api/v1/auth/sso/login' : null,
  };
}

/**
 * Starts a login: stores state, nonce and PKCE verifier under the hash of a new browser token, and
 * answers the provider's authorization URL and the token for the browser's cookie.
 */
export async function startSsoLogin(ctx: Ctx, returnTo: string) {
  const { settings, config, issuer } = await provider(ctx);
  const browserToken = newToken();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const now = ctx.clock.now();
  await ctx.db.deleteFrom('sso_logins').where('expires_at', '<', now.toISOString()).execute();
  await ctx.db
    .insertInto('sso_logins')
    .values({
      id: newId('ssol'),
      browser_hash: hashToken(browserToken),
      issuer,
      state,
      nonce,
      code_verifier: codeVerifier,
      return_to: returnTo,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + LOGIN_TTL_MS).toISOString(),
    })
    .execute();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: ssoRedirectUri(ctx),
    scope: settings.scopes,
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, browserToken, maxAgeSeconds: LOGIN_TTL_MS / 1000 };
}

export type SsoOutcome =
  | { ok: true; userId: string; returnTo: string; session: Awaited<ReturnType<typeof openSession>> }
  | { ok: false; code: ErrorCode; returnTo: string };

/**
 * Completes a login from the provider's callback (`query`: the callback's query string): checks
 * state, PKCE and the ID token, reads the claims (ID token, then user info), finds or creates the
 * user, applies the mapped role (sso-accounts.ts) and opens a session, in one transaction. A refusal
 * is audited and answered as its code.
 */
export async function completeSsoLogin(
  ctx: Ctx,
  browserToken: string | undefined,
  query: string,
): Promise<SsoOutcome> {
  const sys = { ...ctx, actor: SSO_ACTOR() };
  const pending = browserToken ? await takePendingLogin(sys, browserToken) : undefined;
  const returnTo = pending?.return_to ?? '/';
  try {
    if (!pending) throw new SsoRefusal('SSO_FAILED', 'no login was started in this browser, or it expired');
    const p = await provider(sys);
    if (p.issuer !== pending.issuer)
      throw new SsoRefusal('SSO_FAILED', 'the provider changed since the login was started');
    const claims = await exchange(p, pending, new URL(`${ssoRedirectUri(ctx)}?${query}`));
    return await inTransaction<SsoOutcome>(sys, async (tx) => {
      const userId = await resolveSsoAccount(tx, p.settings, { issuer: p.issuer, claims });
      return { ok: true, userId, returnTo, session: await openSession(tx, userId) };
    });
  } catch (err) {
    if (err instanceof SsoRefusal) {
      await auditRefusal(sys, err, pending?.id);
      return { ok: false, code: err.code, returnTo };
    }
    if (err instanceof AppError && err.code.startsWith('SSO_')) {
      await auditRefusal(sys, new SsoRefusal(err.code, err.message), pending?.id);
      return { ok: false, code: err.code, returnTo };
    }
    throw err;
  }
}

/** The started login of this browser, deleted as it is read (a callback is answered once, even when two race). */
async function takePendingLogin(ctx: Ctx, browserToken: string) {
  const row = await ctx.db
    .deleteFrom('sso_logins')
    .where('browser_hash', '=', hashToken(browserToken))
    .returningAll()
    .executeTakeFirst();
  return row && row.expires_at > nowIso(ctx) ? row : undefined;
}

/** The code for tokens (state, PKCE, ID token signature, nonce checked), then the user's claims. */
async function exchange(
  p: Provider,
  pending: { state: string; nonce: string; code_verifier: string },
  currentUrl: URL,
): Promise<SsoClaims> {
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(p.config, currentUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    throw new SsoRefusal('SSO_FAILED', `the provider's answer was refused: ${describe(err)}`);
  }
  const idClaims = tokens.claims()!;
  let userInfo: Record<string, unknown> = {};
  if (p.config.serverMetadata().userinfo_endpoint) {
    try {
      userInfo = await oidc.fetchUserInfo(p.config, tokens.access_token, idClaims.sub);
    } catch (err) {
      throw new SsoRefusal('SSO_FAILED', `user info could not be read: ${describe(err)}`);
    }
  }
  // The signed ID token wins where both name a claim; user info adds what the ID token leaves out.
  return { ...userInfo, ...idClaims } as SsoClaims;
}

function describe(err: unknown): string {
  const e = err as { code?: string; error?: string; message?: string };
  return [e.error ?? e.code, e.message].filter(Boolean).join(': ').slice(0, 300);
}

/** Every refusal is audited: on the user when one was found, else on the started login. */
async function auditRefusal(ctx: Ctx, r: SsoRefusal, loginId: string | undefined): Promise<void> {
  await recordAudit(ctx, {
    entityType: r.userId ? 'user' : 'sso_login',
    entityId: r.userId ?? loginId ?? newId('ssol'),
    action: 'sso.refused',
    changes: {
      code: { before: null, after: r.code },
      reason: { before: null, after: r.reason },
      ...(r.identity ? { identity: { before: null, after: r.identity } } : {}),
    },
  });
}
