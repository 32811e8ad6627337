/**
 * BG/NBD model: Poisson purchasing at rate λ ~ Gamma(r, α) while alive; after each repeat purchase the
 * customer drops out with probability p ~ Beta(a, b). The MBG/NBD variant (Batislam, Denizel & Filiztekin
 * 2007) also allows dropout right after the first purchase; both share this engine through `variant`
 * (BG: k = x, dropout term only when x > 0; MBG: k = x + 1, dropout term always).
 * All times are in the caller's time unit (the unit of t_x and T in the data).
 */
import { fitMaximumLikelihood, type FitOptions, type FitResult } from './optimise.js';
import { digamma, lnBeta, lnGamma, log1pExp, log2F1, logAddExp, logSumExp, sigmoid } from './special.js';
import { asGroups, distinctIndex, type Rfm, type RfmData, type RfmGroups } from './summary.js';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}
export type BgNbdName = keyof BgNbdParams;
export const BGNBD_PARAM_NAMES: readonly BgNbdName[] = ['r', 'alpha', 'a', 'b'];

/** 'bg': Fader, Hardie & Lee (2005); 'mbg': Batislam, Denizel & Filiztekin (2007). */
export type BgVariant = 'bg' | 'mbg';

function valid(p: BgNbdParams): boolean {
  return p.r > 0 && p.alpha > 0 && p.a > 0 && p.b > 0 && Number.isFinite(p.r + p.alpha + p.a + p.b);
}

/** k of the engine: number of survived dropout opportunities is k, dropout term present when `hasDrop`. */
function shape(variant: BgVariant, x: number): { k: number; hasDrop: boolean } {
  return variant === 'bg' ? { k: x, hasDrop: x > 0 } : { k: x + 1, hasDrop: true };
}

/** Log-odds of "dropped out" vs "alive": D = ln(a/(b+k−1)) + (r+x) ln((α+T)/(α+t_x)). */
function logOddsDead(p: BgNbdParams, c: Rfm, k: number): number {
  return Math.log(p.a / (p.b + k - 1)) + (p.r + c.x) * Math.log((p.alpha + c.T) / (p.alpha + c.tx));
}

/**
 * ln L(r, α, a, b | x, t_x, T) for one customer (Fader, Hardie & Lee 2005, eq. 6; Batislam et al. 2007, eq. 3
 * for 'mbg'); NaN for invalid parameters.
 */
export function bgFamilyLogLikelihood(variant: BgVariant, p: BgNbdParams, c: Rfm): number {
  if (!valid(p)) return Number.NaN;
  const { k, hasDrop } = shape(variant, c.x);
  const alive =
    lnGamma(p.r + c.x) -
    lnGamma(p.r) +
    p.r * Math.log(p.alpha) -
    (p.r + c.x) * Math.log(p.alpha + c.T) +
    lnBeta(p.a, p.b + k) -
    lnBeta(p.a, p.b);
  return hasDrop ? alive + log1pExp(logOddsDead(p, c, k)) : alive;
}

/** P(alive at T | x, t_x, T) as the logistic of the log-odds (FHL 2005 eq. A14 / Batislam et al. 2007). */
export function bgFamilyPAlive(variant: BgVariant, p: BgNbdParams, c: Rfm): number {
  if (!valid(p)) return Number.NaN;
  const { k, hasDrop } = shape(variant, c.x);
  return hasDrop ? sigmoid(-logOddsDead(p, c, k)) : 1;
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] (FHL 2005 eq. 10; Batislam et al. 2007). The
 * 2F1(r+x, b+k; a+b+k−1; z) factor is Euler-transformed so the (α+T)/(α+T+t))^{r+x} power cancels
 * analytically, which keeps customers with thousands of purchases finite.
 */
export function bgFamilyExpected(variant: BgVariant, p: BgNbdParams, c: Rfm, t: number): number {
  if (!valid(p) || !(t >= 0)) return Number.NaN;
  if (t === 0) return 0;
  if (Math.abs(p.a - 1) < 1e-6) {
    // (1 − e^L)/(a − 1) is 0/0 at a = 1; the function is smooth there, so average both sides.
    const h = 2e-6;
    return (
      (bgFamilyExpected(variant, { ...p, a: 1 + h }, c, t) +
        bgFamilyExpected(variant, { ...p, a: 1 - h }, c, t)) /
      2
    );
  }
  const { k } = shape(variant, c.x);
  const z = t / (p.alpha + c.T + t);
  const L = (p.a - 1) * Math.log1p(-z) + log2F1(p.a + p.b + k - 1 - p.r - c.x, p.a - 1, p.a + p.b + k - 1, z);
  const unconditional = ((p.a + p.b + k - 1) * -Math.expm1(L)) / (p.a - 1);
  return unconditional * bgFamilyPAlive(variant, p, c);
}

