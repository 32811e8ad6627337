// The spend model of a scoring run: Gamma-Gamma fitted on (a systematic sample of) the customers with
// repeat purchases; unusable (too few customers, no convergence, q <= 1) means value from revenue.
import { type FitResult, fitGammaGamma } from '../models/index.js';
import type { PurchaseData } from './purchase-data.js';
import type { RunState } from './run-state.js';

/** Spend model fits use at most this many customers (a systematic sample). */
const SPEND_SAMPLE = 10_000;

export type SpendModel = {
  /** Null when fewer than ten repeat customers. */
  fit: FitResult<string> | null;
  /** Converged with a finite mean spend (q > 1). */
  usable: boolean;
  /** Customers fitted on. */
  customers: number;
};

export function fitSpendModel(run: RunState, data: PurchaseData): SpendModel {
  const { full } = data;
  const repeaters: number[] = [];
  for (let i = 0; i < full.ids.length; i++) if (full.x[i] > 0 && full.monetary[i] > 0) repeaters.push(i);
  const stride = Math.max(1, Math.ceil(repeaters.length / SPEND_SAMPLE));
  const spendRows = [];
  for (let k = 0; k < repeaters.length; k += stride) {
    const i = repeaters[k];
    spendRows.push({ x: full.x[i], m: full.monetary[i] });
  }
  let fit: FitResult<string> | null = null;
  if (spendRows.length >= 10) {
    fit = fitGammaGamma(spendRows);
    run.evaluations += fit.evaluations;
  }
  const usable = Boolean(fit?.converged && fit.params.q > 1);
  run.clock.lap(
    'fit spend model',
    `Gamma-Gamma on ${spendRows.length} of ${repeaters.length} repeat customers`,
  );
  return { fit, usable, customers: spendRows.length };
}
