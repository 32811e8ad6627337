// The context every service function takes first: database (or transaction), actor, clock, config.
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { DialectName, Db } from './db/database.js';

export type Role = 'agent' | 'manager' | 'admin';

export type Actor =
  | { kind: 'user'; id: string; name: string; role: Role; locale: string; teamId: string | null }
  | { kind: 'system'; id: null; name: string }
  | { kind: 'customer'; id: string | null; name: string };

export type Ctx = {
  db: Db;
  dialect: DialectName;
  actor: Actor;
  clock: Clock;
  config: Config;
};

export const systemActor = (name = 'system'): Actor => ({ kind: 'system', id: null, name });

/** Runs fn in one transaction; the context it receives writes through that transaction. */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}

export function nowIso(ctx: Pick<Ctx, 'clock'>): string {
  return ctx.clock.now().toISOString();
}
