/**
 * Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): Poisson purchasing at rate λ ~ Gamma(r, α)
 * during an exponential lifetime with rate μ ~ Gamma(s, β). Likelihood and its 2F1 terms follow Fader &
 * Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions", with the α >= β and
 * α < β cases. All times are in the caller's time unit.
 *
 * Both cases are written as G(x, u) = (α+u)^{−(r+x)} (β+u)^{−s} H(x, u), where H is the Euler-transformed
 * 2F1 (A&S 15.3.3): a series with positive terms falling faster than z^n, so H is cheap and
 * never overflows. G depends on (x, u) only, so a fit evaluates it once per distinct (x, t_x) and (x, T).
 */
import { fitMaximumLikelihood, type FitOptions, type FitResult } from './optimise.js';
import { pnbdLogG } from './pnbd.integral.js';
import { integrate } from './quadrature.js';
import { digamma, lnGamma, log1mExp, logAddExp, sigmoid } from './special.js';
import { asGroups, distinctIndex, type Rfm, type RfmData, type RfmGroups } from './summary.js';

export interface PnbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}
export type PnbdName = keyof PnbdParams;
export const PNBD_PARAM_NAMES: readonly PnbdName[] = ['r', 'alpha', 's', 'beta'];
export { pnbdLogG, pnbdLogGByQuadrature } from './pnbd.integral.js';

function valid(p: PnbdParams): boolean {
  return p.r > 0 && p.alpha > 0 && p.s > 0 && p.beta > 0 && Number.isFinite(p.r + p.alpha + p.s + p.beta);
}

/** The two log terms of L/K: alive throughout (l1) and died in (t_x, T] (l2), with K the Γ prefactor. */
function logTerms(p: PnbdParams, c: Rfm): { lk: number; l1: number; l2: number } {
  const { r, alpha, s, beta } = p;
  const lk = lnGamma(r + c.x) - lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const l1 = -(r + c.x) * Math.log(alpha + c.T) - s * Math.log(beta + c.T);
  const g1 = pnbdLogG(r, alpha, s, beta, c.x, c.tx, null);
  const g2 = pnbdLogG(r, alpha, s, beta, c.x, c.T, null);
  if (Number.isNaN(g1 + g2)) return { lk, l1, l2: logDiedByQuadrature(p, c) };
  const l2 = g1 > g2 ? Math.log(s / (r + s + c.x)) + g1 + log1mExp(g2 - g1) : Number.NEGATIVE_INFINITY;
  return { lk, l1, l2 };
}

/**
 * ln[s ∫_{t_x}^{T} (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ] by quadrature in w = ln(min(α,β)+τ), for the corner
 * (z → 1, i.e. α/β extremely far from 1) where the 2F1 series needs more than a million terms.
 */
function logDiedByQuadrature(p: PnbdParams, c: Rfm): number {
  if (!(c.T > c.tx)) return Number.NEGATIVE_INFINITY;
  const m = Math.min(p.alpha, p.beta);
  const lo = Math.log(m + c.tx);
  const hi = Math.log(m + c.T);
  const logf = (w: number) => {
    const tau = Math.exp(w) - m;
    return w - (p.r + c.x) * Math.log(p.alpha + tau) - (p.s + 1) * Math.log(p.beta + tau);
  };
  const ref = Math.max(logf(lo), logf(hi));
  return Math.log(p.s) + ref + Math.log(integrate((w) => Math.exp(logf(w) - ref), lo, hi, 64, 20));
}

/** ln L(r, α, s, β | x, t_x, T) for one customer (Fader & Hardie 2005 note, eq. 22); NaN if invalid. */
export function pnbdLogLikelihood(p: PnbdParams, c: Rfm): number {
  if (!valid(p)) return Number.NaN;
  const { lk, l1, l2 } = logTerms(p, c);
  return lk + logAddExp(l1, l2);
}

