// Model choice of a scoring run: each candidate is fitted on the calibration period and the one with
// the smallest mean absolute holdout error is refitted on all data; without enough calibration data
// the candidates are fitted on all data and the best likelihood wins.
import { AppError } from '../../platform/errors.js';
import type { CandidateModel, HoldoutError } from '../churn.schema.js';
import { dayOf, type RfmSummary } from '../churn.summary.js';
import { type FitResult, type RfmGroups, type RfmModel, rfmModel } from '../models/index.js';
import { cleanRecord, finiteOrNull } from './json-numbers.js';
import type { PurchaseData } from './purchase-data.js';
import { groupsOf } from './rfm-groups.js';
import type { RunState } from './run-state.js';

/** A holdout check needs at least this many customers in the calibration period. */
const MIN_HOLDOUT_CUSTOMERS = 20;

export type Candidate = { name: CandidateModel; model: RfmModel<any>; fit: FitResult<string> };

export type HoldoutCheck = {
  errors: HoldoutError[];
  /** The winner as fitted on the calibration period. */
  chosen: Candidate;
  /** Per calibration customer: predicted holdout purchases of the chosen model. */
  predicted: Float64Array;
  evaluations: number;
};

export type ModelChoice = {
  selection: 'holdout' | 'likelihood';
  holdoutErrors: HoldoutError[];
  /** The chosen model fitted on all data. */
  chosen: Candidate;
  /** The holdout comparison, when there was one (for the diagnostics). */
  check: HoldoutCheck | null;
};

/** Chooses the model by holdout error when the calibration period has enough customers and repeat buyers. */
export function chooseModel(run: RunState, data: PurchaseData): ModelChoice {
  const { cal } = data;
  if (cal && cal.ids.length >= MIN_HOLDOUT_CUSTOMERS && cal.x.some((v) => v > 0))
    return chooseByHoldout(run, data, cal);
  return chooseByLikelihood(run, data);
}

function chooseByHoldout(run: RunState, data: PurchaseData, cal: RfmSummary): ModelChoice {
  const { models, unitDays, endDay, calDay } = run.plan;
  const holdoutUnits = calDay ? (dayOf(endDay) - dayOf(calDay)) / unitDays : 0;
  const check = holdoutCheck(models, cal, holdoutUnits, unitDays);
  run.evaluations += check.evaluations;
  run.clock.lap(
    'fit candidates on calibration',
    `${models.join(', ')} on ${cal.ids.length} of ${data.calAll!.ids.length} customers; ${check.evaluations} likelihood evaluations`,
  );
  // The calibration optimum is close to the full-data one: start there (one start), and fall back
  // to the model's own starting points only if that does not converge.
  const c = check.chosen;
  const warm = c.model.fit(data.groups, {
    starts: [c.model.paramNames.map((k) => c.fit.params[k])],
  });
  run.evaluations += warm.evaluations;
  let fit = warm;
  if (!warm.converged) {
    fit = c.model.fit(data.groups);
    run.evaluations += fit.evaluations;
  }
  const chosen = { ...c, fit };
  run.clock.lap(
    'refit chosen model on all data',
    `${chosen.name}; ${fit === warm ? 'started at the calibration optimum' : 'calibration start failed, default starts'}; ${warm.evaluations + (fit === warm ? 0 : fit.evaluations)} likelihood evaluations`,
  );
  return { selection: 'holdout', holdoutErrors: check.errors, chosen, check };
}

function chooseByLikelihood(run: RunState, data: PurchaseData): ModelChoice {
  const { models } = run.plan;
  let best: Candidate | null = null;
  for (const name of models) {
    const model = rfmModel(name)!;
    const fit = model.fit(data.groups);
    run.evaluations += fit.evaluations;
    if (fit.converged && (!best || fit.logLikelihood > best.fit.logLikelihood)) best = { name, model, fit };
  }
  if (!best) throw new AppError('UNPROCESSABLE', 'No candidate model converged on the data');
  run.clock.lap(
    'fit candidates on all data',
    `${models.join(', ')}; ${run.evaluations} likelihood evaluations`,
  );
  return { selection: 'likelihood', holdoutErrors: [], chosen: best, check: null };
}

/** Per group of a fitted model: expected purchases over t (model units). */
function expectedPerGroup(
  model: RfmModel<any>,
  params: Record<string, number>,
  g: RfmGroups,
  t: number,
): Float64Array {
  const out = new Float64Array(g.size);
  for (let j = 0; j < g.size; j++)
    out[j] = model.expectedPurchases(params, { x: g.x[j], tx: g.tx[j], T: g.T[j] }, t);
  return out;
}

/** Fits every candidate on the calibration period and measures its error over the holdout. */
function holdoutCheck(
  models: CandidateModel[],
  cal: RfmSummary,
  holdoutUnits: number,
  unitDays: number,
): HoldoutCheck {
  const g = groupsOf(cal, unitDays);
  let best: { c: Candidate; mae: number; predicted: Float64Array } | null = null;
  const errors: HoldoutError[] = [];
  let evaluations = 0;
  const actualTotal = cal.xHoldout.reduce((s, v) => s + v, 0);
  for (const name of models) {
    const model = rfmModel(name)!;
    const fit = model.fit(g);
    evaluations += fit.evaluations;
    const perGroup = expectedPerGroup(model, fit.params, g, holdoutUnits);
    let abs = 0;
    let total = 0;
    const predicted = new Float64Array(cal.ids.length);
    for (let i = 0; i < cal.ids.length; i++) {
      const p = perGroup[g.groupOf[i]];
      predicted[i] = p;
      abs += Math.abs(p - cal.xHoldout[i]);
      total += p;
    }
    const mae = abs / Math.max(1, cal.ids.length);
    const ok = fit.converged && Number.isFinite(mae);
    errors.push({
      model: name,
      converged: fit.converged,
      logLikelihood: finiteOrNull(fit.logLikelihood),
      params: cleanRecord(fit.params),
      meanAbsoluteError: ok ? mae : null,
      predictedTotal: ok ? total : null,
      actualTotal,
      aggregateError: ok && actualTotal > 0 ? (total - actualTotal) / actualTotal : null,
    });
    if (ok && (!best || mae < best.mae)) best = { c: { name, model, fit }, mae, predicted };
  }
  if (!best) throw new AppError('UNPROCESSABLE', 'No candidate model converged on the calibration data');
  return { errors, chosen: best.c, predicted: best.predicted, evaluations };
}
