// The durable job table: the only queue. Jobs are enqueued inside the transaction of the change
// that causes them, claimed one at a time by workers (PostgreSQL: FOR UPDATE SKIP LOCKED), fenced
// by a lock token per claim, and retried with backoff.
import { randomUUID } from 'node:crypto';
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
  /** The token of the claim that returned this row; complete/fail/renew need it. */
  lock_token: string | null;
  singleton_key: string | null;
};

export type EnqueueOptions = {
  type: string;
  /** Idempotency key: a second enqueue with the same key is ignored. */
  key: string;
  payload?: unknown;
  runAt?: Date;
  maxAttempts?: number;
  /** Jobs with the same singleton group never run at the same time, on any instance. */
  singleton?: string;
};

const JOB_COLUMNS = [
  'id',
  'type',
  'key',
  'payload',
  'status',
  'run_at',
  'attempts',
  'max_attempts',
  'last_error',
  'lock_token',
  'singleton_key',
] as const;

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
      lock_token: null,
      singleton_key: job.singleton ?? null,
      created_at: now.toISOString(),
      finished_at: null,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Claims the next due job for `workerId` under a fresh lock token, or answers null. Also takes back
 * a job whose lock expired (its worker died or stalled; that worker can no longer complete it). A
 * pending job whose singleton group has a running job waits. Concurrent workers on PostgreSQL
 * never claim the same job.
 */
export async function claimJob(ctx: Ctx, workerId: string, lockMs: number): Promise<JobRow | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await claimOnce(ctx, workerId, lockMs);
    } catch (err) {
      // Two instances claimed two jobs of one singleton group at once: the unique index let one
      // win. The loser looks again (it now sees the group running and skips it).
      if ((err as { code?: string }).code !== '23505' || attempt >= 3) throw err;
    }
  }
}

async function claimOnce(ctx: Ctx, workerId: string, lockMs: number): Promise<JobRow | null> {
  // Two lookups, each served by the (status, run_at) index: one `OR` over both made the database read
  // and sort every due row, so a claim cost grew with the backlog (10 ms at 20,000 due jobs).
  return (await claimWhere(ctx, workerId, lockMs, 'expired')) ?? claimWhere(ctx, workerId, lockMs, 'due');
}

/** Claims one job: a running one whose lock expired, or the pending one due first. */
async function claimWhere(
  ctx: Ctx,
  workerId: string,
  lockMs: number,
  which: 'expired' | 'due',
): Promise<JobRow | null> {
  const now = ctx.clock.now().toISOString();
  const lockedUntil = new Date(ctx.clock.now().getTime() + lockMs).toISOString();
  const row = await ctx.db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      locked_by: workerId,
      locked_until: lockedUntil,
      lock_token: randomUUID(),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs as j')
        .select('j.id')
        .$if(which === 'expired', (qb) =>
          qb.where('j.status', '=', 'running').where('j.locked_until', '<', now),
        )
        .$if(which === 'due', (qb) =>
          qb
            .where('j.status', '=', 'pending')
            .where('j.run_at', '<=', now)
            // A job of a singleton group waits while another job of the group runs.
            .where((w) =>
              w.or([
                w('j.singleton_key', 'is', null),
                w.not(
                  w.exists(
                    w
                      .selectFrom('jobs as r')
                      .select('r.id')
                      .whereRef('r.singleton_key', '=', 'j.singleton_key')
                      .where('r.status', '=', 'running'),
                  ),
                ),
              ]),
            ),
        )
        .orderBy('j.run_at')
        .limit(1)
        // SQLite has one writer at a time (one worker per database); the statement is atomic.
        .$if(ctx.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked()),
    )
    .returning(JOB_COLUMNS)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Extends the lock of a job this worker still holds; false when the lock was lost (it expired and
 * another worker claimed the job, or the job is no longer running).
 */
export async function renewJobLock(ctx: Ctx, job: JobRow, lockMs: number): Promise<boolean> {
  const result = await ctx.db
    .updateTable('jobs')
    .set({ locked_until: new Date(ctx.clock.now().getTime() + lockMs).toISOString() })
    .where('id', '=', job.id)
    .where('lock_token', '=', job.lock_token)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks a job done if this claim still holds its lock; false (nothing written) when it does not. */
export async function completeJob(ctx: Ctx, job: JobRow): Promise<boolean> {
  const result = await ctx.db
    .updateTable('jobs')
    .set({
      status: 'done',
      finished_at: ctx.clock.now().toISOString(),
      locked_by: null,
      locked_until: null,
      lock_token: null,
    })
    .where('id', '=', job.id)
    .where('lock_token', '=', job.lock_token)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Gives a claimed job back (pending, due now, the attempt not counted) while this claim still holds
 * its lock: its handler met a database outage, which is not the job's fault.
 */
export async function releaseJob(ctx: Ctx, job: JobRow): Promise<boolean> {
  const result = await ctx.db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'pending',
      run_at: ctx.clock.now().toISOString(),
      attempts: eb('attempts', '-', 1),
      locked_by: null,
      locked_until: null,
      lock_token: null,
    }))
    .where('id', '=', job.id)
    .where('lock_token', '=', job.lock_token)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Exponential backoff: 2^attempts seconds, at most one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Records a failed attempt (retry later, or failed for good after max attempts) if this claim
 * still holds the job's lock; false (nothing written) when it does not.
 */
export async function failJob(ctx: Ctx, job: JobRow, error: string): Promise<boolean> {
  const exhausted = job.attempts >= job.max_attempts;
  const result = await ctx.db
    .updateTable('jobs')
    .set({
      status: exhausted ? 'failed' : 'pending',
      last_error: error.slice(0, 2000),
      run_at: new Date(ctx.clock.now().getTime() + backoffMs(job.attempts)).toISOString(),
      locked_by: null,
      locked_until: null,
      lock_token: null,
      finished_at: exhausted ? ctx.clock.now().toISOString() : null,
    })
    .where('id', '=', job.id)
    .where('lock_token', '=', job.lock_token)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes jobs that finished successfully before `before` (failed ones stay for operators). */
export async function pruneDoneJobs(ctx: Ctx, before: Date): Promise<number> {
  const result = await ctx.db
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finished_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
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
