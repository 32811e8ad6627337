import { describe, expect, it } from 'vitest';
import { log1mExp, log2F1, logAddExp, logSubExp, logSumExp, sigmoid } from './special.js';

describe('log-space helpers', () => {
  it('logAddExp does not overflow for large arguments', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
  });
  it('logSubExp of equal arguments is -Infinity and of a smaller first argument is NaN', () => {
    expect(logSubExp(3, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(logSubExp(2, 3)).toBeNaN();
    expect(logSubExp(Math.log(5), Math.log(3))).toBeCloseTo(Math.log(2), 14);
  });
  it('log1mExp is accurate for tiny |x|', () => {
    expect(log1mExp(-1e-20)).toBeCloseTo(Math.log(1e-20), 10);
  });
  it('logSumExp of an empty list is -Infinity', () => {
    expect(logSumExp([])).toBe(Number.NEGATIVE_INFINITY);
  });
  it('sigmoid saturates without NaN', () => {
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
  });
});

describe('log 2F1', () => {
  it('2F1(1,1;2;z) = −ln(1−z)/z, including z close to 1', () => {
    for (const z of [0.1, 0.5, 0.9, 0.999]) {
      expect(log2F1(1, 1, 2, z)).toBeCloseTo(Math.log(-Math.log1p(-z) / z), 10);
    }
  });
  it('2F1(a,b;b;z) = (1−z)^{−a} via the Euler branch (c−a−b < 0) for large a', () => {
    expect(log2F1(500.5, 3, 3, 0.9)).toBeCloseTo(-500.5 * Math.log(0.1), 8);
  });
  it('2F1(1/2,1/2;3/2;z²) = arcsin(z)/z', () => {
    const z = 0.95;
    expect(log2F1(0.5, 0.5, 1.5, z * z)).toBeCloseTo(Math.log(Math.asin(z) / z), 10);
  });
  it('is NaN outside [0, 1)', () => {
    expect(log2F1(1, 1, 2, 1)).toBeNaN();
    expect(log2F1(1, 1, 2, -0.5)).toBeNaN();
  });
});
