/**
 * Discounted customer lifetime value over a finite horizon (Fader, Hardie & Lee 2005, "RFM and CLV", with the
 * discrete-period discounting used by the lifetimes package): the expected purchases in each step of the
 * horizon, times the expected spend per purchase, discounted to today. Every time here is in the model's
 * time unit (the unit of t_x and T the model was fitted on), and the discount rate is per that unit, so a
 * weekly model with a 10 % annual rate needs `discountRatePerUnit = 1.1 ** (1 / 52) − 1`.
 */

export interface ClvOptions {
  /** Length of the horizon in the model's time unit (e.g. 52 for one year of a weekly model). */
  horizon: number;
  /** Discount rate per model time unit (0.002 = 0.2 % per week for a weekly model). */
  discountRatePerUnit: number;
  /** Time units per discounting step (default 1: discount once per unit). */
  stepLength?: number;
}

/**
 * Σ_k spend · [E(t_k) − E(t_{k−1})] / (1 + d)^{t_k} over steps t_k = k·step up to the horizon (the last step is
 * shortened to end exactly at the horizon), where E(t) is the expected number of purchases in (0, t].
 */
export function discountedValue(
  expectedCumulative: (t: number) => number,
  spendPerPurchase: number,
  options: ClvOptions,
): number {
  const { horizon, discountRatePerUnit: d } = options;
  const step = options.stepLength ?? 1;
  if (!(horizon >= 0) || !(step > 0) || !(d > -1) || !Number.isFinite(spendPerPurchase)) return Number.NaN;
  let total = 0;
  let previous = 0;
  for (let t = step; t < horizon + step; t += step) {
    const end = Math.min(t, horizon);
    const current = expectedCumulative(end);
    total += (current - previous) / (1 + d) ** end;
    previous = current;
    if (end === horizon) break;
  }
  return total * spendPerPurchase;
}

/** Per-unit rate equivalent to an annual rate, for a unit of `unitDays` days (365.25-day years). */
export function ratePerUnit(annualRate: number, unitDays: number): number {
  return (1 + annualRate) ** (unitDays / 365.25) - 1;
}
