import { describe, expect, it } from 'vitest';
import { computeObjectiveGap, computePortfolio, createPortfolioTally } from './portfolio.js';
import { SEED_PARAMETERS } from './plan.js';

// By hand: A 10 000 x 50 % = 5 000 (N); B 20 000 x 25 % = 5 000 (N); C 30 000 x 10 % = 3 000 (S);
// D 0 x 90 % = 0 (S). Total 60 000 potential, 13 000 expected, weighted probability 13/60.
const ROWS = [
  { potential: 10000, probability: 0.5, key: ['N'] },
  { potential: 20000, probability: 0.25, key: ['N'] },
  { potential: 30000, probability: 0.1, key: ['S'] },
  { potential: 0, probability: 0.9, key: ['S'] },
];

describe('computePortfolio', () => {
  const result = computePortfolio(ROWS);
  it('totals: count 4, potential 60 000, expected value 13 000, probability 21.67 %', () => {
    expect(result.total.count).toBe(4);
    expect(result.total.potential).toBe(60000);
    expect(result.total.expectedValue).toBe(13000);
    expect(result.total.probability).toBeCloseTo(13000 / 60000, 12);
  });

  it.each([
    // N: 30 000, 10 000 expected, 10/30 = 33.3 %, share 10/13 = 76.9 %
    [0, 'N', 2, 30000, 10000, 1 / 3, 10 / 13],
    // S: 30 000, 3 000 expected, 10 %, share 3/13 = 23.1 %
    [1, 'S', 2, 30000, 3000, 0.1, 3 / 13],
  ])('group %d is %s', (i, key, count, potential, ev, probability, share) => {
    const g = result.groups[i];
    expect(g?.key).toEqual([key]);
    expect(g?.count).toBe(count);
    expect(g?.potential).toBe(potential);
    expect(g?.expectedValue).toBeCloseTo(ev, 9);
    expect(g?.probability).toBeCloseTo(probability, 12);
    expect(g?.share).toBeCloseTo(share, 12);
  });

  it('shares sum to 1', () => {
    expect(result.groups.reduce((s, g) => s + g.share, 0)).toBeCloseTo(1, 12);
  });

  it('a group with no potential has no weighted probability', () => {
    const r = computePortfolio([{ potential: 0, probability: 0.5, key: [] }]);
    expect(r.total.probability).toBeNull();
    expect(r.total.share).toBe(0);
  });
});

describe('computeObjectiveGap', () => {
  const { objective: _o, ...params } = SEED_PARAMETERS;
  it('60 000 - 13 000 = 47 000 to find: 47 000 / 20 000 = 2.35 -> 3 deals, the seed chain after', () => {
    const gap = computeObjectiveGap(60000, 13000, params);
    expect(gap.gap).toBe(47000);
    expect(gap.covered).toBe(false);
    // 3 deals x 3 = 9 proposals x 4 = 36 - 8 = 28 / 6 % = 466.7 -> 467 prospects x 4 = 1868 contacts
    expect(gap.plan?.figures).toMatchObject({
      deals: 3,
      proposals: 9,
      prospectsToContact: 467,
      contacts: 1868,
    });
  });

  it('an expected value above the objective covers it: no plan', () => {
    expect(computeObjectiveGap(10000, 13000, params)).toEqual({
      objective: 10000,
      expectedValue: 13000,
      gap: -3000,
      covered: true,
    });
  });
});

describe('computePortfolio laws (fast-check)', () => {
  it('group totals add up to the portfolio; shares sum to 1; probabilities stay in 0..1', async () => {
    const fc = await import('fast-check');
    const row = fc.record({
      potential: fc.integer({ min: 0, max: 1_000_000 }),
      probability: fc.double({ min: 0, max: 1, noNaN: true }),
      key: fc.tuple(fc.constantFrom('N', 'S', 'E')),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 50 }), (rows) => {
        const r = computePortfolio(rows);
        const sum = (f: (g: (typeof r.groups)[number]) => number): number =>
          r.groups.reduce((s, g) => s + f(g), 0);
        expect(sum((g) => g.count)).toBe(rows.length);
        expect(sum((g) => g.potential)).toBe(r.total.potential);
        expect(sum((g) => g.expectedValue)).toBeCloseTo(r.total.expectedValue, 3);
        if (r.total.expectedValue > 0) expect(sum((g) => g.share)).toBeCloseTo(1, 9);
        for (const g of [...r.groups, r.total]) {
          if (g.probability !== null) {
            expect(g.probability).toBeGreaterThanOrEqual(0);
            expect(g.probability).toBeLessThanOrEqual(1 + 1e-12);
          }
        }
      }),
    );
  });
});

