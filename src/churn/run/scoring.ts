// Scoring of a run: the chosen model's P(alive), expected purchases and CLV per customer, with the
// cadence, the previous run's P(alive), the explicit signals, the value at risk (value if the customer
// stays × probability gone), the ranking value and the alert flag.
import { cadenceColumns } from '../cadence.js';
import { pAliveOfRun } from '../churn.bulk.js';
import { rankingPGone, reasonCodes } from '../churn.reasons.js';
import { readExplicitSignals } from '../churn.signals.js';
import { dayOf } from '../churn.summary.js';
import type { StoredScore } from '../churn.tables.js';
import {
  discountedValue,
  type GammaGammaParams,
  gammaGammaExpectedSpend,
  ratePerUnit,
} from '../models/index.js';
import { finiteOrNull } from './json-numbers.js';
import type { Candidate } from './model-choice.js';
import type { PurchaseData } from './purchase-data.js';
import type { RunState } from './run-state.js';
import type { SpendModel } from './spend-model.js';

/** CLV discounting step: one month. */
const DISCOUNT_STEP_DAYS = 30.4375;

export type Scores = { rows: StoredScore[]; atRisk: number };

/** Per (x, t_x, T) group: P(alive); per (x, T): purchases and discounted purchases if alive. */
type GroupValues = {
  pAlive: Float64Array;
  /** Index into eAlive and detAlive per group. */
  keyOfGroup: Uint32Array;
  eAlive: number[];
  detAlive: number[];
};

/** Scores every customer of the run's data under the chosen model and spend model. */
export async function scoreCustomers(
  run: RunState,
  data: PurchaseData,
  chosen: Candidate,
  spend: SpendModel,
): Promise<Scores> {
  const values = valueGroups(run, data, chosen);
  run.clock.lap('scoring', `${data.groups.size} groups, ${values.eAlive.length} distinct (x, T)`);
  return customerRows(run, data, values, spend);
}

/**
 * P(alive) per (x, t_x, T) group; expected purchases and discounted purchases if alive per (x, T)
 * (they do not depend on t_x), so E = P(alive)·E_alive and CLV = P(alive)·DET_alive·spend.
 */
function valueGroups(run: RunState, data: PurchaseData, chosen: Candidate): GroupValues {
  const { unitDays, horizon, scoring } = run.plan;
  const { model, fit } = chosen;
  const params = fit.params;
  const g = data.groups;
  const pAlive = new Float64Array(g.size);
  const aliveKey = new Map<string, number>();
  const eAlive: number[] = [];
  const detAlive: number[] = [];
  const keyOfGroup = new Uint32Array(g.size);
  const discount = ratePerUnit(scoring.annualDiscountRate, unitDays);
  const step = DISCOUNT_STEP_DAYS / unitDays;
  for (let j = 0; j < g.size; j++) {
    const x = g.x[j];
    const T = g.T[j];
    pAlive[j] = model.pAlive(params, { x, tx: g.tx[j], T });
    const key = `${x}|${T}`;
    let k = aliveKey.get(key);
    if (k === undefined) {
      k = eAlive.length;
      aliveKey.set(key, k);
      const c = { x, tx: T, T };
      const pa = model.pAlive(params, c);
      let last = 0;
      const det = discountedValue(
        (t) => {
          last = model.expectedPurchases(params, c, t) / pa;
          return last;
        },
        1,
        { horizon, discountRatePerUnit: discount, stepLength: step },
      );
      eAlive.push(last);
      detAlive.push(det);
    }
    keyOfGroup[j] = k;
  }
  return { pAlive, keyOfGroup, eAlive, detAlive };
}

