// Who approves goodwill above the requester's limit: never the requester; first their manager (else
// another manager, else an admin); an approver whose own limit is below the amount passes it up to
// their own manager, then to an admin.
import type { User } from '../platform/auth/auth.schema.js';
import { getUser, listUsers } from '../platform/auth/users.service.js';
import type { Ctx } from '../platform/context.js';
import { nullIfNotFound } from '../platform/errors.js';
import type { CaseSettings } from './case-settings.js';

async function activeApprover(ctx: Ctx, id: string | null, exclude: Set<string>): Promise<User | null> {
  if (!id || exclude.has(id)) return null;
  const u = await getUser(ctx, id).catch(nullIfNotFound);
  return u?.active && u.role !== 'agent' ? u : null;
}

/** An active admin not in `exclude` (the first by name), or null. */
async function someAdmin(ctx: Ctx, exclude: Set<string>): Promise<User | null> {
  return (await listUsers(ctx, { role: 'admin', activeOnly: true })).find((u) => !exclude.has(u.id)) ?? null;
}

/** The first approver of a request: the requester's manager, else another manager, else an admin. */
export async function firstApprover(ctx: Ctx, requesterId: string | null): Promise<User | null> {
  const exclude = new Set(requesterId ? [requesterId] : []);
  const requester = requesterId ? await getUser(ctx, requesterId).catch(nullIfNotFound) : null;
  const lead = await activeApprover(ctx, requester?.managerId ?? null, exclude);
  if (lead) return lead;
  const manager = (await listUsers(ctx, { role: 'manager', activeOnly: true })).find(
    (m) => !exclude.has(m.id),
  );
  return manager ?? (await someAdmin(ctx, exclude));
}

/**
 * The next step up from an approver whose own limit is too low: their manager, else an admin; never
 * anyone in `exclude` (the requester and whoever already endorsed the request).
 */
export async function nextApprover(ctx: Ctx, from: User, exclude: Set<string>): Promise<User | null> {
  return (await activeApprover(ctx, from.managerId, exclude)) ?? (await someAdmin(ctx, exclude));
}

/**
 * The most a user may approve on their own, per gesture: their own approval limit when one is set
 * on the user, else their role's per-case goodwill limit (null = unlimited).
 */
export function approvalLimitOf(user: User, settings: CaseSettings): number | null {
  if (user.approvalLimitMinor !== null) return user.approvalLimitMinor;
  const role = settings.goodwillLimits[user.role];
  return role ? role.perCaseMinor : 0;
}
