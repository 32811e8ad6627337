/**
 * Public API of the churn early-warning statistics: "buy till you die" customer-base models (BG/NBD,
 * MBG/NBD, Pareto/NBD, BG/BB), the Gamma-Gamma spend model, discounted CLV, summaries and simulators.
 * Pure functions: no I/O. Every time argument is in the model's time unit, i.e. the unit of t_x and T in
 * the data the model was fitted on.
 */
import { type BgNbdName, type BgNbdParams, bgnbdExpectedPurchases, bgnbdPAlive, fitBgNbd } from './bgnbd.js';
import { fitMbgNbd, mbgnbdExpectedPurchases, mbgnbdPAlive } from './mbgnbd.js';
import type { FitOptions, FitResult } from './optimise.js';
import { fitPnbd, type PnbdName, type PnbdParams, pnbdExpectedPurchases, pnbdPAlive } from './pnbd.js';
import type { Rfm, RfmData, RfmGroups } from './summary.js';

export * from './bgbb.js';
export * from './bgnbd.js';
export * from './clv.js';
export * from './gamma-gamma.js';
export * from './mbgnbd.js';
export type { FitOptions, FitResult, MinimiseOptions, MinimiseResult } from './optimise.js';
export { fitMaximumLikelihood, minimiseBfgs } from './optimise.js';
export * from './pnbd.js';
export * from './simulate.js';
export * from './summary.js';
export { standardErrorsFromLogHessian } from './hessian.js';
export { log2F1, logAddExp, logSubExp, logSumExp, sigmoid } from './special.js';

/** The continuous-time (recency/frequency/age) models behind one interface, for scoring code and the CLI. */
export interface RfmModel<P> {
  name: 'bgnbd' | 'mbgnbd' | 'pnbd';
  paramNames: readonly string[];
  /** Maximum-likelihood fit on (x, t_x, T) data in one time unit. */
  fit(data: RfmData, options?: FitOptions): FitResult<string>;
  /** P(alive at T | x, t_x, T), in [0, 1]. */
  pAlive(params: P, c: Rfm): number;
  /** Expected purchases in (T, T + t], t in the data's time unit. */
  expectedPurchases(params: P, c: Rfm, t: number): number;
}

export const bgnbdModel: RfmModel<BgNbdParams> = {
  name: 'bgnbd',
  paramNames: ['r', 'alpha', 'a', 'b'] satisfies BgNbdName[],
  fit: fitBgNbd,
  pAlive: bgnbdPAlive,
  expectedPurchases: bgnbdExpectedPurchases,
};

export const mbgnbdModel: RfmModel<BgNbdParams> = {
  name: 'mbgnbd',
  paramNames: ['r', 'alpha', 'a', 'b'] satisfies BgNbdName[],
  fit: fitMbgNbd,
  pAlive: mbgnbdPAlive,
  expectedPurchases: mbgnbdExpectedPurchases,
};

export const pnbdModel: RfmModel<PnbdParams> = {
  name: 'pnbd',
  paramNames: ['r', 'alpha', 's', 'beta'] satisfies PnbdName[],
  fit: fitPnbd,
  pAlive: pnbdPAlive,
  expectedPurchases: pnbdExpectedPurchases,
};

/** Looks up a continuous-time model by its CLI name; undefined for anything else. */
export function rfmModel(name: string): RfmModel<any> | undefined {
  return ({ bgnbd: bgnbdModel, mbgnbd: mbgnbdModel, pnbd: pnbdModel } as Record<string, RfmModel<any>>)[name];
}

/**
 * Scores customers in one pass per distinct (x, t_x, T): P(alive) and expected purchases over `horizon`
 * (model time units), broadcast back to customer order.
 */
export function scoreCustomers<P>(
  model: RfmModel<P>,
  params: P,
  g: RfmGroups,
  horizon: number,
): { pAlive: Float64Array; expectedPurchases: Float64Array } {
  const pa = new Float64Array(g.size);
  const ep = new Float64Array(g.size);
  for (let j = 0; j < g.size; j++) {
    const c = { x: g.x[j], tx: g.tx[j], T: g.T[j] };
    pa[j] = model.pAlive(params, c);
    ep[j] = model.expectedPurchases(params, c, horizon);
  }
  const n = g.groupOf.length;
  const pAlive = new Float64Array(n);
  const expectedPurchases = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    pAlive[i] = pa[g.groupOf[i]];
    expectedPurchases[i] = ep[g.groupOf[i]];
  }
  return { pAlive, expectedPurchases };
}