/** E[X(t)] for a customer just acquired: the conditional expectation at x = t_x = T = 0 (FHL 2005 eq. 9). */
export function bgFamilyExpectedNew(variant: BgVariant, p: BgNbdParams, t: number): number {
  return bgFamilyExpected(variant, p, { x: 0, tx: 0, T: 0 }, t);
}

/** ln P(N(t) = j) for the NBD with shape r and rate α, i.e. purchases of a customer who never drops out. */
function logNbd(r: number, alpha: number, t: number, j: number): number {
  return (
    lnGamma(r + j) -
    lnGamma(r) -
    lnGamma(j + 1) +
    r * Math.log(alpha / (alpha + t)) +
    (j === 0 ? 0 : j * Math.log(t / (alpha + t)))
  );
}

/** ln P(N(t) >= n) for the NBD, summing whichever side avoids cancellation. */
function logNbdUpperTail(r: number, alpha: number, t: number, n: number): number {
  if (n <= 0) return 0;
  const mean = (r * t) / alpha;
  if (n <= mean) {
    const lower: number[] = [];
    for (let j = 0; j < n; j++) lower.push(logNbd(r, alpha, t, j));
    const lcdf = logSumExp(lower);
    return lcdf >= 0 ? Number.NEGATIVE_INFINITY : Math.log(-Math.expm1(lcdf));
  }
  // Beyond the mean the terms fall at least geometrically, so the upper sum converges quickly.
  let acc = Number.NEGATIVE_INFINITY;
  for (let j = n; j < n + 1_000_000; j++) {
    const term = logNbd(r, alpha, t, j);
    acc = logAddExp(acc, term);
    if (term < acc - 40) break;
  }
  return acc;
}

/** P(X(t) = n) for a new customer (FHL 2005 eq. 8; MBG/NBD derived the same way with k = n + 1). */
export function bgFamilyProbability(variant: BgVariant, p: BgNbdParams, t: number, n: number): number {
  if (!valid(p) || !(t >= 0) || !Number.isInteger(n) || n < 0) return Number.NaN;
  if (t === 0) return n === 0 ? 1 : 0;
  const { k, hasDrop } = shape(variant, n);
  const lb = lnBeta(p.a, p.b);
  const alive = lnBeta(p.a, p.b + k) - lb + logNbd(p.r, p.alpha, t, n);
  if (!hasDrop) return Math.exp(alive);
  const dead = lnBeta(p.a + 1, p.b + k - 1) - lb + logNbdUpperTail(p.r, p.alpha, t, n);
  return Math.min(1, Math.exp(logAddExp(alive, dead)));
}

/**
 * Per-value caches: the "alive" part of ln L depends on x or on T only, so it is summed over distinct values
 * with aggregated weights; only the dropout term needs one exp and one log1p per (x, t_x, T) group.
 */
interface Prepared {
  customers: number;
  xs: Float64Array;
  /** Total weight per distinct x. */
  wX: Float64Array;
  Ts: Float64Array;
  /** Total weight and total weight·x per distinct T. */
  wT: Float64Array;
  wxT: Float64Array;
  txs: Float64Array;
  /** Groups with a dropout term, as compact columns. */
  dw: Float64Array;
  dx: Float64Array;
  dxi: Uint32Array;
  dTi: Uint32Array;
  dtxi: Uint32Array;
}

function prepare(groups: RfmGroups, variant: BgVariant): Prepared {
  const x = distinctIndex(groups.x);
  const T = distinctIndex(groups.T);
  const tx = distinctIndex(groups.tx);
  const wX = new Float64Array(x.values.length);
  const wT = new Float64Array(T.values.length);
  const wxT = new Float64Array(T.values.length);
  const drop: number[] = [];
  for (let j = 0; j < groups.size; j++) {
    wX[x.index[j]] += groups.weight[j];
    wT[T.index[j]] += groups.weight[j];
    wxT[T.index[j]] += groups.weight[j] * groups.x[j];
    if (variant === 'mbg' || groups.x[j] > 0) drop.push(j);
  }
  const pick = <A extends Float64Array | Uint32Array>(src: A, make: (n: number) => A): A => {
    const out = make(drop.length);
    for (let i = 0; i < drop.length; i++) out[i] = src[drop[i]];
    return out;
  };
  return {
    customers: groups.customers,
    xs: x.values,
    wX,
    Ts: T.values,
    wT,
    wxT,
    txs: tx.values,
    dw: pick(groups.weight, (n) => new Float64Array(n)),
    dx: pick(groups.x, (n) => new Float64Array(n)),
    dxi: pick(x.index, (n) => new Uint32Array(n)),
    dTi: pick(T.index, (n) => new Uint32Array(n)),
    dtxi: pick(tx.index, (n) => new Uint32Array(n)),
  };
}

