import { describe, expect, it } from 'vitest';
import { discountedValue, ratePerUnit } from './clv.js';

describe('discounted CLV', () => {
  it('with no discounting equals expected purchases over the horizon times spend', () => {
    expect(discountedValue((t) => Math.sqrt(t), 20, { horizon: 52, discountRatePerUnit: 0 })).toBeCloseTo(
      20 * Math.sqrt(52),
      10,
    );
  });

  it('a constant purchase rate c gives spend·c·Σ_{k=1..H} (1+d)^{−k}, a geometric sum', () => {
    const d = 0.01;
    const H = 30;
    const expected = (2 * 0.5 * (1 - (1 + d) ** -H)) / d;
    expect(discountedValue((t) => 0.5 * t, 2, { horizon: H, discountRatePerUnit: d })).toBeCloseTo(
      expected,
      10,
    );
  });

  it('a horizon that is not a whole number of steps ends with a shortened step', () => {
    const v = discountedValue((t) => t, 1, { horizon: 2.5, discountRatePerUnit: 0.1 });
    expect(v).toBeCloseTo(1 / 1.1 + 1 / 1.1 ** 2 + 0.5 / 1.1 ** 2.5, 12);
  });

  it('converts an annual rate to an equivalent weekly rate', () => {
    expect((1 + ratePerUnit(0.1, 7)) ** (365.25 / 7)).toBeCloseTo(1.1, 12);
  });
});
