import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  sortByValueThenId,
  computeCents,
  computeEffortBand,
  computeEffortCrossTab,
  computeEffortCuts,
  computeGini,
  computeMaturityCrossTab,
  computePareto,
  computeParetoOfColumns,
  createValueAccumulator,
  createValueTotals,
  type ParetoInput,
  type ParetoOptions,
} from './pareto.js';

// Hand-worked portfolio: positive total 1000, net total 980 (k has a credit note of -20).
// Sorted: a 500, b 200, c 110, d 50, e 50 (d before e by id), f 40, g 30, h 10, i 10, j 0, k -20.
// Cumulative share before each: a 0, b .50, c .70, d .81, e .86, f .91, g .95, h .98, i .99.
// Rule "before" with 80, 95: a b c in A (c crosses 80 %: .70 before, .81 after: still A),
// d e f in B (.81, .86, .91 < .95), g onwards C (.95 is not < .95); j and k flagged, in C.
const PORTFOLIO: ParetoInput[] = [
  { clientId: 'k', value: -20 },
  { clientId: 'e', value: 50 },
  { clientId: 'a', value: 500 },
  { clientId: 'i', value: 10 },
  { clientId: 'c', value: 110 },
  { clientId: 'j', value: 0 },
  { clientId: 'b', value: 200 },
  { clientId: 'h', value: 10 },
  { clientId: 'g', value: 30 },
  { clientId: 'd', value: 50 },
  { clientId: 'f', value: 40 },
];