/** P(alive at T | x, t_x, T) = (alive term)/L as the logistic of l1 − l2 (Fader & Hardie 2005 note, eq. 24). */
export function pnbdPAlive(p: PnbdParams, c: Rfm): number {
  if (!valid(p)) return Number.NaN;
  const { l1, l2 } = logTerms(p, c);
  if (Number.isNaN(l2)) return Number.NaN;
  return l2 === Number.NEGATIVE_INFINITY ? 1 : sigmoid(l1 - l2);
}

/** β'·[1 − (β'/(β'+t))^{s−1}]/(s−1) with its s → 1 limit β' ln(1 + t/β'), computed without cancellation. */
function lifetimeFactor(s: number, betaT: number, t: number): number {
  const L = Math.log1p(t / betaT);
  if (Math.abs(s - 1) < 1e-10) return betaT * L;
  return (betaT * -Math.expm1(-(s - 1) * L)) / (s - 1);
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in (T, T+t] = P(alive) (r+x)(β+T)/((α+T)(s−1)) [1 − ((β+T)/(β+T+t))^{s−1}]
 * (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005 note, eq. 27).
 */
export function pnbdExpectedPurchases(p: PnbdParams, c: Rfm, t: number): number {
  if (!valid(p) || !(t >= 0)) return Number.NaN;
  if (t === 0) return 0;
  return (pnbdPAlive(p, c) * (p.r + c.x) * lifetimeFactor(p.s, p.beta + c.T, t)) / (p.alpha + c.T);
}

/** E[X(t)] = rβ/(α(s−1)) [1 − (β/(β+t))^{s−1}] for a new customer (Fader & Hardie 2005 note, eq. 17). */
export function pnbdExpectedPurchasesNew(p: PnbdParams, t: number): number {
  if (!valid(p) || !(t >= 0)) return Number.NaN;
  return (p.r * lifetimeFactor(p.s, p.beta, t)) / p.alpha;
}

/**
 * P(X(t) = n) for a new customer: NBD(n; t)(β/(β+t))^s + ∫_0^t NBD(n; τ) s β^s/(β+τ)^{s+1} dτ, i.e. alive at t
 * or died at τ (mixing λ and μ as in Fader & Hardie's 2006 note on P(X(t)=x)); integral by Gauss–Legendre.
 */
export function pnbdProbabilityOfPurchases(p: PnbdParams, t: number, n: number): number {
  if (!valid(p) || !(t >= 0) || !Number.isInteger(n) || n < 0) return Number.NaN;
  if (t === 0) return n === 0 ? 1 : 0;
  const { r, alpha, s, beta } = p;
  const lc = lnGamma(r + n) - lnGamma(r) - lnGamma(n + 1);
  const logNbd = (tau: number) =>
    lc + r * Math.log(alpha / (alpha + tau)) + (n === 0 ? 0 : n * Math.log(tau / (alpha + tau)));
  const alive = Math.exp(logNbd(t) + s * Math.log(beta / (beta + t)));
  const died = integrate(
    (tau) => Math.exp(logNbd(tau) + Math.log(s) + s * Math.log(beta) - (s + 1) * Math.log(beta + tau)),
    0,
    t,
    32,
    20,
  );
  return Math.min(1, alive + died);
}

/** Keys (x, u) for G, shared by the t_x and T of all groups, and per-value indices. */
interface Prepared {
  groups: RfmGroups;
  xs: Float64Array;
  xi: Uint32Array;
  Ts: Float64Array;
  Ti: Uint32Array;
  keyX: Float64Array;
  keyU: Float64Array;
  k1: Uint32Array;
  k2: Uint32Array;
}

function prepare(groups: RfmGroups): Prepared {
  const x = distinctIndex(groups.x);
  const T = distinctIndex(groups.T);
  const keys = new Map<number, Map<number, number>>();
  const keyX: number[] = [];
  const keyU: number[] = [];
  const key = (xv: number, u: number): number => {
    let m = keys.get(xv);
    if (!m) {
      m = new Map();
      keys.set(xv, m);
    }
    let k = m.get(u);
    if (k === undefined) {
      k = keyX.length;
      m.set(u, k);
      keyX.push(xv);
      keyU.push(u);
    }
    return k;
  };
  const k1 = new Uint32Array(groups.size);
  const k2 = new Uint32Array(groups.size);
  for (let j = 0; j < groups.size; j++) {
    k1[j] = key(groups.x[j], groups.tx[j]);
    k2[j] = key(groups.x[j], groups.T[j]);
  }
  return {
    groups,
    xs: x.values,
    xi: x.index,
    Ts: T.values,
    Ti: T.index,
    keyX: Float64Array.from(keyX),
    keyU: Float64Array.from(keyU),
    k1,
    k2,
  };
}

/**
 * Weighted total log-likelihood and, when `grad` is given, its exact gradient in (r, α, s, β): per group the
 * sensitivities to the cached ln G values are accumulated per key (reverse mode), then combined with the
 * forward-mode derivatives of ln G. Returns NaN if any term is not finite.
 */
function totalLogLikelihood(pr: Prepared, theta: ArrayLike<number>, grad: Float64Array | null): number {
  const [r, alpha, s, beta] = [theta[0], theta[1], theta[2], theta[3]];
  if (!valid({ r, alpha, s, beta })) return Number.NaN;
  const nk = pr.keyX.length;
  const lG = new Float64Array(nk);
  const dG = grad ? new Float64Array(4 * nk) : null;
  const tmp = new Float64Array(4);
  for (let k = 0; k < nk; k++) {
    lG[k] = pnbdLogG(r, alpha, s, beta, pr.keyX[k], pr.keyU[k], dG ? tmp : null);
    // A term that cannot be computed makes the whole likelihood NaN (never a finite wrong value).
    if (Number.isNaN(lG[k])) return Number.NaN;
    if (dG) dG.set(tmp, 4 * k);
  }
  const nx = pr.xs.length;
  const lgx = new Float64Array(nx);
  const lcoef = new Float64Array(nx);
  const psi = new Float64Array(nx);
  const inv = new Float64Array(nx);
  for (let i = 0; i < nx; i++) {
    const x = pr.xs[i];
    lgx[i] = lnGamma(r + x);
    lcoef[i] = Math.log(s / (r + s + x));
    inv[i] = 1 / (r + s + x);
    if (grad) psi[i] = digamma(r + x);
  }
  const laT = pr.Ts.map((T) => Math.log(alpha + T));
  const lbT = pr.Ts.map((T) => Math.log(beta + T));
  const iaT = pr.Ts.map((T) => 1 / (alpha + T));
  const ibT = pr.Ts.map((T) => 1 / (beta + T));
  const adj = grad ? new Float64Array(nk) : null;
  const g = pr.groups;
  let ll = 0;
  let gr = 0;
  let ga = 0;
  let gs = 0;
  let gb = 0;
  for (let j = 0; j < g.size; j++) {
    const w = g.weight[j];
    const x = g.x[j];
    const xi = pr.xi[j];
    const Ti = pr.Ti[j];
    const k1 = pr.k1[j];
    const k2 = pr.k2[j];
    const l1 = -(r + x) * laT[Ti] - s * lbT[Ti];
    const dd = lG[k1] - lG[k2];
    // Died-in-(t_x, T] term: ln(s/(r+s+x)) + ln(G1 − G2); absent when t_x = T.
    let pi = 1;
    let m = l1;
    let q1 = 0;
    if (dd > 0) {
      const oneMinus = -Math.expm1(-dd);
      const l2 = lcoef[xi] + lG[k1] + Math.log(oneMinus);
      const diff = l2 - l1;
      const e = Math.exp(-Math.abs(diff));
      m = (diff > 0 ? l2 : l1) + Math.log1p(e);
      pi = diff > 0 ? e / (1 + e) : 1 / (1 + e);
      q1 = 1 / oneMinus;
    }
    ll += w * (lgx[xi] + m);
    if (adj) {
      const wd = w * (1 - pi);
      adj[k1] += wd * q1;
      adj[k2] -= wd * (q1 - 1);
      gr += w * (psi[xi] - pi * laT[Ti]) - wd * inv[xi];
      ga -= w * pi * (r + x) * iaT[Ti];
      gs += -w * pi * lbT[Ti] + wd * (1 / s - inv[xi]);
      gb -= w * pi * s * ibT[Ti];
    }
  }
  const W = g.customers;
  ll += W * (-lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta));
  if (grad && adj && dG) {
    for (let k = 0; k < nk; k++) {
      const a = adj[k];
      if (a === 0) continue;
      gr += a * dG[4 * k];
      ga += a * dG[4 * k + 1];
      gs += a * dG[4 * k + 2];
      gb += a * dG[4 * k + 3];
    }
    grad[0] = gr + W * (Math.log(alpha) - digamma(r));
    grad[1] = ga + (W * r) / alpha;
    grad[2] = gs + W * Math.log(beta);
    grad[3] = gb + (W * s) / beta;
  }
  return Number.isFinite(ll) ? ll : Number.NaN;
}

