/**
 * Seeded simulators that generate customers from known parameters by the story each model tells, used to
 * check that the fits recover the parameters and for the benchmark. Purchase times can be recorded at day
 * resolution (same-day purchases merged), as real transaction logs are.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { BgBbParams, BgBbRow } from './bgbb.js';
import type { BgNbdParams } from './bgnbd.js';
import type { GammaGammaParams, SpendRow } from './gamma-gamma.js';
import type { PnbdParams } from './pnbd.js';
import type { Purchase, RfmColumns } from './summary.js';

/** A seeded source of random variates (xoroshiro128+ from pure-rand). */
export class Random {
  private readonly rng;
  private spare = Number.NaN;
  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }
  /** Uniform on (0, 1): never exactly 0, so logs are finite. */
  uniform(): number {
    let u = uniformFloat64(this.rng);
    while (u === 0) u = uniformFloat64(this.rng);
    return u;
  }
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    const u = this.uniform();
    const v = this.uniform();
    const rad = Math.sqrt(-2 * Math.log(u));
    this.spare = rad * Math.sin(2 * Math.PI * v);
    return rad * Math.cos(2 * Math.PI * v);
  }
  exponential(rate: number): number {
    return -Math.log(this.uniform()) / rate;
  }
  /** Gamma(shape, rate) by Marsaglia & Tsang (2000), boosted by U^{1/shape} for shape < 1. */
  gamma(shape: number, rate: number): number {
    if (shape < 1) return this.gamma(shape + 1, rate) * this.uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const z = this.normal();
      const v0 = 1 + c * z;
      if (v0 <= 0) continue;
      const v = v0 * v0 * v0;
      const u = this.uniform();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
    }
  }
  beta(a: number, b: number): number {
    const x = this.gamma(a, 1);
    const y = this.gamma(b, 1);
    if (x + y === 0) return this.uniform() < a / (a + b) ? 1 : 0;
    return x / (x + y);
  }
}

/** How customers' observation windows are laid out. */
export interface CohortOptions {
  customers: number;
  seed: number;
  /**
   * Either an age T (fixed, or uniform on [min, max]) with continuous purchase times, or a day grid: first purchases uniform
   * over `acquisitionDays` days, observation until day `calibrationDays`, times recorded as whole days and
   * expressed in units of `unitDays` days (same-day purchases merged).
   */
  window:
    | { T: number | readonly [number, number] }
    | { unitDays: number; calibrationDays: number; acquisitionDays: number };
}

/** Records purchase times of one customer as (x, t_x) on the chosen time grid. */
class Recorder {
  x = 0;
  tx = 0;
  private lastDay = 0;
  constructor(private readonly unitDays: number | null) {}
  purchase(t: number): void {
    if (this.unitDays === null) {
      this.x++;
      this.tx = t;
      return;
    }
    const day = Math.floor(t * this.unitDays);
    if (day === this.lastDay) return;
    this.lastDay = day;
    this.x++;
    this.tx = day / this.unitDays;
  }
}

type Story = (rng: Random, T: number, rec: Recorder) => void;

function simulateCohort(options: CohortOptions, story: Story): RfmColumns {
  const rng = new Random(options.seed);
  const n = options.customers;
  const out = { x: new Float64Array(n), tx: new Float64Array(n), T: new Float64Array(n) };
  const w = options.window;
  for (let i = 0; i < n; i++) {
    let T: number;
    let unitDays: number | null = null;
    if ('T' in w) {
      T = typeof w.T === 'number' ? w.T : w.T[0] + rng.uniform() * (w.T[1] - w.T[0]);
    } else {
      const first = Math.floor(rng.uniform() * w.acquisitionDays);
      T = (w.calibrationDays - first) / w.unitDays;
      unitDays = w.unitDays;
    }
    const rec = new Recorder(unitDays);
    story(rng, T, rec);
    out.x[i] = rec.x;
    out.tx[i] = rec.tx;
    out.T[i] = T;
  }
  return out;
}

/** BG/NBD customers: Poisson(λ) purchases, dropout with probability p after each repeat purchase (FHL 2005). */
export function simulateBgNbd(p: BgNbdParams, options: CohortOptions): RfmColumns {
  return simulateCohort(options, (rng, T, rec) => {
    const lambda = rng.gamma(p.r, p.alpha);
    const drop = rng.beta(p.a, p.b);
    for (let t = rng.exponential(lambda); t <= T; t += rng.exponential(lambda)) {
      rec.purchase(t);
      if (rng.uniform() < drop) break;
    }
  });
}

