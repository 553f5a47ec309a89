import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignTier,
  computeTierBounds,
  nameTiers,
  SegmentBuilder,
  type SegmentClient,
  type SegmentSpec,
} from './segment.js';

describe('computeTierBounds / assignTier', () => {
  // By hand: sorted high to low [100, 50, 50, 10, 5, 1]; cuts after round(6/3) = 2 and round(12/3) = 4
  // values; the last values before the cuts are 50 and 10.
  it.each([
    [[100, 50, 50, 10, 5, 1], 3, [50, 10]],
    [[1, 2, 3, 4], 2, [3]],
    [[5], 3, [5, 5]],
    [[], 3, []],
    [[7, 7, 7, 7], 2, [7]],
  ])('%j in %i tiers -> bounds %j', (values, count, bounds) => {
    expect(computeTierBounds(values, count)).toEqual(bounds);
  });

  it.each([
    [100, [50, 10], 0],
    [50, [50, 10], 0], // equal to a bound: the higher tier, so equal values stay together
    [49.99, [50, 10], 1],
    [10, [50, 10], 1],
    [9, [50, 10], 2],
    [-5, [50, 10], 2],
  ])('%d with bounds %j is tier %i', (value, bounds, tier) => {
    expect(assignTier(value, bounds)).toBe(tier);
  });

  it('names tiers', () => {
    expect(nameTiers(3)).toEqual(['large', 'medium', 'small']);
    expect(nameTiers(2)).toEqual(['large', 'small']);
    expect(nameTiers(4)).toEqual(['T1', 'T2', 'T3', 'T4']);
  });
});

const SPEC: SegmentSpec = { by: ['sector'], hasRevenue: true, hasMargin: true, hasStatus: true };

const CLIENTS: SegmentClient[] = [
  { key: ['X'], revenue: 100, margin: 30, status: 'client', maturity: null }, // A
  { key: ['X'], revenue: 50, margin: 10, status: 'client', maturity: null }, // B
  { key: ['Y'], revenue: 50, margin: 20, status: 'client', maturity: null }, // C
  { key: ['Y'], revenue: null, margin: null, status: 'prospect', maturity: 'active' }, // D
  { key: [null], revenue: null, margin: null, status: 'prospect', maturity: 'arid' }, // E
  { key: ['Y'], revenue: null, margin: null, status: 'lead', maturity: null }, // F
];

function build(spec: SegmentSpec, clients: SegmentClient[]): SegmentBuilder {
  const builder = new SegmentBuilder(spec);
  for (const c of clients) builder.add(c);
  return builder;
}

