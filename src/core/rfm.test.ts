import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assignSegment,
  computeBinIndex,
  computeMedian,
  computeMetricScores,
  computeQuantileBreaks,
  computeRfm,
  createRfmAccumulator,
  createRfmTotals,
  DEFAULT_SEGMENTS,
  type Binning,
  type RfmClient,
} from './rfm.js';

const q5: Binning = { kind: 'quantile', bins: 5 };

function clientsWith(metric: 'recency' | 'frequency' | 'monetary', values: number[]): RfmClient[] {
  return values.map((v, i) => ({
    clientId: `C${String(i + 1).padStart(2, '0')}`,
    recencyDays: metric === 'recency' ? v : 0,
    transactionCount: metric === 'frequency' ? v : 1,
    amount: metric === 'monetary' ? v : 1,
  }));
}

describe('createRfmAccumulator', () => {
  it('counts two orders on one day twice and sums exact cents', () => {
    // By hand: A has orders on days 100, 100 and 90: last = 100, recency at 110 = 10 days,
    // 3 orders, 10.10 + 20.20 + 0.10 = 30.40 exactly (floats would give 30.400000000000002).
    const acc = createRfmAccumulator();
    acc.add('A', 100, 10.1);
    acc.add('A', 100, 20.2);
    acc.add('B', 95, 5);
    acc.add('A', 90, 0.1);
    expect(acc.size()).toBe(2);
    expect(acc.build(110)).toEqual([
      { clientId: 'A', recencyDays: 10, transactionCount: 3, amount: 30.4, lastOrderDay: 100 },
      { clientId: 'B', recencyDays: 15, transactionCount: 1, amount: 5, lastOrderDay: 95 },
    ]);
  });
  it('nets credit notes', () => {
    const acc = createRfmAccumulator();
    acc.add('A', 10, 100);
    acc.add('A', 12, -30.5);
    expect(acc.build(12)[0]?.amount).toBe(69.5);
  });
});

describe('credit notes are not purchases (DOMAIN.md section 8)', () => {
  // The client: 8 orders of 100 up to 2025-02-05 (day 20124) and a credit note of -50 on
  // 2026-03-15 (day 20527); analysis on 2026-03-15. By hand: recency = 20527 - 20124 = 403 days
  // (not 0), 8 purchases (not 9), amount 800 - 50 = 750.
  const days = [20089, 20094, 20099, 20104, 20109, 20114, 20119, 20124];
  it('as-credit: the credit note nets the amount, neither refreshes recency nor counts', () => {
    const t = createRfmTotals();
    for (const d of days) t.add(0, d, 100);
    t.add(0, 20527, -50);
    expect(t.build(['K'], 20527)).toEqual([
      { clientId: 'K', recencyDays: 403, transactionCount: 8, amount: 750, lastOrderDay: 20124 },
    ]);
    expect(t.creditNotes()).toBe(1);
  });
  it('as-orders: every row is a transaction, as R rfm counts them', () => {
    const t = createRfmTotals('as-orders');
    for (const d of days) t.add(0, d, 100);
    t.add(0, 20527, -50);
    expect(t.build(['K'], 20527)).toEqual([
      { clientId: 'K', recencyDays: 0, transactionCount: 9, amount: 750, lastOrderDay: 20527 },
    ]);
    expect(t.creditNotes()).toBe(0);
  });
  it('a credit note before the first purchase does not set the last purchase day', () => {
    // Credit on day 30 first, purchase on day 10 later in the file: last purchase = day 10.
    const t = createRfmTotals();
    t.add(0, 30, -5);
    t.add(0, 10, 20);
    expect(t.build(['K'], 40)).toEqual([
      { clientId: 'K', recencyDays: 30, transactionCount: 1, amount: 15, lastOrderDay: 10 },
    ]);
  });
  it('a client with credit notes only is not scored and is listed apart', () => {
    const acc = createRfmAccumulator();
    acc.add('A', 10, 100);
    acc.add('B', 11, -20);
    expect(acc.size()).toBe(1);
    expect(acc.build(12).map((c) => c.clientId)).toEqual(['A']);
    expect(acc.creditOnlyClients()).toEqual(['B']);
  });
});

