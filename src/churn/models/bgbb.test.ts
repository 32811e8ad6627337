import { describe, expect, it } from 'vitest';
import {
  type BgBbParams,
  bgbbExpectedPurchases,
  bgbbExpectedPurchasesNew,
  bgbbLogLikelihood,
  bgbbPAlive,
  bgbbProbabilityOfPurchases,
  fitBgBb,
} from './bgbb.js';
import { loadDonations } from './fixtures.js';
import { simulateBgBb } from './simulate.js';
import { lnBeta, lnGamma } from './special.js';

const PUBLISHED: BgBbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };

describe('BG/BB on the donations data (Fader, Hardie & Shang 2010)', () => {
  const rows = loadDonations();
  const fit = fitBgBb(rows);

  it('reproduces the published estimates to 3 significant digits', () => {
    expect(fit.converged).toBe(true);
    expect(fit.params.alpha).toBeCloseTo(1.204, 2);
    expect(fit.params.beta).toBeCloseTo(0.75, 3);
    expect(fit.params.gamma).toBeCloseTo(0.657, 3);
    expect(fit.params.delta).toBeCloseTo(2.783, 2);
  });

  it('reproduces the published log-likelihood -33225.58 to 0.01', () => {
    expect(Math.abs(fit.logLikelihood - -33225.58)).toBeLessThan(0.01);
  });

  it('the data cover all 11,104 donors', () => {
    expect(rows.reduce((s, r) => s + r.weight, 0)).toBe(11104);
  });
});

describe('BG/BB formulas', () => {
  const q = PUBLISHED;

  it('E[X(n)] sum form equals the closed form α/(α+β)·δ/(γ−1)·[1 − Γ(γ+δ)Γ(1+δ+n)/(Γ(γ+δ+n)Γ(1+δ))] (FHS eq. 7)', () => {
    const n = 10;
    const closed =
      (q.alpha / (q.alpha + q.beta)) *
      (q.delta / (q.gamma - 1)) *
      (1 -
        Math.exp(
          lnGamma(q.gamma + q.delta) +
            lnGamma(1 + q.delta + n) -
            lnGamma(q.gamma + q.delta + n) -
            lnGamma(1 + q.delta),
        ));
    expect(bgbbExpectedPurchasesNew(q, n)).toBeCloseTo(closed, 12);
  });

  it('conditional expectation equals the closed form of FHS 2010 eq. 13', () => {
    const c = { x: 3, tx: 5, n: 6 };
    const k = 5;
    const L = Math.exp(bgbbLogLikelihood(q, c));
    const closed =
      (1 / L) *
      Math.exp(lnBeta(q.alpha + c.x + 1, q.beta + c.n - c.x) - lnBeta(q.alpha, q.beta)) *
      (q.delta / (q.gamma - 1)) *
      Math.exp(lnGamma(q.gamma + q.delta) - lnGamma(1 + q.delta)) *
      (Math.exp(lnGamma(1 + q.delta + c.n) - lnGamma(q.gamma + q.delta + c.n)) -
        Math.exp(lnGamma(1 + q.delta + c.n + k) - lnGamma(q.gamma + q.delta + c.n + k)));
    expect(bgbbExpectedPurchases(q, c, k)).toBeCloseTo(closed, 12);
  });

  it('P(X(n)=x) sums to one over x and its mean equals E[X(n)]', () => {
    let total = 0;
    let mean = 0;
    for (let x = 0; x <= 6; x++) {
      const p = bgbbProbabilityOfPurchases(q, 6, x);
      total += p;
      mean += x * p;
    }
    expect(total).toBeCloseTo(1, 12);
    expect(mean).toBeCloseTo(bgbbExpectedPurchasesNew(q, 6), 12);
  });

  it('P(X(6)=x) matches simulated frequencies and P(alive) ranks frequent recent donors higher', () => {
    const sims = 200_000;
    const rows = simulateBgBb(q, { customers: sims, seed: 1, n: 6 });
    // Simulation cannot see "alive" directly; instead compare P(X(6)=x) with simulated frequencies.
    const freq = new Array(7).fill(0);
    for (const r of rows) freq[r.x]++;
    for (let x = 0; x <= 6; x++) {
      const p = bgbbProbabilityOfPurchases(q, 6, x);
      expect(Math.abs(freq[x] / sims - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / sims) + 1e-9);
    }
    expect(bgbbPAlive(q, { x: 6, tx: 6, n: 6 })).toBeGreaterThan(bgbbPAlive(q, { x: 1, tx: 1, n: 6 }));
  });

  it('probabilities stay in [0,1] for extreme parameters', () => {
    for (const e of [
      { alpha: 1e-3, beta: 1e3, gamma: 1e-3, delta: 1e3 },
      { alpha: 1e3, beta: 1e-3, gamma: 1e3, delta: 1e-3 },
    ]) {
      for (const c of [
        { x: 0, tx: 0, n: 6 },
        { x: 6, tx: 6, n: 6 },
        { x: 2, tx: 3, n: 1000 },
      ]) {
        const pa = bgbbPAlive(e, c);
        expect(pa >= 0 && pa <= 1).toBe(true);
        expect(Number.isFinite(bgbbExpectedPurchases(e, c, 10))).toBe(true);
      }
    }
  });

  it('recovers simulated parameters within 3 standard errors (20,000 customers)', () => {
    const truth: BgBbParams = { alpha: 1.2, beta: 0.8, gamma: 0.7, delta: 2.5 };
    const sim = simulateBgBb(truth, { customers: 20_000, seed: 9, n: 8 });
    const counts = new Map<string, { x: number; tx: number; n: number; weight: number }>();
    for (const r of sim) {
      const key = `${r.x}|${r.tx}`;
      const row = counts.get(key) ?? { x: r.x, tx: r.tx, n: r.n, weight: 0 };
      row.weight++;
      counts.set(key, row);
    }
    const fit = fitBgBb([...counts.values()]);
    expect(fit.converged).toBe(true);
    for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const) {
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(3 * fit.standardErrors[k]);
    }
  });
});
