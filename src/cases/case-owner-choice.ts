// Who owns a new case: the customer's own contact if they can take it, else the least loaded staff.
import { appCache } from '../platform/app-cache.js';
import type { Customer } from '../customers/customers.schema.js';
import type { User } from '../platform/auth/auth.schema.js';
import { getUser, listUsers } from '../platform/auth/users.service.js';
import type { Ctx } from '../platform/context.js';
import { nullIfNotFound } from '../platform/errors.js';

/**
 * The active staff of each role that auto-assignment chooses from, per app (keyed by its config),
 * kept for a second: listing every user with all columns cost more than the rest of the
 * intake together (bench/cases.ts). The chosen owner is always re-read and must still be active
 * with that role, otherwise the list is read again; a user created or re-activated meanwhile joins
 * the choice within that second. The loads themselves are always read fresh.
 */
const candidateCache = appCache<string, User[]>(1_000);

function candidatesOf(ctx: Ctx, role: string, fresh: boolean): Promise<User[]> {
  return candidateCache.get(ctx, role, () => listUsers(ctx, { role, activeOnly: true }), fresh);
}

/** The candidate with the fewest queued cases (ties: smallest id; ids are ASCII, so < orders them). */
async function leastLoaded(ctx: Ctx, users: User[]): Promise<User> {
  if (users.length === 1) return users[0];
  // The whole table (one small row per owner who ever had a queued case) costs less than binding
  // every candidate id as a parameter.
  const loads = await ctx.db.selectFrom('case_owner_loads').select(['owner_id', 'open_cases']).execute();
  const load = new Map(loads.map((l) => [l.owner_id, Number(l.open_cases)]));
  let best = users[0];
  let bestLoad = load.get(best.id) ?? 0;
  for (const u of users) {
    const n = load.get(u.id) ?? 0;
    if (n < bestLoad || (n === bestLoad && u.id < best.id)) {
      best = u;
      bestLoad = n;
    }
  }
  return best;
}

/**
 * The owner of a new case: the customer's owner if that is an active agent or manager, otherwise
 * the active agent with the fewest queued cases (then any active manager, then an admin); ties go
 * to the smallest user id. The queued cases per owner are read from case_owner_loads, kept in step by
 * createCase and saveCase (no count over the open cases).
 */
export async function assignOwner(ctx: Ctx, customer: Customer): Promise<User | null> {
  if (customer.ownerId) {
    const owner = await getUser(ctx, customer.ownerId).catch(nullIfNotFound);
    if (owner?.active && (owner.role === 'agent' || owner.role === 'manager')) return owner;
  }
  for (const role of ['agent', 'manager', 'admin']) {
    for (const fresh of [false, true]) {
      const users = await candidatesOf(ctx, role, fresh);
      if (users.length === 0) break;
      const best = await leastLoaded(ctx, users);
      const now = await getUser(ctx, best.id).catch(nullIfNotFound);
      if (now?.active && now.role === role) return now;
    }
  }
  return null;
}
