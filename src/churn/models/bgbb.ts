/**
 * BG/BB model for discrete transaction opportunities (Fader, Hardie & Shang 2010, "Customer-base analysis in
 * a discrete-time noncontractual setting"): while alive a customer transacts at each opportunity with
 * probability p ~ Beta(α, β), and becomes inactive at the start of each opportunity with probability
 * θ ~ Beta(γ, δ). Data per customer: x transactions in n opportunities, the last at opportunity t_x (0 if none).
 * Time is counted in opportunities (periods).
 */
import { fitMaximumLikelihood, type FitOptions, type FitResult } from './optimise.js';
import { lnBeta, lnChoose, logAddExp, logSumExp, sigmoid } from './special.js';

export interface BgBbParams {
  alpha: number;
  beta: number;
  gamma: number;
  delta: number;
}
export type BgBbName = keyof BgBbParams;
export const BGBB_PARAM_NAMES: readonly BgBbName[] = ['alpha', 'beta', 'gamma', 'delta'];

/** One customer (or a group of `weight` identical customers) in the discrete setting. */
export interface BgBbRow {
  x: number;
  tx: number;
  n: number;
  weight?: number;
}

function valid(p: BgBbParams): boolean {
  return (
    p.alpha > 0 &&
    p.beta > 0 &&
    p.gamma > 0 &&
    p.delta > 0 &&
    Number.isFinite(p.alpha + p.beta + p.gamma + p.delta)
  );
}

/** ln of the "alive through n" and "died after t_x" likelihood parts (FHS 2010 eq. 5). */
function logParts(p: BgBbParams, c: BgBbRow): { alive: number; died: number } {
  const lab = lnBeta(p.alpha, p.beta);
  const lgd = lnBeta(p.gamma, p.delta);
  const alive = lnBeta(p.alpha + c.x, p.beta + c.n - c.x) - lab + lnBeta(p.gamma, p.delta + c.n) - lgd;
  const terms: number[] = [];
  for (let i = 0; i <= c.n - c.tx - 1; i++) {
    terms.push(
      lnBeta(p.alpha + c.x, p.beta + c.tx - c.x + i) - lab + lnBeta(p.gamma + 1, p.delta + c.tx + i) - lgd,
    );
  }
  return { alive, died: logSumExp(terms) };
}

/** ln L(α, β, γ, δ | x, t_x, n) for one customer (FHS 2010 eq. 5); NaN for invalid parameters. */
export function bgbbLogLikelihood(p: BgBbParams, c: BgBbRow): number {
  if (!valid(p)) return Number.NaN;
  const { alive, died } = logParts(p, c);
  return logAddExp(alive, died);
}

/** Weighted total log-likelihood Σ w ln L (FHS 2010 eq. 5). */
export function bgbbTotalLogLikelihood(p: BgBbParams, rows: readonly BgBbRow[]): number {
  let ll = 0;
  for (const c of rows) ll += (c.weight ?? 1) * bgbbLogLikelihood(p, c);
  return Number.isFinite(ll) ? ll : Number.NaN;
}

/**
 * P(still alive after opportunity n + m | x, t_x, n), in [0, 1] (FHS 2010 eq. 11 for m = 1; m = 0, the default,
 * is "alive at the end of the observed opportunities", the discrete analogue of P(alive at T)).
 */
export function bgbbPAlive(p: BgBbParams, c: BgBbRow, m = 0): number {
  if (!valid(p)) return Number.NaN;
  const { alive, died } = logParts(p, c);
  const survive = lnBeta(p.gamma, p.delta + c.n + m) - lnBeta(p.gamma, p.delta + c.n);
  return Math.exp(survive) * sigmoid(alive - died);
}

/**
 * E[X(n, n + k) | x, t_x, n]: expected transactions in the next k opportunities (FHS 2010 eq. 13), summed
 * term by term Σ_{i=1..k} E[p (1−θ)^i · alive] so that γ = 1 needs no special case.
 */
export function bgbbExpectedPurchases(p: BgBbParams, c: BgBbRow, k: number): number {
  if (!valid(p) || !Number.isInteger(k) || k < 0) return Number.NaN;
  const ll = bgbbLogLikelihood(p, c);
  const base =
    lnBeta(p.alpha + c.x + 1, p.beta + c.n - c.x) - lnBeta(p.alpha, p.beta) - lnBeta(p.gamma, p.delta);
  let sum = 0;
  for (let i = 1; i <= k; i++) sum += Math.exp(base + lnBeta(p.gamma, p.delta + c.n + i) - ll);
  return sum;
}

/** E[X(k)]: expected transactions of a new customer in the first k opportunities (FHS 2010 eq. 7, as a sum). */
export function bgbbExpectedPurchasesNew(p: BgBbParams, k: number): number {
  if (!valid(p) || !Number.isInteger(k) || k < 0) return Number.NaN;
  const lgd = lnBeta(p.gamma, p.delta);
  let sum = 0;
  for (let i = 1; i <= k; i++) sum += Math.exp(lnBeta(p.gamma, p.delta + i) - lgd);
  return (p.alpha / (p.alpha + p.beta)) * sum;
}

/** P(X(n) = x) for a new customer over n opportunities (FHS 2010 eq. 8). */
export function bgbbProbabilityOfPurchases(p: BgBbParams, n: number, x: number): number {
  if (!valid(p) || !Number.isInteger(n) || !Number.isInteger(x) || x < 0 || x > n) return Number.NaN;
  const lab = lnBeta(p.alpha, p.beta);
  const lgd = lnBeta(p.gamma, p.delta);
  const terms = [
    lnChoose(n, x) + lnBeta(p.alpha + x, p.beta + n - x) - lab + lnBeta(p.gamma, p.delta + n) - lgd,
  ];
  for (let i = x; i <= n - 1; i++) {
    terms.push(
      lnChoose(i, x) + lnBeta(p.alpha + x, p.beta + i - x) - lab + lnBeta(p.gamma + 1, p.delta + i) - lgd,
    );
  }
  return Math.min(1, Math.exp(logSumExp(terms)));
}

/** Maximum-likelihood fit of the BG/BB model on weighted rows (numeric gradient; rows are few). */
export function fitBgBb(rows: readonly BgBbRow[], options: FitOptions = {}): FitResult<BgBbName> {
  const total = rows.reduce((s, c) => s + (c.weight ?? 1), 0);
  return fitMaximumLikelihood<BgBbName>(
    {
      names: BGBB_PARAM_NAMES,
      logLikelihood: (t) =>
        bgbbTotalLogLikelihood({ alpha: t[0], beta: t[1], gamma: t[2], delta: t[3] }, rows),
      analyticGradient: false,
      totalWeight: total,
      starts: [
        [1, 1, 1, 1],
        [0.5, 2, 0.5, 3],
      ],
    },
    options,
  );
}
