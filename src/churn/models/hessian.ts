/**
 * Standard errors of maximum-likelihood estimates from the observed information (the negative Hessian of
 * the log-likelihood at the optimum), computed numerically on log-parameters and carried back to the
 * natural parameters by the delta method.
 */

/**
 * Symmetric Hessian by forward differences of the gradient around a point where the gradient g0 is known
 * (n extra gradient calls instead of 2n; at an optimum the O(h) error is far below sampling error).
 */
export function hessianFromGradientForward(
  gradient: (x: Float64Array, grad: Float64Array) => number,
  x: ArrayLike<number>,
  g0: ArrayLike<number>,
  h: number,
): Float64Array {
  const n = x.length;
  const H = new Float64Array(n * n);
  const q = Float64Array.from(x);
  const up = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    q[j] = x[j] + h;
    gradient(q, up);
    q[j] = x[j];
    for (let i = 0; i < n; i++) H[i * n + j] = (up[i] - g0[i]) / h;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const m = (H[i * n + j] + H[j * n + i]) / 2;
      H[i * n + j] = m;
      H[j * n + i] = m;
    }
  }
  return H;
}

/** Symmetric Hessian (row-major n×n) by central differences of an analytic or numeric gradient, step h. */
export function hessianFromGradient(
  gradient: (x: Float64Array, grad: Float64Array) => number,
  x: ArrayLike<number>,
  h: number,
): Float64Array {
  const n = x.length;
  const H = new Float64Array(n * n);
  const q = Float64Array.from(x);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    q[j] = x[j] + h;
    gradient(q, up);
    q[j] = x[j] - h;
    gradient(q, down);
    q[j] = x[j];
    for (let i = 0; i < n; i++) H[i * n + j] = (up[i] - down[i]) / (2 * h);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const m = (H[i * n + j] + H[j * n + i]) / 2;
      H[i * n + j] = m;
      H[j * n + i] = m;
    }
  }
  return H;
}

/** Hessian (row-major n×n) by central second differences of f alone, step h. */
export function hessianFromValues(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  h: number,
): Float64Array {
  const n = x.length;
  const H = new Float64Array(n * n);
  const q = Float64Array.from(x);
  const f0 = f(q);
  const at = (i: number, di: number, j: number, dj: number): number => {
    q[i] += di;
    q[j] += dj;
    const v = f(q);
    q[i] = x[i];
    q[j] = x[j];
    return v;
  };
  for (let i = 0; i < n; i++) {
    H[i * n + i] = (at(i, h, i, 0) - 2 * f0 + at(i, -h, i, 0)) / (h * h);
    for (let j = 0; j < i; j++) {
      const v = (at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4 * h * h);
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  }
  return H;
}

/** Inverse of a symmetric positive-definite matrix via Cholesky; null when it is not positive definite. */
export function invertSpd(A: ArrayLike<number>, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / L[j * n + j];
      }
    }
  }
  // Solve L Lᵀ X = I column by column.
  const inv = new Float64Array(n * n);
  const y = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
      y[i] = s / L[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i];
      for (let k = i + 1; k < n; k++) s -= L[k * n + i] * inv[k * n + c];
      inv[i * n + c] = s / L[i * n + i];
    }
  }
  return inv;
}

/**
 * Standard errors of θ = exp(φ) from the Hessian of the log-likelihood in φ: Cov(φ) = (−H)⁻¹ and, by the
 * delta method, SE(θ_i) = θ_i·SE(φ_i) (exact to first order; at the optimum it equals inverting the
 * natural-parameter Hessian). NaN for every parameter when −H is not positive definite.
 */
export function standardErrorsFromLogHessian(
  hessianLL: ArrayLike<number>,
  theta: readonly number[],
  n: number,
): number[] {
  const negH = Array.from(hessianLL, (v) => -v);
  const cov = invertSpd(negH, n);
  if (!cov) return theta.map(() => Number.NaN);
  return theta.map((t, i) => t * Math.sqrt(cov[i * n + i]));
}