describe('SegmentBuilder', () => {
  it('segments by sector: counts, shares, margin rate, maturity, worked by hand', () => {
    const result = build(SPEC, CLIENTS).compute();
    // X: A+B = 2 clients (2/6), 150 revenue (150/200), margin 40 (40/150), average 75.
    // Y: C, D, F = 3 clients (1/2), 50 revenue (1/4), margin 20 (0.4), average 50/3;
    //    prospects D (active) and F (lead, no maturity): rate 1/1.
    // (empty): E = 1 client, 0 revenue, margin 0, margin rate null (revenue 0); arid: rate 0.
    expect(result.segments.map((s) => s.key)).toEqual([{ sector: 'X' }, { sector: 'Y' }, { sector: null }]);
    const [x, y, empty] = result.segments;
    expect(x).toMatchObject({ clients: 2, revenue: 150, margin: 40, averageRevenue: 75 });
    expect(x?.clientShare).toBeCloseTo(2 / 6, 12);
    expect(x?.revenueShare).toBeCloseTo(0.75, 12);
    expect(x?.marginRate).toBeCloseTo(40 / 150, 12);
    expect(y).toMatchObject({
      clients: 3,
      clientShare: 0.5,
      revenue: 50,
      revenueShare: 0.25,
      margin: 20,
      marginRate: 0.4,
    });
    expect(y?.averageRevenue).toBeCloseTo(50 / 3, 12);
    expect(y?.maturity).toEqual({ arid: 0, latent: 0, active: 1, unknown: 1, accessibilityRate: 1 });
    expect(empty).toMatchObject({ clients: 1, revenue: 0, marginRate: null });
    expect(empty?.maturity).toEqual({ arid: 1, latent: 0, active: 0, unknown: 0, accessibilityRate: 0 });
    // Totals: 6 clients, 200 revenue, 60 margin (0.3), prospects: 1 active, 1 arid, 1 unknown -> 1/2.
    expect(result.totals).toMatchObject({ clients: 6, revenue: 200, margin: 60, marginRate: 0.3 });
    expect(result.totals.averageRevenue).toBeCloseTo(200 / 6, 12);
    expect(result.totals.maturity).toEqual({
      arid: 1,
      latent: 0,
      active: 1,
      unknown: 1,
      accessibilityRate: 0.5,
    });
  });

  it('equal-count tiers leave clients without revenue out, and keep equal values together', () => {
    // Revenues present: 100, 50, 50 -> bounds [100, 50]: A large, B and C medium, none small.
    const noKey = CLIENTS.map((c) => ({ ...c, key: [] }));
    const builder = build({ ...SPEC, by: [], tiers: { count: 3, measure: 'revenue' } }, noKey);
    const result = builder.compute();
    expect(result.tiers).toEqual({
      names: ['large', 'medium', 'small'],
      measure: 'revenue',
      lowerBounds: [100, 50],
    });
    expect(result.segments.map((s) => [s.key.tier, s.clients, s.revenue])).toEqual([
      ['large', 1, 100],
      ['medium', 2, 100],
      [null, 3, 0],
    ]);
    expect([0, 1, 2, 3, 4, 5].map((i) => builder.tierOf(i))).toEqual([0, 1, 1, -1, -1, -1]);
  });

  it('fixed thresholds: --tier-thresholds 60 makes large (>= 60) and small', () => {
    const result = build(
      { ...SPEC, by: ['sector'], tiers: { count: 2, measure: 'revenue', thresholds: [60] } },
      CLIENTS,
    ).compute();
    expect(result.segments.map((s) => [s.key.sector, s.key.tier, s.clients])).toEqual([
      ['X', 'large', 1],
      ['X', 'small', 1],
      ['Y', 'small', 1],
      ['Y', null, 2],
      [null, null, 1],
    ]);
  });

  it('tiers by margin', () => {
    // Margins present: 30, 10, 20 -> 2 tiers: cut after round(3/2) = 2 -> bound 20: A, C large; B small.
    const noKey = CLIENTS.map((c) => ({ ...c, key: [] }));
    const builder = build({ ...SPEC, by: [], tiers: { count: 2, measure: 'margin' } }, noKey);
    builder.compute();
    expect([0, 1, 2].map((i) => builder.tierOf(i))).toEqual([0, 1, 0]);
  });

  it('without status column every client with a maturity counts as a prospect; without margin, margin is null', () => {
    const result = build({ by: [], hasRevenue: true, hasMargin: false, hasStatus: false }, [
      { key: [], revenue: 10, margin: null, status: null, maturity: 'active' },
      { key: [], revenue: 10, margin: null, status: null, maturity: 'latent' },
      { key: [], revenue: 10, margin: null, status: null, maturity: 'arid' },
      { key: [], revenue: 10, margin: null, status: null, maturity: 'arid' },
    ]).compute();
    expect(result.totals.maturity.accessibilityRate).toBe(0.25);
    expect(result.totals.margin).toBeNull();
    expect(result.segments[0]?.marginRate).toBeNull();
  });

  it('adds amounts with compensation: ten clients of 0.10 make exactly 1 (a plain loop gives 0.9999999999999999)', () => {
    const clients = Array.from({ length: 10 }, (): SegmentClient => ({
      key: [],
      revenue: 0.1,
      margin: null,
      status: null,
      maturity: null,
    }));
    const result = build({ by: [], hasRevenue: true, hasMargin: false, hasStatus: false }, clients).compute();
    expect(result.totals.revenue).toBe(1);
  });

  it('partitions the file: counts, revenue and margin add up to the totals, shares to 1 (property)', () => {
    const client = fc.record({
      key: fc.tuple(fc.constantFrom('a', 'b', 'c', null), fc.constantFrom('x', 'y')),
      revenue: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
      margin: fc.option(fc.integer({ min: -1000, max: 100_000 }), { nil: null }),
      status: fc.constantFrom('client', 'prospect', 'lead', 'former', null),
      maturity: fc.constantFrom('arid' as const, 'latent' as const, 'active' as const, null),
    });
    fc.assert(
      fc.property(
        fc.array(client, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 2, max: 5 }),
        (clients, tiers) => {
          const result = build(
            {
              by: ['k1', 'k2'],
              hasRevenue: true,
              hasMargin: true,
              hasStatus: true,
              tiers: { count: tiers, measure: 'revenue' },
            },
            clients,
          ).compute();
          const sum = (f: (s: (typeof result.segments)[number]) => number): number =>
            result.segments.reduce((acc, s) => acc + f(s), 0);
          expect(sum((s) => s.clients)).toBe(clients.length);
          expect(sum((s) => s.revenue ?? 0)).toBe(clients.reduce((a, c) => a + (c.revenue ?? 0), 0));
          expect(sum((s) => s.margin ?? 0)).toBe(clients.reduce((a, c) => a + (c.margin ?? 0), 0));
          expect(sum((s) => s.clientShare)).toBeCloseTo(1, 9);
          if ((result.totals.revenue ?? 0) > 0) expect(sum((s) => s.revenueShare ?? 0)).toBeCloseTo(1, 9);
          expect(
            sum((s) => s.maturity.active + s.maturity.arid + s.maturity.latent + s.maturity.unknown),
          ).toBe(clients.filter((c) => c.status === 'prospect' || c.status === 'lead').length);
        },
      ),
    );
  });
});

