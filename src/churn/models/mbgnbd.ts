/**
 * MBG/NBD model (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison of models for
 * customer base analysis"): as BG/NBD, but a customer may also drop out right after the first purchase,
 * so customers with no repeat purchase are not automatically "alive". Shares the BG/NBD engine.
 */
import {
  type BgNbdName,
  type BgNbdParams,
  bgFamilyExpected,
  bgFamilyExpectedNew,
  bgFamilyLogLikelihood,
  bgFamilyPAlive,
  bgFamilyProbability,
  bgFamilyTotalLogLikelihood,
  fitBgFamily,
} from './bgnbd.js';
import type { FitOptions, FitResult } from './optimise.js';
import type { Rfm, RfmData } from './summary.js';

export type MbgNbdParams = BgNbdParams;

/** MBG/NBD ln L for one customer (Batislam et al. 2007, eq. 3). */
export const mbgnbdLogLikelihood = (p: MbgNbdParams, c: Rfm): number => bgFamilyLogLikelihood('mbg', p, c);
/** MBG/NBD weighted total log-likelihood (Batislam et al. 2007). */
export const mbgnbdTotalLogLikelihood = (p: MbgNbdParams, data: RfmData): number =>
  bgFamilyTotalLogLikelihood('mbg', p, data);
/** MBG/NBD P(alive) = 1 / (1 + a/(b+x) ((α+T)/(α+t_x))^{r+x}) via log-odds (Batislam et al. 2007). */
export const mbgnbdPAlive = (p: MbgNbdParams, c: Rfm): number => bgFamilyPAlive('mbg', p, c);
/** MBG/NBD expected purchases in the next t time units for a customer (Batislam et al. 2007). */
export const mbgnbdExpectedPurchases = (p: MbgNbdParams, c: Rfm, t: number): number =>
  bgFamilyExpected('mbg', p, c, t);
/** MBG/NBD E[X(t)] = b/(a−1) [1 − (α/(α+t))^r 2F1(r, b+1; a+b; t/(α+t))] (Batislam et al. 2007). */
export const mbgnbdExpectedPurchasesNew = (p: MbgNbdParams, t: number): number =>
  bgFamilyExpectedNew('mbg', p, t);
/** MBG/NBD P(X(t) = n) for a new customer (derived as FHL 2005 eq. 8 with dropout also at time 0). */
export const mbgnbdProbabilityOfPurchases = (p: MbgNbdParams, t: number, n: number): number =>
  bgFamilyProbability('mbg', p, t, n);
/** MBG/NBD maximum-likelihood fit (Batislam et al. 2007), analytic gradient, several starts. */
export const fitMbgNbd = (data: RfmData, options?: FitOptions): FitResult<BgNbdName> =>
  fitBgFamily('mbg', data, options);
