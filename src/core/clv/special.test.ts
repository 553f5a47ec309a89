import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeHyp2f1, computeLogGamma, computeLogRisingFactorial, computeLogSumExp } from './special.js';

describe('computeLogGamma', () => {
  // Expected values: mpmath.loggamma (50-digit arithmetic), and by hand where noted.
  it.each([
    [1e-8, 18.42068073818021],
    [0.001, 6.907178885383853],
    [0.1, 2.252712651734206],
    [0.5, 0.5723649429247001], // ln √π
    [1, 0], // Γ(1) = 1
    [1.5, -0.12078223763524522], // ln(√π / 2)
    [2, 0], // Γ(2) = 1
    [3.5, 1.2009736023470743],
    [10, 12.801827480081469], // ln 9! = ln 362880
    [100, 359.1342053695754],
    [171.5, 709.1431630309282],
    [1e5, 1051287.7089736569],
  ])('lnΓ(%d) = %d', (x, expected) => {
    expect(Math.abs(computeLogGamma(x) - expected)).toBeLessThanOrEqual(
      1e-13 * Math.max(1, Math.abs(expected)),
    );
  });

  it.each([0, -1, -0.5, NaN, Infinity])('refuses %d', (x) => {
    expect(() => computeLogGamma(x)).toThrow(RangeError);
  });

  it('satisfies Γ(x+1) = x Γ(x) (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (x) => {
        const lhs = computeLogGamma(x + 1);
        const rhs = Math.log(x) + computeLogGamma(x);
        return Math.abs(lhs - rhs) <= 1e-12 * Math.max(1, Math.abs(lhs));
      }),
    );
  });

  it('the rising factorial sum equals the difference of log-gammas', () => {
    // ln Γ(0.3 + 5) - ln Γ(0.3) = ln(0.3 · 1.3 · 2.3 · 3.3 · 4.3) by hand
    expect(computeLogRisingFactorial(0.3, 5)).toBeCloseTo(Math.log(0.3 * 1.3 * 2.3 * 3.3 * 4.3), 13);
    expect(computeLogRisingFactorial(0.3, 5)).toBeCloseTo(computeLogGamma(5.3) - computeLogGamma(0.3), 12);
    expect(computeLogRisingFactorial(2, 0)).toBe(0);
  });
});

describe('computeHyp2f1', () => {
  const value = (a: number, b: number, c: number, z: number): number => {
    const h = computeHyp2f1(a, b, c, z);
    return h.mantissa * Math.exp(h.logScale);
  };
  const logValue = (a: number, b: number, c: number, z: number): number => {
    const h = computeHyp2f1(a, b, c, z);
    return Math.log(h.mantissa) + h.logScale;
  };

  // Expected values: mpmath.hyp2f1; the first by hand, 2F1(1,1;2;z) = -ln(1-z)/z.
  it.each([
    [1, 1, 2, 0.5, 1.3862943611198906],
    [2.243, 4.426, 4.219, 0.4740258161752194, 4.575315897643689], // the CDNOW client 1, t = 39
    [2.5, 3, 1.2, 0.9, 56714.25757235367],
    [0.3, 0.2, -0.4, 0.5, 0.8244572191424769], // c < 0, not whole
  ])('2F1(%d, %d; %d; %d) = %d', (a, b, c, z, expected) => {
    expect(value(a, b, c, z) / expected).toBeCloseTo(1, 12);
  });

  it.each([
    [30, 40, 35, 0.95, 104.160242066119],
    [200, 210, 205, 0.9, 471.919934966026], // 1e204: beyond a plain sum's comfort
  ])('ln 2F1(%d, %d; %d; %d) = %d (mpmath)', (a, b, c, z, expected) => {
    expect(logValue(a, b, c, z)).toBeCloseTo(expected, 9);
  });

  it('does not overflow where the value exceeds a double: ln 2F1(400, 410; 405; 0.95)', () => {
    const h = computeHyp2f1(400, 410, 405, 0.95);
    expect(Number.isFinite(h.mantissa) && Number.isFinite(h.logScale)).toBe(true);
    expect(h.logScale).toBeGreaterThan(0);
  });

  it('equals (1 - z)^-a when b = c (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 20, noNaN: true }),
        fc.double({ min: 0.01, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        (a, b, z) =>
          Math.abs(logValue(a, b, b, z) - -a * Math.log1p(-z)) <= 1e-10 * (1 + a * -Math.log1p(-z)),
      ),
    );
  });

  it.each([
    [1, 1, 2, 1],
    [1, 1, 2, -0.1],
    [1, 1, 0, 0.5],
    [1, 1, -2, 0.5],
  ])('refuses 2F1(%d, %d; %d; %d)', (a, b, c, z) => {
    expect(() => computeHyp2f1(a, b, c, z)).toThrow(RangeError);
  });

  it('reports a series that does not converge within its budget', () => {
    expect(() => computeHyp2f1(1, 1, 2, 0.999999, 100)).toThrow(/did not converge in 100 terms/);
  });
});

describe('computeLogSumExp', () => {
  it.each([
    [0, 0, Math.log(2)],
    [1000, 1000, 1000 + Math.log(2)], // no overflow
    [-Infinity, 3, 3],
    [3, -Infinity, 3],
    [Math.log(2), Math.log(3), Math.log(5)],
  ])('ln(e^%d + e^%d) = %d', (u, v, expected) => {
    expect(computeLogSumExp(u, v)).toBeCloseTo(expected, 12);
  });
});