describe('createRfmTotals (clients by number, as a reader interns them)', () => {
  it('lists clients in the order of their first order, skipping numbers that never got one', () => {
    // Client 7 first (days 50 then 60), then client 2 (day 40); 0..6 but 2 never ordered
    // (the reader may have interned them from rows it rejected).
    const t = createRfmTotals();
    t.add(7, 50, 0.1);
    t.add(2, 40, 1.005);
    t.add(7, 60, 0.2);
    expect(t.size()).toBe(2);
    const ids = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
    expect(t.build(ids, 61)).toEqual([
      { clientId: 'c7', recencyDays: 1, transactionCount: 2, amount: 0.3, lastOrderDay: 60 },
      // 1.005 euros as written is a half cent: 1.01, half away from zero (docs/numbers.md), even
      // though the binary 1.005 is 1.00499999999999989...
      { clientId: 'c2', recencyDays: 21, transactionCount: 1, amount: 1.01, lastOrderDay: 40 },
    ]);
  });

  it('grows past its first size', () => {
    const t = createRfmTotals();
    for (let c = 5000; c >= 0; c--) t.add(c, c, 1);
    const built = t.build(
      Array.from({ length: 5001 }, (_, i) => `k${i}`),
      5000,
    );
    expect(built).toHaveLength(5001);
    expect(built[0]).toEqual({
      clientId: 'k5000',
      recencyDays: 0,
      transactionCount: 1,
      amount: 1,
      lastOrderDay: 5000,
    });
    expect(built[5000]).toEqual({
      clientId: 'k0',
      recencyDays: 5000,
      transactionCount: 1,
      amount: 1,
      lastOrderDay: 0,
    });
  });
});

describe('createRfmTotals().addMany', () => {
  it('sums a batch as add does row by row', () => {
    // By hand: client 1500 (past the first 1024) days 10 then 30 (a credit note of -2 on day 40
    // neither counts nor moves the day), client 4 one order; client 9 a credit note only.
    const t = createRfmTotals();
    t.addMany(
      Int32Array.of(1500, 4, 1500, 9, 1500),
      Float64Array.of(10, 20, 30, 35, 40),
      Float64Array.of(1.5, 2, 0.1, -3, -2),
      5,
    );
    const ids = Array.from({ length: 1501 }, (_, i) => `k${i}`);
    expect(t.build(ids, 50)).toEqual([
      { clientId: 'k1500', recencyDays: 20, transactionCount: 2, amount: -0.4, lastOrderDay: 30 },
      { clientId: 'k4', recencyDays: 30, transactionCount: 1, amount: 2, lastOrderDay: 20 },
    ]);
    expect(t.creditNotes()).toBe(2);
    expect(t.creditOnlyClients(ids)).toEqual(['k9']);
  });

  it('gives the totals of add, on any orders, in both credit-note modes', () => {
    const order = fc.record({
      client: fc.integer({ min: 0, max: 3000 }),
      day: fc.integer({ min: -1000, max: 30000 }),
      cents: fc.integer({ min: -100000, max: 1000000 }),
    });
    fc.assert(
      fc.property(fc.array(order, { maxLength: 200 }), fc.boolean(), (orders, asOrders) => {
        const mode = asOrders ? 'as-orders' : 'as-credit';
        const one = createRfmTotals(mode);
        const many = createRfmTotals(mode);
        for (const o of orders) one.add(o.client, o.day, o.cents / 100);
        // In two batches, as the reader gives them.
        const half = orders.length >> 1;
        for (const part of [orders.slice(0, half), orders.slice(half)])
          many.addMany(
            Int32Array.from(part, (o) => o.client),
            Float64Array.from(part, (o) => o.day),
            Float64Array.from(part, (o) => o.cents / 100),
            part.length,
          );
        const ids = Array.from({ length: 3001 }, (_, i) => `k${i}`);
        expect(many.build(ids, 40000)).toEqual(one.build(ids, 40000));
        expect(many.creditOnlyClients(ids)).toEqual(one.creditOnlyClients(ids));
        expect(many.creditNotes()).toBe(one.creditNotes());
      }),
    );
  });
});

