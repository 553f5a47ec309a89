import { describe, expect, it } from 'vitest';
import { readCdnowOrders, readCdnowSummary } from '../../../test/helpers/cdnow.js';
import { buildClientSummaries, DAYS_PER_PERIOD, type Order } from './summary.js';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('buildClientSummaries', () => {
  it('recomputes the papers’ CDNOW summary from the 6,919 orders: all 2,357 clients agree', () => {
    const orders: Order[] = readCdnowOrders().map((o) => ({
      clientId: o.id,
      day: o.day,
      amount: o.amount,
      line: o.line,
    }));
    const { clients, rejects } = buildClientSummaries(orders, day('1997-09-30'), 'week');
    const expected = readCdnowSummary();
    expect(clients).toHaveLength(2357);
    const byId = new Map(clients.map((c) => [c.clientId, c]));
    let agree = 0;
    for (const row of expected) {
      const c = byId.get(row.id);
      // The summary file rounds t_x and T to the hundredth of a week and zbar to the cent.
      if (
        c &&
        c.x === row.x &&
        Math.abs(c.tx - row.tx) <= 0.005 + 1e-9 &&
        Math.abs(c.T - row.T) <= 0.005 + 1e-9 &&
        Math.abs(c.zbar - row.zbar) <= 0.005 + 1e-9
      ) {
        agree++;
      }
    }
    expect(agree).toBe(2357);
    // Everything after 1997-09-30 is left out and counted: 6,919 orders in all.
    expect(rejects.every((r) => r.reason === 'afterAsOf')).toBe(true);
    expect(clients.reduce((s, c) => s + c.orders, 0) + rejects.length).toBe(6919);
  });

  it('client 1 of CDNOW by hand: purchases on 1 Jan, 18 Jan, 2 Aug 1997', () => {
    // x = 2; t_x = (2 Aug - 1 Jan) = 213 days = 30.43 weeks; T = 272 days = 38.86 weeks;
    // zbar = (29.73 + 14.96) / 2 = 22.345; the 12 Dec order is after the as-of day.
    const orders: Order[] = [
      { clientId: '1', day: day('1997-01-01'), amount: 29.33 },
      { clientId: '1', day: day('1997-01-18'), amount: 29.73 },
      { clientId: '1', day: day('1997-08-02'), amount: 14.96 },
      { clientId: '1', day: day('1997-12-12'), amount: 26.48 },
    ];
    const { clients, rejects } = buildClientSummaries(orders, day('1997-09-30'), 'week');
    expect(clients[0]).toMatchObject({ x: 2, orders: 3 });
    expect(clients[0]?.tx).toBeCloseTo(213 / 7, 12);
    expect(clients[0]?.T).toBeCloseTo(272 / 7, 12);
    expect(clients[0]?.zbar).toBeCloseTo(22.345, 12);
    expect(clients[0]?.revenue).toBeCloseTo(29.33 + 29.73 + 14.96, 12);
    expect(rejects).toHaveLength(1);
  });

  it('orders on the same day are one purchase, their amounts added', () => {
    const orders: Order[] = [
      { clientId: 'A', day: 10, amount: 5 },
      { clientId: 'A', day: 10, amount: 7 },
      { clientId: 'A', day: 20, amount: 3 },
      { clientId: 'A', day: 20, amount: 1 },
      { clientId: 'A', day: 30, amount: 10 },
    ];
    const [a] = buildClientSummaries(orders, 40, 'day').clients;
    // purchase days 10 (12), 20 (4), 30 (10): x = 2, zbar = (4 + 10) / 2
    expect(a).toMatchObject({ x: 2, tx: 20, T: 30, zbar: 7, orders: 5, revenue: 26 });
  });

  it.each([
    ['day', 1],
    ['week', 7],
    ['month', 30.4375],
  ] as const)('period %s: %d days', (unit, days) => {
    expect(DAYS_PER_PERIOD[unit]).toBe(days);
    const [a] = buildClientSummaries([{ clientId: 'A', day: 0, amount: 1 }], 365, unit).clients;
    expect(a?.T).toBeCloseTo(365 / days, 12);
  });

  it('a single order: x = 0, t_x = 0, zbar = 0', () => {
    const [a] = buildClientSummaries([{ clientId: 'A', day: 5, amount: 9 }], 12, 'day').clients;
    expect(a).toMatchObject({ x: 0, tx: 0, T: 7, zbar: 0 });
  });

  it('nets a credit note in revenue without making it a purchase; rejects orders after the as-of day', () => {
    // By hand: A buys 10 on day 1, gets a credit note of -4 on day 3 (not a purchase day: x = 0,
    // t_x = 0), revenue 10 - 4 = 6; the order of day 9 is after the as-of day 8. B has only a
    // credit note: no purchase, not modelled.
    const orders: Order[] = [
      { clientId: 'A', day: 1, amount: 10, line: 2 },
      { clientId: 'A', day: 3, amount: -4, line: 4 },
      { clientId: 'A', day: 9, amount: 5, line: 5 },
      { clientId: 'B', day: 2, amount: -7, line: 6 },
    ];
    const { clients, rejects, creditNotes, creditOnlyClients } = buildClientSummaries(orders, 8, 'day');
    expect(rejects.map((r) => [r.order.line, r.reason])).toEqual([[5, 'afterAsOf']]);
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatchObject({
      x: 0,
      tx: 0,
      T: 7,
      orders: 1,
      revenue: 6,
      creditNotes: 1,
      lastDay: 1,
    });
    expect(creditNotes).toEqual({ count: 2, amount: -11 });
    expect(creditOnlyClients).toEqual(['B']);
  });

  it('an order of amount 0 is a purchase day, as in the CDNOW summary (8 such orders there)', () => {
    const orders: Order[] = [
      { clientId: 'A', day: 1, amount: 10 },
      { clientId: 'A', day: 2, amount: 0 },
    ];
    const [a] = buildClientSummaries(orders, 8, 'day').clients;
    expect(a).toMatchObject({ x: 1, tx: 1, zbar: 0, revenue: 10 });
  });

  it('adds the margin column when the orders carry it', () => {
    const { clients } = buildClientSummaries(
      [
        { clientId: 'A', day: 1, amount: 10, margin: 4 },
        { clientId: 'A', day: 2, amount: 20, margin: 6 },
        { clientId: 'B', day: 2, amount: 20 },
      ],
      8,
      'day',
    );
    expect(clients.map((c) => c.margin)).toEqual([10, null]);
  });
});
