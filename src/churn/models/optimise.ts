/**
 * Quasi-Newton minimisation (BFGS with a strong-Wolfe line search, Nocedal & Wright 2006, algorithms
 * 6.1, 3.5 and 3.6) and the maximum-likelihood driver used by every model: it works on log-parameters
 * so that positivity needs no constraints, restarts from several points, and reports convergence or a
 * clear failure.
 */
import { hessianFromGradient, hessianFromGradientForward, standardErrorsFromLogHessian } from './hessian.js';

/** Objective: returns f(x) and, when `grad` is given, writes ∇f(x) into it. Non-finite f means "reject". */
export type Objective = (x: Float64Array, grad: Float64Array | null) => number;

export interface MinimiseOptions {
  /** Stop when max |∂f/∂x_i| falls below this (default 1e-9). */
  gradientTolerance?: number;
  /** Also stop when the relative decrease of f over one iteration falls below this and the gradient is small. */
  functionTolerance?: number;
  maxIterations?: number;
  /** Largest change of any coordinate in one step; keeps exp(log-parameter) from overflowing. */
  maxStep?: number;
}

export interface MinimiseResult {
  x: Float64Array;
  f: number;
  gradient: Float64Array;
  converged: boolean;
  iterations: number;
  evaluations: number;
  message: string;
}

const C1 = 1e-4;
const C2 = 0.9;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

interface Trial {
  alpha: number;
  f: number;
  g: Float64Array;
  dg: number;
}

/** Counting wrapper so that every call of the objective is reported. */
class Counted {
  evaluations = 0;
  constructor(
    private readonly fn: Objective,
    private readonly n: number,
  ) {}
  at(x: Float64Array, d: Float64Array, alpha: number, out: Float64Array): Trial {
    for (let i = 0; i < this.n; i++) out[i] = x[i] + alpha * d[i];
    const g = new Float64Array(this.n);
    this.evaluations++;
    const f = this.fn(out, g);
    return { alpha, f, g, dg: Number.isFinite(f) ? dot(g, d) : Number.NaN };
  }
}

function interpolate(lo: Trial, hi: Trial): number {
  const width = hi.alpha - lo.alpha;
  let a = lo.alpha + width / 2;
  if (Number.isFinite(hi.f) && Number.isFinite(lo.dg)) {
    // Minimiser of the quadratic through f(lo), f'(lo), f(hi); safeguarded to stay inside the bracket.
    const denom = 2 * (hi.f - lo.f - lo.dg * width);
    if (denom > 0) a = lo.alpha - (lo.dg * width * width) / denom;
  }
  const lower = lo.alpha + 0.1 * width;
  const upper = hi.alpha - 0.1 * width;
  return width > 0 ? Math.min(Math.max(a, lower), upper) : Math.max(Math.min(a, lower), upper);
}

/** Strong-Wolfe line search; returns the accepted trial or null when no sufficient decrease was found. */
function lineSearch(
  c: Counted,
  x: Float64Array,
  f0: number,
  dg0: number,
  d: Float64Array,
  alpha0: number,
  alphaMax: number,
  scratch: Float64Array,
): Trial | null {
  const armijo = (t: Trial) => Number.isFinite(t.f) && t.f <= f0 + C1 * t.alpha * dg0;
  let prev: Trial = { alpha: 0, f: f0, g: new Float64Array(0), dg: dg0 };
  let alpha = alpha0;
  let best: Trial | null = null;
  const zoom = (lo: Trial, hi: Trial): Trial | null => {
    for (let k = 0; k < 40; k++) {
      const t = c.at(x, d, interpolate(lo, hi), scratch);
      if (!armijo(t) || t.f >= lo.f) {
        hi = t;
      } else {
        if (!best || t.f < best.f) best = t;
        if (Math.abs(t.dg) <= -C2 * dg0) return t;
        if (t.dg * (hi.alpha - lo.alpha) >= 0) hi = lo;
        lo = t;
      }
      if (Math.abs(hi.alpha - lo.alpha) < 1e-14 * Math.max(1, Math.abs(lo.alpha))) break;
    }
    return best;
  };
  for (let k = 0; k < 40; k++) {
    const t = c.at(x, d, alpha, scratch);
    if (!armijo(t) || (k > 0 && t.f >= prev.f)) return zoom(prev, t);
    best = t;
    if (Math.abs(t.dg) <= -C2 * dg0) return t;
    if (t.dg >= 0) return zoom(t, prev);
    if (alpha >= alphaMax) return t;
    prev = t;
    alpha = Math.min(2 * alpha, alphaMax);
  }
  return best;
}

/**
 * Minimises `fn` from `x0` by BFGS on the inverse Hessian; converged means max |∇f| below the gradient
 * tolerance (or a negligible relative decrease with a small gradient), otherwise the message says why not.
 */
