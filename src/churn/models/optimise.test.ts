import { describe, expect, it } from 'vitest';
import { invertSpd } from './hessian.js';
import { fitMaximumLikelihood, minimiseBfgs } from './optimise.js';

describe('BFGS', () => {
  it('minimises the Rosenbrock function to (1, 1)', () => {
    const r = minimiseBfgs(
      (x, g) => {
        const [a, b] = [x[0], x[1]];
        if (g) {
          g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
          g[1] = 200 * (b - a * a);
        }
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      [-1.2, 1],
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });

  it('reports failure, not a result, when the objective is not finite at the start', () => {
    const r = minimiseBfgs(() => Number.NaN, [0]);
    expect(r.converged).toBe(false);
    expect(r.message).toMatch(/not finite/);
  });

  it('rejects steps into a region where the objective is not finite', () => {
    // f = −x − ln(1 − x) is finite only for x < 1; the minimum is at x = 0, and the first step from −3 overshoots.
    const r = minimiseBfgs(
      (x, g) => {
        if (!(x[0] < 1)) return Number.NaN;
        if (g) g[0] = -1 + 1 / (1 - x[0]);
        return -x[0] - Math.log(1 - x[0]);
      },
      [-3],
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(0, 6);
  });
});

describe('maximum likelihood with standard errors', () => {
  it('exponential rate: MLE n/Σy and SE λ/√n from the numerical Hessian on log-parameters', () => {
    const y = [0.3, 1.2, 0.7, 2.5, 0.1, 0.9, 1.6, 0.4];
    const sum = y.reduce((s, v) => s + v, 0);
    const n = y.length;
    const fit = fitMaximumLikelihood<'lambda'>({
      names: ['lambda'],
      logLikelihood: (t) => n * Math.log(t[0]) - t[0] * sum,
      analyticGradient: false,
      totalWeight: n,
      starts: [[1], [10]],
    });
    expect(fit.converged).toBe(true);
    expect(fit.params.lambda).toBeCloseTo(n / sum, 7);
    expect(fit.standardErrors.lambda).toBeCloseTo(n / sum / Math.sqrt(n), 5);
  });

  it('a likelihood without a maximum is reported as not converged', () => {
    const fit = fitMaximumLikelihood<'k'>(
      {
        names: ['k'],
        logLikelihood: (t) => t[0],
        analyticGradient: false,
        totalWeight: 1,
        starts: [[1]],
      },
      { maxIterations: 50 },
    );
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/NOT converged/);
  });

  it('inverts a positive-definite matrix and refuses an indefinite one', () => {
    const inv = invertSpd([4, 2, 2, 3], 2)!;
    expect(Array.from(inv).map((v) => Number(v.toFixed(12)))).toEqual([0.375, -0.25, -0.25, 0.5]);
    expect(invertSpd([1, 2, 2, 1], 2)).toBeNull();
  });
});