describe('createRfmTotals().merge (a later part of the file, summed by another thread)', () => {
  it('adds a part as its orders added in turn', () => {
    // By hand. First part: client 0 buys 10.50 on day 100 and has a credit note of -2 on day 105;
    // client 1 has only a credit note (-5, day 90). Later part (its own numbers: 0 is client 1,
    // 1 is client 2, 2 is client 0): client 1 buys 20 on day 95, client 2 buys 1 on day 99, client
    // 0 buys 1 on day 103. So client 0: 9.50, 2 purchases, last day 103; client 1: 15, 1, day 95;
    // client 2: 1, 1, day 99; 2 credit notes (as-credit); in order of first line 0, 1, 2.
    const first = createRfmTotals();
    first.add(0, 100, 10.5);
    first.add(0, 105, -2);
    first.add(1, 90, -5);
    const later = createRfmTotals();
    later.add(0, 95, 20);
    later.add(1, 99, 1);
    later.add(2, 103, 1);
    const keys = [1, 2, 0];
    const part = later.exportTotals();
    for (let i = 0; i < part.clients.length; i++)
      first.merge(
        keys[part.clients[i] as number] as number,
        part.cents[i] as number,
        part.lastDays[i] as number,
        part.purchases[i] as number,
      );
    first.addCreditNotes(later.creditNotes());
    const ids = ['a', 'b', 'c'];
    expect(first.build(ids, 110)).toEqual([
      { clientId: 'a', recencyDays: 7, transactionCount: 2, amount: 9.5, lastOrderDay: 103 },
      { clientId: 'b', recencyDays: 15, transactionCount: 1, amount: 15, lastOrderDay: 95 },
      { clientId: 'c', recencyDays: 11, transactionCount: 1, amount: 1, lastOrderDay: 99 },
    ]);
    expect(first.creditNotes()).toBe(2);
    expect(first.creditOnlyClients(ids)).toEqual([]);
  });

  it('gives the totals of add, on any orders cut anywhere, in both credit-note modes', () => {
    const order = fc.record({
      // Few clients (each in both parts), days below 0 too (a client with only credit notes so far
      // has no last day).
      client: fc.integer({ min: 0, max: 6 }),
      day: fc.integer({ min: -30000, max: 30000 }),
      cents: fc.integer({ min: -100000, max: 1000000 }),
    });
    fc.assert(
      fc.property(fc.array(order, { maxLength: 120 }), fc.nat(), fc.boolean(), (orders, at, asOrders) => {
        const mode = asOrders ? 'as-orders' : 'as-credit';
        const one = createRfmTotals(mode);
        for (const o of orders) one.add(o.client, o.day, o.cents / 100);
        const cut = orders.length === 0 ? 0 : at % (orders.length + 1);
        const first = createRfmTotals(mode);
        const later = createRfmTotals(mode);
        for (const o of orders.slice(0, cut)) first.add(o.client, o.day, o.cents / 100);
        for (const o of orders.slice(cut)) later.add(o.client, o.day, o.cents / 100);
        const p = later.exportTotals();
        for (let i = 0; i < p.clients.length; i++)
          first.merge(
            p.clients[i] as number,
            p.cents[i] as number,
            p.lastDays[i] as number,
            p.purchases[i] as number,
          );
        first.addCreditNotes(later.creditNotes());
        const ids = Array.from({ length: 41 }, (_, i) => `k${i}`);
        expect(first.build(ids, 40000)).toEqual(one.build(ids, 40000));
        expect(first.creditOnlyClients(ids)).toEqual(one.creditOnlyClients(ids));
        expect(first.creditNotes()).toBe(one.creditNotes());
      }),
    );
  });
});

describe('computeQuantileBreaks (R rfm bins(): quantile + 1)', () => {
  // Hand-worked, N = 10, frequency 1,1,1,2,2,3,4,5,8,10:
  //   p = .2: index 2.8, x2 = x3 = 1 -> 1 -> break 2
  //   p = .4: index 4.6, x4 = x5 = 2 -> 2 -> break 3
  //   p = .6: index 6.4, x6 = 3, x7 = 4 -> 3.4 -> break 4.4
  //   p = .8: index 8.2, x8 = 5, x9 = 8 -> 5.6 -> break 6.6
  it('hand-worked frequency breaks', () => {
    const b = computeQuantileBreaks([1, 1, 1, 2, 2, 3, 4, 5, 8, 10], 5);
    expect(b).toHaveLength(4);
    [2, 3, 4.4, 6.6].forEach((v, i) => expect(b[i]).toBeCloseTo(v, 12));
  });
});