/**
 * Total weighted log-likelihood Σ w ln L over groups, and its analytic gradient in (r, α, a, b) when
 * `grad` is given (differentiating FHL 2005 eq. 6 term by term). NaN for invalid parameters.
 */
function totalLogLikelihood(
  variant: BgVariant,
  pr: Prepared,
  theta: ArrayLike<number>,
  grad: Float64Array | null,
): number {
  const [r, alpha, a, b] = [theta[0], theta[1], theta[2], theta[3]];
  if (!valid({ r, alpha, a, b })) return Number.NaN;
  const off = variant === 'bg' ? 0 : 1;
  // Alive part, per distinct x: ln Γ(r+x) + ln Γ(b+k) − ln Γ(a+b+k).
  const nx = pr.xs.length;
  const ldx = new Float64Array(nx);
  const invBk1 = new Float64Array(nx);
  let ll = 0;
  let gr = 0;
  let ga = 0;
  let gA = 0;
  let gB = 0;
  for (let i = 0; i < nx; i++) {
    const x = pr.xs[i];
    const k = x + off;
    const w = pr.wX[i];
    ll += w * (lnGamma(r + x) + lnGamma(b + k) - lnGamma(a + b + k));
    ldx[i] = Math.log(a) - Math.log(b + k - 1);
    invBk1[i] = 1 / (b + k - 1);
    if (grad) {
      const psiABk = digamma(a + b + k);
      gr += w * digamma(r + x);
      gA -= w * psiABk;
      gB += w * (digamma(b + k) - psiABk);
    }
  }
  // Alive part, per distinct T: −(r+x) ln(α+T) summed with the T's weights.
  const nT = pr.Ts.length;
  const lT = new Float64Array(nT);
  const iT = new Float64Array(nT);
  for (let i = 0; i < nT; i++) {
    lT[i] = Math.log(alpha + pr.Ts[i]);
    iT[i] = 1 / (alpha + pr.Ts[i]);
    ll -= (r * pr.wT[i] + pr.wxT[i]) * lT[i];
    gr -= pr.wT[i] * lT[i];
    ga -= (r * pr.wT[i] + pr.wxT[i]) * iT[i];
  }
  const ltx = pr.txs.map((tx) => Math.log(alpha + tx));
  const itx = pr.txs.map((tx) => 1 / (alpha + tx));
  // Dropout term: softplus(D) with D = ln(a/(b+k−1)) + (r+x) ln((α+T)/(α+t_x)); σ(D) is its derivative.
  const { dw, dx, dxi, dTi, dtxi } = pr;
  const n = dw.length;
  let sSig = 0;
  for (let j = 0; j < n; j++) {
    const w = dw[j];
    const xi = dxi[j];
    const Ti = dTi[j];
    const ti = dtxi[j];
    const rx = r + dx[j];
    const diffL = lT[Ti] - ltx[ti];
    const D = ldx[xi] + rx * diffL;
    const e = Math.exp(-Math.abs(D));
    ll += w * (Math.max(D, 0) + Math.log1p(e));
    const ws = (w * (D >= 0 ? 1 : e)) / (1 + e);
    gr += ws * diffL;
    ga += ws * rx * (iT[Ti] - itx[ti]);
    sSig += ws;
    gB -= ws * invBk1[xi];
  }
  const W = pr.customers;
  ll += W * (-lnGamma(r) + r * Math.log(alpha) - lnGamma(b) + lnGamma(a + b));
  if (grad) {
    const psiAB = digamma(a + b);
    grad[0] = gr + W * (-digamma(r) + Math.log(alpha));
    grad[1] = ga + (W * r) / alpha;
    grad[2] = gA + sSig / a + W * psiAB;
    grad[3] = gB + W * (-digamma(b) + psiAB);
  }
  return Number.isFinite(ll) ? ll : Number.NaN;
}

