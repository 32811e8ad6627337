// The durable job table: the only queue. Jobs are enqueued inside the transaction of the change
// that causes them, claimed by workers (PostgreSQL: FOR UPDATE SKIP LOCKED), retried with backoff.
import { sql } from 'kysely';
import type { Ctx } from '../context.js';
import { newId } from '../ids.js';

export type JobRow = {
  id: string;
  type: string;
  key: string;
  payload: string;
  status: string;
  run_at: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
};

export type EnqueueOptions = {
  type: string;
  /** Idempotency key: a second enqueue with the same key is ignored. */
  key: string;
  payload?: unknown;
  runAt?: Date;
  maxAttempts?: number;
};

/** Adds a job unless one with the same key exists; returns whether it was added. */
export async function enqueueJob(ctx: Ctx, job: EnqueueOptions): Promise<boolean> {
  const now = ctx.clock.now();
  const result = await ctx.db
    .insertInto('jobs')
    .values({
      id: newId('job'),
      type: job.type,
      key: job.key,
      payload: JSON.stringify(job.payload ?? {}),
      status: 'pending',
      run_at: (job.runAt ?? now).toISOString(),
      attempts: 0,
      max_attempts: job.maxAttempts ?? 10,
      last_error: null,
      locked_by: null,
      locked_until: null,
      created_at: now.toISOString(),
      finished_at: null,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Claims up to `limit` due jobs for `workerId`, also taking back jobs whose lock expired
 * (their worker crashed). On PostgreSQL concurrent workers never claim the same job.
 */
export async function claimJobs(
  ctx: Ctx,
  workerId: string,
  limit: number,
  lockMs: number,
): Promise<JobRow[]> {
  const now = ctx.clock.now().toISOString();
  const lockedUntil = new Date(ctx.clock.now().getTime() + lockMs).toISOString();
  if (ctx.dialect === 'postgres') {
    const { rows } = await sql<JobRow>`
      update jobs set status = 'running', locked_by = ${workerId}, locked_until = ${lockedUntil},
        attempts = attempts + 1
      where id in (
        select id from jobs
        where (status = 'pending' and run_at <= ${now}) or (status = 'running' and locked_until < ${now})
        order by run_at
        limit ${limit}
        for update skip locked
      )
      returning id, type, key, payload, status, run_at, attempts, max_attempts, last_error`.execute(ctx.db);
    return rows;
  }
  // SQLite: one writer at a time; the select and update run in one immediate transaction.
  return ctx.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('jobs')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('run_at')
      .limit(limit)
      .execute();
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    await trx
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        locked_by: workerId,
        locked_until: lockedUntil,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', ids)
      .execute();
    return trx
      .selectFrom('jobs')
      .select(['id', 'type', 'key', 'payload', 'status', 'run_at', 'attempts', 'max_attempts', 'last_error'])
      .where('id', 'in', ids)
      .orderBy('run_at')
      .execute();
  });
}

export async function completeJob(ctx: Ctx, id: string): Promise<void> {
  await ctx.db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: ctx.clock.now().toISOString(), locked_by: null, locked_until: null })
    .where('id', '=', id)
    .execute();
}

/** Exponential backoff: 2^attempts seconds, at most one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

export async function failJob(ctx: Ctx, job: JobRow, error: string): Promise<void> {
  const exhausted = job.attempts >= job.max_attempts;
  await ctx.db
    .updateTable('jobs')
    .set({
      status: exhausted ? 'failed' : 'pending',
      last_error: error.slice(0, 2000),
      run_at: new Date(ctx.clock.now().getTime() + backoffMs(job.attempts)).toISOString(),
      locked_by: null,
      locked_until: null,
      finished_at: exhausted ? ctx.clock.now().toISOString() : null,
    })
    .where('id', '=', job.id)
    .execute();
}

/** Counts jobs by status (for /readyz and operators). */
export async function jobStats(ctx: Ctx): Promise<Record<string, number>> {
  const rows = await ctx.db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
