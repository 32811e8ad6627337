// Staff users, teams, login sessions and API tokens.
import { type Actor, type Ctx, inTransaction, nowIso } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { hashToken, newId, newToken } from '../ids.js';
import { recordAudit, diff } from '../audit/audit.service.js';
import type { PlatformTables } from '../db/platform.tables.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { type CreateUser, createUserSchema, type User, type updateUserSchema } from './auth.schema.js';
import type { z } from 'zod';

const SESSION_DAYS = 7;

function toUser(r: PlatformTables['users']): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as User['role'],
    locale: r.locale as User['locale'],
    teamId: r.team_id,
    managerId: r.manager_id,
    approvalLimitMinor:
      r.approval_limit_minor === null || r.approval_limit_minor === undefined
        ? null
        : Number(r.approval_limit_minor),
    active: r.active === 1,
    createdAt: r.created_at,
  };
}

/** Creates a staff user; the e-mail must be unused. */
export async function createUser(ctx: Ctx, input: CreateUser): Promise<User> {
  const data = createUserSchema.parse(input);
  const email = data.email.toLowerCase();
  return inTransaction(ctx, async (tx) => {
    const exists = await tx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (exists)
      throw new AppError('DUPLICATE', `A user with e-mail ${email} exists`, {
        errors: [{ path: 'email', message: 'already in use' }],
      });
    await checkTeamAndManager(tx, data.teamId ?? null, data.managerId ?? null, null);
    const now = nowIso(tx);
    const row = {
      id: newId('usr'),
      email,
      name: data.name,
      role: data.role,
      locale: data.locale,
      team_id: data.teamId ?? null,
      manager_id: data.managerId ?? null,
      approval_limit_minor: data.approvalLimitMinor ?? null,
      password_hash: data.password ? await hashPassword(data.password) : null,
      active: 1,
      created_at: now,
      updated_at: now,
    };
    await tx.db.insertInto('users').values(row).execute();
    await recordAudit(tx, {
      entityType: 'user',
      entityId: row.id,
      action: 'create',
      changes: diff(null, {
        email,
        name: row.name,
        role: row.role,
        ...(row.approval_limit_minor !== null ? { approval_limit_minor: row.approval_limit_minor } : {}),
      }),
    });
    return toUser(row);
  });
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('User', id);
  return toUser(row);
}

