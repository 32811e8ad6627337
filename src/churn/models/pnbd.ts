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
import { gaussLegendre, integrate } from './quadrature.js';
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

function valid(p: PnbdParams): boolean {
  return p.r > 0 && p.alpha > 0 && p.s > 0 && p.beta > 0 && Number.isFinite(p.r + p.alpha + p.s + p.beta);
}

/**
 * Terms of the 2F1 series before ln G switches to quadrature. The series needs about 40/(1 − z) terms,
 * and z → 1 when α/β is far from 1 (for example s, β → ∞ on customers that all buy regularly, where the
 * dropout rate stops varying between customers): there a million terms per (x, u) key made one
 * likelihood evaluation cost a tenth of a second on 60 customers, and a series that ran out of terms
 * came back as NaN, which the total likelihood silently treated as "no died-in-(t_x, T] term" (a jump
 * of several log-likelihood units that broke the line search).
 */
const MAX_TERMS = 4_000;

/**
 * ln G(x, u) where G(x, u)/(r+s+x) = ∫_u^∞ (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ, i.e. Fader & Hardie's
 * 2F1(r+s+x, s+1; r+s+x+1; (α−β)/(α+u)) / (α+u)^{r+s+x} for α >= β and
 * 2F1(r+s+x, r+x; r+s+x+1; (β−α)/(β+u)) / (β+u)^{r+s+x} for α < β. When `d` is given, writes
 * ∂ ln G/∂(r, α, s, β) into d[0..3] (forward differentiation of the series). NaN if the series fails.
 */
export function pnbdLogG(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  u: number,
  d: Float64Array | null,
): number {
  const ge = alpha >= beta;
  const big = ge ? alpha + u : beta + u;
  const z = (ge ? alpha - beta : beta - alpha) / big;
  // Euler-transformed series Φ = 2F1(1, b; c; z) = Σ t_n with t_n/t_{n−1} = (b+n−1)/(c+n−1) z.
  const b = ge ? r + x : s + 1;
  const c = r + s + x + 1;
  let S = 1;
  let Sb = 0;
  let Sc = 0;
  let Sz = 0;
  if (z > 0) {
    let t = 1;
    let B = 0;
    let C = 0;
    let n = 1;
    for (; n < MAX_TERMS; n++) {
      const bk = b + n - 1;
      const ck = c + n - 1;
      t *= (bk / ck) * z;
      S += t;
      if (d) {
        B += 1 / bk;
        C += 1 / ck;
        Sb += t * B;
        Sc += t * C;
        Sz += n * t;
      }
      // Terms fall by a factor below z, so t z/(1−z) bounds the tail; n/(1−z) covers the derivative sums.
      if (t * (1 + n) <= 1e-17 * S * (1 - z)) break;
    }
    if (n >= MAX_TERMS) return pnbdLogGByQuadrature(r, alpha, s, beta, x, u, d);
  }
  const la = Math.log(alpha + u);
  const lb = Math.log(beta + u);
  // For α < β, H = (1 − z) Φ with 1 − z = (α+u)/(β+u).
  const lnH = Math.log(S) + (ge ? 0 : la - lb);
  if (d) {
    const dB = Sb / S;
    const dC = -Sc / S;
    const dZ = z > 0 ? Sz / (z * S) : 0;
    if (ge) {
      const ia = 1 / (alpha + u);
      d[0] = -la + dB + dC;
      d[1] = -(r + x) * ia + dZ * (beta + u) * ia * ia;
      d[2] = -lb + dC;
      d[3] = -s / (beta + u) - dZ * ia;
    } else {
      const ib = 1 / (beta + u);
      // ln H adds ln(α+u) − ln(β+u); ∂z/∂α = −1/(β+u), ∂z/∂β = (α+u)/(β+u)².
      d[0] = -la + dC;
      d[1] = -(r + x) / (alpha + u) + 1 / (alpha + u) - dZ * ib;
      d[2] = -lb + dB + dC;
      d[3] = -s * ib - ib + dZ * (alpha + u) * ib * ib;
    }
  }
  return -(r + x) * la - s * lb + lnH;
}

/** Gauss–Legendre rule for ln G by quadrature: at least Q_PANELS panels of Q_POINTS nodes, each at most Q_WIDTH wide in w. */
const Q_PANELS = 8;
const Q_MAX_PANELS = 256;
const Q_WIDTH = 2;
const Q_POINTS = 16;
/** The integrand is cut where its logarithm has fallen this far below its maximum (e^−46 ≈ 1e−20). */
const Q_DROP = 46;

