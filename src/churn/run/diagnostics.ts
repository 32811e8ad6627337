// Diagnostics of a scoring run's holdout check, stored with the run for the analyst: calibration vs
// holdout by frequency, and the calibration cohort's repeat purchases per period, actual vs expected.
import type { Diagnostics } from '../churn.schema.js';
import {
  dayOf,
  dayString,
  type PurchaseDaySummary,
  type RfmSummary,
  type TimeUnit,
} from '../churn.summary.js';
import type { ModelChoice, Candidate } from './model-choice.js';
import type { PurchaseData } from './purchase-data.js';
import type { RunState } from './run-state.js';

export type RunDiagnostics = Omit<Diagnostics, 'runId' | 'holdoutErrors' | 'parameters'>;

/** The diagnostics of the run; not available when the model was chosen without a holdout. */
export function diagnose(
  run: RunState,
  data: PurchaseData,
  choice: ModelChoice,
): Omit<RunDiagnostics, 'listCheck'> {
  const { unit, unitDays, calDay, endDay } = run.plan;
  if (!(choice.check && data.cal && calDay))
    return {
      model: choice.chosen.name,
      unit,
      available: false,
      calibrationEnd: null,
      holdoutEnd: null,
      byFrequency: [],
      tracking: [],
    };
  const diagnostics = buildDiagnostics({
    chosen: choice.check.chosen,
    cal: data.cal,
    predicted: choice.check.predicted,
    calDay,
    endDay,
    unit,
    unitDays,
    summary: data.summary,
    K: data.K,
  });
  run.clock.lap('diagnostics', `${diagnostics.tracking.length} tracking periods`);
  return diagnostics;
}

function buildDiagnostics(a: {
  chosen: Candidate;
  cal: RfmSummary;
  predicted: Float64Array;
  calDay: string;
  endDay: string;
  unit: TimeUnit;
  unitDays: number;
  summary: PurchaseDaySummary;
  K: number;
}): Omit<RunDiagnostics, 'listCheck'> {
  // Calibration vs holdout by frequency: mean actual vs predicted holdout purchases for x = 0 … 6, 7+.
  const sums = Array.from({ length: 8 }, () => ({ n: 0, actual: 0, predicted: 0 }));
  for (let i = 0; i < a.cal.ids.length; i++) {
    const b = sums[Math.min(7, a.cal.x[i])];
    b.n++;
    b.actual += a.cal.xHoldout[i];
    b.predicted += a.predicted[i];
  }
  const byFrequency = sums.map((b, x) => ({
    x: x === 7 ? '7+' : String(x),
    customers: b.n,
    actualMean: b.n ? b.actual / b.n : null,
    predictedMean: b.n ? b.predicted / b.n : null,
  }));
  // Tracking: repeat purchases of the calibration cohort per period, actual vs expected, from the
  // first purchase day to the end of the holdout. Day runs are tracked in weeks to keep the plot readable.
  const periodDays = a.unit === 'day' ? 7 : a.unitDays;
  const calEnd = dayOf(a.calDay);
  const end = dayOf(a.endDay);
  const s = a.summary;
  const firstByDay = new Map<number, number>();
  let start = Number.POSITIVE_INFINITY;
  for (let i = 0; i < s.ids.length; i++) {
    const f = s.firstDay[i];
    if (f > calEnd) continue;
    firstByDay.set(f, (firstByDay.get(f) ?? 0) + 1);
    if (f < start) start = f;
  }
  const periods = Math.max(1, Math.ceil((end - start + 1) / periodDays));
  const actual = new Float64Array(periods);
  const count = (day: number) => {
    const p = Math.floor((day - start) / periodDays);
    if (p >= 0 && p < periods) actual[p]++;
  };
  // Repeat purchase days of the cohort: from the day lists (three or more days) or the last day (two).
  for (let i = 0; i < s.ids.length; i++) {
    if (s.firstDay[i] > calEnd) continue;
    const from = s.listStart[i];
    const to = s.listStart[i + 1];
    if (to > from) for (let j = from + 1; j < to; j++) count(s.listDays[j]);
    else if (s.days[a.K][i] === 2) count(s.lastDay[a.K][i]);
  }
  const { model, fit } = a.chosen;
  const newCustomer = (t: number) =>
    t <= 0 ? 0 : model.expectedPurchases(fit.params, { x: 0, tx: 0, T: 0 }, t);
  const tracking: Diagnostics['tracking'] = [];
  let cumActual = 0;
  let prevExpected = 0;
  for (let p = 0; p < periods; p++) {
    // End of period p (exclusive day) → expected repeat purchases of every cohort customer by then.
    const endOfPeriod = Math.min(start + (p + 1) * periodDays, end + 1);
    let expected = 0;
    for (const [f, count] of firstByDay) {
      // A first purchase on day f: repeat purchases may follow from the next day on.
      const t = (endOfPeriod - (f + 1)) / a.unitDays;
      if (t > 0) expected += count * newCustomer(t);
    }
    cumActual += actual[p];
    tracking.push({
      period: p + 1,
      end: dayString(endOfPeriod - 1),
      actual: actual[p],
      expected: expected - prevExpected,
      cumulativeActual: cumActual,
      cumulativeExpected: expected,
    });
    prevExpected = expected;
  }
  return {
    model: a.chosen.name,
    unit: a.unit,
    available: true,
    calibrationEnd: a.calDay,
    holdoutEnd: a.endDay,
    byFrequency,
    tracking,
  };
}
