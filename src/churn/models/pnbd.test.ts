import { describe, expect, it } from 'vitest';
import { loadCdnowSummary } from './fixtures.js';
import {
  fitPnbd,
  type PnbdParams,
  pnbdExpectedPurchases,
  pnbdExpectedPurchasesNew,
  pnbdLogG,
  pnbdLogGByQuadrature,
  pnbdLogLikelihood,
  pnbdPAlive,
  pnbdProbabilityOfPurchases,
  pnbdTotalLogLikelihood,
  pnbdTotalLogLikelihoodGradient,
} from './pnbd.js';
import { integrate } from './quadrature.js';
import { simulatePnbd, simulateRegularCustomers } from './simulate.js';
import { summariseEventLog } from './summary.js';
import { lnGamma, log2F1 } from './special.js';

const PUBLISHED: PnbdParams = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.66 };

/**
 * Independent route (no 2F1): ln L = ln K + ln[(α+T)^{−(r+x)}(β+T)^{−s} + s ∫_{t_x}^{T} (α+τ)^{−(r+x)}(β+τ)^{−(s+1)} dτ],
 * i.e. alive at T, or died at τ ∈ (t_x, T]; the integrand is scaled by its value at t_x to stay representable.
 */
function pnbdByIntegration(q: PnbdParams, x: number, tx: number, T: number, t: number) {
  const rx = q.r + x;
  const lk = lnGamma(rx) - lnGamma(q.r) + q.r * Math.log(q.alpha) + q.s * Math.log(q.beta);
  const logf = (tau: number) => -rx * Math.log(q.alpha + tau) - (q.s + 1) * Math.log(q.beta + tau);
  const ref = logf(tx);
  const died = T > tx ? q.s * integrate((tau) => Math.exp(logf(tau) - ref), tx, T, 2000, 10) : 0;
  const aliveLog = -rx * Math.log(q.alpha + T) - q.s * Math.log(q.beta + T);
  const alive = Math.exp(aliveLog - ref);
  const logL = lk + ref + Math.log(alive + died);
  // E[Y(t) | alive at T, λ, μ] = λ(1 − e^{−μt})/μ; integrating λ and μ: (r+x)/(α+T) ∫_0^t ((β+T)/(β+T+τ))^s dτ.
  const future = integrate((tau) => ((q.beta + T) / (q.beta + T + tau)) ** q.s, 0, t, 64, 20);
  const pAlive = alive / (alive + died);
  return { logL, pAlive, expected: (pAlive * rx * future) / (q.alpha + T) };
}

describe('Pareto/NBD on CDNOW (Fader & Hardie 2005 note)', () => {
  const cdnow = loadCdnowSummary();
  const fit = fitPnbd(cdnow);

  it('reproduces published r, alpha, s to 3 significant digits and beta loosely', () => {
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeCloseTo(0.553, 3);
    expect(fit.params.alpha).toBeCloseTo(10.58, 1);
    expect(fit.params.s).toBeCloseTo(0.606, 3);
    expect(Math.abs(fit.params.beta - 11.66)).toBeLessThan(0.1);
  });

  it('reproduces the published log-likelihood -9594.98 to 0.01', () => {
    expect(Math.abs(fit.logLikelihood - -9594.98)).toBeLessThan(0.01);
  });

  it('beta has the largest relative standard error (weakly identified)', () => {
    const rel = (k: keyof PnbdParams) => fit.standardErrors[k] / fit.params[k];
    expect(rel('beta')).toBeGreaterThan(Math.max(rel('r'), rel('alpha')));
  });

  it('grouped total log-likelihood equals the sum of per-customer log-likelihoods', () => {
    const sum = cdnow.reduce((s, c) => s + pnbdLogLikelihood(PUBLISHED, c), 0);
    expect(pnbdTotalLogLikelihood(PUBLISHED, cdnow)).toBeCloseTo(sum, 6);
  });
});

