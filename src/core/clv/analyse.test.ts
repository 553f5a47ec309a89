import { beforeAll, describe, expect, it } from 'vitest';
import { readCdnowOrders } from '../../../test/helpers/cdnow.js';
import { computeClvAnalysis, computeMarginRates, type ClvOptions, type ClvResult } from './analyse.js';
import { buildClientSummaries, type Order } from './summary.js';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const orders: Order[] = readCdnowOrders().map((o) => ({
  clientId: o.id,
  day: o.day,
  amount: o.amount,
  line: o.line,
}));
const OPTIONS: ClvOptions = {
  asOfDay: day('1997-09-30'),
  unit: 'week',
  horizonPeriods: 52,
  marginRate: 0.35,
  annualDiscountRate: 0.1,
  retention: null,
  top: 10,
  lostBelow: 0.5,
};

describe('computeClvAnalysis on the CDNOW orders, as of 1997-09-30, in weeks', () => {
  let result: ClvResult;
  beforeAll(() => {
    result = computeClvAnalysis(orders, OPTIONS);
  });

  it('fits the published models from the raw orders (unrounded t_x and T)', () => {
    // The summary file rounds t_x and T to 0.01 week; from the orders the estimates move in the
    // fourth digit at most, so they stay within 0.005 of the papers' figures.
    const { r, alpha, a, b } = result.bgnbd.params;
    expect(Math.abs(r - 0.243)).toBeLessThan(0.005);
    expect(Math.abs(alpha - 4.414)).toBeLessThan(0.01);
    expect(Math.abs(a - 0.793)).toBeLessThan(0.005);
    expect(Math.abs(b - 2.426)).toBeLessThan(0.01);
    expect(result.bgnbd.logLikelihood).toBeCloseTo(-9582.4, -1);
    expect(result.gammaGamma.clients).toBe(946);
    expect(result.gammaGamma.params.p).toBeCloseTo(6.25, 1);
    expect(result.gammaGamma.params.q).toBeCloseTo(3.74, 1);
    expect(Math.abs(result.gammaGamma.params.gamma - 15.44)).toBeLessThan(0.05);
  });

  it('counts clients, orders and rejects: 4,960 orders up to the as-of day (awk), 1,959 after', () => {
    expect(result.portfolio.clients).toBe(2357);
    expect(result.clients.reduce((s, c) => s + c.orders, 0)).toBe(4960);
    expect(result.rejects).toEqual({ afterAsOf: 6919 - 4960 });
    expect(result.creditNotes).toEqual({ count: 0, amount: 0, clientsWithoutPurchase: [] });
    // awk '$3<=19970930 {s+=$5}': 173,115.55 dollars; margin at 35 %.
    expect(result.portfolio.revenue).toBeCloseTo(173115.55, 2);
    expect(result.portfolio.margin).toBeCloseTo(0.35 * 173115.55, 2);
    // 1,411 clients of 2,357 made no repeat purchase (2,357 - 946 repeat buyers in the paper).
    expect(result.portfolio.oneOrderClients).toBe(2357 - 946);
  });

  it('the portfolio is the sum of the clients, and no output is NaN', () => {
    expect(result.portfolio.clv).toBeCloseTo(
      result.clients.reduce((s, c) => s + c.clv, 0),
      6,
    );
    for (const c of result.clients) {
      for (const v of [c.probabilityAlive, c.expectedPurchases, c.expectedSpend, c.clv, c.margin]) {
        expect(Number.isFinite(v)).toBe(true);
      }
    }
  });

  it('ranks the top clients by CLV and the likely lost by margin to date', () => {
    const top = result.topByClv.map((c) => c.clv);
    expect(top).toHaveLength(10);
    expect([...top].sort((u, v) => v - u)).toEqual(top);
    expect(top[0]).toBe(Math.max(...result.clients.map((c) => c.clv)));
    expect(result.likelyLost.every((c) => c.probabilityAlive < 0.5)).toBe(true);
    const lostMargins = result.likelyLost.map((c) => c.margin);
    expect([...lostMargins].sort((u, v) => v - u)).toEqual(lostMargins);
  });

  it('the margin rate scales the CLV exactly; no margin means revenue', () => {
    const full = computeClvAnalysis(orders, { ...OPTIONS, marginRate: null });
    expect(full.marginSource).toBe('none');
    expect(full.portfolio.clv * 0.35).toBeCloseTo(result.portfolio.clv, 6);
  });

  it('measures the monthly retention and the simple CLV (recomputed independently in Python)', () => {
    // Months Jan..Sep 1997 (September is complete on the 30th): 3,814 client-months followed by
    // another month, 791 of them bought again in the next month; 3,982 client-months with a
    // purchase carry 173,115.55 x 0.35 of margin, i.e. 15.2161 a client-month;
    // d = 1.1^(1/12) - 1; value = m r / (1 + d - r) = 3.94179; 168 clients bought in September.
    const simple = result.simple;
    expect(simple?.measure).toEqual({
      activeClientMonths: 3814,
      retainedClientMonths: 791,
      rate: 791 / 3814,
      monthPairs: 8,
    });
    expect(simple?.marginPerActiveMonth).toBeCloseTo((0.35 * 173115.55) / 3982, 6);
    expect(simple?.valuePerClient).toBeCloseTo(3.941792409691857, 6);
    expect(simple?.activeClients).toBe(168);
    expect(simple?.total).toBeCloseTo(662.221124828232, 4);
  });

  it('a given retention replaces the measured one', () => {
    const given = computeClvAnalysis(orders, { ...OPTIONS, retention: 0.5 });
    expect(given.simple?.retentionSource).toBe('given');
    const m = given.simple?.marginPerActiveMonth as number;
    const d = given.monthlyDiscountRate;
    expect(given.simple?.valuePerClient).toBeCloseTo((m * 0.5) / (1 + d - 0.5), 10);
  });
});