describe('SegmentBuilder sums to the cent', () => {
  it('0.10 + 0.20 euros is 0.30, not 0.30000000000000004', () => {
    const result = build({ ...SPEC, hasStatus: false }, [
      { key: ['X'], revenue: 0.1, margin: 0.1, status: null, maturity: null },
      { key: ['X'], revenue: 0.2, margin: 0.2, status: null, maturity: null },
    ]).compute();
    expect(result.segments[0]?.revenue).toBe(0.3);
    expect(result.segments[0]?.margin).toBe(0.3);
    expect(result.totals.revenue).toBe(0.3);
  });
});

describe('SegmentBuilder: spellings of a key that differ by case, accents or spaces are one group', () => {
  const spec: SegmentSpec = { by: ['sector'], hasRevenue: true, hasMargin: false, hasStatus: false };
  const add = (b: SegmentBuilder, sector: string | null, revenue: number): number =>
    b.add({ key: [sector], revenue, margin: null, status: null, maturity: null });

  it('merges them, shows the most frequent spelling, and lists the others in the order first seen', () => {
    const b = new SegmentBuilder(spec);
    // By hand: industrie group = Industrie (1), INDUSTRIE (2), 'industrie ' (1): shown INDUSTRIE,
    // 4 clients, revenue 10 + 20 + 30 + 40 = 100; Services alone: 5.
    add(b, 'Industrie', 10);
    add(b, 'INDUSTRIE', 20);
    add(b, 'Services', 5);
    add(b, 'industrie ', 30);
    add(b, 'INDUSTRIE', 40);
    const result = b.compute();
    expect(result.segments.map((s) => [s.key.sector, s.clients, s.revenue])).toEqual([
      ['INDUSTRIE', 4, 100],
      ['Services', 1, 5],
    ]);
    expect(b.keyOf(0)).toEqual(['INDUSTRIE']);
    expect(b.mergedSpellings()).toEqual([
      {
        field: 'sector',
        shown: 'INDUSTRIE',
        shownClients: 2,
        others: [
          { spelling: 'Industrie', clients: 1 },
          { spelling: 'industrie ', clients: 1 },
        ],
      },
    ]);
  });

  it('on a tie shows the spelling seen first; accents do not split a group; empty stays empty', () => {
    const b = new SegmentBuilder(spec);
    add(b, 'ELECTRICITE', 1);
    add(b, 'Électricité', 2);
    add(b, null, 3);
    const result = b.compute();
    // Revenue 3 each: then more clients first.
    expect(result.segments.map((s) => [s.key.sector, s.clients])).toEqual([
      ['ELECTRICITE', 2],
      [null, 1],
    ]);
    expect(b.mergedSpellings().map((m) => [m.shown, m.others])).toEqual([
      ['ELECTRICITE', [{ spelling: 'Électricité', clients: 1 }]],
    ]);
  });

  it('a key written one way only is not reported', () => {
    const b = new SegmentBuilder(spec);
    add(b, 'Services', 1);
    add(b, 'Services', 2);
    b.compute();
    expect(b.mergedSpellings()).toEqual([]);
  });
});