/** The user with this e-mail (any case), or null. */
export async function findUserByEmail(ctx: Ctx, email: string): Promise<User | null> {
  const row = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

/** Several users by id (unknown ids are left out). */
export async function getUsers(ctx: Ctx, ids: string[]): Promise<User[]> {
  if (ids.length === 0) return [];
  return (await ctx.db.selectFrom('users').selectAll().where('id', 'in', ids).execute()).map(toUser);
}

/** The active user with this id, or a 400 naming `field` (for inputs that name an owner). */
export async function requireActiveUser(ctx: Ctx, id: string, field: string): Promise<User> {
  const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (row?.active !== 1) {
    throw new AppError('VALIDATION_FAILED', `${field}: no active user ${id}`, {
      errors: [{ path: field, message: 'no such active user' }],
    });
  }
  return toUser(row!);
}

/** The actor a staff user acts as (for jobs and tools that act on a person's behalf). */
export function actorOfUser(u: User): Extract<Actor, { kind: 'user' }> {
  return { kind: 'user', id: u.id, name: u.name, role: u.role, locale: u.locale, teamId: u.teamId };
}

/** Users, optionally only those of one role. */
export async function listUsers(
  ctx: Ctx,
  filter: { role?: string; activeOnly?: boolean } = {},
): Promise<User[]> {
  let q = ctx.db.selectFrom('users').selectAll().orderBy('name');
  if (filter.role) q = q.where('role', '=', filter.role);
  if (filter.activeOnly) q = q.where('active', '=', 1);
  return (await q.execute()).map(toUser);
}

export async function updateUser(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof updateUserSchema>,
): Promise<User> {
  return inTransaction(ctx, async (tx) => {
    const before = await tx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('User', id);
    await checkTeamAndManager(tx, input.teamId ?? null, input.managerId ?? null, id);
    const patch: Partial<PlatformTables['users']> = { updated_at: nowIso(tx) };
    if (input.name !== undefined) patch.name = input.name;
    if (input.role !== undefined) patch.role = input.role;
    if (input.locale !== undefined) patch.locale = input.locale;
    if (input.teamId !== undefined) patch.team_id = input.teamId;
    if (input.managerId !== undefined) patch.manager_id = input.managerId;
    if (input.approvalLimitMinor !== undefined) patch.approval_limit_minor = input.approvalLimitMinor;
    if (input.active !== undefined) patch.active = input.active ? 1 : 0;
    if (input.password !== undefined) patch.password_hash = await hashPassword(input.password);
    await tx.db.updateTable('users').set(patch).where('id', '=', id).execute();
    const { password_hash: _a, updated_at: _b, ...visible } = patch;
    await recordAudit(tx, {
      entityType: 'user',
      entityId: id,
      action: 'update',
      changes: diff(before, visible),
    });
    // A new password, a new role or deactivation ends every way in that the old state opened:
    // sessions and API tokens (the user logs in again and creates new tokens deliberately).
    const roleChanged = input.role !== undefined && input.role !== before.role;
    if (input.password !== undefined || roleChanged || (input.active === false && before.active === 1))
      await revokeCredentials(tx, id);
    return getUser(tx, id);
  });
}

/** Team and manager named on a user must exist (a manager active, and not the user themself). */
async function checkTeamAndManager(
  ctx: Ctx,
  teamId: string | null,
  managerId: string | null,
  selfId: string | null,
) {
  if (teamId) {
    const team = await ctx.db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
    if (!team)
      throw new AppError('VALIDATION_FAILED', `teamId: no team ${teamId}`, {
        errors: [{ path: 'teamId', message: 'no such team' }],
      });
  }
  if (managerId) {
    if (managerId === selfId)
      throw new AppError('VALIDATION_FAILED', 'managerId: a user cannot be their own manager', {
        errors: [{ path: 'managerId', message: 'cannot be the user themself' }],
      });
    await requireActiveUser(ctx, managerId, 'managerId');
  }
}

/** Ends every session and revokes every API token of a user (after a password reset). */
async function revokeCredentials(ctx: Ctx, userId: string): Promise<void> {
  const sessions = await ctx.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  const tokens = await ctx.db
    .updateTable('api_tokens')
    .set({ revoked_at: nowIso(ctx) })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  await recordAudit(ctx, {
    entityType: 'user',
    entityId: userId,
    action: 'credentials.revoke',
    changes: {
      sessionsEnded: { before: null, after: Number(sessions.numDeletedRows) },
      apiTokensRevoked: { before: null, after: Number(tokens.numUpdatedRows) },
    },
  });
}

/** Failed logins in a row (each within FAILURE_WINDOW_MS of the last) before an account locks. */
const LOCK_AFTER = 5;
const FAILURE_WINDOW_MS = 15 * 60_000;
/** The first lock lasts a minute; every further failure doubles it, up to an hour. */
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

/**
 * Checks e-mail and password; on success opens a session and returns its token once. Failures are
 * counted per submitted e-mail (whether or not the account exists, so the answer reveals nothing):
 * after five in a row the account refuses logins for a minute, then two, four, … up to an hour,
 * even with the right password; the lock is audited on the user.
 */
export async function login(ctx: Ctx, email: string, password: string) {
  const key = email.toLowerCase();
  const now = ctx.clock.now();
  const throttle = await ctx.db
    .selectFrom('login_failures')
    .selectAll()
    .where('email', '=', key)
    .executeTakeFirst();
  if (throttle?.locked_until && throttle.locked_until > now.toISOString())
    throw loginLocked(throttle.locked_until, now);
  const row = await ctx.db.selectFrom('users').selectAll().where('email', '=', key).executeTakeFirst();
  // Verify even for unknown users so response time does not reveal which e-mails exist.
  const ok = await verifyPassword(row?.password_hash ?? DUMMY_HASH, password);
  if (!row || !ok || row.active !== 1) {
    await recordLoginFailure(ctx, key, throttle, row?.id ?? null);
    throw new AppError('LOGIN_FAILED');
  }
  if (throttle) await ctx.db.deleteFrom('login_failures').where('email', '=', key).execute();
  return { ...(await openSession(ctx, row.id)), user: toUser(row) };
}

/**
 * Opens a session for a user who proved who they are (password or single sign-on): the cookie's
 * token and the CSRF token, each returned only here (the token is stored as its hash).
 */
export async function openSession(ctx: Ctx, userId: string) {
  const now = ctx.clock.now();
  const token = newToken();
  const csrfToken = newToken();
  await ctx.db
    .insertInto('sessions')
    .values({
      id: newId('ses'),
      token_hash: hashToken(token),
      csrf_token: csrfToken,
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
    })
    .execute();
  return { token, csrfToken, maxAgeSeconds: SESSION_DAYS * 86_400 };
}

/** Deletes sessions past their expiry (they can never be used again; housekeeping). */
export async function pruneExpiredSessions(ctx: Ctx): Promise<number> {
  const res = await ctx.db.deleteFrom('sessions').where('expires_at', '<', nowIso(ctx)).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Forgets failure counts a day after the last failure once no lock is running (housekeeping). */
export async function pruneLoginFailures(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const res = await ctx.db
    .deleteFrom('login_failures')
    .where('last_failed_at', '<', new Date(now.getTime() - 86_400_000).toISOString())
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

function loginLocked(lockedUntil: string, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000));
  return new AppError(
    'LOGIN_LOCKED',
    `Too many failed logins for this account; try again after ${lockedUntil}`,
    {
      extra: { lockedUntil, retryAfterSeconds },
    },
  );
}

async function recordLoginFailure(
  ctx: Ctx,
  email: string,
  before: PlatformTables['login_failures'] | undefined,
  userId: string | null,
): Promise<void> {
  const now = ctx.clock.now();
  const inARow =
    before !== undefined && now.getTime() - Date.parse(before.last_failed_at) < FAILURE_WINDOW_MS;
  const failures = inARow ? before.failures + 1 : 1;
  const lockMs =
    failures >= LOCK_AFTER ? Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - LOCK_AFTER)) : 0;
  const lockedUntil = lockMs > 0 ? new Date(now.getTime() + lockMs).toISOString() : null;
  const values = { failures, last_failed_at: now.toISOString(), locked_until: lockedUntil };
  await ctx.db
    .insertInto('login_failures')
    .values({ email, ...values })
    .onConflict((oc) => oc.column('email').doUpdateSet(values))
    .execute();
  if (lockedUntil && userId) {
    await recordAudit(ctx, {
      entityType: 'user',
      entityId: userId,
      action: 'login.locked',
      changes: {
        failures: { before: null, after: failures },
        lockedUntil: { before: null, after: lockedUntil },
      },
    });
  }
}

