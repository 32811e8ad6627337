import { describe, expect, it } from 'vitest';
import type { BgNbdParams } from './bgnbd.js';
import { loadCdnowSummary } from './fixtures.js';
import {
  fitMbgNbd,
  mbgnbdExpectedPurchases,
  mbgnbdExpectedPurchasesNew,
  mbgnbdLogLikelihood,
  mbgnbdPAlive,
  mbgnbdProbabilityOfPurchases,
  mbgnbdTotalLogLikelihood,
} from './mbgnbd.js';
import { integrate } from './quadrature.js';
import { simulateMbgNbd } from './simulate.js';
import { lnBeta } from './special.js';

const P: BgNbdParams = { r: 0.25, alpha: 4.5, a: 0.8, b: 2.4 };

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

/** Independent route: alive (1−p)^{x+1} A(T), died after the x-th repeat p(1−p)^x A(t_x); λ integrated out. */
function byIntegration(q: BgNbdParams, x: number, tx: number, T: number, t: number) {
  const rx = q.r + x;
  const A = (u: number) => Math.exp(-rx * Math.log(q.alpha + u));
  const alive = overBeta(q.a, q.b, (p) => (1 - p) ** (x + 1) * A(T));
  const died = overBeta(q.a, q.b, (p) => p * (1 - p) ** x * A(tx));
  const future = overBeta(
    q.a,
    q.b,
    (p) => ((1 - p) ** (x + 1) / p) * A(T) * -Math.expm1(-rx * Math.log1p((p * t) / (q.alpha + T))),
  );
  return { pAlive: alive / (alive + died), expected: future / (alive + died) };
}

describe('MBG/NBD (Batislam, Denizel & Filiztekin 2007)', () => {
  for (const c of [
    { x: 0, tx: 0, T: 38 },
    { x: 2, tx: 30.43, T: 38.86 },
    { x: 25, tx: 10, T: 30 },
  ]) {
    it(`P(alive) and E[Y(39)] match numeric integration for x=${c.x}`, () => {
      const ref = byIntegration(P, c.x, c.tx, c.T, 39);
      expect(mbgnbdPAlive(P, c)).toBeCloseTo(ref.pAlive, 8);
      expect(mbgnbdExpectedPurchases(P, c, 39)).toBeCloseTo(ref.expected, 7);
    });
  }

  it('a customer without repeat purchases can already be inactive: P(alive) = b/(a+b) when T = 0', () => {
    expect(mbgnbdPAlive(P, { x: 0, tx: 0, T: 0 })).toBeCloseTo(P.b / (P.a + P.b), 14);
  });

  it('E[X(t)] equals b/(a−1)[1 − (α/(α+t))^r 2F1(r, b+1; a+b; t/(α+t))] by integration', () => {
    const ref = overBeta(
      P.a,
      P.b,
      (p) => ((1 - p) / p) * -Math.expm1(P.r * Math.log(P.alpha / (P.alpha + p * 52))),
    );
    expect(mbgnbdExpectedPurchasesNew(P, 52)).toBeCloseTo(ref, 7);
  });

  it('P(X(t)=n) sums to one and its mean equals E[X(t)]', () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 400; n++) {
      const pn = mbgnbdProbabilityOfPurchases(P, 39, n);
      total += pn;
      mean += n * pn;
    }
    expect(total).toBeCloseTo(1, 8);
    expect(mean).toBeCloseTo(mbgnbdExpectedPurchasesNew(P, 39), 5);
  });

  it('fits CDNOW to a converged optimum whose reported log-likelihood matches a fresh evaluation', () => {
    const fit = fitMbgNbd(loadCdnowSummary());
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    expect(fit.logLikelihood).toBeCloseTo(mbgnbdTotalLogLikelihood(fit.params, loadCdnowSummary()), 6);
  });

  it('x = 1000 and extreme parameters keep P(alive) in [0,1] and finite expectations', () => {
    for (const q of [P, { r: 1e-3, alpha: 1e-3, a: 1e-3, b: 1e3 }, { r: 50, alpha: 0.01, a: 20, b: 0.05 }]) {
      for (const c of [
        { x: 1000, tx: 39, T: 40 },
        { x: 0, tx: 0, T: 40 },
      ]) {
        const pa = mbgnbdPAlive(q, c);
        expect(pa >= 0 && pa <= 1).toBe(true);
        expect(Number.isFinite(mbgnbdExpectedPurchases(q, c, 52))).toBe(true);
        expect(Number.isFinite(mbgnbdLogLikelihood(q, c))).toBe(true);
      }
    }
  });

  it('recovers simulated parameters within 3 standard errors (10,000 customers)', () => {
    const truth: BgNbdParams = { r: 0.5, alpha: 5, a: 0.8, b: 2.5 };
    const fit = fitMbgNbd(simulateMbgNbd(truth, { customers: 10_000, seed: 17, window: { T: [26, 52] } }));
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(3 * fit.standardErrors[k]);
    }
  });
});