describe('computePareto', () => {
  it('classes by the cumulative share before the client: the crossing client is A', () => {
    const r = computePareto(PORTFOLIO, { thresholds: [0.8, 0.95] });
    expect(r.clients.map((c) => `${c.rank}${c.clientId}${c.className}`).join(' ')).toBe(
      '1aA 2bA 3cA 4dB 5eB 6fB 7gC 8hC 9iC 10jC 11kC',
    );
    expect(r.clients.filter((c) => c.nonPositive).map((c) => c.clientId)).toEqual(['j', 'k']);
    const c = r.clients[2];
    expect(c?.share).toBeCloseTo(0.11, 12);
    expect(c?.cumulativeShare).toBeCloseTo(0.81, 12);
  });

  it('the "including" rule puts the crossing client in B', () => {
    // Including: a .50, b .70 <= .80 A; c .81 > .80 -> B; d .86, e .91, f .95 <= .95 B; g .98 C.
    const r = computePareto(PORTFOLIO, { thresholds: [0.8, 0.95], rule: 'including' });
    expect(r.clients.map((c) => c.className).join('')).toBe('AABBBBCCCCC');
  });

  it('summary per class', () => {
    // A: a b c = 810 (.81), 3 of 11; B: d e f = 140 (.14); C: 30 + 10 + 10 + 0 - 20 = 30 (.03).
    const r = computePareto(PORTFOLIO, { thresholds: [0.8, 0.95] });
    expect(r.classes.map((k) => [k.className, k.clients, k.value])).toEqual([
      ['A', 3, 810],
      ['B', 3, 140],
      ['C', 5, 30],
    ]);
    expect(r.classes[0]?.shareOfClients).toBeCloseTo(3 / 11, 12);
    expect(r.classes.map((k) => k.shareOfValue)).toEqual([0.81, 0.14, 0.03]);
  });

  it('concentration: top 20 %, clients for 80 %, Gini', () => {
    // Top 20 % of 11 = ceil(2.2) = 3 clients: 810 / 1000. 80 % reached at the third client.
    // Gini on values clamped at 0, ascending 0 0 10 10 30 40 50 50 110 200 500: sum i x = 9700,
    // G = 2 x 9700 / (11 x 1000) - 12 / 11 = 7.4 / 11.
    const r = computePareto(PORTFOLIO, { thresholds: [0.8, 0.95] }).concentration;
    expect(r).toMatchObject({
      clients: 11,
      total: 980,
      positiveTotal: 1000,
      nonPositiveClients: 2,
      top20Clients: 3,
      top20Share: 0.81,
      clientsFor80: 3,
    });
    expect(r.gini).toBeCloseTo(7.4 / 11, 12);
  });

  it('any number of classes: 70, 90, 97 gives A to D', () => {
    // before: a 0, b .50 -> A; c .70 (not < .70) -> B; d .81, e .86 -> B; f .91 (not < .90) -> C;
    // g .95 -> C; h .98 (not < .97) -> D; i, j, k D.
    const r = computePareto(PORTFOLIO, { thresholds: [0.7, 0.9, 0.97] });
    expect(r.clients.map((c) => c.className).join('')).toBe('AABBBCCDDDD');
  });

  it('exact cents: 0.70 + 0.10 reaches 80 % exactly, where floats say 0.7999999999999999', () => {
    // a 0.70, b 0.10, c 0.10, d 0.10: before c the cumulative share is exactly 0.80 -> c is B.
    expect(0.7 + 0.1).toBeLessThan(0.8);
    const r = computePareto(
      [
        { clientId: 'd', value: 0.1 },
        { clientId: 'c', value: 0.1 },
        { clientId: 'b', value: 0.1 },
        { clientId: 'a', value: 0.7 },
      ],
      { thresholds: [0.8, 0.95] },
    );
    expect(r.clients.map((c) => c.clientId + c.className).join(' ')).toBe('aA bA cB dB');
  });

  it('all values zero or negative: everyone in C, shares 0', () => {
    const r = computePareto(
      [
        { clientId: 'x', value: 0 },
        { clientId: 'y', value: -5 },
      ],
      { thresholds: [0.8, 0.95] },
    );
    expect(r.clients.map((c) => c.className)).toEqual(['C', 'C']);
    expect(r.concentration.clientsFor80).toBe(0);
    expect(r.concentration.gini).toBe(0);
  });

  it('ties in value are ranked by client id; the Gini is that of the values (identity)', () => {
    // Values 5, -1, 5, 0, 5: sorted 5 (a), 5 (b), 5 (c), 0 (z), -1 (m). Clamped ascending: 0 0 5 5 5,
    // sum i x = 5 x (3 + 4 + 5) = 60, G = 2 x 60 / (5 x 15) - 6 / 5 = 0.4.
    const inputs = [
      { clientId: 'c', value: 5 },
      { clientId: 'm', value: -1 },
      { clientId: 'a', value: 5 },
      { clientId: 'z', value: 0 },
      { clientId: 'b', value: 5 },
    ];
    const r = computePareto(inputs, { thresholds: [0.8, 0.95] });
    expect(r.clients.map((c) => c.clientId).join('')).toBe('abczm');
    expect(r.clients.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(r.concentration.gini).toBeCloseTo(0.4, 12);
    expect(r.concentration.gini).toBe(computeGini(inputs.map((i) => i.value)));
  });

  it.each([[[0.95, 0.8]], [[0.8, 1]], [[0, 0.5]]])('rejects thresholds %j', (thresholds) => {
    expect(() => computePareto(PORTFOLIO, { thresholds })).toThrow(RangeError);
  });
});

describe('computeCents and the accumulator', () => {
  it.each([
    [0.1 + 0.2, 30],
    [-12.345, -1235],
    [1e6, 100000000],
  ])('%d euros -> %d cents', (euros, cents) => expect(computeCents(euros)).toBe(cents));
  it('nets credit notes per client', () => {
    const acc = createValueAccumulator();
    acc.add('a', 100.1);
    acc.add('b', 5);
    acc.add('a', -0.1);
    // a: 100.10 - 0.10 = 100 in one order (the credit note is not an order).
    expect(acc.build()).toEqual([
      { clientId: 'a', value: 100, orders: 1 },
      { clientId: 'b', value: 5, orders: 1 },
    ]);
  });
});

describe('sortByValueThenId', () => {
  /** The order by value, highest first, then id, then position, by a plain comparator sort. */
  function reference(cents: number[], ids: string[]): number[] {
    return cents
      .map((_, i) => i)
      .sort((a, b) => {
        const d = (cents[b] as number) - (cents[a] as number);
        if (d !== 0) return d;
        const x = ids[a] as string;
        const y = ids[b] as string;
        return x < y ? -1 : x > y ? 1 : a - b;
      });
  }

  it('orders by value, then id, then position: the sort of numbers and the comparator agree (property)', () => {
    const id = fc.constantFrom('A', 'B', 'C10', 'C2', 'é', 'Z');
    const cents = fc.oneof(
      fc.integer({ min: -500, max: 500 }), // many ties
      fc.constantFrom(0, 1, -1, 2 ** 40, -(2 ** 40), 4e15), // large: the comparator path
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(cents, id), { maxLength: 60 }), (rows) => {
        const c = rows.map((r) => r[0]);
        const ids = rows.map((r) => r[1]);
        expect([...sortByValueThenId(Float64Array.from(c), ids)]).toEqual(reference(c, ids));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps positions exact near the limit of the sort of numbers (cents x clients near 2^53)', () => {
    const count = 1000;
    const top = Math.floor(Number.MAX_SAFE_INTEGER / count) - 2;
    const c = Array.from({ length: count }, (_, i) => (i % 2 === 0 ? top - (i % 7) : -top + (i % 5)));
    const ids = c.map((_, i) => `C${i % 13}`);
    expect([...sortByValueThenId(Float64Array.from(c), ids)]).toEqual(reference(c, ids));
  });
});

describe('createValueTotals', () => {
  it('nets per client number, in the order of first sight; a credit note is not an order', () => {
    // By hand: z 0.1 + 0.2 = 0.30 in 2 orders; x -5 (a credit note) + 5 = 0 in 1 order.
    const t = createValueTotals();
    t.add(3, 0.1);
    t.add(1, -5);
    t.add(3, 0.2);
    t.add(1, 5);
    expect(t.build(['w', 'x', 'y', 'z'])).toEqual([
      { clientId: 'z', value: 0.3, orders: 2 },
      { clientId: 'x', value: 0, orders: 1 },
    ]);
    expect(t.creditNotes()).toBe(1);
  });
  it('as-orders counts every row, as R rfm does', () => {
    const t = createValueTotals('as-orders');
    t.add(1, -5);
    t.add(1, 5);
    expect(t.build(['w', 'x'])).toEqual([{ clientId: 'x', value: 0, orders: 2 }]);
    expect(t.creditNotes()).toBe(0);
  });
  it('grows past its first size, a number seen first after the growth counted once', () => {
    // By hand: 3000 (beyond the first 1024) then 2000 (inside the grown part, never seen), then
    // 5 and 2000 again; a credit note of -0.001 rounds to -0 cents: a value of 0, not -0.
    const t = createValueTotals();
    t.add(3000, 1.5);
    t.add(2000, 2);
    t.add(5, -0.001);
    t.add(2000, 3);
    const ids = Array.from({ length: 3001 }, (_, i) => `k${i}`);
    expect(t.build(ids)).toEqual([
      { clientId: 'k3000', value: 1.5, orders: 1 },
      { clientId: 'k2000', value: 5, orders: 2 },
      { clientId: 'k5', value: 0, orders: 0 },
    ]);
    expect(Object.is(t.columns(ids).cents[2], 0)).toBe(true);
  });
});

describe('createValueTotals().addMany', () => {
  it('nets a batch as add does row by row', () => {
    // By hand: 2000 gets 1.5 and 2.25, 7 a credit note of -1 (not an order) then 3.
    const t = createValueTotals();
    // 5: a credit note of -0.001, -0 cents: a value of 0, not -0.
    t.addMany(Int32Array.of(2000, 7, 2000, 7, 5), Float64Array.of(1.5, -1, 2.25, 3, -0.001), 5);
    const ids = Array.from({ length: 2001 }, (_, i) => `k${i}`);
    expect(t.build(ids)).toEqual([
      { clientId: 'k2000', value: 3.75, orders: 2 },
      { clientId: 'k7', value: 2, orders: 1 },
      { clientId: 'k5', value: 0, orders: 0 },
    ]);
    expect(Object.is(t.columns(ids).cents[2], 0)).toBe(true);
    expect(t.creditNotes()).toBe(2);
  });

  it('gives the totals of add, on any orders, in both credit-note modes', () => {
    const order = fc.record({
      client: fc.integer({ min: 0, max: 3000 }),
      cents: fc.integer({ min: -100000, max: 1000000 }),
    });
    fc.assert(
      fc.property(fc.array(order, { maxLength: 200 }), fc.boolean(), (orders, asOrders) => {
        const mode = asOrders ? 'as-orders' : 'as-credit';
        const one = createValueTotals(mode);
        const many = createValueTotals(mode);
        for (const o of orders) one.add(o.client, o.cents / 100);
        const half = orders.length >> 1;
        for (const part of [orders.slice(0, half), orders.slice(half)])
          many.addMany(
            Int32Array.from(part, (o) => o.client),
            Float64Array.from(part, (o) => o.cents / 100),
            part.length,
          );
        const ids = Array.from({ length: 3001 }, (_, i) => `k${i}`);
        const a = many.columns(ids);
        const b = one.columns(ids);
        expect(many.build(ids)).toEqual(one.build(ids));
        expect([...a.keys]).toEqual([...b.keys]);
        expect([...a.cents].map((c) => Object.is(c, -0))).toEqual([...b.cents].map((c) => Object.is(c, -0)));
        expect(many.creditNotes()).toBe(one.creditNotes());
      }),
    );
  });
});

describe('createValueTotals().merge (a later part of the file, summed by another thread)', () => {
  it('adds a part as its orders added in turn', () => {
    // By hand. First part: client 0 gets 1.50, client 1 a credit note of -1. Later part (its own
    // numbers: 0 is client 2, 1 is client 1): client 2 gets 4, client 1 gets 3 and -0.25. So in
    // order of first line: 0 with 1.50 (1 order), 1 with 1.75 (1 order), 2 with 4 (1 order);
    // 2 credit notes.
    const first = createValueTotals();
    first.add(0, 1.5);
    first.add(1, -1);
    const later = createValueTotals();
    later.add(0, 4);
    later.add(1, 3);
    later.add(1, -0.25);
    const keys = [2, 1];
    const part = later.exportTotals();
    for (let i = 0; i < part.clients.length; i++)
      first.merge(
        keys[part.clients[i] as number] as number,
        part.cents[i] as number,
        part.orders[i] as number,
      );
    first.addCreditNotes(later.creditNotes());
    expect(first.build(['a', 'b', 'c'])).toEqual([
      { clientId: 'a', value: 1.5, orders: 1 },
      { clientId: 'b', value: 1.75, orders: 1 },
      { clientId: 'c', value: 4, orders: 1 },
    ]);
    expect(first.creditNotes()).toBe(2);
  });

  it('gives the totals of add, on any orders cut anywhere, in both credit-note modes', () => {
    const order = fc.record({
      client: fc.integer({ min: 0, max: 40 }),
      cents: fc.integer({ min: -100000, max: 1000000 }),
    });
    fc.assert(
      fc.property(fc.array(order, { maxLength: 120 }), fc.nat(), fc.boolean(), (orders, at, asOrders) => {
        const mode = asOrders ? 'as-orders' : 'as-credit';
        const one = createValueTotals(mode);
        for (const o of orders) one.add(o.client, o.cents / 100);
        const cut = orders.length === 0 ? 0 : at % (orders.length + 1);
        const first = createValueTotals(mode);
        const later = createValueTotals(mode);
        for (const o of orders.slice(0, cut)) first.add(o.client, o.cents / 100);
        for (const o of orders.slice(cut)) later.add(o.client, o.cents / 100);
        const p = later.exportTotals();
        for (let i = 0; i < p.clients.length; i++)
          first.merge(p.clients[i] as number, p.cents[i] as number, p.orders[i] as number);
        first.addCreditNotes(later.creditNotes());
        const ids = Array.from({ length: 41 }, (_, i) => `k${i}`);
        expect(first.build(ids)).toEqual(one.build(ids));
        const a = first.columns(ids).cents;
        const b = one.columns(ids).cents;
        expect([...a].map((c) => Object.is(c, -0))).toEqual([...b].map((c) => Object.is(c, -0)));
        expect(first.creditNotes()).toBe(one.creditNotes());
      }),
    );
  });
});

describe('computeGini', () => {
  it.each([
    [[5, 5, 5], 0],
    [[0, 0, 0, 10], 0.75], // (n - 1) / n
    [[1, 2, 3], 2 / 9], // 2 (1 + 4 + 9) / (3 x 6) - 4 / 3 = 28/18 - 24/18
  ])('%j -> %d', (xs, g) => expect(computeGini(xs)).toBeCloseTo(g, 12));
});

describe('cross-tabs', () => {
  // a 600 (effort 1, X), b 200 (5, Y), c 100 (9, X), d 50 (3, Y), e 30 (7, X), f 20 (none).
  // Classes 80/95: a before 0 A; b .60 A; c .80 B; d .90 B; e .95 C; f C.
  // Efforts 1 3 5 7 9: terciles at index 1 + 4/3 -> 3 + (1/3) 2 = 3.667 and 1 + 8/3 -> 5 + (2/3) 2
  // = 6.333: a, d in band 1; b band 2; c, e band 3.
  const input: ParetoInput[] = [
    { clientId: 'a', value: 600, effort: 1, maturity: 'X' },
    { clientId: 'b', value: 200, effort: 5, maturity: 'Y' },
    { clientId: 'c', value: 100, effort: 9, maturity: 'X' },
    { clientId: 'd', value: 50, effort: 3, maturity: 'Y' },
    { clientId: 'e', value: 30, effort: 7, maturity: 'X' },
    { clientId: 'f', value: 20, effort: null, maturity: null },
  ];
  const result = computePareto(input, { thresholds: [0.8, 0.95] });
  it('effort terciles and value per unit of effort', () => {
    const { cuts, cells, bands } = computeEffortCrossTab(result);
    expect(cuts[0]).toBeCloseTo(11 / 3, 12);
    expect(cuts[1]).toBeCloseTo(19 / 3, 12);
    expect(bands.map((b) => [b.label.en, b.min, b.max])).toEqual([
      ['low', 1, 3],
      ['medium', 5, 5],
      ['high', 7, 9],
    ]);
    expect(cells.map((c) => [c.className, c.category, c.clients, c.value, c.effort])).toEqual([
      ['A', '1', 1, 600, 1],
      ['A', '2', 1, 200, 5],
      ['B', '1', 1, 50, 3],
      ['B', '3', 1, 100, 9],
      ['C', '(none)', 1, 20, null],
      ['C', '3', 1, 30, 7],
    ]);
    expect(cells.map((c) => c.valuePerEffort)).toEqual([600, 40, 50 / 3, 100 / 9, null, 30 / 7]);
  });
  it('maturity', () => {
    const cells = computeMaturityCrossTab(result);
    expect(cells.map((c) => [c.className, c.category, c.clients, c.value])).toEqual([
      ['A', 'X', 1, 600],
      ['A', 'Y', 1, 200],
      ['B', 'X', 1, 100],
      ['B', 'Y', 1, 50],
      ['C', '(none)', 1, 20],
      ['C', 'X', 1, 30],
    ]);
  });
  it.each([
    [3, [3, 5], 1],
    [3.5, [3, 5], 2],
    [5, [3, 5], 2],
    [6, [3, 5], 3],
  ])('effort %d with cuts %j is band %d', (e, cuts, band) => expect(computeEffortBand(e, cuts)).toBe(band));
  it('equal efforts share a band', () => {
    const cuts = computeEffortCuts([2, 2, 2, 2, 8], 3);
    expect(new Set([2, 2, 2, 2].map((e) => computeEffortBand(e, cuts))).size).toBe(1);
  });
});

describe('invariants', () => {
  it('shares sum to 1, classes monotone in rank, A is the smallest prefix reaching the threshold', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 50 }),
        fc.array(fc.integer({ min: -500, max: 100000 }), { minLength: 50, maxLength: 50 }),
        (ids, cents) => {
          const input = ids.map((clientId, i) => ({ clientId, value: (cents[i] as number) / 100 }));
          const r = computePareto(input, { thresholds: [0.8, 0.95] });
          const positive = r.clients.filter((c) => !c.nonPositive);
          const totalCents = positive.reduce((s, c) => s + c.valueCents, 0);
          if (totalCents > 0) {
            expect(positive.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 9);
            const a = r.clients.filter((c) => c.classIndex === 0);
            const aCents = a.reduce((s, c) => s + c.valueCents, 0);
            expect(aCents * 10).toBeGreaterThanOrEqual(totalCents * 8);
            expect((aCents - (a[a.length - 1]?.valueCents ?? 0)) * 10).toBeLessThan(totalCents * 8);
          }
          for (let i = 1; i < r.clients.length; i++) {
            const prev = r.clients[i - 1]!;
            const cur = r.clients[i]!;
            expect(cur.classIndex).toBeGreaterThanOrEqual(prev.classIndex);
            expect(cur.valueCents).toBeLessThanOrEqual(prev.valueCents);
            expect(cur.rank).toBe(prev.rank + 1);
          }
          expect(r.classes.reduce((s, k) => s + k.clients, 0)).toBe(ids.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('clients as columns', () => {
  // Differential: the order path (createValueTotals().columns, computeParetoOfColumns) against
  // the objects path (build, computePareto), on random orders with ties and credit notes; the
  // objects path is the one the hand-worked cases above check.
  it('gives the same result as the objects (property)', () => {
    const order = fc.record({
      client: fc.integer({ min: 0, max: 12 }),
      cents: fc.integer({ min: -3000, max: 9000 }).map((c) => c - (c % 250)),
    });
    fc.assert(
      fc.property(fc.array(order, { minLength: 1, maxLength: 60 }), fc.boolean(), (orders, including) => {
        const ids = Array.from({ length: 13 }, (_, i) => `C${i % 7}${i > 9 ? 'x' : ''}`);
        const totals = createValueTotals();
        for (const o of orders) totals.add(o.client, o.cents / 100);
        const options: ParetoOptions = {
          thresholds: [0.5, 0.8, 0.95],
          rule: including ? 'including' : 'before',
        };
        const expected = computePareto(
          totals.build(ids).map((c) => ({ clientId: c.clientId, value: c.value })),
          options,
        );
        const { clientIds, cents } = totals.columns(ids);
        const got = computeParetoOfColumns({ clientIds, cents }, options);
        expect(got.clients).toEqual(expected.clients);
        expect(got.classes).toEqual(expected.classes);
        expect(got.concentration).toEqual(expected.concentration);
        for (let i = 0; i < got.clients.length; i++) expect(got.client(i)).toEqual(expected.clients[i]);
      }),
      { numRuns: 300 },
    );
  });
});