// A valid argon2id hash of a random string, verified against when the user does not exist.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2Vh4yM8+8Ftz8MysFAxhx4E7jg3cnYEyKgWJbOvB2l8';

export async function logout(ctx: Ctx, token: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

export type Authenticated = {
  actor: Extract<Actor, { kind: 'user' }>;
  csrfToken: string | null;
  via: 'session' | 'token';
};

function actorOf(r: PlatformTables['users']): Extract<Actor, { kind: 'user' }> {
  return {
    kind: 'user',
    id: r.id,
    name: r.name,
    role: r.role as User['role'],
    locale: r.locale,
    teamId: r.team_id,
  };
}

/** The user behind a session cookie, if the session is live. */
export async function authenticateSession(ctx: Ctx, token: string): Promise<Authenticated | null> {
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.expires_at < nowIso(ctx) || row.active !== 1) return null;
  return { actor: actorOf(row), csrfToken: row.csrf_token, via: 'session' };
}

/** The user behind an API token, if the token is not revoked. */
export async function authenticateToken(ctx: Ctx, token: string): Promise<Authenticated | null> {
  const row = await ctx.db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select(['api_tokens.id as token_id', 'api_tokens.revoked_at', 'api_tokens.expires_at'])
    .where('api_tokens.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.active !== 1) return null;
  if (row.expires_at && row.expires_at <= nowIso(ctx)) return null;
  await ctx.db
    .updateTable('api_tokens')
    .set({ last_used_at: nowIso(ctx) })
    .where('id', '=', row.token_id)
    .execute();
  return { actor: actorOf(row), csrfToken: null, via: 'token' };
}

/** Days an API token lives unless its creator asks for another term (at most TOKEN_MAX_DAYS). */
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 730;

/** Creates an API token for the acting user; the secret is shown only in this answer. */
export async function createApiToken(
  ctx: Ctx,
  userId: string,
  name: string,
  expiresInDays = TOKEN_DEFAULT_DAYS,
) {
  const secret = `sk_${newToken()}`;
  const now = ctx.clock.now();
  const row = {
    id: newId('tok'),
    token_hash: hashToken(secret),
    name,
    user_id: userId,
    created_at: now.toISOString(),
    last_used_at: null,
    revoked_at: null,
    expires_at: new Date(now.getTime() + expiresInDays * 86_400_000).toISOString(),
  };
  await ctx.db.insertInto('api_tokens').values(row).execute();
  await recordAudit(ctx, {
    entityType: 'api_token',
    entityId: row.id,
    action: 'create',
    changes: diff(null, { name, userId, expiresAt: row.expires_at }),
  });
  return { id: row.id, name, token: secret, createdAt: row.created_at, expiresAt: row.expires_at };
}

export async function listApiTokens(ctx: Ctx, userId: string) {
  const rows = await ctx.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    expiresAt: r.expires_at,
  }));
}