export function minimiseBfgs(
  fn: Objective,
  x0: ArrayLike<number>,
  options: MinimiseOptions = {},
): MinimiseResult {
  const gtol = options.gradientTolerance ?? 1e-9;
  const ftol = options.functionTolerance ?? 1e-14;
  const maxIterations = options.maxIterations ?? 500;
  const maxStep = options.maxStep ?? 3;
  const n = x0.length;
  const c = new Counted(fn, n);
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  c.evaluations++;
  let f = fn(x, g);
  const done = (converged: boolean, iterations: number, message: string): MinimiseResult => ({
    x,
    f,
    gradient: g,
    converged,
    iterations,
    evaluations: c.evaluations,
    message,
  });
  if (!Number.isFinite(f) || !g.every(Number.isFinite)) {
    return done(false, 0, 'objective is not finite at the starting point');
  }
  const H = identity(n);
  let fresh = true;
  const d = new Float64Array(n);
  for (let iter = 1; iter <= maxIterations; iter++) {
    if (maxAbs(g) < gtol) return done(true, iter - 1, `gradient below ${gtol}`);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= H[i * n + j] * g[j];
      d[i] = s;
    }
    let dg0 = dot(g, d);
    if (!(dg0 < 0)) {
      resetIdentity(H, n);
      for (let i = 0; i < n; i++) d[i] = -g[i];
      dg0 = dot(g, d);
      fresh = true;
    }
    const stepNorm = maxAbs(d);
    const alphaMax = maxStep / stepNorm;
    const alpha0 = Math.min(1, alphaMax, fresh ? 1 / stepNorm : 1);
    const t = lineSearch(c, x, f, dg0, d, alpha0, alphaMax, new Float64Array(n));
    if (!t) {
      if (!fresh) {
        resetIdentity(H, n);
        fresh = true;
        continue;
      }
      const small = maxAbs(g) < Math.sqrt(gtol);
      return done(
        small,
        iter,
        small
          ? `no further decrease possible at gradient ${maxAbs(g).toExponential(2)} (precision limit)`
          : `line search failed at gradient ${maxAbs(g).toExponential(2)}`,
      );
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    const xNew = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = t.alpha * d[i];
      xNew[i] = x[i] + s[i];
      y[i] = t.g[i] - g[i];
    }
    const fOld = f;
    x = xNew;
    f = t.f;
    g = t.g;
    const sy = dot(s, y);
    if (sy > 1e-300) {
      if (fresh) scaleIdentity(H, n, sy / dot(y, y));
      bfgsUpdate(H, s, y, sy, n);
      fresh = false;
    }
    if (maxAbs(g) < gtol) return done(true, iter, `gradient below ${gtol}`);
    if (fOld - f <= ftol * Math.max(1, Math.abs(f)) && maxAbs(g) < Math.sqrt(gtol)) {
      return done(true, iter, `relative decrease below ${ftol} at gradient ${maxAbs(g).toExponential(2)}`);
    }
  }
  return done(false, maxIterations, `no convergence within ${maxIterations} iterations`);
}

function identity(n: number): Float64Array {
  const H = new Float64Array(n * n);
  resetIdentity(H, n);
  return H;
}

function resetIdentity(H: Float64Array, n: number): void {
  H.fill(0);
  for (let i = 0; i < n; i++) H[i * n + i] = 1;
}

function scaleIdentity(H: Float64Array, n: number, scale: number): void {
  resetIdentity(H, n);
  for (let i = 0; i < n; i++) H[i * n + i] = scale;
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / yᵀs (Nocedal & Wright eq. 6.17). */
function bfgsUpdate(H: Float64Array, s: Float64Array, y: Float64Array, sy: number, n: number): void {
  const rho = 1 / sy;
  const Hy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += H[i * n + j] * y[j];
    Hy[i] = v;
  }
  const yHy = dot(y, Hy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      H[i * n + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
    }
  }
}

/** Log-likelihood of the whole data set at natural parameters θ; fills dLL/dθ into `grad` when given. */
export type LogLikelihood = (theta: Float64Array, grad: Float64Array | null) => number;

export interface MaximumLikelihoodProblem {
  names: readonly string[];
  logLikelihood: LogLikelihood;
  /** Whether `logLikelihood` fills the gradient; otherwise central differences on log-parameters are used. */
  analyticGradient: boolean;
  /** Number of customers (sum of weights); the optimiser works on the mean so tolerances are scale free. */
  totalWeight: number;
  /** Starting points in natural parameters. */
  starts: readonly (readonly number[])[];
}

export interface FitOptions extends MinimiseOptions {
  /** Starting points in natural parameters, replacing the model's own. */
  starts?: readonly (readonly number[])[];
  /** Use only the first k starting points (default: all). */
  maxStarts?: number;
}

export interface FitResult<K extends string> {
  params: Record<K, number>;
  standardErrors: Record<K, number>;
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  evaluations: number;
  message: string;
}

