import { describe, expect, it } from 'vitest';
import { loadCdnowSummary } from './fixtures.js';
import {
  fitGammaGamma,
  type GammaGammaParams,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
} from './gamma-gamma.js';
import { integrate } from './quadrature.js';
import { simulateGammaGamma } from './simulate.js';
import { lnGamma } from './special.js';

describe('Gamma-Gamma on CDNOW (Fader, Hardie & Lee 2005, "RFM and CLV")', () => {
  const rows = loadCdnowSummary().map((c) => ({ x: c.x, m: c.m }));
  const fit = fitGammaGamma(rows);

  it('reproduces the published p=6.25, q=3.74, gamma=15.44 to 3 significant digits', () => {
    expect(fit.converged).toBe(true);
    expect(fit.params.p).toBeCloseTo(6.25, 2);
    expect(fit.params.q).toBeCloseTo(3.74, 2);
    expect(fit.params.gamma).toBeCloseTo(15.44, 1);
  });

  it('uses only the 946 customers with repeat purchases', () => {
    expect(rows.filter((c) => c.x > 0).length).toBe(946);
  });
});

describe('Gamma-Gamma formulas', () => {
  const q: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };

  it('the density of the mean integrates to one over m', () => {
    // Substituting m = e^u spreads the mass evenly; the density is in m, so multiply by m.
    const total = integrate(
      (u) => Math.exp(gammaGammaLogLikelihood(q, { x: 3, m: Math.exp(u) }) + u),
      -8,
      12,
      200,
      20,
    );
    expect(total).toBeCloseTo(1, 8);
  });

  it('expected spend equals p·E[1/ν | x, m] with the posterior integrated numerically', () => {
    const c = { x: 4, m: 30 };
    // Posterior of ν ∝ ν^{q−1} e^{−γν} · ν^{px} e^{−ν m x}: shape q+px, rate γ+mx; integrate p/ν against it.
    const shape = q.q + q.p * c.x;
    const rate = q.gamma + c.m * c.x;
    const dens = (nu: number) =>
      Math.exp(shape * Math.log(rate) - lnGamma(shape) + (shape - 1) * Math.log(nu) - rate * nu);
    const ref = integrate((nu) => (q.p / nu) * dens(nu), 1e-9, 5, 400, 20);
    expect(gammaGammaExpectedSpend(q, c)).toBeCloseTo(ref, 6);
  });

  it('a customer without repeat purchases gets the population mean pγ/(q−1)', () => {
    expect(gammaGammaExpectedSpend(q, { x: 0, m: 0 })).toBeCloseTo((q.p * q.gamma) / (q.q - 1), 12);
  });

  it('q <= 1 (infinite population mean) gives NaN rather than a number', () => {
    expect(gammaGammaExpectedSpend({ ...q, q: 0.9 }, { x: 2, m: 10 })).toBeNaN();
  });

  it('recovers simulated parameters within 3 standard errors (5,000 customers)', () => {
    const truth: GammaGammaParams = { p: 5, q: 4, gamma: 20 };
    const freq = Array.from({ length: 5000 }, (_, i) => 1 + (i % 6));
    const fit = fitGammaGamma(simulateGammaGamma(truth, { seed: 2, frequencies: freq }));
    expect(fit.converged).toBe(true);
    for (const k of ['p', 'q', 'gamma'] as const) {
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(3 * fit.standardErrors[k]);
    }
  });
});