export async function revokeApiToken(ctx: Ctx, userId: string, id: string): Promise<void> {
  const res = await ctx.db
    .updateTable('api_tokens')
    .set({ revoked_at: nowIso(ctx) })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound('API token', id);
  await recordAudit(ctx, { entityType: 'api_token', entityId: id, action: 'revoke' });
}

export async function createTeam(ctx: Ctx, name: string, parentId: string | null = null) {
  if (parentId) {
    const parent = await ctx.db
      .selectFrom('teams')
      .select('id')
      .where('id', '=', parentId)
      .executeTakeFirst();
    if (!parent)
      throw new AppError('VALIDATION_FAILED', `parentId: no team ${parentId}`, {
        errors: [{ path: 'parentId', message: 'no such team' }],
      });
  }
  const row = { id: newId('team'), name, parent_id: parentId, created_at: nowIso(ctx) };
  const exists = await ctx.db.selectFrom('teams').select('id').where('name', '=', name).executeTakeFirst();
  if (exists)
    throw new AppError('DUPLICATE', `Team ${name} exists`, {
      errors: [{ path: 'name', message: 'already in use' }],
    });
  await ctx.db.insertInto('teams').values(row).execute();
  await recordAudit(ctx, {
    entityType: 'team',
    entityId: row.id,
    action: 'create',
    changes: diff(null, { name, parentId }),
  });
  return { id: row.id, name, parentId };
}

export async function listTeams(ctx: Ctx) {
  const rows = await ctx.db.selectFrom('teams').selectAll().orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id }));
}
