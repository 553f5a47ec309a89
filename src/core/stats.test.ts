import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeIncompleteBeta,
  computeMeanInterval,
  computeMedian,
  computeNormalQuantile,
  computeStudentCdf,
  computeStudentQuantile,
  computeWilsonInterval,
} from './stats.js';

describe('computeNormalQuantile', () => {
  // Reference values: R, qnorm(p).
  it.each([
    [0.975, 1.959964],
    [0.95, 1.644854],
    [0.995, 2.575829],
    [0.5, 0],
    [0.01, -2.326348],
    [0.001, -3.090232],
  ])('qnorm(%f) = %f', (p, q) => {
    expect(computeNormalQuantile(p)).toBeCloseTo(q, 6);
  });
  it.each([0, 1, -0.1, Number.NaN])('rejects p = %f', (p) => {
    expect(() => computeNormalQuantile(p)).toThrow(RangeError);
  });
});

describe('computeIncompleteBeta', () => {
  // By hand: I_x(a, b) for whole a, b is a binomial tail: I_x(2, 3) = P(Bin(4, x) >= 2)
  // = 6 x²(1-x)² + 4 x³(1-x) + x⁴; at x = 0.3: 0.2646 + 0.0756 + 0.0081 = 0.3483.
  it.each([
    [0.5, 2, 2, 0.5],
    [0.3, 2, 3, 0.3483],
    [0.2, 1, 1, 0.2],
    [0, 2, 2, 0],
    [1, 2, 2, 1],
  ])('I_%f(%f, %f) = %f', (x, a, b, expected) => {
    expect(computeIncompleteBeta(x, a, b)).toBeCloseTo(expected, 10);
  });
});

describe('computeStudentQuantile and computeStudentCdf', () => {
  // Reference values: R, qt(p, df).
  it.each([
    [0.975, 1, 12.7062],
    [0.975, 2, 4.302653],
    [0.975, 9, 2.262157],
    [0.975, 29, 2.04523],
    [0.975, 30, 2.042272],
    [0.975, 100, 1.983972],
    [0.95, 4, 2.131847],
    [0.995, 5, 4.032143],
    [0.025, 9, -2.262157],
  ])('qt(%f, %i) = %f', (p, df, q) => {
    expect(computeStudentQuantile(p, df)).toBeCloseTo(q, 4);
  });
  it('pt(2.262157, 9) = 0.975 (R)', () => {
    expect(computeStudentCdf(2.262157, 9)).toBeCloseTo(0.975, 6);
  });
  it('the Cauchy case (df = 1) has a closed form: F(t) = 1/2 + atan(t)/π', () => {
    for (const t of [-3, -0.5, 0, 0.7, 2, 10]) {
      expect(computeStudentCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 9);
    }
  });
  it('quantile inverts the CDF (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        (p, df) => {
          expect(computeStudentCdf(computeStudentQuantile(p, df), df)).toBeCloseTo(p, 8);
        },
      ),
    );
  });
  it('rejects df = 0', () => {
    expect(() => computeStudentQuantile(0.975, 0)).toThrow(RangeError);
  });
});

describe('computeWilsonInterval', () => {
  // By hand with z = 1.959964: 5/20 -> centre (0.25 + 0.096037)/1.192073 = 0.290284,
  // half 1.959964·√(0.009375 + 0.002401)/1.192073 = 0.178420 -> [0.1119, 0.4687].
  // 0/10 -> centre = half = (z²/20)/(1 + z²/10) = 0.138767 -> [0, 0.2775].
  // 10/10 is the mirror image of 0/10 -> [0.7225, 1].
  it.each([
    [5, 20, 0.1119, 0.4687],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
  ])('%i / %i -> [%f, %f]', (k, n, low, high) => {
    const ci = computeWilsonInterval(k, n);
    expect(ci.value).toBeCloseTo(k / n, 12);
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
    expect(ci.n).toBe(n);
  });
  it('holds the estimate, stays in [0, 1], and narrows as n grows (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const k = Math.round(share * n);
          const ci = computeWilsonInterval(k, n);
          expect(ci.low).toBeGreaterThanOrEqual(0);
          expect(ci.high).toBeLessThanOrEqual(1);
          expect(ci.low).toBeLessThanOrEqual(ci.value + 1e-12);
          expect(ci.high).toBeGreaterThanOrEqual(ci.value - 1e-12);
          const wider = computeWilsonInterval(k * 4, n * 4);
          expect(wider.high - wider.low).toBeLessThan(ci.high - ci.low);
        },
      ),
    );
  });
  it.each([
    [3, 0],
    [3, 2],
    [-1, 5],
  ])('rejects %i successes out of %i', (k, n) => {
    expect(() => computeWilsonInterval(k, n)).toThrow(RangeError);
  });
});

describe('computeMeanInterval', () => {
  // R: t.test(1:10)$conf.int = [3.334149, 7.665851]; by hand s = 3.02765, se = 0.957427,
  // half = 2.262157 · 0.957427 = 2.165852.
  it('1..10 -> mean 5.5 in [3.334149, 7.665851]', () => {
    const ci = computeMeanInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ci.value).toBe(5.5);
    expect(ci.low).toBeCloseTo(3.334149, 5);
    expect(ci.high).toBeCloseTo(7.665851, 5);
  });
  // By hand: 2, 4 -> mean 3, s = √2, se = 1, t(0.975, 1) = 12.7062 -> [-9.7062, 15.7062].
  it('2, 4 -> [-9.7062, 15.7062]', () => {
    const ci = computeMeanInterval([2, 4]);
    expect(ci.low).toBeCloseTo(-9.7062, 3);
    expect(ci.high).toBeCloseTo(15.7062, 3);
  });
  it('a single value gives an unbounded interval', () => {
    expect(computeMeanInterval([7])).toMatchObject({ value: 7, low: -Infinity, high: Infinity, n: 1 });
  });
  it('constant values give a zero-width interval', () => {
    expect(computeMeanInterval([4, 4, 4])).toMatchObject({ value: 4, low: 4, high: 4 });
  });
});

describe('computeMedian', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[], Number.NaN],
  ])('median %j = %f', (values, expected) => {
    expect(computeMedian(values)).toBe(expected);
  });
});