describe('computeMarginRates', () => {
  const summaries = buildClientSummaries(
    [
      { clientId: 'A', day: 0, amount: 100, margin: 40 },
      { clientId: 'A', day: 9, amount: 100, margin: 40 },
      { clientId: 'B', day: 1, amount: 50, margin: 10 },
      { clientId: 'C', day: 2, amount: 80, margin: null },
    ],
    10,
    'day',
  ).clients;

  it('uses each client’s own ratio, and the file’s ratio for a client without margins', () => {
    // A: 80 / 200 = 40 %; B: 10 / 50 = 20 %; C: file ratio (80 + 10) / (200 + 50) = 36 %
    const { source, rates } = computeMarginRates(summaries, null);
    expect(source).toBe('column');
    expect(rates[0]).toBeCloseTo(0.4, 12);
    expect(rates[1]).toBeCloseTo(0.2, 12);
    expect(rates[2]).toBeCloseTo(0.36, 12);
  });

  it('the flag wins; no margin at all means rate 1 (revenue)', () => {
    expect(computeMarginRates(summaries, 0.35)).toEqual({ source: 'flag', rates: [0.35, 0.35, 0.35] });
    const plain = buildClientSummaries([{ clientId: 'A', day: 0, amount: 5 }], 3, 'day').clients;
    expect(computeMarginRates(plain, null)).toEqual({ source: 'none', rates: [1] });
  });
});

describe('computeClvAnalysis on a handful of clients, and what it refuses', () => {
  it('a handful of clients runs Gamma-Gamma to a boundary: a regularised fit, said in `fits`', () => {
    // A and B both repeat at exactly 10: no spread of spend, p runs to infinity.
    const few: Order[] = [
      { clientId: 'A', day: 0, amount: 10 },
      { clientId: 'A', day: 10, amount: 10 },
      { clientId: 'B', day: 5, amount: 10 },
      { clientId: 'B', day: 60, amount: 10 },
      { clientId: 'C', day: 3, amount: 10 },
    ];
    const result = computeClvAnalysis(few, { ...OPTIONS, asOfDay: 100, unit: 'day' });
    expect(result.fits.gammaGamma).toMatchObject({ method: 'regularised', reason: 'boundary' });
    expect(result.fits.gammaGamma.detail).toContain('Gamma-Gamma: the fit ran to a boundary');
    expect(result.fits.gammaGamma.boundary).toContainEqual({ name: 'p', toward: 'infinity' });
    // The history needs no fit: A 20, B 20, C 10 (by hand).
    expect(result.clients.map((c) => [c.clientId, c.revenue])).toEqual([
      ['A', 20],
      ['B', 20],
      ['C', 10],
    ]);
    expect(result.clients.every((c) => Number.isFinite(c.clv) && c.clv >= 0)).toBe(true);
  });

  it('no order on or before the as-of day', () => {
    expect(() =>
      computeClvAnalysis([{ clientId: 'A', day: 200, amount: 1 }], { ...OPTIONS, asOfDay: 100 }),
    ).toThrow(/no client has an order on or before the as-of date/);
  });
});
