import { describe, expect, it } from 'vitest';
import {
  type BgNbdParams,
  bgnbdExpectedPurchases,
  bgnbdExpectedPurchasesNew,
  bgnbdLogLikelihood,
  bgnbdPAlive,
  bgnbdProbabilityOfPurchases,
  bgnbdTotalLogLikelihood,
  bgFamilyTotalLogLikelihood,
  bgFamilyTotalLogLikelihoodGradient,
  fitBgNbd,
} from './bgnbd.js';
import { loadCdnowSummary } from './fixtures.js';
import { integrate } from './quadrature.js';
import { lnBeta } from './special.js';
import { simulateBgNbd } from './simulate.js';

const PUBLISHED: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** ∫_0^1 g(p) Beta(p; a, b) dp, substituting p = v^{1/a} to remove the p^{a−1} singularity. */
function overBeta(a: number, b: number, g: (p: number) => number): number {
  const lb = lnBeta(a, b);
  return integrate(
    (v) => {
      const p = v ** (1 / a);
      return p >= 1 ? 0 : (g(p) * Math.exp((b - 1) * Math.log1p(-p) - lb)) / a;
    },
    0,
    1,
    64,
    20,
  );
}

/**
 * Independent route: integrate λ out analytically and p numerically. Alive part (1−p)^x A(T), died part
 * p(1−p)^{x−1} A(t_x), A(u) ∝ (α+u)^{−(r+x)}; future purchases given alive (1 − e^{−λpt})/p.
 */
function bgnbdByIntegration(q: BgNbdParams, x: number, tx: number, T: number, t: number) {
  const rx = q.r + x;
  const A = (u: number) => Math.exp(-rx * Math.log(q.alpha + u));
  const alive = overBeta(q.a, q.b, (p) => (1 - p) ** x * A(T));
  const died = x > 0 ? overBeta(q.a, q.b, (p) => p * (1 - p) ** (x - 1) * A(tx)) : 0;
  const future = overBeta(
    q.a,
    q.b,
    (p) => ((1 - p) ** x / p) * A(T) * -Math.expm1(-rx * Math.log1p((p * t) / (q.alpha + T))),
  );
  return { pAlive: alive / (alive + died), expected: future / (alive + died) };
}

describe('BG/NBD on CDNOW (Fader, Hardie & Lee 2005)', () => {
  const cdnow = loadCdnowSummary();
  const fit = fitBgNbd(cdnow);

  it('reproduces the published estimates to 3 significant digits', () => {
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeCloseTo(PUBLISHED.r, 3);
    expect(fit.params.alpha).toBeCloseTo(PUBLISHED.alpha, 2);
    expect(fit.params.a).toBeCloseTo(PUBLISHED.a, 3);
    expect(fit.params.b).toBeCloseTo(PUBLISHED.b, 2);
  });

  it('reproduces the published log-likelihood -9582.43 to 0.01', () => {
    expect(Math.abs(fit.logLikelihood - -9582.43)).toBeLessThan(0.01);
  });

  it('reports finite positive standard errors', () => {
    for (const v of Object.values(fit.standardErrors)) expect(v).toBeGreaterThan(0);
  });

  it('grouped total log-likelihood equals the sum of per-customer log-likelihoods', () => {
    const sum = cdnow.reduce((s, c) => s + bgnbdLogLikelihood(PUBLISHED, c), 0);
    expect(bgnbdTotalLogLikelihood(PUBLISHED, cdnow)).toBeCloseTo(sum, 6);
  });

  it('gives the published conditional expectation 1.226 for x=2, t_x=30.43, T=38.86 over 39 weeks', () => {
    const independent = bgnbdByIntegration(PUBLISHED, 2, 30.43, 38.86, 39).expected;
    expect(independent).toBeCloseTo(1.226, 3);
    expect(bgnbdExpectedPurchases(PUBLISHED, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(independent, 8);
  });
});

describe('BG/NBD closed forms against numeric integration', () => {
  const cases = [
    { x: 0, tx: 0, T: 38.86 },
    { x: 1, tx: 1.71, T: 38.86 },
    { x: 7, tx: 29.43, T: 35 },
    { x: 40, tx: 20, T: 32 },
  ];
  for (const c of cases) {
    it(`P(alive) and E[Y(52)] match the integral for x=${c.x}, t_x=${c.tx}, T=${c.T}`, () => {
      const ref = bgnbdByIntegration(PUBLISHED, c.x, c.tx, c.T, 52);
      expect(bgnbdPAlive(PUBLISHED, c)).toBeCloseTo(ref.pAlive, 8);
      expect(bgnbdExpectedPurchases(PUBLISHED, c, 52)).toBeCloseTo(ref.expected, 7);
    });
  }

  it('E[X(t)] for a new customer matches ∫ (1 − (α/(α+pt))^r)/p f(p) dp', () => {
    const q = PUBLISHED;
    const ref = overBeta(q.a, q.b, (p) => -Math.expm1(q.r * Math.log(q.alpha / (q.alpha + p * 78))) / p);
    expect(bgnbdExpectedPurchasesNew(q, 78)).toBeCloseTo(ref, 7);
  });

  it('P(X(t)=n) sums to one and its mean equals E[X(t)]', () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 400; n++) {
      const pn = bgnbdProbabilityOfPurchases(PUBLISHED, 39, n);
      total += pn;
      mean += n * pn;
    }
    expect(total).toBeCloseTo(1, 8);
    expect(mean).toBeCloseTo(bgnbdExpectedPurchasesNew(PUBLISHED, 39), 5);
  });

  it('P(X(t)=0) equals the NBD zero term (α/(α+t))^r because nobody can drop out before a repeat purchase', () => {
    const q = PUBLISHED;
    expect(bgnbdProbabilityOfPurchases(q, 10, 0)).toBeCloseTo((q.alpha / (q.alpha + 10)) ** q.r, 12);
  });
});