/** Weighted total log-likelihood over customers or groups (fast path used by the fit). */
export function bgFamilyTotalLogLikelihood(variant: BgVariant, p: BgNbdParams, data: RfmData): number {
  return totalLogLikelihood(variant, prepare(asGroups(data), variant), [p.r, p.alpha, p.a, p.b], null);
}

/**
 * The data-bound likelihood used by the fit: caches per distinct x, t_x and T once, then each call returns
 * Σ w ln L at θ = (r, α, a, b) and writes the analytic gradient into `grad` when given.
 */
export function bgFamilyLikelihoodFunction(
  variant: BgVariant,
  data: RfmData,
): (theta: ArrayLike<number>, grad: Float64Array | null) => number {
  const pr = prepare(asGroups(data), variant);
  return (theta, grad) => totalLogLikelihood(variant, pr, theta, grad);
}

/** Weighted total log-likelihood and its analytic gradient in (r, α, a, b). */
export function bgFamilyTotalLogLikelihoodGradient(
  variant: BgVariant,
  p: BgNbdParams,
  data: RfmData,
): { value: number; gradient: number[] } {
  const grad = new Float64Array(4);
  const value = totalLogLikelihood(variant, prepare(asGroups(data), variant), [p.r, p.alpha, p.a, p.b], grad);
  return { value, gradient: Array.from(grad) };
}

function startingPoints(groups: RfmGroups): number[][] {
  let sx = 0;
  let sT = 0;
  for (let j = 0; j < groups.size; j++) {
    sx += groups.weight[j] * groups.x[j];
    sT += groups.weight[j] * groups.T[j];
  }
  // Purchase rate λ ≈ x/T gives α = r/λ̄ for a moment-style start; the second start is generic.
  const rate = sx > 0 && sT > 0 ? sx / sT : 1;
  return [
    [1, 1 / rate, 1, 1],
    [0.5, 0.5 / rate, 0.5, 3],
  ];
}

/** Maximum-likelihood fit of the BG/NBD ('bg') or MBG/NBD ('mbg') model with analytic gradient. */
export function fitBgFamily(
  variant: BgVariant,
  data: RfmData,
  options: FitOptions = {},
): FitResult<BgNbdName> {
  const groups = asGroups(data);
  const pr = prepare(groups, variant);
  return fitMaximumLikelihood<BgNbdName>(
    {
      names: BGNBD_PARAM_NAMES,
      logLikelihood: (theta, grad) => totalLogLikelihood(variant, pr, theta, grad),
      analyticGradient: true,
      totalWeight: groups.customers,
      starts: startingPoints(groups),
    },
    options,
  );
}

// Public BG/NBD API (Fader, Hardie & Lee 2005, "Counting your customers the easy way").

/** BG/NBD ln L for one customer (FHL 2005 eq. 6). */
export const bgnbdLogLikelihood = (p: BgNbdParams, c: Rfm): number => bgFamilyLogLikelihood('bg', p, c);
/** BG/NBD weighted total log-likelihood. */
export const bgnbdTotalLogLikelihood = (p: BgNbdParams, data: RfmData): number =>
  bgFamilyTotalLogLikelihood('bg', p, data);
/** BG/NBD P(alive) in [0, 1] (FHL 2005 eq. A14 via log-odds). */
export const bgnbdPAlive = (p: BgNbdParams, c: Rfm): number => bgFamilyPAlive('bg', p, c);
/** BG/NBD expected purchases in the next t time units for a customer (FHL 2005 eq. 10). */
export const bgnbdExpectedPurchases = (p: BgNbdParams, c: Rfm, t: number): number =>
  bgFamilyExpected('bg', p, c, t);
/** BG/NBD E[X(t)] for a new customer (FHL 2005 eq. 9). */
export const bgnbdExpectedPurchasesNew = (p: BgNbdParams, t: number): number =>
  bgFamilyExpectedNew('bg', p, t);
/** BG/NBD P(X(t) = n) for a new customer (FHL 2005 eq. 8). */
export const bgnbdProbabilityOfPurchases = (p: BgNbdParams, t: number, n: number): number =>
  bgFamilyProbability('bg', p, t, n);
/** BG/NBD maximum-likelihood fit (FHL 2005), analytic gradient, several starts. */
export const fitBgNbd = (data: RfmData, options?: FitOptions): FitResult<BgNbdName> =>
  fitBgFamily('bg', data, options);
