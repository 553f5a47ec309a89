import { describe, expect, it } from 'vitest';
import { computeCents, MAX_EXACT_CENTS, roundToCents } from './money.js';

describe('computeCents: to the cent, half away from zero, as written', () => {
  // Expected values by hand from the decimal text: the third decimal 5 is a half cent.
  it.each([
    [0, 0],
    [-0.125, -13],
    [0.125, 13],
    [-0.005, -1],
    [0.005, 1],
    [1.005, 101], // binary 1.00499999999999989..., written as a half
    [2.675, 268], // binary 2.67499999999999982...
    [8.345, 835],
    [-1.005, -101],
    [1.004999, 100],
    [1.0049, 100],
    [0.1 + 0.2, 30],
    [123456789.125, 12345678913],
    [99999999999.995, 10000000000000], // 14 significant digits, a half
    [12345678901.23, 1234567890123],
  ])('%s -> %s cents', (euros, cents) => {
    expect(computeCents(euros)).toBe(cents);
  });

  it('gives back the cents of any cents / 100 in the exact range', () => {
    // Identity over the range, probed at its top and at powers of two.
    for (const c of [1, 99, 2 ** 40 + 1, 2 ** 49 + 3, MAX_EXACT_CENTS - 1, -(MAX_EXACT_CENTS - 7)])
      expect(computeCents(c / 100)).toBe(c);
  });

  it('roundToCents is the same rule in euros', () => {
    expect(roundToCents(-0.125)).toBe(-0.13);
    expect(roundToCents(1.005)).toBe(1.01);
  });
});
