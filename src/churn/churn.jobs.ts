// Scheduled and queued work of the churn early warning: the nightly scoring run and runs triggered
// through the API. A run with nothing to score (no purchases yet) is recorded as failed and not retried.
// One run at a time (run/run-lease.ts): the nightly job skips with a log line while another run is
// alive; a run queued through the API is marked failed with CHURN_RUN_RUNNING then.
import { recordAudit } from '../platform/audit/audit.service.js';
import type { Ctx } from '../platform/context.js';
import { inTransaction, systemActor } from '../platform/context.js';
import { isDatabaseUnavailable } from '../platform/db/unavailable.js';
import { AppError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { enqueueJob } from '../platform/jobs/jobs.service.js';
import type { JobRegistry, RunningJob } from '../platform/jobs/worker.js';
import { dailyAt } from '../platform/time/schedules.js';
import type { RunRequest } from './churn.schema.js';
import { runChurnScoring } from './run/churn-run.js';
import { refuseWhileRunning } from './run/run-lease.js';
import { failQueuedRun, queueRun } from './run/run-record.js';
import { planRun } from './run/run-state.js';

export const CHURN_NIGHTLY_JOB = 'churn.nightly';
export const CHURN_RUN_JOB = 'churn.run';
const SINGLETON = 'churn.scoring';

/** The payload of a `churn.run` job; jobs queued before runs had a queued row carry the bare options. */
type RunJobPayload = { runId: string; options: RunRequest } | RunRequest;

async function runQuietly(
  ctx: Ctx,
  job: RunningJob,
  options: RunRequest,
  runId: string | undefined,
): Promise<void> {
  try {
    await runChurnScoring({ ...ctx, actor: systemActor('churn early warning') }, options, {
      runId,
      jobKey: job.key,
      signal: job.signal,
    });
  } catch (err) {
    // A queued run whose start failed says why (a run that started did so itself). Not while the
    // database is away: the job's lock expires and the job starts the run again.
    if (runId && !isDatabaseUnavailable(err)) await failQueuedRun(ctx, runId, err);
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'CHURN_RUN_RUNNING') {
      (job.log.info ?? job.log.warn).call(
        job.log,
        { jobId: job.id, type: job.type, runningRunId: err.extra?.runId, queuedRunId: runId },
        'churn scoring skipped: another scoring run is running',
      );
      return;
    }
    // Nothing to score is not worth retrying, the failed run row says why; a queued run that is done
    // or failed already (its job claimed again) has nothing left to do.
    if (err.code === 'UNPROCESSABLE' || err.code === 'CONFLICT') return;
    throw err;
  }
}

/** Registers the nightly scoring run (dailyAt(3)) and the on-demand run job. */
export function registerChurnJobs(registry: JobRegistry): void {
  registry.handle(CHURN_NIGHTLY_JOB, (ctx, _payload, job) => runQuietly(ctx, job, {}, undefined));
  registry.schedule({ type: CHURN_NIGHTLY_JOB, next: dailyAt(3), singleton: SINGLETON });
  registry.handle(CHURN_RUN_JOB, (ctx, payload: RunJobPayload | null, job) => {
    const queued = payload && 'runId' in payload ? payload : { runId: undefined, options: payload ?? {} };
    return runQuietly(ctx, job, queued.options, queued.runId);
  });
}

export type QueuedRun = { id: string; job: { key: string; type: string } };

/**
 * Queues a scoring run with the given options: its row ('queued', so its status answers at once) and
 * its job in one transaction, audited. Refused with CHURN_RUN_RUNNING (naming the run) while a run is running.
 */
export async function enqueueChurnRun(ctx: Ctx, options: RunRequest): Promise<QueuedRun> {
  const plan = await planRun(ctx, options);
  const key = `${CHURN_RUN_JOB}:${newId('job')}`;
  const id = await inTransaction(ctx, async (tx) => {
    await refuseWhileRunning(tx);
    const runId = await queueRun(tx, plan, key);
    await recordAudit(tx, {
      entityType: 'churn_run',
      entityId: runId,
      action: 'queue',
      changes: { options: { before: null, after: options } },
    });
    await enqueueJob(tx, {
      type: CHURN_RUN_JOB,
      key,
      payload: { runId, options },
      // A failed run is final (its row says why); a worker that dies mid-run loses the job's lock and
      // the job is claimed again, which takes the run over.
      maxAttempts: 1,
      singleton: SINGLETON,
    });
    return runId;
  });
  return { id, job: { key, type: CHURN_RUN_JOB } };
}
