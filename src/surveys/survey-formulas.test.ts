import { describe, expect, it } from 'vitest';
import {
  ces,
  csat,
  isPraise,
  needsFollowUp,
  nps,
  repurchaseMatrix,
  responseRate,
} from './survey-formulas.js';

describe('survey metric definitions', () => {
  it('computes NPS as %promoters minus %detractors with passives in the total', () => {
    // 3 promoters (9, 10, 10), 2 passives (7, 8), 5 detractors (0, 3, 5, 6, 6) of 10: 30% − 50% = −20.
    expect(nps([9, 10, 10, 7, 8, 0, 3, 5, 6, 6])).toEqual({
      value: -20,
      n: 10,
      promoters: 3,
      passives: 2,
      detractors: 5,
    });
  });

  it('counts 6 as a detractor, 7 and 8 as passives and 9 as a promoter', () => {
    expect(nps([6])).toMatchObject({ value: -100, detractors: 1 });
    expect(nps([7, 8])).toMatchObject({ value: 0, passives: 2 });
    expect(nps([9])).toMatchObject({ value: 100, promoters: 1 });
  });

  it('leaves skipped questions out of NPS, CSAT and CES entirely', () => {
    // 9, 10 promoters, 6 detractor of 3 answers (two skipped): (2 − 1) / 3 = 33.3.
    expect(nps([9, null, 10, undefined, 6])).toEqual({
      value: 33.3,
      n: 3,
      promoters: 2,
      passives: 0,
      detractors: 1,
    });
    expect(csat([null, 4, 2])).toEqual({ value: 0.5, n: 2, satisfied: 1 });
    expect(ces([null, 7, 4])).toEqual({ value: 5.5, n: 2 });
  });

  it('computes CSAT as the share of 4 and 5, with 3 not satisfied and 4 satisfied', () => {
    // 4, 5, 5 satisfied; 1, 2, 3 not: 3 / 6 = 0.5.
    expect(csat([1, 2, 3, 4, 5, 5])).toEqual({ value: 0.5, n: 6, satisfied: 3 });
    expect(csat([3])).toMatchObject({ value: 0 });
    expect(csat([4])).toMatchObject({ value: 1 });
  });

  it('computes CES as the mean of the 1–7 answers', () => {
    // (1 + 4 + 6 + 7) / 4 = 4.5; (5 + 5 + 6) / 3 = 5.33.
    expect(ces([1, 4, 6, 7])).toEqual({ value: 4.5, n: 4 });
    expect(ces([5, 5, 6])).toEqual({ value: 5.33, n: 3 });
  });

  it('answers null without answers rather than zero', () => {
    expect(nps([null])).toEqual({ value: null, n: 0, promoters: 0, passives: 0, detractors: 0 });
    expect(csat([]).value).toBeNull();
    expect(ces([]).value).toBeNull();
    expect(responseRate(0, 0)).toBeNull();
    expect(responseRate(3, 8)).toBe(0.375);
  });

  it('follows up NPS 0–6, CSAT 1–2 and every exit answer, and nothing else', () => {
    expect([0, 6, 7].map((s) => needsFollowUp('nps', s))).toEqual([true, true, false]);
    expect([1, 2, 3].map((s) => needsFollowUp('csat', s))).toEqual([true, true, false]);
    expect(needsFollowUp('nps', null)).toBe(false);
    expect(needsFollowUp('none', null)).toBe(true);
  });

  it('treats NPS 9–10 and CSAT 5 with a comment as praise', () => {
    expect(isPraise('nps', 9, 'Super')).toBe(true);
    expect(isPraise('nps', 8, 'Super')).toBe(false);
    expect(isPraise('csat', 5, '  ')).toBe(false);
    expect(isPraise('csat', 4, 'Gut')).toBe(false);
    expect(isPraise('csat', 5, 'Toll')).toBe(true);
  });

  it('splits the repurchase matrix at CSAT 4 and counts only closed windows', () => {
    const at = '2024-01-01T00:00:00.000Z';
    const cells = repurchaseMatrix([
      { saleScore: 4, afterSalesScore: 4, afterSalesAt: at, repurchased: true, windowClosed: true },
      { saleScore: 5, afterSalesScore: 5, afterSalesAt: at, repurchased: false, windowClosed: true },
      { saleScore: 5, afterSalesScore: 5, afterSalesAt: at, repurchased: true, windowClosed: false },
      { saleScore: 3, afterSalesScore: 4, afterSalesAt: at, repurchased: true, windowClosed: true },
      { saleScore: 5, afterSalesScore: 3, afterSalesAt: at, repurchased: false, windowClosed: true },
      { saleScore: null, afterSalesScore: 1, afterSalesAt: at, repurchased: false, windowClosed: true },
    ]);
    const cell = (s: boolean, a: boolean) =>
      cells.find((c) => c.saleSatisfied === s && c.afterSalesSatisfied === a);
    expect(cell(true, true)).toEqual({
      saleSatisfied: true,
      afterSalesSatisfied: true,
      n: 2,
      repurchased: 1,
      rate: 0.5,
      openWindow: 1,
    });
    expect(cell(false, true)).toMatchObject({ n: 1, repurchased: 1, rate: 1 });
    expect(cell(true, false)).toMatchObject({ n: 1, repurchased: 0, rate: 0 });
    expect(cell(false, false)).toMatchObject({ n: 0, rate: null });
  });
});
