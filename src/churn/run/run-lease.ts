// One scoring run at a time: the running run holds a lease on its row — a token, and a heartbeat it
// renews at every checkpoint and every RUN_HEARTBEAT_MS between. At most one row is 'running' (a unique
// index), so a second start is refused (CHURN_RUN_RUNNING, naming the running run) while the heartbeat
// is fresh; a run whose heartbeat is older than RUN_STALE_MS is taken to be dead and is taken over —
// only then are its scores removed. The holder's writes match its token, so a run that was taken over
// writes nothing more and stops at its next checkpoint.
import { randomUUID } from 'node:crypto';
import { type Ctx, inTransaction, nowIso } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/dialect.js';
import { AppError } from '../../platform/errors.js';
import type { Phase } from '../churn.schema.js';
import type { ChurnTables } from '../churn.tables.js';

type RunRow = ChurnTables['churn_runs'];

/** A running run whose heartbeat is older than this is taken to be dead, and the next start takes it over. */
export const RUN_STALE_MS = 10 * 60_000;
/**
 * How often a run renews its heartbeat between checkpoints (real time). A model fit holds the thread
 * while it runs, so a stretch without a beat can be as long as the longest fit: the stale time is long.
 */
export const RUN_HEARTBEAT_MS = 30_000;

/** The columns a start writes: the plan and the previous run (the lease columns are the lease's). */
export type RunColumns = Omit<
  RunRow,
  | 'id'
  | 'status'
  | 'lease_token'
  | 'heartbeat_at'
  | 'phase'
  | 'n_scored'
  | 'job_key'
  | 'started_at'
  | 'finished_at'
  | 'error_code'
>;

/** What a checkpoint records beside the phase. */
export type RunProgress = { phase: string; customers?: number; scored?: number; phasesDone: Phase[] };

type Running = Pick<RunRow, 'id' | 'heartbeat_at' | 'lease_token' | 'started_at' | 'job_key'>;

/** The refusal of a second start while a run is running: 409 with the running run's id. */
export function runningConflict(r: Running): AppError {
  return new AppError(
    'CHURN_RUN_RUNNING',
    `scoring run ${r.id} is running (started ${r.started_at ?? 'unknown'}, last heartbeat ${r.heartbeat_at ?? 'none'}); start again when it is done`,
    { extra: { runId: r.id, startedAt: r.started_at, heartbeatAt: r.heartbeat_at } },
  );
}

/** A run that lost its lease (it was taken over after its heartbeat stopped) stops with this. */
export class RunLeaseLost extends Error {
  constructor(runId: string) {
    super(`scoring run ${runId} lost its lease: it was taken over after its heartbeat stopped`);
    this.name = 'RunLeaseLost';
  }
}

function isStale(ctx: Ctx, heartbeatAt: string | null): boolean {
  return heartbeatAt === null || Date.parse(heartbeatAt) < ctx.clock.now().getTime() - RUN_STALE_MS;
}

function runningRow(ctx: Ctx): Promise<Running | undefined> {
  return ctx.db
    .selectFrom('churn_runs')
    .select(['id', 'heartbeat_at', 'lease_token', 'started_at', 'job_key'])
    .where('status', '=', 'running')
    .executeTakeFirst();
}

/** Refuses (CHURN_RUN_RUNNING) while a run with a fresh heartbeat is running. */
export async function refuseWhileRunning(ctx: Ctx): Promise<void> {
  const running = await runningRow(ctx);
  if (running && !isStale(ctx, running.heartbeat_at)) throw runningConflict(running);
}

export type RunStart = {
  /** The queued row to start, or null for a new row `newId`. */
  runId: string | null;
  newId: string;
  /** The job that starts the run (null: the CLI, a script). */
  jobKey: string | null;
  columns: RunColumns;
};

/**
 * Takes the lease for a run: starts the queued row `runId`, or a new row `newId`, as 'running' with
 * `columns`. A running run with a fresh heartbeat refuses it (CHURN_RUN_RUNNING). A stale one is taken
 * over first, and so is a run of the same job (the job was claimed again because its worker died): its
 * scores are removed and, unless it is this very row, it is marked failed. Answers null when the
 * queued row is no longer startable (done or failed already).
 */
