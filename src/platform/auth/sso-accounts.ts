// From an OpenID provider's claims to one of our staff users: found by the stored identity (issuer +
// subject), else by a verified e-mail (and linked), else created just in time by the admin's rule;
// the role is the one the role claim maps to, applied at every login. Deactivated users and users
// without a mapped role are refused.
import { diff, recordAudit } from '../audit/audit.service.js';
import { type Ctx, nowIso, type Role } from '../context.js';
import type { ErrorCode } from '../errors.js';
import { newId } from '../ids.js';
import type { User } from './auth.schema.js';
import type { SsoSettings } from './sso.settings.js';
import { actorOfUser, createUser, findUserByEmail, getUser, updateUser } from './users.service.js';

export type SsoClaims = {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  xms_edov?: unknown;
  name?: unknown;
  given_name?: unknown;
  family_name?: unknown;
  preferred_username?: unknown;
  locale?: unknown;
  [claim: string]: unknown;
};

type Identity = { issuer: string; subject: string; email: string | null };

/** A login the rules refuse: the code the browser is sent back with, and the reason for the audit. */
export class SsoRefusal extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
    readonly userId?: string,
    readonly identity?: Identity,
  ) {
    super(reason);
    this.name = 'SsoRefusal';
  }
}

const RANK: Record<Role, number> = { agent: 1, manager: 2, admin: 3 };

/** The values of a claim (a string or a list of strings), nested with dots: `realm_access.roles`. */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let v: unknown = claims;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return [];
    v = (v as Record<string, unknown>)[part];
  }
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** The highest role any of the values maps to, or null. */
export function mappedRole(values: string[], mapping: SsoSettings['roleMapping']): Role | null {
  let best: Role | null = null;
  for (const m of mapping)
    if (values.includes(m.value) && (best === null || RANK[m.role] > RANK[best])) best = m.role;
  return best;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function displayName(c: SsoClaims, email: string | null): string {
  const given = [text(c.given_name), text(c.family_name)].filter(Boolean).join(' ');
  return (text(c.name) ?? (given || null) ?? text(c.preferred_username) ?? email ?? c.sub).slice(0, 200);
}

/**
 * The user this login is for, their role applied (audited, which ends their other sessions and
 * tokens as any role change does); creates or links them as the rules say. Throws SsoRefusal.
 */
export async function resolveSsoAccount(
  ctx: Ctx,
  settings: SsoSettings,
  login: { issuer: string; claims: SsoClaims },
): Promise<string> {
  const { issuer, claims } = login;
  const email = text(claims.email)?.toLowerCase() ?? null;
  // Microsoft Entra ID sends no email_verified; its xms_edov (the e-mail's domain is verified by the
  // tenant) says the same for our purpose.
  const verified = email !== null && (claims.email_verified === true || claims.xms_edov === true);
  const identity: Identity = { issuer, subject: claims.sub, email };
  const values = claimValues(claims, settings.roleClaim);
  const role = mappedRole(values, settings.roleMapping);

  const linked = await ctx.db
    .selectFrom('user_identities')
    .select(['id', 'user_id'])
    .where('issuer', '=', issuer)
    .where('subject', '=', claims.sub)
    .executeTakeFirst();
  let user: User | null = linked ? await getUser(ctx, linked.user_id) : null;
  if (!user && verified) user = await findUserByEmail(ctx, email);

  if (user && !user.active) throw new SsoRefusal('SSO_USER_INACTIVE', 'the user is deactivated', user.id);
  if (!role)
    throw new SsoRefusal(
      'SSO_NO_ROLE',
      `claim ${settings.roleClaim} holds no mapped value (${values.length ? values.join(', ') : 'none'})`,
      user?.id,
      identity,
    );
  if (!user) checkJustInTime(settings, email, verified, identity);

  const now = nowIso(ctx);
  if (!user) {
    user = await createUser(ctx, {
      email: email!,
      name: displayName(claims, email),
      role,
      locale: text(claims.locale)?.toLowerCase().startsWith('en') ? 'en' : 'de',
    });
  } else if (user.role !== role) {
    user = await updateUser(ctx, user.id, { role });
  }
  if (linked) {
    await ctx.db
      .updateTable('user_identities')
      .set({ last_login_at: now })
      .where('id', '=', linked.id)
      .execute();
  } else {
    const id = newId('uid');
    await ctx.db
      .insertInto('user_identities')
      .values({ id, user_id: user.id, issuer, subject: claims.sub, created_at: now, last_login_at: now })
      .execute();
    await recordAudit(ctx, {
      entityType: 'user',
      entityId: user.id,
      action: 'sso.link',
      changes: diff(null, { issuer, subject: claims.sub }),
    });
  }
  await recordAudit(
    { ...ctx, actor: actorOfUser(user) },
    {
      entityType: 'user',
      entityId: user.id,
      action: 'sso.login',
      changes: diff(null, { issuer, role }),
    },
  );
  return user.id;
}

/** Whether someone without an account may be created now; throws the refusal otherwise. */
function checkJustInTime(s: SsoSettings, email: string | null, verified: boolean, identity: Identity): void {
  if (s.justInTime === 'off')
    throw new SsoRefusal(
      'SSO_NO_ACCOUNT',
      'no account, and creating users on first login is off',
      undefined,
      identity,
    );
  if (!email || !verified)
    throw new SsoRefusal(
      'SSO_NO_ACCOUNT',
      'no account, and the provider gives no verified e-mail to create one with',
      undefined,
      identity,
    );
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (s.justInTime === 'domains' && !s.allowedDomains.includes(domain))
    throw new SsoRefusal(
      'SSO_NO_ACCOUNT',
      `no account, and users of ${domain} are not created on first login`,
      undefined,
      identity,
    );
}