/**
 * ln G(x, u) and its gradient by quadrature, for the z → 1 corner: G/(r+s+x) = ∫_u^∞ f(τ) dτ with
 * f = (α+τ)^{−(r+x)} (β+τ)^{−(s+1)}. With τ = u + (m+u)(e^w − 1), m = min(α, β), the log-integrand
 * h(w) = ln(m+u) + w − (r+x) ln(α+τ) − (s+1) ln(β+τ) is concave in w ≥ 0 (one log term is linear in w,
 * the other convex), so it has one mode; the integral is taken over the range where h is within
 * Q_DROP of its maximum, by composite Gauss–Legendre. The gradient is the f-weighted mean of
 * ∂ ln f/∂(r, α, s, β) plus ∂ ln(r+s+x). NaN if the range cannot be found.
 */
export function pnbdLogGByQuadrature(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  u: number,
  d: Float64Array | null,
): number {
  const m = Math.min(alpha, beta);
  const mu = m + u;
  const tau = (w: number) => u + mu * Math.expm1(w);
  const h = (w: number) => {
    const t = tau(w);
    return Math.log(mu) + w - (r + x) * Math.log(alpha + t) - (s + 1) * Math.log(beta + t);
  };
  // h'(w) = 1 − (r+x)(m+τ)/(α+τ) − (s+1)(m+τ)/(β+τ), decreasing in w.
  const slope = (w: number) => {
    const t = tau(w);
    return 1 - ((r + x) * (m + t)) / (alpha + t) - ((s + 1) * (m + t)) / (beta + t);
  };
  // Mode: 0 when h falls from the start, else the root of h' (bracket by doubling, then bisect).
  let mode = 0;
  if (slope(0) > 0) {
    let hi = 1;
    for (let k = 0; k < 60 && slope(hi) > 0; k++) hi *= 2;
    let lo = 0;
    for (let k = 0; k < 100 && hi - lo > 1e-12 * Math.max(1, hi); k++) {
      const mid = (lo + hi) / 2;
      if (slope(mid) > 0) lo = mid;
      else hi = mid;
    }
    mode = (lo + hi) / 2;
  }
  const top = h(mode);
  if (!Number.isFinite(top)) return Number.NaN;
  // The ends where h has fallen by Q_DROP (h is concave, so each side falls monotonically).
  const end = (dir: 1 | -1, limit: number): number => {
    let step = 1;
    let far = mode + dir * step;
    for (let k = 0; k < 80; k++) {
      if (dir < 0 && far <= limit) return limit;
      if (h(far) < top - Q_DROP) break;
      step *= 2;
      far = mode + dir * step;
    }
    let near = mode;
    for (let k = 0; k < 60; k++) {
      const mid = (near + far) / 2;
      if (h(mid) < top - Q_DROP) far = mid;
      else near = mid;
    }
    return far;
  };
  const a = mode > 0 ? end(-1, 0) : 0;
  const b = end(1, Number.POSITIVE_INFINITY);
  if (!(b > a) || !Number.isFinite(b)) return Number.NaN;
  const { nodes, weights } = gaussLegendre(Q_POINTS);
  // The log-integrand bends where the larger of α+τ, β+τ stops being flat in w (a soft corner about one
  // unit wide), so panels are at most Q_WIDTH wide: more panels only on long, slowly falling ranges.
  const panels = Math.min(Q_MAX_PANELS, Math.max(Q_PANELS, Math.ceil((b - a) / Q_WIDTH)));
  const width = (b - a) / panels;
  let sum = 0;
  let er = 0;
  let ea = 0;
  let es = 0;
  let eb = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * width;
    for (let i = 0; i < Q_POINTS; i++) {
      const w = mid + (nodes[i] * width) / 2;
      const v = weights[i] * Math.exp(h(w) - top);
      sum += v;
      if (d) {
        const t = tau(w);
        er -= v * Math.log(alpha + t);
        ea -= (v * (r + x)) / (alpha + t);
        es -= v * Math.log(beta + t);
        eb -= (v * (s + 1)) / (beta + t);
      }
    }
  }
  if (!(sum > 0)) return Number.NaN;
  const c = r + s + x;
  if (d) {
    d[0] = 1 / c + er / sum;
    d[1] = ea / sum;
    d[2] = 1 / c + es / sum;
    d[3] = eb / sum;
  }
  return Math.log(c) + top + Math.log((sum * width) / 2);
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
