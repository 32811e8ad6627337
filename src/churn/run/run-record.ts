// The run row of a scoring run: interrupted runs cleared, the row opened as 'running', completed with
// the fit, counts, diagnostics and phases (audited), or marked failed with its scores removed.
import { recordAudit } from '../../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { latestRunRow } from '../churn.runs.js';
import { cleanRecord, finiteOrNull } from './json-numbers.js';
import type { ModelChoice } from './model-choice.js';
import type { PurchaseData } from './purchase-data.js';
import type { RunDiagnostics } from './diagnostics.js';
import { phaseTimer } from './phase-timer.js';
import type { RunPlan, RunState } from './run-state.js';
import type { Scores } from './scoring.js';
import type { SpendModel } from './spend-model.js';

/** A run that crashed half-way leaves a 'running' row and partial scores: marks it failed and removes them. */
export async function clearInterruptedRuns(ctx: Ctx): Promise<void> {
  const stale = await ctx.db.selectFrom('churn_runs').select('id').where('status', '=', 'running').execute();
  for (const s of stale) {
    await ctx.db.deleteFrom('churn_scores').where('run_id', '=', s.id).execute();
    await ctx.db
      .updateTable('churn_runs')
      .set({ status: 'failed', message: 'interrupted' })
      .where('id', '=', s.id)
      .execute();
  }
}

/** Writes the run row as 'running' (readers do not see it yet) and starts the run's state. */
export async function openRun(ctx: Ctx, plan: RunPlan): Promise<RunState> {
  const clock = phaseTimer();
  const previous = await latestRunRow(ctx);
  const id = newId('chr');
  await ctx.db
    .insertInto('churn_runs')
    .values({
      id,
      at: nowIso(ctx),
      status: 'running',
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
      previous_run_id: previous?.id ?? null,
      diagnostics: '{}',
      phases: '[]',
      message: null,
      triggered_by: ctx.actor.name,
    })
    .execute();
  return { ctx, id, plan, previousRunId: previous?.id ?? null, clock, evaluations: 0 };
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

/** Marks the run done with its results, so readers see it, and audits it, in one transaction. */
export async function completeRun(run: RunState, o: RunOutcome): Promise<void> {
  const { chosen } = o.choice;
  const { fit } = chosen;
  const customers = o.data.full.ids.length;
  await inTransaction(run.ctx, async (tx) => {
    await tx.db
      .updateTable('churn_runs')
      .set({
        status: 'done',
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
      .execute();
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

/** Marks the run failed with the error's message and removes its partial scores. */
export async function failRun(ctx: Ctx, runId: string, err: unknown): Promise<void> {
  await ctx.db.deleteFrom('churn_scores').where('run_id', '=', runId).execute();
  await ctx.db
    .updateTable('churn_runs')
    .set({ status: 'failed', message: err instanceof Error ? err.message.slice(0, 2000) : String(err) })
    .where('id', '=', runId)
    .execute();
}