describe('BG/NBD edge cases', () => {
  const extreme: BgNbdParams[] = [
    PUBLISHED,
    { r: 1e-3, alpha: 1e-3, a: 1e-3, b: 1e3 },
    { r: 50, alpha: 0.01, a: 20, b: 0.05 },
    { r: 0.2, alpha: 5, a: 1, b: 2 },
  ];
  const customers = [
    { x: 0, tx: 0, T: 40 },
    { x: 1000, tx: 39.9, T: 40 },
    { x: 1000, tx: 1, T: 40 },
    { x: 5, tx: 40, T: 40 },
  ];
  for (const q of extreme) {
    it(`P(alive) stays in [0,1] and expectations stay finite for ${JSON.stringify(q)}`, () => {
      for (const c of customers) {
        const pa = bgnbdPAlive(q, c);
        expect(pa).toBeGreaterThanOrEqual(0);
        expect(pa).toBeLessThanOrEqual(1);
        const e = bgnbdExpectedPurchases(q, c, 52);
        expect(Number.isFinite(e) && e >= 0).toBe(true);
        expect(Number.isFinite(bgnbdLogLikelihood(q, c))).toBe(true);
      }
    });
  }

  it('a customer with no repeat purchase is alive with probability one', () => {
    expect(bgnbdPAlive(PUBLISHED, { x: 0, tx: 0, T: 30 })).toBe(1);
  });

  it('t_x = T makes P(alive) = 1/(1 + a/(b+x−1))', () => {
    expect(bgnbdPAlive(PUBLISHED, { x: 3, tx: 20, T: 20 })).toBeCloseTo(
      1 / (1 + PUBLISHED.a / (PUBLISHED.b + 2)),
      14,
    );
  });

  it('a = 1 (removable 0/0) gives the same expectation as its neighbours', () => {
    const c = { x: 3, tx: 10, T: 30 };
    const at = bgnbdExpectedPurchases({ ...PUBLISHED, a: 1 }, c, 20);
    const near = bgnbdExpectedPurchases({ ...PUBLISHED, a: 1.001 }, c, 20);
    expect(Math.abs(at - near)).toBeLessThan(1e-3);
  });

  it('returns NaN, not a number, for invalid parameters', () => {
    expect(bgnbdLogLikelihood({ ...PUBLISHED, r: -1 }, { x: 1, tx: 1, T: 2 })).toBeNaN();
    expect(bgnbdPAlive({ ...PUBLISHED, alpha: Number.NaN }, { x: 1, tx: 1, T: 2 })).toBeNaN();
  });
});

describe('BG/NBD parameter recovery from simulation', () => {
  it('recovers r, alpha, a, b within 3 standard errors (10,000 customers)', () => {
    const truth: BgNbdParams = { r: 0.5, alpha: 5, a: 0.8, b: 2.5 };
    const data = simulateBgNbd(truth, { customers: 10_000, seed: 11, window: { T: [26, 52] } });
    const fit = fitBgNbd(data);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(3 * fit.standardErrors[k]);
    }
  });

  for (const variant of ['bg', 'mbg'] as const) {
    it(`${variant}: analytic gradient agrees with central differences of the likelihood`, () => {
      const data = simulateBgNbd(PUBLISHED, { customers: 2000, seed: 3, window: { T: [20, 39] } });
      const p = { r: 0.4, alpha: 3, a: 0.6, b: 2 };
      const { gradient } = bgFamilyTotalLogLikelihoodGradient(variant, p, data);
      (['r', 'alpha', 'a', 'b'] as const).forEach((k, i) => {
        const h = 1e-6 * p[k];
        const up = bgFamilyTotalLogLikelihood(variant, { ...p, [k]: p[k] + h }, data);
        const down = bgFamilyTotalLogLikelihood(variant, { ...p, [k]: p[k] - h }, data);
        expect(gradient[i]).toBeCloseTo((up - down) / (2 * h), 2);
      });
    });
  }
});
