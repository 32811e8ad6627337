/**
 * The cadence signal: how overdue a customer is against their own usual re-order interval. Pure and
 * explainable beside the statistical models: overdue ratio = days since the last purchase ÷ the
 * customer's usual gap, where the usual gap is the median number of days between the customer's
 * consecutive purchase days (same-day purchases merged). A customer needs at least two repeat
 * purchases (three purchase days, two gaps) for an own median; everybody else is measured against the
 * population's usual gap: the median of the own medians of the customers who have one (each customer
 * counted once, so frequent buyers do not dominate). Without any such customer there is no signal.
 */

export type GapBasis = 'own' | 'population';

export interface Cadence {
  /** Usual gap in days, or null when neither the customer nor the population has one. */
  usualGapDays: number | null;
  basis: GapBasis | null;
  /** daysSinceLast ÷ usualGapDays; null without a usual gap. */
  overdueRatio: number | null;
}

/** Median of the finite values (NaN ignored); null when there is none. */
export function median(values: ArrayLike<number>): number | null {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  if (finite.length === 0) return null;
  const sorted = Float64Array.from(finite).sort();
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/** Median gap between consecutive distinct purchase days (day numbers, any order); NaN with < 2 gaps. */
export function ownMedianGap(purchaseDays: readonly number[]): number {
  const days = [...new Set(purchaseDays)].sort((a, b) => a - b);
  if (days.length < 3) return Number.NaN;
  const gaps: number[] = [];
  for (let i = 1; i < days.length; i++) gaps.push(days[i] - days[i - 1]);
  return median(gaps) ?? Number.NaN;
}

/** The cadence of one customer given their own median gap (NaN when none) and the population's. */
export function cadenceOf(
  daysSinceLast: number,
  ownGapDays: number,
  populationGapDays: number | null,
): Cadence {
  const own = Number.isFinite(ownGapDays) && ownGapDays > 0;
  const usual = own
    ? ownGapDays
    : populationGapDays !== null && populationGapDays > 0
      ? populationGapDays
      : null;
  if (usual === null) return { usualGapDays: null, basis: null, overdueRatio: null };
  return {
    usualGapDays: usual,
    basis: own ? 'own' : 'population',
    overdueRatio: Math.max(0, daysSinceLast) / usual,
  };
}

/**
 * Cadence for many customers at once: `ownGapDays[i]` is NaN for customers without two repeat
 * purchases; answers per-customer columns and the population gap used as the fallback.
 */
export function cadenceColumns(
  daysSinceLast: Float64Array,
  ownGapDays: Float64Array,
): {
  usualGapDays: Float64Array;
  own: Uint8Array;
  overdueRatio: Float64Array;
  populationGapDays: number | null;
} {
  const populationGapDays = median(ownGapDays);
  const n = daysSinceLast.length;
  const usualGapDays = new Float64Array(n);
  const own = new Uint8Array(n);
  const overdueRatio = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = cadenceOf(daysSinceLast[i], ownGapDays[i], populationGapDays);
    usualGapDays[i] = c.usualGapDays ?? Number.NaN;
    own[i] = c.basis === 'own' ? 1 : 0;
    overdueRatio[i] = c.overdueRatio ?? Number.NaN;
  }
  return { usualGapDays, own, overdueRatio, populationGapDays };
}
