/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves for customer base
 * analysis", and Fader & Hardie's note "The Gamma-Gamma model of monetary value"): each transaction value
 * is Gamma(p, ν), and ν ~ Gamma(q, γ) across customers. Data: x > 0 repeat transactions with mean value m.
 * Assumes spend is independent of the purchase process; fit only on customers with x > 0.
 */
import { fitMaximumLikelihood, type FitOptions, type FitResult } from './optimise.js';
import { lnGamma } from './special.js';

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}
export type GammaGammaName = keyof GammaGammaParams;
export const GG_PARAM_NAMES: readonly GammaGammaName[] = ['p', 'q', 'gamma'];

/** A customer's number of transactions x and their mean value m (a `weight` counts identical customers). */
export interface SpendRow {
  x: number;
  m: number;
  weight?: number;
}

function valid(p: GammaGammaParams): boolean {
  return p.p > 0 && p.q > 0 && p.gamma > 0 && Number.isFinite(p.p + p.q + p.gamma);
}

/**
 * ln f(m | x; p, q, γ), the density of the mean of x transaction values after mixing over ν
 * (FHL 2005 "RFM and CLV", eq. 3 / Fader & Hardie's Gamma-Gamma note eq. 4). NaN for x <= 0 or m <= 0.
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, c: SpendRow): number {
  if (!valid(params) || !(c.x > 0) || !(c.m > 0)) return Number.NaN;
  const { p, q, gamma } = params;
  const px = p * c.x;
  return (
    lnGamma(px + q) -
    lnGamma(px) -
    lnGamma(q) +
    q * Math.log(gamma) +
    (px - 1) * Math.log(c.m) +
    px * Math.log(c.x) -
    (px + q) * Math.log(gamma + c.m * c.x)
  );
}

/** Weighted total log-likelihood over customers with x > 0. */
export function gammaGammaTotalLogLikelihood(params: GammaGammaParams, rows: readonly SpendRow[]): number {
  let ll = 0;
  for (const c of rows) ll += (c.weight ?? 1) * gammaGammaLogLikelihood(params, c);
  return Number.isFinite(ll) ? ll : Number.NaN;
}

/**
 * E[Z | x, m] = p(γ + m x)/(p x + q − 1): expected value of a future transaction, a weighted average of the
 * population mean pγ/(q−1) and the customer's own mean (FHL 2005 "RFM and CLV", eq. 5). For x = 0 it is the
 * population mean. NaN when q <= 1 (the population mean is infinite).
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, c: { x: number; m: number }): number {
  if (!valid(params) || !(params.q > 1) || !(c.x >= 0)) return Number.NaN;
  const x = c.x;
  const m = x > 0 ? c.m : 0;
  return (params.p * (params.gamma + m * x)) / (params.p * x + params.q - 1);
}

/** Maximum-likelihood fit of the Gamma-Gamma model on customers with x > 0 (others are ignored). */
export function fitGammaGamma(
  rows: readonly SpendRow[],
  options: FitOptions = {},
): FitResult<GammaGammaName> {
  const used = rows.filter((c) => c.x > 0 && c.m > 0);
  const total = used.reduce((s, c) => s + (c.weight ?? 1), 0);
  const mean = used.reduce((s, c) => s + (c.weight ?? 1) * c.m, 0) / Math.max(total, 1);
  return fitMaximumLikelihood<GammaGammaName>(
    {
      names: GG_PARAM_NAMES,
      logLikelihood: (t) => gammaGammaTotalLogLikelihood({ p: t[0], q: t[1], gamma: t[2] }, used),
      analyticGradient: false,
      totalWeight: total,
      // With q = 3 the population mean pγ/(q−1) equals the observed mean when γ = 2·mean/p.
      starts: [
        [1, 3, (2 * mean) / 1],
        [5, 2, mean / 5],
      ],
    },
    options,
  );
}
