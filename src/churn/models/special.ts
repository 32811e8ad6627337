/**
 * Special functions in log space for the customer-base models.
 * Everything here works on logarithms so that customers with hundreds of purchases, or parameters far
 * from 1, never overflow a double; a value that cannot be represented comes back as NaN or -Infinity,
 * never as a plausible finite number.
 */
import betalnStd from '@stdlib/math-base-special-betaln';
import binomcoeflnStd from '@stdlib/math-base-special-binomcoefln';
import digammaStd from '@stdlib/math-base-special-digamma';
import gammalnStd from '@stdlib/math-base-special-gammaln';

/** ln Γ(x) for x > 0 (stdlib, Lanczos/Stirling). */
export const lnGamma: (x: number) => number = gammalnStd;
/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), accurate also when one argument is large. */
export const lnBeta: (a: number, b: number) => number = betalnStd;
/** ψ(x), the derivative of ln Γ(x). */
export const digamma: (x: number) => number = digammaStd;
/** ln C(n, k) for real n >= k >= 0. */
export const lnChoose: (n: number, k: number) => number = binomcoeflnStd;

/** ln(e^a + e^b) without overflow; -Infinity when both are -Infinity, NaN if either is NaN. */
export function logAddExp(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  const m = Math.max(a, b);
  if (m === Number.NEGATIVE_INFINITY || m === Number.POSITIVE_INFINITY) return m;
  return m + Math.log1p(Math.exp(Math.min(a, b) - m));
}

/** ln(e^a − e^b) for a >= b; -Infinity when a === b, NaN when a < b (the difference would be negative). */
export function logSubExp(a: number, b: number): number {
  if (!(a >= b)) return Number.NaN;
  if (a === b || b === Number.NEGATIVE_INFINITY) return a === b ? Number.NEGATIVE_INFINITY : a;
  return a + log1mExp(b - a);
}

/** ln(1 − e^x) for x <= 0, switching between log(−expm1) and log1p(−exp) at −ln 2 (Mächler 2012). */
export function log1mExp(x: number): number {
  if (x > 0) return Number.NaN;
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

/** ln(1 + e^x) (softplus) without overflow. */
export function log1pExp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Logistic function 1 / (1 + e^−x), exact at both tails. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** ln Σ e^{v_i} over an array; -Infinity for an empty array. */
export function logSumExp(values: ArrayLike<number>): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) return Number.NaN;
    if (values[i] > m) m = values[i];
  }
  if (m === Number.NEGATIVE_INFINITY || m === Number.POSITIVE_INFINITY) return m;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.exp(values[i] - m);
  return m + Math.log(s);
}

const SERIES_EPS = 1e-16;
const SERIES_MAX_TERMS = 200_000;

/**
 * ln of the Gauss series Σ (a)_n (b)_n / ((c)_n n!) z^n for 0 <= z < 1, summed until the geometric tail
 * bound is below double precision; NaN if the sum is not positive or the series did not converge.
 */
export function log2F1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let rest = 0;
  for (let n = 0; n < SERIES_MAX_TERMS; n++) {
    const ratio = ((a + n) * (b + n)) / ((c + n) * (n + 1));
    term *= ratio * z;
    rest += term;
    // Beyond n the ratio tends to z; bounding it by max(|ratio|, z) gives a geometric tail bound.
    const q = Math.max(Math.abs(ratio) * z, z);
    if (q < 1 && Math.abs(term) * (q / (1 - q)) <= SERIES_EPS * Math.abs(1 + rest)) {
      return 1 + rest > 0 ? Math.log1p(rest) : Number.NaN;
    }
    if (!Number.isFinite(rest)) return Number.NaN;
  }
  return Number.NaN;
}

/**
 * ln 2F1(a, b; c; z) for 0 <= z < 1 and c not a non-positive integer (Abramowitz & Stegun 15.1.1).
 * When c − a − b < 0 the plain series grows like (1 − z)^{c−a−b} near z = 1 and converges slowly, so
 * Euler's transformation 2F1(a,b;c;z) = (1−z)^{c−a−b} 2F1(c−a, c−b; c; z) (A&S 15.3.3) is applied: the
 * singular factor is then exact in logs and the remaining series is bounded.
 */
export function log2F1(a: number, b: number, c: number, z: number): number {
  if (z === 0) return 0;
  if (!(z > 0 && z < 1) || !Number.isFinite(a + b + c)) return Number.NaN;
  const e = c - a - b;
  if (e < 0) return e * Math.log1p(-z) + log2F1Series(c - a, c - b, c, z);
  return log2F1Series(a, b, c, z);
}