/** Weighted total log-likelihood over customers or groups (the fast path used by the fit). */
export function pnbdTotalLogLikelihood(p: PnbdParams, data: RfmData): number {
  return totalLogLikelihood(prepare(asGroups(data)), [p.r, p.alpha, p.s, p.beta], null);
}

/**
 * The data-bound likelihood used by the fit: builds the (x, u) keys once, then each call returns Σ w ln L at
 * θ = (r, α, s, β) and writes the analytic gradient into `grad` when given.
 */
export function pnbdLikelihoodFunction(
  data: RfmData,
): (theta: ArrayLike<number>, grad: Float64Array | null) => number {
  const pr = prepare(asGroups(data));
  return (theta, grad) => totalLogLikelihood(pr, theta, grad);
}

/** Same as `pnbdTotalLogLikelihood` but also returns the analytic gradient in (r, α, s, β). */
export function pnbdTotalLogLikelihoodGradient(
  p: PnbdParams,
  data: RfmData,
): { value: number; gradient: number[] } {
  const grad = new Float64Array(4);
  const value = totalLogLikelihood(prepare(asGroups(data)), [p.r, p.alpha, p.s, p.beta], grad);
  return { value, gradient: Array.from(grad) };
}

function startingPoints(groups: RfmGroups): number[][] {
  let sx = 0;
  let sT = 0;
  for (let j = 0; j < groups.size; j++) {
    sx += groups.weight[j] * groups.x[j];
    sT += groups.weight[j] * groups.T[j];
  }
  const rate = sx > 0 && sT > 0 ? sx / sT : 1;
  const meanT = sT / Math.max(groups.customers, 1) || 1;
  // Purchase rate near the observed x/T; lifetimes of the order of the observation window.
  return [
    [1, 1 / rate, 1, meanT],
    [0.5, 0.5 / rate, 0.5, meanT / 2],
  ];
}

/** Maximum-likelihood fit of the Pareto/NBD model (analytic gradient, several starts). */
export function fitPnbd(data: RfmData, options: FitOptions = {}): FitResult<PnbdName> {
  const groups = asGroups(data);
  const pr = prepare(groups);
  const fit = fitMaximumLikelihood<PnbdName>(
    {
      names: PNBD_PARAM_NAMES,
      logLikelihood: (theta, grad) => totalLogLikelihood(pr, theta, grad),
      analyticGradient: true,
      totalWeight: groups.customers,
      starts: startingPoints(groups),
    },
    options,
  );
  // On very regular customers the likelihood keeps rising as s and β grow together (the Gamma spread of
  // the dropout rate μ shrinks to nothing): the optimum is the limit with one common μ = s/β. Say so.
  const { s, beta } = fit.params;
  if (s > HOMOGENEOUS_S)
    fit.message += `; s and β grow without bound together (s = ${s.toPrecision(3)}): dropout does not vary between customers, the fit is the limit with a common dropout rate μ = s/β = ${(s / beta).toPrecision(4)} per unit`;
  return fit;
}

/** Above this shape the Gamma distribution of μ has a coefficient of variation below 0.1%. */
const HOMOGENEOUS_S = 1e6;
