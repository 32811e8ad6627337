// Scheduled and queued work of the churn early warning: the nightly scoring run and runs triggered
// through the API. A run with nothing to score (no purchases yet) is recorded as failed and not retried.
import type { Ctx } from '../platform/context.js';
import { systemActor } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { enqueueJob } from '../platform/jobs/jobs.service.js';
import type { JobRegistry } from '../platform/jobs/worker.js';
import { dailyAt } from '../platform/time/schedules.js';
import type { RunRequest } from './churn.schema.js';
import { runChurnScoring } from './run/churn-run.js';

export const CHURN_NIGHTLY_JOB = 'churn.nightly';
export const CHURN_RUN_JOB = 'churn.run';

async function runQuietly(ctx: Ctx, options: RunRequest): Promise<void> {
  try {
    await runChurnScoring({ ...ctx, actor: systemActor('churn early warning') }, options);
  } catch (err) {
    // Nothing to score is not worth retrying; the failed run row says why.
    if (err instanceof AppError && err.code === 'UNPROCESSABLE') return;
    throw err;
  }
}

/** Registers the nightly scoring run (dailyAt(3)) and the on-demand run job. */
export function registerChurnJobs(registry: JobRegistry): void {
  registry.handle(CHURN_NIGHTLY_JOB, (ctx) => runQuietly(ctx, {}));
  registry.schedule({ type: CHURN_NIGHTLY_JOB, next: dailyAt(3), singleton: 'churn.scoring' });
  registry.handle(CHURN_RUN_JOB, (ctx, payload: RunRequest) => runQuietly(ctx, payload ?? {}));
}

/** Queues a scoring run with the given options; answers the job key (the run appears in /churn/runs when done). */
export async function enqueueChurnRun(ctx: Ctx, options: RunRequest): Promise<{ key: string; type: string }> {
  const key = `${CHURN_RUN_JOB}:${newId('job')}`;
  await enqueueJob(ctx, {
    type: CHURN_RUN_JOB,
    key,
    payload: options,
    maxAttempts: 3,
    singleton: 'churn.scoring',
  });
  return { key, type: CHURN_RUN_JOB };
}
