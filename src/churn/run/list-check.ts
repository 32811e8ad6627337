// The list check of a scoring run: how well the at-risk list would have picked the customers who
// stopped buying, judged on the holdout the run held back, and the P(alive) threshold chosen there.
// With the model as fitted on the calibration period, every repeat customer's P(alive) at the
// calibration end is compared with what they did in the holdout period (bought or not).
import type { ListCheck } from '../churn.schema.js';
import { type GammaGammaParams, gammaGammaExpectedSpend } from '../models/index.js';
import type { ModelChoice } from './model-choice.js';
import type { PurchaseData } from './purchase-data.js';
import type { RunState } from './run-state.js';
import type { SpendModel } from './spend-model.js';

/** The thresholds tried: a repeat customer is flagged when P(alive) < the threshold. */
export const THRESHOLD_CANDIDATES = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];
/** A threshold is chosen on the holdout only when it flags at least this many repeat customers. */
const MIN_FLAGGED = 10;
/** z for the 95 % Wilson lower bound. */
const Z = 1.959964;

/** The 95 % Wilson score lower bound of a share `k / n`; null for n = 0. */
export function wilsonLowerBound(k: number, n: number): number | null {
  if (n === 0) return null;
  const p = k / n;
  const z2 = Z * Z;
  const centre = p + z2 / (2 * n);
  const spread = Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return (centre - spread) / (1 + z2 / n);
}

/** One repeat customer of the calibration period as the holdout judges them. */
type Judged = { pAlive: number; rank: number; noPurchase: boolean };

const share = (k: number, n: number) => (n > 0 ? k / n : null);

/**
 * Judges the list on the run's holdout and chooses the threshold there: the candidate whose flagged
 * repeat customers most surely stopped buying (the highest 95 % lower bound of the share with no
 * holdout purchase), when the settings ask for it. Without a holdout the settings' threshold stays
 * and the check is not available.
 */
export function checkList(
  run: RunState,
  data: PurchaseData,
  choice: ModelChoice,
  spend: SpendModel,
): ListCheck {
  const th = run.plan.thresholds;
  const capacity = run.plan.scoring.capacityPerWeek;
  const judged = choice.check && data.cal && run.plan.calDay ? judge(run, data, choice, spend) : null;
  if (!judged) return unavailable(th.pAliveBelow, capacity);
  const noPurchase = judged.filter((j) => j.noPurchase).length;
  const base = share(noPurchase, judged.length);
  const candidates = THRESHOLD_CANDIDATES.map((t) => {
    const flagged = judged.filter((j) => j.pAlive < t);
    const k = flagged.filter((j) => j.noPurchase).length;
    return {
      pAliveBelow: t,
      customers: flagged.length,
      noPurchaseShare: share(k, flagged.length),
      lowerBound: wilsonLowerBound(k, flagged.length),
    };
  });
  let pAliveBelow = th.pAliveBelow;
  let chosenOn: ListCheck['thresholdChosenOn'] = 'settings';
  if (th.thresholdFromHoldout !== false) {
    const best = candidates
      .filter((c) => c.customers >= MIN_FLAGGED && c.lowerBound !== null)
      .reduce<(typeof candidates)[number] | null>(
        (b, c) => (!b || (c.lowerBound ?? 0) > (b.lowerBound ?? 0) ? c : b),
        null,
      );
    if (best) {
      pAliveBelow = best.pAliveBelow;
      chosenOn = 'holdout';
    }
  }
  const flagged = judged.filter((j) => j.pAlive < pAliveBelow).sort((a, b) => b.rank - a.rank);
  const top = flagged.slice(0, capacity);
  const summary = (rows: Judged[]) => {
    const s = share(rows.filter((j) => j.noPurchase).length, rows.length);
    return { customers: rows.length, noPurchaseShare: s, lift: s !== null && base ? s / base : null };
  };
  const check: ListCheck = {
    available: true,
    calibrationEnd: run.plan.calDay,
    holdoutEnd: run.plan.endDay,
    pAliveBelow,
    thresholdChosenOn: chosenOn,
    capacity,
    repeatCustomers: summary(judged),
    flagged: summary(flagged),
    top: summary(top),
    candidates,
  };
  run.clock.lap(
    'list check on the holdout',
    `P(alive) < ${pAliveBelow} (${chosenOn}); ${flagged.length} of ${judged.length} repeat customers flagged, ${fmt(check.flagged.noPurchaseShare)} bought nothing (all repeat customers ${fmt(base)})`,
  );
  return check;
}

const fmt = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)} %`);

function unavailable(pAliveBelow: number, capacity: number): ListCheck {
  const none = { customers: 0, noPurchaseShare: null, lift: null };
  return {
    available: false,
    calibrationEnd: null,
    holdoutEnd: null,
    pAliveBelow,
    thresholdChosenOn: 'settings',
    capacity,
    repeatCustomers: none,
    flagged: none,
    top: none,
    candidates: [],
  };
}

/**
 * The repeat customers of the calibration sample with their P(alive) at the calibration end under
 * the calibration fit, their ranking value (value if they stay over the run's horizon × probability
 * gone, undiscounted) and whether they bought nothing in the holdout.
 */
function judge(run: RunState, data: PurchaseData, choice: ModelChoice, spend: SpendModel): Judged[] | null {
  const cal = data.cal!;
  const { model, fit } = choice.check!.chosen;
  const { horizon, thresholds } = run.plan;
  const gg = spend.usable ? (spend.fit!.params as unknown as GammaGammaParams) : null;
  const out: Judged[] = [];
  for (let i = 0; i < cal.ids.length; i++) {
    const x = cal.x[i];
    if (x < 1) continue;
    const c = { x, tx: cal.tx[i], T: cal.T[i] };
    const pAlive = model.pAlive(fit.params, c);
    const ifAlive = { x, tx: c.T, T: c.T };
    const perPurchase = gg ? gammaGammaExpectedSpend(gg, { x, m: cal.monetary[i] }) : cal.monetary[i];
    const purchases =
      model.expectedPurchases(fit.params, ifAlive, horizon) / model.pAlive(fit.params, ifAlive);
    const valueIfStays = purchases * perPurchase;
    if (!(valueIfStays >= thresholds.minClvMinor)) continue;
    out.push({ pAlive, rank: valueIfStays * (1 - pAlive), noPurchase: cal.xHoldout[i] === 0 });
  }
  return out.length > 0 ? out : null;
}