/** MBG/NBD customers: as BG/NBD plus a dropout chance right after the first purchase (Batislam et al. 2007). */
export function simulateMbgNbd(p: BgNbdParams, options: CohortOptions): RfmColumns {
  return simulateCohort(options, (rng, T, rec) => {
    const lambda = rng.gamma(p.r, p.alpha);
    const drop = rng.beta(p.a, p.b);
    if (rng.uniform() < drop) return;
    for (let t = rng.exponential(lambda); t <= T; t += rng.exponential(lambda)) {
      rec.purchase(t);
      if (rng.uniform() < drop) break;
    }
  });
}

/** Pareto/NBD customers: Poisson(λ) purchases during an Exponential(μ) lifetime (Schmittlein et al. 1987). */
export function simulatePnbd(p: PnbdParams, options: CohortOptions): RfmColumns {
  return simulateCohort(options, (rng, T, rec) => {
    const lambda = rng.gamma(p.r, p.alpha);
    const mu = rng.gamma(p.s, p.beta);
    const end = Math.min(T, rng.exponential(mu));
    for (let t = rng.exponential(lambda); t <= end; t += rng.exponential(lambda)) rec.purchase(t);
  });
}

/** BG/BB customers over n opportunities: dropout θ at the start of each, transaction p while alive (FHS 2010). */
export function simulateBgBb(
  p: BgBbParams,
  options: { customers: number; seed: number; n: number },
): BgBbRow[] {
  const rng = new Random(options.seed);
  const rows: BgBbRow[] = [];
  for (let i = 0; i < options.customers; i++) {
    const buy = rng.beta(p.alpha, p.beta);
    const die = rng.beta(p.gamma, p.delta);
    let x = 0;
    let tx = 0;
    for (let t = 1; t <= options.n; t++) {
      if (rng.uniform() < die) break;
      if (rng.uniform() < buy) {
        x++;
        tx = t;
      }
    }
    rows.push({ x, tx, n: options.n });
  }
  return rows;
}

/** Gamma-Gamma spend: ν ~ Gamma(q, γ) per customer, x transaction values ~ Gamma(p, ν); returns (x, mean). */
export function simulateGammaGamma(
  p: GammaGammaParams,
  options: { seed: number; frequencies: ArrayLike<number> },
): SpendRow[] {
  const rng = new Random(options.seed);
  const rows: SpendRow[] = [];
  for (let i = 0; i < options.frequencies.length; i++) {
    const x = options.frequencies[i];
    const nu = rng.gamma(p.q, p.gamma);
    let sum = 0;
    for (let k = 0; k < x; k++) sum += rng.gamma(p.p, nu);
    rows.push({ x, m: x > 0 ? sum / x : 0 });
  }
  return rows;
}

/**
 * 60 "very regular" customers as an event log (the data of the product test in src/churn/churn.test.ts): each
 * buys at their own steady rhythm (exponential gaps around a personal mean, whole days, at most 14 visits,
 * sometimes a second purchase on the same day), every third stopped about a year before 2026-03-02. Fixed
 * seed (a linear congruential generator), so the log is the same on every run. Summarised with calibration
 * to 2025-09-01 in weekly units, the dropout rate hardly varies, so a Pareto/NBD fit runs towards s, β → ∞.
 */
export function simulateRegularCustomers(): Purchase[] {
  const purchases: Purchase[] = [];
  const end = Date.parse('2026-03-02T09:00:00.000Z');
  const DAY = 86_400_000;
  let seed = 20_260_302;
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let k = 0; k < 60; k++) {
    const since = end - (730 - Math.floor(rnd() * 300)) * DAY;
    const meanGap = 14 + 120 * rnd() ** 2;
    const stop = k % 3 === 0 ? end - (330 + rnd() * 60) * DAY : end - DAY;
    rnd();
    let at = since + 10 * 3_600_000;
    for (let n = 0; at <= stop && n < 14; n++) {
      purchases.push({ customerId: `c${k}`, date: new Date(at).toISOString().slice(0, 10) });
      rnd();
      if (rnd() < 0.15)
        purchases.push({ customerId: `c${k}`, date: new Date(at + 3_600_000).toISOString().slice(0, 10) });
      at += Math.ceil(-Math.log(1 - rnd()) * meanGap) * DAY;
    }
  }
  return purchases;
}
