// The run row of a scoring run: queued (through the API, in the job's transaction), opened as 'running'
// under the lease (./run-lease.ts; a dead run is taken over there), completed with the fit, counts,
// diagnostics and phases (audited), or marked failed with its scores removed.
import { recordAudit } from '../../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { latestRunRow } from '../churn.runs.js';
import { cleanRecord, finiteOrNull } from './json-numbers.js';
import type { ModelChoice } from './model-choice.js';
import type { PurchaseData } from './purchase-data.js';
import type { RunDiagnostics } from './diagnostics.js';
import { phaseTimer } from './phase-timer.js';
import { acquireRunLease, type RunColumns, RunLease, type RunProgress, RunLeaseLost } from './run-lease.js';
import type { RunPlan, RunState } from './run-state.js';
import type { Scores } from './scoring.js';
import type { SpendModel } from './spend-model.js';

/** The row's columns from the plan, before any result. */
function planColumns(ctx: Ctx, plan: RunPlan, previousRunId: string | null): RunColumns {
  return {
    at: nowIso(ctx),
    model: null,
    params: '{}',
    standard_errors: '{}',
    log_likelihood: null,
    converged: 0,
    selection: null,
    holdout_errors: '[]',
    spend_params: null,
    unit: plan.unit,
    unit_days: plan.unitDays,
    calibration_end: plan.endDay,
    holdout_weeks: plan.holdoutWeeks,
    horizon: plan.horizon,
    annual_discount_rate: plan.scoring.annualDiscountRate,
    currency: plan.currency,
    thresholds: JSON.stringify(plan.thresholds),
    n_customers: 0,
    n_groups: 0,
    evaluations: 0,
    n_at_risk: 0,
    n_alerts: 0,
    previous_run_id: previousRunId,
    diagnostics: '{}',
    phases: '[]',
    message: null,
    triggered_by: ctx.actor.name,
  };
}

/**
 * Writes a 'queued' row for a run the job `jobKey` will start (call it in the job's transaction), so
 * its status answers at once; the start plans it again from the settings of that moment.
 */
export async function queueRun(ctx: Ctx, plan: RunPlan, jobKey: string): Promise<string> {
  const id = newId('chr');
  await ctx.db
    .insertInto('churn_runs')
    .values({
      ...planColumns(ctx, plan, null),
      id,
      status: 'queued',
      lease_token: null,
      heartbeat_at: null,
      phase: null,
      n_scored: 0,
      job_key: jobKey,
      started_at: null,
      finished_at: null,
      error_code: null,
    })
    .execute();
  return id;
}

export type OpenRunOptions = {
  /** Start this queued run instead of a new one. */
  runId?: string;
  /** The job starting the run: a run of the same job still 'running' is its dead predecessor. */
  jobKey?: string;
  /** Stops the run at its next checkpoint (the job's lock was lost). */
  signal?: AbortSignal;
  /** Called at each checkpoint once the progress is recorded. */
  onCheckpoint?: (runId: string, progress: RunProgress) => void | Promise<void>;
};

/**
 * Takes the lease (refused with CHURN_RUN_RUNNING while another run is alive) and writes the row as
 * 'running' (readers of results do not see it yet); answers the run's state, or null when the queued
 * run `options.runId` is done or failed already.
 */
export async function openRun(
  ctx: Ctx,
  plan: RunPlan,
  options: OpenRunOptions = {},
): Promise<RunState | null> {
  const clock = phaseTimer();
  const previous = await latestRunRow(ctx);
  const held = await acquireRunLease(ctx, {
    runId: options.runId ?? null,
    newId: newId('chr'),
    jobKey: options.jobKey ?? null,
    columns: planColumns(ctx, plan, previous?.id ?? null),
  });
  if (!held) return null;
  const lease = new RunLease(ctx, held.id, held.token, options);
  return { ctx, id: held.id, plan, previousRunId: previous?.id ?? null, clock, evaluations: 0, lease };
}

export type RunOutcome = {
  data: PurchaseData;
  choice: ModelChoice;
  spend: SpendModel;
  scores: Scores;
  diagnostics: RunDiagnostics;
  /** Alerts raised (retention tasks created). */
  alerts: number;
};