describe('computeBinIndex: bins [lower, upper)', () => {
  it.each([
    [1, [2, 3, 4.4, 6.6], 1],
    [2, [2, 3, 4.4, 6.6], 2], // on a break: goes up
    [4, [2, 3, 4.4, 6.6], 3],
    [6.6, [2, 3, 4.4, 6.6], 5],
    [2, [2, 2, 2, 2.2], 4], // equal breaks: bins 2 and 3 are [2, 2), empty
    [100, [30, 90, 180, 365], 3],
    [365, [30, 90, 180, 365], 5],
    [0, [30, 90, 180, 365], 1],
  ])('%d among %j is bin %d', (value, breaks, bin) => {
    expect(computeBinIndex(value, breaks)).toBe(bin);
  });
});

describe('computeMetricScores', () => {
  it('frequency, hand-worked: bins 3, 2, 2, 1, 2 clients, ties on the break 2 go up', () => {
    const { scores, bins } = computeMetricScores(
      clientsWith('frequency', [1, 1, 1, 2, 2, 3, 4, 5, 8, 10]),
      'frequency',
      q5,
    );
    expect([...scores]).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 5, 5]);
    expect(bins.counts).toEqual([3, 2, 2, 1, 2]);
    expect(bins.lower[0]).toBe(1);
    expect(bins.upper[4]).toBe(11); // max + 1
  });

  it('an empty bin: eight clients at 1, one at 2, one at 9', () => {
    // Quantiles (R): 1, 1, 1, 1.2 -> breaks 2, 2, 2, 2.2: 1 -> bin 1; 2 -> 3 breaks <= 2 -> bin 4;
    // 9 -> bin 5; bins 2 and 3 are empty.
    const { scores, bins } = computeMetricScores(
      clientsWith('frequency', [1, 1, 1, 1, 1, 1, 1, 1, 2, 9]),
      'frequency',
      q5,
    );
    expect([...scores]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 4, 5]);
    expect(bins.counts).toEqual([8, 0, 0, 1, 1]);
  });

  it('recency is reversed: most recent gets 5', () => {
    // R quantiles of 0, 5, 10, 30, 60: 4, 8, 18, 36 -> breaks 5, 9, 19, 37.
    // 0 -> bin 1 -> R 5; 5 -> bin 2 (on the break) -> 4; 10 -> 3; 30 -> 2; 60 -> 1.
    const { scores, bins } = computeMetricScores(clientsWith('recency', [0, 5, 10, 30, 60]), 'recency', q5);
    expect([...scores]).toEqual([5, 4, 3, 2, 1]);
    [5, 9, 19, 37].forEach((v, i) => expect(bins.breaks[i]).toBeCloseTo(v, 12));
  });

  it('R floating point: the 60 % break of 1..7,30,40,50,60 is just above 8, so 8 stays in bin 3', () => {
    // R: quantile(..., 0.6000000000000001) = 7.0000000000000204 -> break 8.00000000000002 > 8.
    const values = [1, 2, 3, 4, 5, 6, 7, 30, 40, 50, 60, 8];
    // With 12 values the quantiles change; so score 8 against the breaks of the 11 others.
    const { bins } = computeMetricScores(clientsWith('monetary', values.slice(0, 11)), 'monetary', q5);
    expect(bins.breaks[2]).toBe(7.0000000000000204281 + 1);
    expect(bins.breaks[2]).toBeGreaterThan(8);
    expect(computeBinIndex(8, bins.breaks)).toBe(3);
  });

  it('one-order clients all score F = 1', () => {
    const { scores, bins } = computeMetricScores(clientsWith('frequency', [1, 1, 1, 1]), 'frequency', q5);
    expect([...scores]).toEqual([1, 1, 1, 1]);
    expect(bins.breaks).toEqual([2, 2, 2, 2]);
  });

  it('a single client: R 5, F 1, M 1', () => {
    const r = computeRfm([{ clientId: 'X', recencyDays: 12, transactionCount: 3, amount: 50 }], {
      recency: q5,
      frequency: q5,
      monetary: q5,
      segments: DEFAULT_SEGMENTS,
    });
    expect(r.clients[0]).toMatchObject({
      recencyScore: 5,
      frequencyScore: 1,
      monetaryScore: 1,
      rfmScore: 511,
    });
  });

  it('user breaks are used as given, without the plus one', () => {
    // 30, 90, 180, 365: 29 -> bin 1 (R 5), 30 -> bin 2 (R 4), 364 -> bin 4 (R 2), 400 -> bin 5 (R 1).
    const { scores, bins } = computeMetricScores(clientsWith('recency', [29, 30, 364, 400]), 'recency', {
      kind: 'breaks',
      breaks: [30, 90, 180, 365],
    });
    expect([...scores]).toEqual([5, 4, 2, 1]);
    expect(bins.lower).toEqual([29, 30, 90, 180, 365]);
    expect(bins.upper).toEqual([30, 90, 180, 365, 401]);
    expect(bins.counts).toEqual([1, 1, 0, 1, 1]);
  });

  it('three user breaks give four bins', () => {
    const { scores, bins } = computeMetricScores(clientsWith('monetary', [5, 50, 500, 5000]), 'monetary', {
      kind: 'breaks',
      breaks: [10, 100, 1000],
    });
    expect(bins.bins).toBe(4);
    expect([...scores]).toEqual([1, 2, 3, 4]);
  });

  it('rejects breaks that are not ascending', () => {
    expect(() =>
      computeMetricScores(clientsWith('monetary', [1]), 'monetary', { kind: 'breaks', breaks: [10, 5] }),
    ).toThrow(RangeError);
  });

  it('ntile: equal counts, first buckets one larger, ties split by client id', () => {
    // 7 clients into 3: sizes 3, 2, 2. Values 1,1,1,1,2,3,4 sorted (ids C01..C07 in order):
    // C01 C02 C03 -> 1; C04 C05 -> 2; C06 C07 -> 3. C03 and C04 have the same value, different scores.
    const { scores, bins } = computeMetricScores(
      clientsWith('frequency', [1, 1, 1, 1, 2, 3, 4]),
      'frequency',
      {
        kind: 'ntile',
        bins: 3,
      },
    );
    expect([...scores]).toEqual([1, 1, 1, 2, 2, 3, 3]);
    expect(bins.counts).toEqual([3, 2, 2]);
  });

  it('ntile on recency: the most recent get n', () => {
    const { scores } = computeMetricScores(clientsWith('recency', [100, 1, 50, 10]), 'recency', {
      kind: 'ntile',
      bins: 2,
    });
    // sorted by recency descending: 100, 50 -> bucket 1; 10, 1 -> bucket 2.
    expect([...scores]).toEqual([1, 2, 1, 2]);
  });
});

