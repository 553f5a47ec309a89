import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCdnowSummary } from '../../../test/helpers/cdnow.js';
import { computeExpectedPurchases, fitBgNbd, type BgNbdParams } from './bgnbd.js';
import { computeExpectedSpend, fitGammaGamma } from './gamma-gamma.js';
import {
  computeClientValue,
  computeMonthIndex,
  computeMonthlyRate,
  computeMonthlyRetention,
  computeSimpleClv,
} from './value.js';

const PAPER: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('computeClientValue', () => {
  it("reproduces lifetimes' customer_lifetime_value on CDNOW (docs/Quickstart.md)", () => {
    // lifetimes: time = 12 months, discount_rate = 0.01 a month, and its default freq "D" counts
    // 30 periods a month (here 30 weeks, as in its example), spend = Gamma-Gamma expectation.
    const cdnow = readCdnowSummary();
    const bg = fitBgNbd(cdnow).params;
    const gg = fitGammaGamma(cdnow.filter((c) => c.x > 0)).params;
    const options = { horizonPeriods: 360, periodsPerMonth: 30, monthlyDiscountRate: 0.01 };
    const expected: Record<string, number> = {
      '1': 140.096211,
      '2': 18.943467,
      '3': 38.180574,
      '6': 1003.868107,
      '7': 28.109683,
      '9': 167.418216,
    };
    for (const [id, clv] of Object.entries(expected)) {
      const c = cdnow.find((row) => row.id === id);
      if (!c) throw new Error(`client ${id} missing`);
      const spend = computeExpectedSpend(gg, c.x, c.zbar) as number;
      expect(computeClientValue(bg, c, spend, options).discountedRevenue / clv).toBeCloseTo(1, 4);
    }
  });

  it('without discount it is spend x E[Y(H)], whatever the month length (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 1, max: 80, noNaN: true }),
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        fc.double({ min: 0.5, max: 10, noNaN: true }),
        (x, T, H, M) => {
          const client = { x, tx: x === 0 ? 0 : T / 2, T };
          const v = computeClientValue(PAPER, client, 10, {
            horizonPeriods: H,
            periodsPerMonth: M,
            monthlyDiscountRate: 0,
          });
          const y = computeExpectedPurchases(PAPER, client, H);
          return (
            Math.abs(v.discountedRevenue - 10 * y) <= 1e-9 * (1 + 10 * y) &&
            Math.abs(v.expectedPurchases - y) < 1e-12
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('discounts each month at the end of the month: two months by hand', () => {
    // H = 2M: month 1 brings E[Y(M)], month 2 E[Y(2M)] - E[Y(M)].
    const client = { x: 2, tx: 30.43, T: 38.86 };
    const M = 4.348;
    const y1 = computeExpectedPurchases(PAPER, client, M);
    const y2 = computeExpectedPurchases(PAPER, client, 2 * M);
    const v = computeClientValue(PAPER, client, 20, {
      horizonPeriods: 2 * M,
      periodsPerMonth: M,
      monthlyDiscountRate: 0.05,
    });
    expect(v.discountedRevenue).toBeCloseTo((20 * y1) / 1.05 + (20 * (y2 - y1)) / 1.05 ** 2, 12);
  });

  it('a partial last month stops at the horizon', () => {
    const client = { x: 1, tx: 3, T: 10 };
    const v = computeClientValue(PAPER, client, 1, {
      horizonPeriods: 1.5,
      periodsPerMonth: 1,
      monthlyDiscountRate: 0.1,
    });
    const y1 = computeExpectedPurchases(PAPER, client, 1);
    const y15 = computeExpectedPurchases(PAPER, client, 1.5);
    expect(v.discountedRevenue).toBeCloseTo(y1 / 1.1 + (y15 - y1) / 1.1 ** 2, 12);
    expect(v.expectedPurchases).toBeCloseTo(y15, 12);
  });

  it('is zero for a zero horizon', () => {
    expect(
      computeClientValue(PAPER, { x: 1, tx: 3, T: 10 }, 5, {
        horizonPeriods: 0,
        periodsPerMonth: 4,
        monthlyDiscountRate: 0.01,
      }),
    ).toEqual({ expectedPurchases: 0, discountedRevenue: 0 });
  });
});

describe('computeMonthlyRate', () => {
  it('10 % a year is 0.797 % a month: 1.1^(1/12) - 1', () => {
    expect(computeMonthlyRate(0.1)).toBeCloseTo(0.00797414, 8);
    expect((1 + computeMonthlyRate(0.1)) ** 12).toBeCloseTo(1.1, 12);
  });
});

describe('computeMonthIndex', () => {
  it.each([
    ['1970-01-01', 1970 * 12],
    ['1997-01-31', 1997 * 12],
    ['1997-02-01', 1997 * 12 + 1],
    ['2024-12-31', 2024 * 12 + 11],
  ])('%s', (iso, expected) => {
    expect(computeMonthIndex(day(iso))).toBe(expected);
  });
});

describe('computeMonthlyRetention', () => {
  it('counts clients of one month who buy again in the next, by hand', () => {
    // As of 31 March: pairs Jan->Feb and Feb->Mar.
    // A: Jan, Feb, Mar -> retained twice out of 2; B: Jan, Mar -> 0 of 1 (Jan), Mar is the last month;
    // C: Feb only -> 0 of 1. Total 2 / 4.
    const clients = [
      { purchaseDays: [day('2024-01-05'), day('2024-02-10'), day('2024-03-02')] },
      { purchaseDays: [day('2024-01-20'), day('2024-03-20')] },
      { purchaseDays: [day('2024-02-15')] },
    ];
    const m = computeMonthlyRetention(clients, day('2024-03-31'));
    expect(m).toEqual({ activeClientMonths: 4, retainedClientMonths: 2, rate: 0.5, monthPairs: 2 });
  });

  it('leaves out an incomplete as-of month', () => {
    // As of 30 March, March is incomplete: only Jan->Feb. A: 1 of 1, B: 0 of 1.
    const clients = [
      { purchaseDays: [day('2024-01-05'), day('2024-02-10'), day('2024-03-02')] },
      { purchaseDays: [day('2024-01-20'), day('2024-03-20')] },
    ];
    expect(computeMonthlyRetention(clients, day('2024-03-30'))).toMatchObject({
      rate: 0.5,
      activeClientMonths: 2,
    });
  });

  it('is null with a single month of history', () => {
    expect(
      computeMonthlyRetention([{ purchaseDays: [day('2024-01-05')] }], day('2024-01-31')).rate,
    ).toBeNull();
  });
});

describe('computeSimpleClv', () => {
  it.each([
    [100, 0.8, 0.1, 266.6667], // 100 x 0.8 / (1 + 0.1 - 0.8) = 80 / 0.3
    [50, 0.5, 0, 50], // 50 x 0.5 / 0.5
    [10, 0, 0.1, 0],
  ])('margin %d, retention %d, discount %d: %d', (m, r, d, expected) => {
    expect(computeSimpleClv(m, r, d)).toBeCloseTo(expected, 4);
  });

  it('refuses retention 1 without discount (an infinite value)', () => {
    expect(() => computeSimpleClv(10, 1, 0)).toThrow(RangeError);
  });
});
