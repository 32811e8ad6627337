/**
 * The Gauss hypergeometric part of the Pareto/NBD likelihood: ln G(x, u) by the Euler-transformed 2F1
 * series, with its gradient, and by Gauss-Legendre quadrature where the series would need too many
 * terms (see pnbd.ts for the model). Pure functions, log space.
 */
import { gaussLegendre } from './quadrature.js';

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
