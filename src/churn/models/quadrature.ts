/**
 * Gauss–Legendre quadrature, for the few quantities that are one-dimensional integrals without a cheap
 * closed form (Pareto/NBD P(X(t) = n)) and for independent checks of closed forms in tests.
 */

const cache = new Map<number, { nodes: Float64Array; weights: Float64Array }>();

/** Nodes and weights of the n-point Gauss–Legendre rule on [−1, 1] (Newton on P_n; Golub–Welsch-free). */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const hit = cache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}

/** ∫_a^b f by composite Gauss–Legendre: `panels` equal panels of `points` nodes each. */
export function integrate(f: (x: number) => number, a: number, b: number, panels = 16, points = 20): number {
  const { nodes, weights } = gaussLegendre(points);
  const h = (b - a) / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    for (let i = 0; i < points; i++) sum += weights[i] * f(mid + (nodes[i] * h) / 2);
  }
  return (sum * h) / 2;
}
