// The churn scoring run as a list of named steps over one run state (see ./run-state.ts); each step
// lives in its own file in this folder and records its phase on the run's timer.
import type { Ctx } from '../../platform/context.js';
import { raiseAlerts } from '../churn.alerts.js';
import { storeScores } from '../churn.bulk.js';
import { getRun } from '../churn.runs.js';
import type { ChurnRun } from '../churn.schema.js';
import type { StoredScore } from '../churn.tables.js';
import { diagnose } from './diagnostics.js';
import { checkList } from './list-check.js';
import { chooseModel } from './model-choice.js';
import { readPurchaseData } from './purchase-data.js';
import { clearInterruptedRuns, completeRun, failRun, openRun } from './run-record.js';
import { planRun, type RunChurnOptions, type RunState } from './run-state.js';
import { scoreCustomers } from './scoring.js';
import { fitSpendModel } from './spend-model.js';

export type { RunChurnOptions } from './run-state.js';
export type ChurnRunResult = ChurnRun;

/**
 * Scores every customer with a purchase up to the calibration end: builds the summary in SQL, fits the
 * candidate models on the period before the holdout and keeps the one with the smallest mean absolute
 * holdout error (by likelihood when no holdout is possible), refits it on all data, fits Gamma-Gamma
 * spend, judges the at-risk list on the holdout (choosing the P(alive) threshold there), stores P(alive),
 * expected purchases, CLV, value at risk and the cadence signal per customer as a new run, and raises
 * alerts (retention tasks) for the top of the ranking, up to the team's capacity.
 */
export async function runChurnScoring(ctx: Ctx, options: RunChurnOptions = {}): Promise<ChurnRunResult> {
  const plan = await planRun(ctx, options);
  await clearInterruptedRuns(ctx);
  const run = await openRun(ctx, plan);
  try {
    const data = await readPurchaseData(run);
    const choice = chooseModel(run, data);
    const spend = fitSpendModel(run, data);
    const listCheck = checkList(run, data, choice, spend);
    run.plan.thresholds = { ...run.plan.thresholds, pAliveBelow: listCheck.pAliveBelow };
    const scores = await scoreCustomers(run, data, choice.chosen, spend);
    await storeRunScores(run, scores.rows);
    const diagnostics = { ...diagnose(run, data, choice), listCheck };
    const alerts = await alertMostValuable(run, scores.rows);
    await completeRun(run, { data, choice, spend, scores, diagnostics, alerts });
    return getRun(ctx, run.id);
  } catch (err) {
    await failRun(ctx, run.id, err);
    throw err;
  }
}

async function storeRunScores(run: RunState, rows: StoredScore[]): Promise<void> {
  await storeScores(run.ctx, run.id, rows);
  run.clock.lap('storing scores', `${rows.length} rows`);
}

/** Alerts (retention tasks) for the top of the ranking without an open retention task, up to the capacity. */
async function alertMostValuable(run: RunState, rows: StoredScore[]): Promise<number> {
  const { thresholds, currency, scoring } = run.plan;
  const alerts = await raiseAlerts(
    run.ctx,
    {
      runId: run.id,
      thresholds,
      currency,
      capacity: scoring.capacityPerWeek,
      taskDueDays: scoring.taskDueDays,
    },
    rows,
  );
  run.clock.lap('alerts and retention tasks', `${alerts} tasks created`);
  return alerts;
}