describe('the open pipeline and groups that add up (DOMAIN.md section 8)', () => {
  // By hand: A Nord 10 000 x 50 % = 5 000; B "nord " 20 000 x 25 % = 5 000 (same group as Nord:
  // case and spaces ignored); C Île-de-France 30 000 won; D (empty) 5 000 x 10 % = 500;
  // E ILE-DE-FRANCE 8 000 lost; F ile-de-france 4 000 x 50 % = 2 000; G Nord 6 000 x 50 % = 3 000.
  // Open pipeline: 5 rows, potential 45 000, expected value 15 500 = Nord 13 000 + IDF 2 000 +
  // (empty) 500. Won 1 / 30 000 and lost 1 / 8 000 apart.
  const rows = [
    { potential: 10000, probability: 0.5, key: ['Nord'], outcome: 'open' as const },
    { potential: 20000, probability: 0.25, key: ['nord '], outcome: 'open' as const },
    { potential: 30000, probability: 1, key: ['Île-de-France'], outcome: 'won' as const },
    { potential: 5000, probability: 0.1, key: [''], outcome: 'open' as const },
    { potential: 8000, probability: 0, key: ['ILE-DE-FRANCE'], outcome: 'lost' as const },
    { potential: 4000, probability: 0.5, key: ['ile-de-france'], outcome: 'open' as const },
    { potential: 6000, probability: 0.5, key: ['Nord'], outcome: 'open' as const },
  ];
  const line = (r: ReturnType<typeof computePortfolio>): (string | number)[][] =>
    r.groups.map((g) => [g.key.join('/'), g.count, g.potential, g.expectedValue]);

  it('won and lost deals are apart; groups keep the empty key and add up to the total', () => {
    const r = computePortfolio(rows);
    expect([r.total.count, r.total.potential, r.total.expectedValue]).toEqual([5, 45000, 15500]);
    expect(line(r)).toEqual([
      ['Nord', 3, 36000, 13000],
      ['ile-de-france', 1, 4000, 2000],
      ['', 1, 5000, 500],
    ]);
    expect(r.closed).toEqual({ won: { count: 1, potential: 30000 }, lost: { count: 1, potential: 8000 } });
    expect(r.included).toEqual(['open']);
    expect(r.groups.reduce((s, g) => s + g.expectedValue, 0)).toBe(r.total.expectedValue);
  });

  it('--include won,lost sums them back; the most frequent spelling (ties: first seen) names a group', () => {
    // IDF: C 30 000 x 100 % + E 0 + F 2 000 = 32 000; three spellings once each: the first seen.
    const r = computePortfolio(rows, ['won', 'lost']);
    expect([r.total.count, r.total.potential, r.total.expectedValue]).toEqual([7, 83000, 45500]);
    expect(line(r)).toEqual([
      ['Île-de-France', 3, 42000, 32000],
      ['Nord', 3, 36000, 13000],
      ['', 1, 5000, 500],
    ]);
  });
});

describe('createPortfolioTally', () => {
  it('sums rows as they are added (worked by hand: 10,000 at 50 % and 20,000 at 25 %, one lost)', () => {
    const tally = createPortfolioTally();
    tally.add({ potential: 10_000, probability: 0.5, key: ['Nord'] });
    tally.add({ potential: 20_000, probability: 0.25, key: ['nord '] });
    tally.add({ potential: 5_000, probability: 0.9, key: ['Sud'], outcome: 'lost' });
    const result = tally.result();
    // open pipeline: potential 30,000, expected value 5,000 + 5,000 = 10,000, probability 1/3
    expect(result.total).toMatchObject({ count: 2, potential: 30_000, expectedValue: 10_000 });
    expect(result.total.probability).toBeCloseTo(1 / 3, 12);
    expect(result.groups.map((g) => [g.key, g.count])).toEqual([[['Nord'], 2]]);
    expect(result.closed.lost).toEqual({ count: 1, potential: 5_000 });
  });
});