/** Cadence, previous scores, explicit signals, value at risk and alert flags per customer. */
async function customerRows(
  run: RunState,
  data: PurchaseData,
  values: GroupValues,
  spend: SpendModel,
): Promise<Scores> {
  const { ctx, plan } = run;
  const { full, summary, K } = data;
  const th = plan.thresholds;
  const n = full.ids.length;
  const daysSinceLast = new Float64Array(n);
  const ownGap = new Float64Array(n);
  const endNumber = dayOf(plan.endDay);
  for (let i = 0; i < n; i++) {
    const s = full.index[i];
    daysSinceLast[i] = endNumber - summary.lastDay[K][s];
    ownGap[i] = summary.medianGapDays[s];
  }
  const cadence = cadenceColumns(daysSinceLast, ownGap);
  const prevP = run.previousRunId ? await pAliveOfRun(ctx, run.previousRunId) : new Map<string, number>();
  const explicit = await readExplicitSignals(ctx, th);
  const rows: StoredScore[] = new Array(n);
  let atRisk = 0;
  // When the model flags no repeat customer at all, the customers' own rhythm decides.
  let modelFlags = 0;
  for (let i = 0; i < n; i++)
    if (full.x[i] >= 1 && values.pAlive[data.groups.groupOf[i]] < th.pAliveBelow) modelFlags++;
  run.plan.thresholds = { ...th, rhythmDecides: modelFlags === 0 };
  const runTh = run.plan.thresholds;
  for (let i = 0; i < n; i++) {
    const j = data.groups.groupOf[i];
    const k = values.keyOfGroup[j];
    const pAlive = values.pAlive[j];
    const { clvMinor, valueIfStays, basis } = customerValue(run, data, i, pAlive, values.detAlive[k], spend);
    const row: StoredScore = {
      customer_id: full.ids[i],
      p_alive: pAlive,
      prev_p_alive: prevP.get(full.ids[i]) ?? null,
      expected_purchases: pAlive * values.eAlive[k],
      clv_minor: clvMinor,
      // Value at risk = value if the customer stays × probability gone, so CLV + value at risk = value if stays.
      value_at_risk_minor: 0,
      value_if_stays_minor: valueIfStays,
      rank_minor: 0,
      value_basis: basis,
      x: full.x[i],
      t_x: full.tx[i],
      T: full.T[i],
      days_since_last: daysSinceLast[i],
      usual_gap_days: finiteOrNull(cadence.usualGapDays[i]),
      gap_basis: Number.isFinite(cadence.usualGapDays[i]) ? (cadence.own[i] ? 'own' : 'population') : null,
      overdue_ratio: finiteOrNull(cadence.overdueRatio[i]),
      at_risk: 0,
      signals: null,
    };
    if (explicit.size > 0) {
      const sig = explicit.get(full.ids[i]);
      if (sig) row.signals = JSON.stringify(sig);
    }
    // Value at risk = value if the customer stays × probability gone (raised by an explicit signal), so
    // CLV + value at risk = value if stays unless a signal raised it; the list is ranked by it.
    const pGone = rankingPGone(row, runTh);
    row.value_at_risk_minor =
      clvMinor !== null && pGone === 1 - pAlive ? valueIfStays - clvMinor : Math.round(valueIfStays * pGone);
    row.rank_minor = row.value_at_risk_minor;
    // Lost and erased customers are left out when alerting and listing (their status is read then).
    if (valueIfStays >= th.minClvMinor && reasonCodes(row, runTh).length > 0) {
      row.at_risk = 1;
      atRisk++;
    }
    rows[i] = row;
  }
  run.clock.lap(
    'signals and alert flags',
    `${atRisk} at risk; population gap ${cadence.populationGapDays ?? '–'} days; ${explicit.size} customers with explicit signals`,
  );
  return { rows, atRisk };
}

/**
 * Customer i's value: CLV and the value if the customer stays from the spend model when it is usable,
 * else the average annual revenue so far.
 */
function customerValue(
  run: RunState,
  data: PurchaseData,
  i: number,
  pAlive: number,
  detAlive: number,
  spend: SpendModel,
): { clvMinor: number | null; valueIfStays: number; basis: 'clv' | 'revenue' } {
  const { full, summary, K } = data;
  const spendPerPurchase = spend.usable
    ? gammaGammaExpectedSpend(spend.fit!.params as unknown as GammaGammaParams, {
        x: full.x[i],
        m: full.monetary[i],
      })
    : Number.NaN;
  if (Number.isFinite(spendPerPurchase) && Number.isFinite(detAlive))
    return {
      clvMinor: Math.round(pAlive * detAlive * spendPerPurchase),
      valueIfStays: Math.round(detAlive * spendPerPurchase),
      basis: 'clv',
    };
  const years = Math.max(1, (full.T[i] * run.plan.unitDays) / 365.25);
  return {
    clvMinor: null,
    valueIfStays: Math.round(summary.spend[K][full.index[i]] / years),
    basis: 'revenue',
  };
}