const NUMERIC_STEP = 1e-5;

/** Mean negative log-likelihood on log-parameters, with analytic or central-difference gradient. */
function logObjective(p: MaximumLikelihoodProblem, counter: { n: number }): Objective {
  const k = p.names.length;
  const theta = new Float64Array(k);
  const gTheta = new Float64Array(k);
  const value = (phi: Float64Array, grad: Float64Array | null): number => {
    for (let i = 0; i < k; i++) theta[i] = Math.exp(phi[i]);
    counter.n++;
    const ll = p.logLikelihood(theta, grad ? gTheta : null);
    if (!Number.isFinite(ll)) return Number.NaN;
    if (grad) for (let i = 0; i < k; i++) grad[i] = (-gTheta[i] * theta[i]) / p.totalWeight;
    return -ll / p.totalWeight;
  };
  if (p.analyticGradient) return value;
  return (phi, grad) => {
    const f = value(phi, null);
    if (grad && Number.isFinite(f)) {
      const q = Float64Array.from(phi);
      for (let i = 0; i < k; i++) {
        q[i] = phi[i] + NUMERIC_STEP;
        const up = value(q, null);
        q[i] = phi[i] - NUMERIC_STEP;
        const down = value(q, null);
        q[i] = phi[i];
        grad[i] = (up - down) / (2 * NUMERIC_STEP);
      }
    }
    return f;
  };
}

/**
 * Maximum-likelihood fit on log-parameters from every starting point; keeps the best converged run and
 * attaches standard errors from the numerical Hessian. Never reports a non-finite optimum as converged.
 */
export function fitMaximumLikelihood<K extends string>(
  problem: MaximumLikelihoodProblem,
  options: FitOptions = {},
): FitResult<K> {
  const counter = { n: 0 };
  const objective = logObjective(problem, counter);
  const starts = (options.starts ?? problem.starts).slice(0, options.maxStarts ?? Infinity);
  let best: MinimiseResult | null = null;
  let iterations = 0;
  const optima: number[] = [];
  for (const start of starts) {
    const r = minimiseBfgs(
      objective,
      start.map((v) => Math.log(v)),
      options,
    );
    iterations += r.iterations;
    if (r.converged) optima.push(-r.f * problem.totalWeight);
    if (!best || better(r, best)) best = r;
  }
  if (!best) throw new Error('no starting points');
  const theta = Array.from(best.x, Math.exp);
  const ll = -best.f * problem.totalWeight;
  const { standardErrors, message: seMessage } = best.converged
    ? standardErrorsAt(problem, objective, best.x, best.gradient)
    : { standardErrors: theta.map(() => Number.NaN), message: '' };
  const spread = optima.length > 1 ? Math.max(...optima) - Math.min(...optima) : 0;
  const notes = [
    best.converged ? `converged: ${best.message}` : `NOT converged: ${best.message}`,
    `${optima.length}/${starts.length} starts converged`,
    spread > 0.01 ? `starts reached different optima (log-likelihood spread ${spread.toFixed(3)})` : '',
    seMessage,
  ].filter(Boolean);
  return {
    params: record<K>(problem.names, theta),
    standardErrors: record<K>(problem.names, standardErrors),
    logLikelihood: Number.isFinite(ll) ? ll : Number.NaN,
    converged: best.converged && Number.isFinite(ll) && theta.every(Number.isFinite),
    iterations,
    evaluations: counter.n,
    message: notes.join('; '),
  };
}

function better(a: MinimiseResult, b: MinimiseResult): boolean {
  if (a.converged !== b.converged) return a.converged;
  if (!Number.isFinite(b.f)) return Number.isFinite(a.f);
  return a.f < b.f;
}

function standardErrorsAt(
  problem: MaximumLikelihoodProblem,
  objective: Objective,
  phi: Float64Array,
  gradient: Float64Array,
): { standardErrors: number[]; message: string } {
  // Hessian of the total log-likelihood in log-parameters = −W × Hessian of the mean objective. With an
  // analytic gradient, forward differences at the optimum suffice; numeric gradients need central ones.
  const hMean = problem.analyticGradient
    ? hessianFromGradientForward((x, g) => objective(x, g), phi, gradient, 1e-5)
    : hessianFromGradient((x, g) => objective(x, g), phi, 1e-4);
  const k = phi.length;
  const hLL = hMean.map((v) => -v * problem.totalWeight);
  const theta = Array.from(phi, Math.exp);
  const se = standardErrorsFromLogHessian(hLL, theta, k);
  return {
    standardErrors: se,
    message: se.every(Number.isFinite) ? '' : 'Hessian not negative definite: standard errors unavailable',
  };
}

function record<K extends string>(names: readonly string[], values: readonly number[]): Record<K, number> {
  const out: Record<string, number> = {};
  names.forEach((name, i) => {
    out[name] = values[i];
  });
  return out as Record<K, number>;
}