describe('assignSegment (default set, first match wins)', () => {
  it.each([
    [5, 5, 5, 'Champions'],
    [5, 4, 4, 'Potential Loyalist'],
    [2, 2, 2, 'Loyal Customers'],
    [3, 1, 4, 'Promising'],
    [5, 1, 1, 'New Customers'],
    [2, 3, 5, "Can't Lose Them"], // also matches At Risk, Need Attention: first wins
    [1, 5, 5, 'At Risk'],
    [1, 3, 3, 'Need Attention'],
    [3, 1, 1, 'About To Sleep'],
    [1, 2, 3, 'Lost'],
    [1, 1, 1, 'Lost'],
    [2, 5, 1, 'Others'],
    [4, 5, 1, 'Others'],
  ])('R %d F %d M %d -> %s', (r, f, m, name) => {
    const i = assignSegment(r, f, m, DEFAULT_SEGMENTS);
    expect(i === -1 ? 'Others' : DEFAULT_SEGMENTS[i]?.name.en).toBe(name);
  });
});

describe('computeMedian', () => {
  it.each([
    [[3, 1, 2], 2],
    [[3, 1, 2, 10], 2.5],
    [[5], 5],
  ])('%j -> %d', (xs, m) => expect(computeMedian(xs)).toBe(m));
});