describe('Pareto/NBD closed forms against numeric integration', () => {
  const params: PnbdParams[] = [
    PUBLISHED, // α < β
    { r: 0.8, alpha: 30, s: 1.3, beta: 4 }, // α > β
    { r: 2, alpha: 7, s: 0.4, beta: 7 }, // α = β
    { r: 0.3, alpha: 400, s: 0.9, beta: 0.5 }, // z near 1
  ];
  const customers = [
    { x: 0, tx: 0, T: 38.86 },
    { x: 2, tx: 30.43, T: 38.86 },
    { x: 15, tx: 5, T: 30 },
    { x: 500, tx: 20, T: 35 },
  ];
  for (const q of params) {
    for (const c of customers) {
      it(`log-likelihood, P(alive) and E[Y(39)] match the integral for ${JSON.stringify(q)}, x=${c.x}`, () => {
        const ref = pnbdByIntegration(q, c.x, c.tx, c.T, 39);
        expect(pnbdLogLikelihood(q, c)).toBeCloseTo(ref.logL, 7);
        expect(pnbdPAlive(q, c)).toBeCloseTo(ref.pAlive, 8);
        expect(pnbdExpectedPurchases(q, c, 39)).toBeCloseTo(ref.expected, 7);
      });
    }
  }

  it('ln G agrees with the untransformed 2F1 expressions of Fader & Hardie for α >= β and α < β', () => {
    for (const q of [PUBLISHED, { r: 0.8, alpha: 30, s: 1.3, beta: 4 }]) {
      const { r, alpha, s, beta } = q;
      for (const [x, u] of [
        [0, 0],
        [3, 12.5],
        [40, 30],
      ]) {
        const direct =
          alpha >= beta
            ? log2F1(r + s + x, s + 1, r + s + x + 1, (alpha - beta) / (alpha + u)) -
              (r + s + x) * Math.log(alpha + u)
            : log2F1(r + s + x, r + x, r + s + x + 1, (beta - alpha) / (beta + u)) -
              (r + s + x) * Math.log(beta + u);
        expect(pnbdLogG(r, alpha, s, beta, x, u, null)).toBeCloseTo(direct, 10);
      }
    }
  });

  it('E[X(t)] for a new customer equals (r/α) ∫_0^t (β/(β+τ))^s dτ', () => {
    const q = PUBLISHED;
    const ref = (q.r / q.alpha) * integrate((tau) => (q.beta / (q.beta + tau)) ** q.s, 0, 52, 64, 20);
    expect(pnbdExpectedPurchasesNew(q, 52)).toBeCloseTo(ref, 9);
  });

  it('E[X(t)] is continuous through the removable singularity at s = 1', () => {
    const at = pnbdExpectedPurchasesNew({ ...PUBLISHED, s: 1 }, 52);
    const near = pnbdExpectedPurchasesNew({ ...PUBLISHED, s: 1 + 1e-7 }, 52);
    expect(at).toBeCloseTo(near, 6);
  });

  it('P(X(t)=n) sums to one and its mean equals E[X(t)]', () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 300; n++) {
      const pn = pnbdProbabilityOfPurchases(PUBLISHED, 39, n);
      total += pn;
      mean += n * pn;
    }
    expect(total).toBeCloseTo(1, 6);
    expect(mean).toBeCloseTo(pnbdExpectedPurchasesNew(PUBLISHED, 39), 4);
  });
});

describe('Pareto/NBD gradient and edge cases', () => {
  it('analytic gradient agrees with central differences in both α >= β and α < β regions', () => {
    const data = loadCdnowSummary();
    for (const p of [PUBLISHED, { r: 0.5, alpha: 15, s: 0.6, beta: 3 }]) {
      const { gradient } = pnbdTotalLogLikelihoodGradient(p, data);
      (['r', 'alpha', 's', 'beta'] as const).forEach((k, i) => {
        const h = 1e-6 * p[k];
        const num =
          (pnbdTotalLogLikelihood({ ...p, [k]: p[k] + h }, data) -
            pnbdTotalLogLikelihood({ ...p, [k]: p[k] - h }, data)) /
          (2 * h);
        expect(Math.abs(gradient[i] - num)).toBeLessThan(1e-4 * Math.max(1, Math.abs(num)));
      });
    }
  });

  const extreme: PnbdParams[] = [
    { r: 1e-3, alpha: 1e-3, s: 1e-3, beta: 1e3 },
    { r: 60, alpha: 0.05, s: 30, beta: 0.01 },
    { r: 0.5, alpha: 1e4, s: 0.5, beta: 1e-2 },
  ];
  for (const q of extreme) {
    it(`P(alive) in [0,1] and finite expectations for x=0, x=1000 and t_x=T at ${JSON.stringify(q)}`, () => {
      for (const c of [
        { x: 0, tx: 0, T: 40 },
        { x: 1000, tx: 39.9, T: 40 },
        { x: 1000, tx: 2, T: 40 },
        { x: 4, tx: 40, T: 40 },
      ]) {
        const pa = pnbdPAlive(q, c);
        expect(pa).toBeGreaterThanOrEqual(0);
        expect(pa).toBeLessThanOrEqual(1);
        expect(Number.isFinite(pnbdExpectedPurchases(q, c, 52))).toBe(true);
      }
    });
  }

  it('t_x = T leaves no room to have died unseen, so P(alive) = 1', () => {
    expect(pnbdPAlive(PUBLISHED, { x: 3, tx: 25, T: 25 })).toBe(1);
  });

  it('returns NaN for invalid parameters', () => {
    expect(pnbdLogLikelihood({ ...PUBLISHED, s: 0 }, { x: 1, tx: 1, T: 2 })).toBeNaN();
  });
});

