// The data a scoring run fits and scores on: the purchase summary read in SQL (one pass for the
// calibration cut-off and the full period), the full period's groups and the calibration sample.
import { AppError } from '../../platform/errors.js';
import { type PurchaseDaySummary, purchaseDaySummary, type RfmSummary, rfmAt } from '../churn.summary.js';
import type { RfmGroups } from '../models/index.js';
import { groupsOf, sampleOf } from './rfm-groups.js';
import type { RunState } from './run-state.js';

/** The holdout comparison of the candidates uses at most this many customers (a systematic sample). */
const SELECTION_SAMPLE = 100_000;

export type PurchaseData = {
  summary: PurchaseDaySummary;
  /** Index of the full period's cut-off in the summary. */
  K: number;
  /** Every customer over the full period. */
  full: RfmSummary;
  /** The full period's customers grouped by identical (x, t_x, T). */
  groups: RfmGroups;
  /** The calibration period's customers (all, and the sample compared on); null without a holdout. */
  calAll: RfmSummary | null;
  cal: RfmSummary | null;
};

/** Reads the purchase summary and groups it; nothing to score (no purchases) is a 422. */
export async function readPurchaseData(run: RunState): Promise<PurchaseData> {
  const { endDay, calDay, unitDays } = run.plan;
  const summary = await purchaseDaySummary(run.ctx, {
    cutoffs: calDay ? [calDay, endDay] : [endDay],
    gaps: true,
  });
  const K = summary.cutoffs.length - 1;
  run.clock.lap('purchase summary', `${summary.ids.length} customers`);
  if (summary.ids.length === 0)
    throw new AppError('UNPROCESSABLE', `No purchases up to ${endDay}: nothing to score`);
  const full = rfmAt(summary, K, unitDays);
  const groups = groupsOf(full, unitDays);
  const calAll = calDay ? rfmAt(summary, 0, unitDays, 1) : null;
  const cal = calAll ? sampleOf(calAll, SELECTION_SAMPLE) : null;
  run.clock.lap('grouping', `${groups.size} distinct (x, t_x, T) groups of ${full.ids.length} customers`);
  return { summary, K, full, groups, calAll, cal };
}