describe('computeRfm summary and heat map', () => {
  // Five clients, 5 bins. Recency 0, 5, 10, 30, 60 -> R 5, 4, 3, 2, 1 (worked above).
  // Frequency 5, 4, 3, 2, 1: quantiles 1.8, 2.6, 3.4, 4.2 (R agrees) -> breaks 2.8, 3.6, 4.4, 5.2
  //   -> 5 is below 5.2: bin 4 (the plus one at work); 4 -> 3; 3 -> 2; 2 -> 1; 1 -> 1.
  // Amount 500, 400, 300, 200, 100: quantiles 180, 260, 340, 420 -> breaks 181, 261, 341, 421
  //   -> 5, 4, 3, 2, 1.
  // So 545, 434, 323, 212, 111. Segments: 545 is not Champions (F 4): Potential Loyalist
  // (R 3-5, F 3-5, M 2-5); 434 idem; 323 fails F 3-5, Loyal Customers (2-4 x3); 212: Loyal needs
  // F >= 2, Promising R 3-4, New R 4-5, Can't Lose/At Risk M 4-5, Need Attention F 3-5 all fail,
  // About To Sleep (R 2-3, F 1-3, M 1-4) matches; 111 Lost.
  const clients: RfmClient[] = [
    { clientId: 'A', recencyDays: 0, transactionCount: 5, amount: 500 },
    { clientId: 'B', recencyDays: 5, transactionCount: 4, amount: 400 },
    { clientId: 'C', recencyDays: 10, transactionCount: 3, amount: 300 },
    { clientId: 'D', recencyDays: 30, transactionCount: 2, amount: 200 },
    { clientId: 'E', recencyDays: 60, transactionCount: 1, amount: 100 },
  ];
  const result = computeRfm(clients, {
    recency: q5,
    frequency: q5,
    monetary: q5,
    segments: DEFAULT_SEGMENTS,
  });
  it('scores', () => {
    expect(result.clients.map((c) => c.rfmScore)).toEqual([545, 434, 323, 212, 111]);
    expect(result.clients.map((c) => c.segment)).toEqual([1, 1, 2, 8, 9]);
  });
  it('segment summary: revenue, orders, average order value', () => {
    expect(
      result.segments.map((s) => [s.name.en, s.clients, s.orders, s.revenue, s.averageOrderValue]),
    ).toEqual([
      ['Potential Loyalist', 2, 9, 900, 100],
      ['Loyal Customers', 1, 3, 300, 100],
      ['About To Sleep', 1, 2, 200, 100],
      ['Lost', 1, 1, 100, 100],
    ]);
    expect(result.segments[3]?.name.fr).toBe('Perdus');
  });
  it('heat map: mean amount per (F, R); the distribution of scores', () => {
    const cell = (f: number, r: number) =>
      result.heatmap.find((c) => c.frequencyScore === f && c.recencyScore === r);
    expect(cell(4, 5)).toEqual({ frequencyScore: 4, recencyScore: 5, clients: 1, meanAmount: 500 });
    expect(cell(3, 4)?.meanAmount).toBe(400);
    expect(cell(1, 2)?.meanAmount).toBe(200);
    expect(cell(1, 1)?.meanAmount).toBe(100);
    expect(cell(2, 2)).toEqual({ frequencyScore: 2, recencyScore: 2, clients: 0, meanAmount: null });
    expect(result.heatmap).toHaveLength(25);
    expect(result.distribution.frequency).toEqual([2, 1, 1, 1, 0]);
  });
});

describe('invariants', () => {
  const client = fc.record({
    clientId: fc.string({ minLength: 1, maxLength: 4 }),
    recencyDays: fc.integer({ min: 0, max: 1000 }),
    transactionCount: fc.integer({ min: 1, max: 30 }),
    amount: fc.integer({ min: -1000, max: 100000 }).map((c) => c / 100),
  });
  it('scores within 1..n; equal values, equal scores; higher frequency never lower score', () => {
    fc.assert(
      fc.property(
        fc.array(client, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        (cs, n) => {
          const b: Binning = { kind: 'quantile', bins: n };
          const r = computeRfm(cs, { recency: b, frequency: b, monetary: b, segments: DEFAULT_SEGMENTS });
          for (const a of r.clients) {
            for (const s of [a.recencyScore, a.frequencyScore, a.monetaryScore]) {
              expect(s).toBeGreaterThanOrEqual(1);
              expect(s).toBeLessThanOrEqual(n);
            }
            for (const c of r.clients) {
              if (a.recencyDays === c.recencyDays) expect(a.recencyScore).toBe(c.recencyScore);
              if (a.transactionCount === c.transactionCount) expect(a.frequencyScore).toBe(c.frequencyScore);
              if (a.amount === c.amount) expect(a.monetaryScore).toBe(c.monetaryScore);
              if (a.transactionCount < c.transactionCount)
                expect(a.frequencyScore).toBeLessThanOrEqual(c.frequencyScore);
              if (a.recencyDays < c.recencyDays)
                expect(a.recencyScore).toBeGreaterThanOrEqual(c.recencyScore);
            }
          }
          expect(r.segments.reduce((s, g) => s + g.clients, 0)).toBe(cs.length);
          expect(r.distribution.monetary.reduce((s, x) => s + x, 0)).toBe(cs.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