describe('Pareto/NBD parameter recovery from simulation', () => {
  it('recovers r, alpha, s, beta within 3 standard errors (20,000 customers)', () => {
    const truth: PnbdParams = { r: 0.6, alpha: 8, s: 0.8, beta: 12 };
    const data = simulatePnbd(truth, { customers: 20_000, seed: 5, window: { T: [26, 78] } });
    const fit = fitPnbd(data);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 's', 'beta'] as const) {
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(3 * fit.standardErrors[k]);
    }
  });
});

describe('Pareto/NBD on very regular customers (α/β far from 1, the 2F1 series near z = 1)', () => {
  // 60 customers, each buying at their own steady rhythm (exponential gaps around a personal mean, whole
  // days), every third stopped about a year before the end; weekly units, calibration to 2025-09-01.
  // The dropout rate hardly varies between them, so the fit runs towards s, β → ∞ where z → 1: this
  // took minutes before ln G switched to quadrature there.
  const rows = summariseEventLog(simulateRegularCustomers(), { calibrationEnd: '2025-09-01', unitDays: 7 });
  // On the ridge the fit walks along: s/β fixed, s in the thousands.
  const RIDGE = { r: 2.786, alpha: 12.62, s: 4_915, beta: 311_400 };

  it('ln G in the corner agrees with direct integration (where the series would need a million terms)', () => {
    for (const [x, u] of [
      [0, 0],
      [5, 52],
      [13, 74],
    ]) {
      for (const f of [1, 10]) {
        const q = { ...RIDGE, s: RIDGE.s * f, beta: RIDGE.beta * f };
        const lnG = pnbdLogG(q.r, q.alpha, q.s, q.beta, x, u, null);
        // G/(r+s+x) = ∫_u^∞ (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ; the integrand falls by e^−50 within 5,000 weeks.
        const logf = (tau: number) =>
          -(q.r + x) * Math.log(q.alpha + tau) - (q.s + 1) * Math.log(q.beta + tau);
        const ref = logf(u);
        const direct =
          Math.log(q.r + q.s + x) +
          ref +
          Math.log(integrate((t) => Math.exp(logf(t) - ref), u, u + 5_000, 2000, 10));
        expect(lnG).toBeCloseTo(direct, 6);
        expect(pnbdLogGByQuadrature(q.r, q.alpha, q.s, q.beta, x, u, null)).toBeCloseTo(direct, 6);
      }
    }
  });

  it('the total log-likelihood is continuous along the s, β ridge (no term silently dropped)', () => {
    // A series that ran out of terms came back as NaN and the died-in-(t_x, T] term was dropped: a
    // jump of 2.8 log-likelihood units between s = 4,917.4 and 4,917.7 that broke the line search.
    let previous = Number.NaN;
    for (let i = 0; i <= 20; i++) {
      const f = 1 + i * 1e-4;
      const ll = pnbdTotalLogLikelihood({ ...RIDGE, s: RIDGE.s * f, beta: RIDGE.beta * f }, rows);
      expect(Number.isFinite(ll)).toBe(true);
      if (i > 0) expect(Math.abs(ll - previous)).toBeLessThan(1e-3);
      previous = ll;
    }
  });

  it('the fit converges at the common-dropout limit and says so, within 600 likelihood evaluations', () => {
    const fit = fitPnbd(rows);
    expect(fit.evaluations).toBeLessThanOrEqual(600);
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    expect(fit.message).toContain('common dropout rate');
    // The limit is no worse than any point on the ridge the old fit stopped at.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(pnbdTotalLogLikelihood(RIDGE, rows) - 1e-6);
  });
});
