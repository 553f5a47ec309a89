import { describe, expect, it } from 'vitest';
import { computeDayNumber } from './calendar.js';
import { computeMonthlyReview, computeYearBefore, type ReviewOrder } from './review.js';

const day = computeDayNumber;
const order = (
  clientId: string,
  y: number,
  m: number,
  d: number,
  amount: number,
  owner: string | null,
): ReviewOrder => ({
  clientId,
  day: day(y, m, d),
  amount,
  owner,
});

describe('computeYearBefore', () => {
  it.each([
    // [from, to] -> [from, to] a year before, by hand on a calendar.
    [
      [2026, 3, 1, 2026, 3, 31],
      [2025, 3, 1, 2025, 3, 31],
    ],
    [
      [2028, 2, 1, 2028, 2, 29],
      [2027, 2, 1, 2027, 2, 28],
    ], // leap day: the month's end stays the end
    [
      [2029, 2, 1, 2029, 2, 28],
      [2028, 2, 1, 2028, 2, 29],
    ], // and 28 Feb 2029 ends February 2028 on the 29th
    [
      [2026, 3, 15, 2026, 4, 10],
      [2025, 3, 15, 2025, 4, 10],
    ],
    [
      [2026, 1, 1, 2026, 12, 31],
      [2025, 1, 1, 2025, 12, 31],
    ],
  ])('%j -> %j', (p, q) => {
    expect(computeYearBefore({ fromDay: day(p[0]!, p[1]!, p[2]!), toDay: day(p[3]!, p[4]!, p[5]!) })).toEqual(
      { fromDay: day(q[0]!, q[1]!, q[2]!), toDay: day(q[3]!, q[4]!, q[5]!) },
    );
  });
});

describe('computeMonthlyReview', () => {
  // Period 2025-01-01..2025-03-31; the file's first order is on 2024-02-10, so January 2024 has no
  // data ("n/a"), February and March 2024 do.
  const orders: ReviewOrder[] = [
    order('C1', 2025, 1, 10, 1000, 'Alice'),
    order('C1', 2025, 2, 5, -200, 'Alice'), // a credit note: nets the revenue, is not an order
    order('C2', 2025, 1, 20, 500, 'Bruno'),
    order('C3', 2025, 2, 14, 300, null), // no owner: (unassigned)
    order('C2', 2024, 2, 10, 250, 'Bruno'),
    order('C1', 2024, 3, 3, 600, 'Alice'),
    order('C1', 2025, 3, 30, 150, 'Alice'),
    order('C4', 2025, 4, 1, 999, 'Alice'), // after the period
  ];
  const period = { fromDay: day(2025, 1, 1), toDay: day(2025, 3, 31) };
  const brief = (m: ReturnType<typeof computeMonthlyReview>['team']) =>
    [...m.months, m.total].map((l) => [
      l.month,
      l.orders,
      l.revenue,
      l.previous?.revenue ?? null,
      l.change,
      l.changeShare,
    ]);

  it('per owner and month, against the same months a year before, by hand', () => {
    const r = computeMonthlyReview({ orders }, { period, compare: true });
    expect(r.owners.map((o) => o.owner)).toEqual(['Alice', 'Bruno', null]);
    // Alice: Jan 1 000 (a year before: n/a); Feb -200, 0 orders (a year before 0: change -200,
    // share n/a); Mar 150 (a year before 600: -450, -75 %). Total 950, n/a (January is not covered).
    expect(brief(r.owners[0]!)).toEqual([
      ['2025-01', 1, 1000, null, null, null],
      ['2025-02', 0, -200, 0, -200, null],
      ['2025-03', 1, 150, 600, -450, -0.75],
      ['total', 2, 950, null, null, null],
    ]);
    // Bruno: Jan 500; Feb 0 against 250 (-250, -100 %); Mar 0 against 0.
    expect(brief(r.owners[1]!)).toEqual([
      ['2025-01', 1, 500, null, null, null],
      ['2025-02', 0, 0, 250, -250, -1],
      ['2025-03', 0, 0, 0, 0, null],
      ['total', 1, 500, null, null, null],
    ]);
    expect(r.owners[2]!.unassigned).toBe(true);
    // The team: Jan 1 500 (2 orders); Feb 100 = -200 + 300 (1 order) against 250: -150, -60 %;
    // Mar 150 against 600.
    expect(brief(r.team)).toEqual([
      ['2025-01', 2, 1500, null, null, null],
      ['2025-02', 1, 100, 250, -150, -0.6],
      ['2025-03', 1, 150, 600, -450, -0.75],
      ['total', 4, 1750, null, null, null],
    ]);
  });

  it("the owners' lines add up to the team, month by month", () => {
    const r = computeMonthlyReview({ orders }, { period, compare: true });
    r.team.months.forEach((t, i) => {
      expect(r.owners.reduce((s, o) => s + o.months[i]!.revenue, 0)).toBeCloseTo(t.revenue, 9);
      expect(r.owners.reduce((s, o) => s + o.months[i]!.orders, 0)).toBe(t.orders);
    });
  });

  it('with every month covered, the total is compared too', () => {
    // Period February-March 2025: a year before, both months are in the file. Team: 250 (2025)
    // against 850 (2024): -600, -70.6 %.
    const r = computeMonthlyReview(
      { orders },
      { period: { fromDay: day(2025, 2, 1), toDay: day(2025, 3, 31) }, compare: true },
    );
    expect(r.team.total.previous).toEqual({ orders: 2, revenue: 850 });
    expect(r.team.total.change).toBe(-600);
    expect(r.team.total.changeShare).toBeCloseTo(-600 / 850, 12);
  });

  it('without compare there is no previous figure', () => {
    const r = computeMonthlyReview({ orders }, { period, compare: false });
    expect(r.team.months.every((m) => m.previous === null && m.change === null)).toBe(true);
  });

  it("an order without an owner takes its client's", () => {
    const r = computeMonthlyReview(
      { orders: [order('C9', 2025, 1, 2, 700, null)], clients: [{ clientId: 'C9', owner: 'Chloé' }] },
      { period, compare: false },
    );
    expect(r.owners.map((o) => [o.owner, o.total.revenue])).toEqual([['Chloé', 700]]);
  });

  it('cuts the months to the period', () => {
    const r = computeMonthlyReview(
      { orders },
      { period: { fromDay: day(2025, 1, 15), toDay: day(2025, 2, 10) }, compare: false },
    );
    // 15-31 January: only Bruno's 500 of the 20th; 1-10 February: Alice's credit note.
    expect(brief(r.team)).toEqual([
      ['2025-01', 1, 500, null, null, null],
      ['2025-02', 0, -200, null, null, null],
      ['total', 1, 300, null, null, null],
    ]);
  });
});
