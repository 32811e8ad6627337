import { describe, expect, it } from 'vitest';
import { cadenceColumns, cadenceOf, median, ownMedianGap } from './cadence.js';

describe('cadence signal', () => {
  it('takes the median of the gaps between distinct purchase days', () => {
    // days 0, 10, 10 (same day), 30, 38 → gaps 10, 20, 8 → median 10
    expect(ownMedianGap([0, 10, 10, 30, 38])).toBe(10);
  });

  it('has no own gap with fewer than two repeat purchases', () => {
    expect(ownMedianGap([0, 14])).toBeNaN();
    expect(ownMedianGap([5, 5, 19])).toBeNaN();
  });

  it('measures overdue as days since the last purchase over the usual gap', () => {
    expect(cadenceOf(161, 56, 30)).toEqual({ usualGapDays: 56, basis: 'own', overdueRatio: 161 / 56 });
  });

  it('falls back to the population gap for customers without an own rhythm', () => {
    expect(cadenceOf(90, Number.NaN, 30)).toEqual({ usualGapDays: 30, basis: 'population', overdueRatio: 3 });
  });

  it('gives no signal when neither the customer nor the population has a rhythm', () => {
    expect(cadenceOf(90, Number.NaN, null)).toEqual({ usualGapDays: null, basis: null, overdueRatio: null });
  });

  it('uses the median of the customers own medians as the population gap', () => {
    const res = cadenceColumns(
      Float64Array.from([20, 40, 100, 50]),
      Float64Array.from([10, 20, Number.NaN, 40]),
    );
    expect(res.populationGapDays).toBe(20);
    expect(Array.from(res.overdueRatio)).toEqual([2, 2, 5, 1.25]);
    expect(Array.from(res.own)).toEqual([1, 1, 0, 1]);
  });

  it('ignores NaN when taking a median and answers null for none', () => {
    expect(median([3, Number.NaN, 1, 2])).toBe(2);
    expect(median([Number.NaN])).toBeNull();
  });
});