/**
 * Marks the run done with its results, so readers see it, and audits it, in one transaction; throws
 * RunLeaseLost (writing nothing) when the run was taken over meanwhile.
 */
export async function completeRun(run: RunState, o: RunOutcome): Promise<void> {
  const { chosen } = o.choice;
  const { fit } = chosen;
  const customers = o.data.full.ids.length;
  await inTransaction(run.ctx, async (tx) => {
    const done = await tx.db
      .updateTable('churn_runs')
      .set({
        status: 'done',
        phase: null,
        lease_token: null,
        heartbeat_at: nowIso(tx),
        finished_at: nowIso(tx),
        n_scored: o.scores.rows.length,
        model: chosen.name,
        params: JSON.stringify(fit.params),
        standard_errors: JSON.stringify(cleanRecord(fit.standardErrors)),
        log_likelihood: finiteOrNull(fit.logLikelihood),
        converged: fit.converged ? 1 : 0,
        selection: o.choice.selection,
        holdout_errors: JSON.stringify(o.choice.holdoutErrors),
        spend_params: o.spend.fit
          ? JSON.stringify({
              params: o.spend.fit.params,
              standardErrors: cleanRecord(o.spend.fit.standardErrors),
              customers: o.spend.customers,
              converged: o.spend.usable,
            })
          : null,
        n_customers: customers,
        n_groups: o.data.groups.size,
        evaluations: run.evaluations,
        n_at_risk: o.scores.atRisk,
        n_alerts: o.alerts,
        // The threshold the run flagged with (chosen on the holdout or from the settings).
        thresholds: JSON.stringify(run.plan.thresholds),
        diagnostics: JSON.stringify(o.diagnostics),
        phases: JSON.stringify(run.clock.phases),
        message: fit.message,
      })
      .where('id', '=', run.id)
      .where('lease_token', '=', run.lease.token)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw new RunLeaseLost(run.id);
    await recordAudit(tx, {
      entityType: 'churn_run',
      entityId: run.id,
      action: 'create',
      changes: {
        model: { before: null, after: chosen.name },
        customers: { before: null, after: customers },
        atRisk: { before: null, after: o.scores.atRisk },
        alerts: { before: null, after: o.alerts },
      },
    });
  });
}

/**
 * Marks the run failed with the error and removes its scores. A run that lost its lease removes the
 * scores it may have written after the takeover only when its row failed; a row that runs again or was
 * completed under another lease (the same run started again by its job after this worker was given up
 * for dead) is left alone.
 */
export async function failRun(run: RunState, err: unknown): Promise<void> {
  await inTransaction(run.ctx, async (tx) => {
    const row = await tx.db
      .selectFrom('churn_runs')
      .select(['status', 'lease_token'])
      .where('id', '=', run.id)
      .executeTakeFirst();
    const held = row?.status === 'running' && row.lease_token === run.lease.token;
    if (!held && row?.status !== 'failed') return;
    await tx.db.deleteFrom('churn_scores').where('run_id', '=', run.id).execute();
    if (!held) return;
    await tx.db
      .updateTable('churn_runs')
      .set({
        status: 'failed',
        phase: null,
        lease_token: null,
        finished_at: nowIso(tx),
        error_code: err instanceof AppError ? err.code : 'INTERNAL',
        message: err instanceof Error ? err.message.slice(0, 2000) : String(err),
      })
      .where('id', '=', run.id)
      .where('lease_token', '=', run.lease.token)
      .execute();
  });
}

/**
 * Marks a run that never started failed (another run was running when its job came, or its start
 * failed); a run that started is left to its own end.
 */
export async function failQueuedRun(ctx: Ctx, runId: string, err: unknown): Promise<void> {
  await ctx.db
    .updateTable('churn_runs')
    .set({
      status: 'failed',
      finished_at: nowIso(ctx),
      error_code: err instanceof AppError ? err.code : 'INTERNAL',
      message: err instanceof Error ? err.message.slice(0, 2000) : String(err),
    })
    .where('id', '=', runId)
    .where('status', '=', 'queued')
    .execute();
}
