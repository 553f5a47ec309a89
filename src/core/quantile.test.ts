import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeQuantiles, computeQuantileSorted, computeSeqProbabilities } from './quantile.js';

describe('computeSeqProbabilities', () => {
  it('gives R seq(0, 1, length.out = 6), including 3 * 0.2 = 0.6000000000000001', () => {
    const p = computeSeqProbabilities(5);
    expect(p).toEqual([0, 0.2, 0.4, 0.6000000000000001, 0.8, 1]);
  });
  it('rejects 0 bins', () => {
    expect(() => computeSeqProbabilities(0)).toThrow(RangeError);
  });
});

describe('computeQuantileSorted (R type 7)', () => {
  // By hand: index = 1 + (N - 1) p; [1,2,3,4] at 0.25: 1.75 -> 1 + 0.75 (2 - 1) = 1.75;
  // at 0.5: 2.5 -> 2.5; at 0: 1; at 1: 4. One value: that value.
  it.each([
    [[1, 2, 3, 4], 0.25, 1.75],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4], 0, 1],
    [[1, 2, 3, 4], 1, 4],
    [[7], 0.3, 7],
    [[2, 2, 2, 9], 0.5, 2], // index 2.5, x2 = x3 = 2: no interpolation
  ])('%j at %d is %d', (sorted, p, expected) => {
    expect(computeQuantileSorted(sorted, p)).toBeCloseTo(expected, 12);
  });

  // Reference: R 4.2.2, sprintf("%.17g", quantile(x, seq(0, 1, length.out = 6))). The 60 %
  // quantile is not 7 but 7.0000000000000204 because p = 0.6000000000000001 and R interpolates
  // with h = 8.9e-16 toward 30; we must match it bit for bit or a client at 8 changes bin.
  it('matches R bit for bit where floating point shows', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 30, 40, 50, 60];
    expect(computeQuantiles(x, computeSeqProbabilities(5))).toEqual([1, 3, 5, 7.0000000000000204281, 40, 60]);
  });
  it.each([
    [
      [1, 1, 1, 2, 2, 3, 4, 5, 8, 10],
      [1, 1, 2, 3.4000000000000004, 5.5999999999999979, 10],
    ],
    [
      [1, 1, 1, 1, 1, 1, 1, 1, 2, 9],
      [1, 1, 1, 1, 1.1999999999999993, 9],
    ],
    [
      [0, 5, 10, 30, 60],
      [0, 4, 8, 18.000000000000007, 36, 60],
    ],
  ])('R reference %j', (x, expected) => {
    // Reference: R 4.2.2 quantile(x, seq(0, 1, length.out = 6)), printed with 17 digits.
    expect(computeQuantiles(x, computeSeqProbabilities(5))).toEqual(expected);
  });

  it('throws on an empty sample', () => {
    expect(() => computeQuantileSorted([], 0.5)).toThrow(RangeError);
  });

  it('is monotone in p and stays within min..max', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, a, b) => {
          const sorted = [...xs].sort((u, v) => u - v);
          const [p, q] = a <= b ? [a, b] : [b, a];
          const qp = computeQuantileSorted(sorted, p);
          const qq = computeQuantileSorted(sorted, q);
          expect(qp).toBeLessThanOrEqual(qq + 1e-9);
          expect(qp).toBeGreaterThanOrEqual((sorted[0] as number) - 1e-9);
          expect(qq).toBeLessThanOrEqual((sorted[sorted.length - 1] as number) + 1e-9);
        },
      ),
    );
  });
});