export async function acquireRunLease(
  ctx: Ctx,
  start: RunStart,
): Promise<{ id: string; token: string } | null> {
  const token = randomUUID();
  const now = nowIso(ctx);
  try {
    return await inTransaction(ctx, async (tx) => {
      const running = await runningRow(tx);
      if (running) {
        const reuse = running.id === start.runId;
        const sameJob = start.jobKey !== null && running.job_key === start.jobKey;
        if (!reuse && !sameJob && !isStale(tx, running.heartbeat_at)) throw runningConflict(running);
        await takeOver(tx, running, reuse, now);
      }
      const lease = { status: 'running', lease_token: token, heartbeat_at: now, started_at: now, at: now };
      if (start.runId === null) {
        await tx.db
          .insertInto('churn_runs')
          .values({
            ...start.columns,
            ...lease,
            id: start.newId,
            phase: null,
            n_scored: 0,
            job_key: start.jobKey,
            finished_at: null,
            error_code: null,
          })
          .execute();
        return { id: start.newId, token };
      }
      const { triggered_by: _queuedBy, ...columns } = start.columns;
      const started = await tx.db
        .updateTable('churn_runs')
        .set({ ...columns, ...lease, phase: null, n_scored: 0, message: null, error_code: null })
        .where('id', '=', start.runId)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      return Number(started.numUpdatedRows) > 0 ? { id: start.runId, token } : null;
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Another start won the race between our look and our write: refuse as if we had seen it.
    const winner = await runningRow(ctx);
    throw winner ? runningConflict(winner) : err;
  }
}

/** Removes the scores of a dead run and marks it failed (unless the start under way reuses its row). */
async function takeOver(tx: Ctx, running: Running, reuse: boolean, now: string): Promise<void> {
  await tx.db.deleteFrom('churn_scores').where('run_id', '=', running.id).execute();
  if (reuse) return;
  await tx.db
    .updateTable('churn_runs')
    .set({
      status: 'failed',
      phase: null,
      lease_token: null,
      finished_at: now,
      error_code: 'INTERNAL',
      message: `interrupted: last heartbeat ${running.heartbeat_at ?? 'none'}; taken over by a new run`,
    })
    .where('id', '=', running.id)
    .where('status', '=', 'running')
    .execute();
}

/**
 * The held lease of a running run: `checkpoint` records the phase now starting (and the progress) and
 * renews the heartbeat, throwing RunLeaseLost once another start took the run over or the job's signal
 * aborted; between checkpoints a timer renews the heartbeat.
 */
export class RunLease {
  private timer: NodeJS.Timeout | null = null;
  private lost = false;
  /** The last failed timer renewal (tried again at the next beat; a checkpoint's own write propagates). */
  private renewalError: unknown = null;

  constructor(
    private readonly ctx: Ctx,
    readonly runId: string,
    readonly token: string,
    private readonly options: {
      signal?: AbortSignal;
      onCheckpoint?: (runId: string, progress: RunProgress) => void | Promise<void>;
    } = {},
  ) {
    this.timer = setInterval(() => void this.beat(), RUN_HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Records that `progress.phase` starts now and renews the heartbeat; throws when the lease is lost. */
  async checkpoint(progress: RunProgress): Promise<void> {
    this.throwIfStopped();
    const held = await this.write({
      heartbeat_at: nowIso(this.ctx),
      phase: progress.phase,
      phases: JSON.stringify(progress.phasesDone),
      ...(progress.customers !== undefined ? { n_customers: progress.customers } : {}),
      ...(progress.scored !== undefined ? { n_scored: progress.scored } : {}),
    });
    if (!held) this.lost = true;
    this.throwIfStopped();
    await this.options.onCheckpoint?.(this.runId, progress);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private throwIfStopped(): void {
    if (this.options.signal?.aborted) throw this.options.signal.reason ?? new RunLeaseLost(this.runId);
    if (this.lost) {
      const err = new RunLeaseLost(this.runId);
      if (this.renewalError) err.cause = this.renewalError;
      throw err;
    }
  }

  private async beat(): Promise<void> {
    try {
      if (!(await this.write({ heartbeat_at: nowIso(this.ctx) }))) this.lost = true;
      this.renewalError = null;
    } catch (err) {
      this.renewalError = err;
    }
  }

  private async write(set: Partial<RunRow>): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('churn_runs')
      .set(set)
      .where('id', '=', this.runId)
      .where('lease_token', '=', this.token)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
