import { describe, expect, it } from 'vitest';
import {
  compileGridScorer,
  computeAccessibilityRate,
  computeGrade,
  computeHistogram,
  computeRowScore,
  computeScore100,
  computeScoreBounds,
  computeScoreSummary,
  createScoreTally,
  prepareGrid,
} from './compute.js';
import {
  computeDecayFactor,
  matchesNormalised,
  normaliseText,
  prepareRule,
  type Grid,
  type Rule,
} from './grid.js';

const AS_OF = 20000; // a day number; dates below are AS_OF - age

/** The grid every case below is worked against (points chosen to make sums easy by hand). */
const GRID: Grid = {
  criteria: [
    {
      name: 'sector',
      field: 'sector',
      type: 'text',
      group: 'fit',
      missing: -5,
      rules: [
        { kind: 'equals', values: ['Industrie', 'Santé'], points: 20 },
        { kind: 'equals', values: ['Commerce'], points: 5 },
        { kind: 'equals', values: ['Tabac'], points: -15 },
      ],
    },
    {
      name: 'size',
      field: 'employees',
      type: 'number',
      group: 'fit',
      missing: 0,
      rules: [
        { kind: 'range', min: 250, minInclusive: true, maxInclusive: false, points: 25 },
        { kind: 'range', min: 50, minInclusive: true, max: 250, maxInclusive: false, points: 15 },
        { kind: 'range', max: 50, minInclusive: false, maxInclusive: false, points: 5 },
      ],
    },
    {
      name: 'region',
      field: 'region',
      type: 'text',
      missing: 0,
      rules: [{ kind: 'equals', values: ['Île-de-France'], points: 10 }],
    },
    {
      name: 'recency',
      field: 'last_contact',
      type: 'date',
      group: 'behaviour',
      missing: 0,
      decay: { halfLifeDays: 90 },
      rules: [{ kind: 'within', days: 365, points: 30 }],
    },
    { name: 'email', field: 'email', type: 'text', missing: -10, rules: [{ kind: 'present', points: 5 }] },
    {
      name: 'french site',
      field: 'website',
      type: 'text',
      missing: 0,
      rules: [{ kind: 'pattern', pattern: '\\.fr$', points: 5 }],
    },
  ],
  groups: { fit: { cap: 40 }, behaviour: {} },
  totalCap: 80,
  grades: [
    { name: 'A', min: 70 },
    { name: 'B', min: 40 },
  ],
  otherwise: 'C',
  maturity: { A: 'active', B: 'latent', C: 'arid' },
};

describe('normaliseText', () => {
  it.each([
    ['Île-de-France', 'ile-de-france'],
    ['  SANTÉ  ', 'sante'],
    ['Rhône   Alpes', 'rhone alpes'],
    ['ÇA', 'ca'],
  ])('%j -> %j', (input, expected) => expect(normaliseText(input)).toBe(expected));
});

describe('matchesNormalised', () => {
  // expected: what normaliseText(text) === normalised says (worked above)
  it.each([
    ['C0042', 'c0042', true],
    ['C0042', 'c004', false],
    ['c0042 ', 'c0042', true], // trimmed: not printable-only ASCII, so normalised
    ['Île-de-France', 'ile-de-france', true],
    ['Î', 'i', true],
    ['Rhône   Alpes', 'rhone alpes', true],
    ['Rhone-Alpes', 'rhone alpes', false],
  ])('%j against %j -> %j', (text, normalised, expected) => {
    expect(matchesNormalised(text, normalised)).toBe(expected);
  });
});

describe('rules', () => {
  const test = (rule: Rule, value: string | number): boolean => prepareRule(rule).test(value, AS_OF);
  it.each([
    // equals / one of: case and accent insensitive
    [{ kind: 'equals', values: ['Santé'], points: 1 }, 'SANTE', true],
    [{ kind: 'equals', values: ['Santé', 'Industrie'], points: 1 }, 'industrie', true],
    [{ kind: 'equals', values: ['Santé'], points: 1 }, 'Santé publique', false],
    // ranges: each bound inclusive or exclusive as stated
    [{ kind: 'range', min: 50, minInclusive: true, maxInclusive: false, points: 1 }, 50, true],
    [{ kind: 'range', min: 50, minInclusive: false, maxInclusive: false, points: 1 }, 50, false],
    [{ kind: 'range', max: 250, minInclusive: false, maxInclusive: true, points: 1 }, 250, true],
    [{ kind: 'range', max: 250, minInclusive: false, maxInclusive: false, points: 1 }, 250, false],
    [{ kind: 'range', max: 250, minInclusive: false, maxInclusive: false, points: 1 }, 'x', false],
    // within the last 365 days of the as-of day: both ends inclusive, never in the future
    [{ kind: 'within', days: 365, points: 1 }, AS_OF - 365, true],
    [{ kind: 'within', days: 365, points: 1 }, AS_OF - 366, false],
    [{ kind: 'within', days: 365, points: 1 }, AS_OF, true],
    [{ kind: 'within', days: 365, points: 1 }, AS_OF + 1, false],
    [{ kind: 'present', points: 1 }, 'anything', true],
    [{ kind: 'pattern', pattern: '\\.fr$', points: 1 }, 'WWW.ACME.FR', true],
    [{ kind: 'pattern', pattern: '\\.fr$', points: 1 }, 'acme.fr.com', false],
  ] as [Rule, string | number, boolean][])('%j on %j -> %j', (rule, value, expected) => {
    expect(test(rule, value)).toBe(expected);
  });

  it('a pattern only reads the first 1000 characters of a value', () => {
    const rule: Rule = { kind: 'pattern', pattern: 'z', points: 1 };
    expect(test(rule, 'a'.repeat(1000) + 'z')).toBe(false);
    expect(test(rule, 'a'.repeat(999) + 'z')).toBe(true);
  });
});

describe('computeDecayFactor', () => {
  // 0.5 ^ (age / 90): age 0 -> 1, 90 -> 0.5, 180 -> 0.25, 45 -> 1/sqrt(2) = 0.7071068
  it.each([
    [0, 1],
    [90, 0.5],
    [180, 0.25],
    [45, 0.7071068],
    [-10, 1], // a date after the as-of day does not grow
  ])('age %d days -> %d', (age, factor) => {
    expect(computeDecayFactor(AS_OF - age, AS_OF, 90)).toBeCloseTo(factor, 6);
  });
});

describe('computeScoreBounds', () => {
  // By hand, per criterion over {0, missing, rule points}:
  // sector -15..20, size 0..25 -> fit -15..45, capped at 40: -15..40
  // recency 0..30 (behaviour, no cap); region 0..10, email -10..5, site 0..5 -> ungrouped -10..20
  // total -25..90, capped at 80 -> -25..80
  it('gives -25..80 for the test grid', () => {
    expect(computeScoreBounds(GRID)).toEqual({ min: -25, max: 80 });
  });

  // max 20 + 25 + 10 + 30 + 5 + 5 = 95; min -15 + 0 + 0 + 0 - 10 + 0 = -25
  it('with no caps the bounds are the plain sums: -25..95', () => {
    expect(computeScoreBounds({ ...GRID, groups: {}, totalCap: undefined })).toEqual({ min: -25, max: 95 });
  });
});

describe('computeRowScore', () => {
  const prepared = prepareGrid(GRID);
  // score100 = (score + 25) / 105 x 100
  it.each([
    [
      'fit capped, decayed recency',
      // 20 + 25 = 45 -> fit 40; recency 30 x 0.5 (90 days) = 15; 10 + 5 + 5 = 20 -> 75
      {
        sector: 'INDUSTRIE',
        employees: 300,
        region: 'ile-de-france',
        last_contact: AS_OF - 90,
        email: 'a@b.fr',
        website: 'acme.fr',
      },
      75,
      95.238095,
      'A',
      'active',
    ],
    [
      'negative and missing points',
      // -15 + 15 (50 inclusive) = 0; recency missing 0; region 0; email missing -10; site missing 0
      { sector: 'Tabac', employees: 50, region: 'Bretagne', last_contact: null, email: '', website: null },
      -10,
      14.285714,
      'C',
      'arid',
    ],
    [
      'accents, exclusive bound, too old for the window',
      // 20 + 15 (249.9 < 250) = 35; recency: 400 days > 365 -> 0; 10 + 5 + 0 = 15 -> 50
      {
        sector: 'santé',
        employees: 249.9,
        region: ' Île-de-France ',
        last_contact: AS_OF - 400,
        email: 'x',
        website: 'acme.com',
      },
      50,
      71.428571,
      'B',
      'latent',
    ],
    [
      'total cap',
      // fit 45 -> 40; recency 30 (age 0); 10 + 5 + 5 = 20 -> 90 -> capped at 80
      {
        sector: 'Industrie',
        employees: 1000,
        region: 'Île-de-France',
        last_contact: AS_OF,
        email: 'e',
        website: 'x.fr',
      },
      80,
      100,
      'A',
      'active',
    ],
  ] as const)('%s: %d', (_label, values, score, score100, grade, maturity) => {
    const r = computeRowScore(prepared, values, AS_OF);
    expect(r.score).toBeCloseTo(score, 9);
    expect(r.score100).toBeCloseTo(score100, 5);
    expect(r.grade).toBe(grade);
    expect(r.maturity).toBe(maturity);
  });

  it('the breakdown names the rule that matched, the decay and the points', () => {
    const r = computeRowScore(
      prepared,
      { sector: 'Commerce', employees: 10, region: null, last_contact: AS_OF - 180, email: null },
      AS_OF,
    );
    expect(r.breakdown.map((b) => [b.criterion, b.rule, b.basePoints, b.points])).toEqual([
      ['sector', 1, 5, 5],
      ['size', 2, 5, 5],
      ['region', 'missing', 0, 0],
      ['recency', 0, 30, 7.5], // 30 x 0.25 (180 days = two half-lives)
      ['email', 'missing', -10, -10],
      ['french site', 'missing', 0, 0],
    ]);
    expect(r.breakdown[3]?.decay).toBeCloseTo(0.25, 12);
    // fit 10 (no cap hit), behaviour 7.5, ungrouped -10 -> 7.5
    expect(r.groups).toEqual([
      { group: 'fit', sum: 10, points: 10, capped: false },
      { group: 'behaviour', sum: 7.5, points: 7.5, capped: false },
    ]);
    expect(r.score).toBeCloseTo(7.5, 12);
  });

  it.each([
    // the four rows above, worked by hand there: score, grade, maturity
    [
      {
        sector: 'INDUSTRIE',
        employees: 300,
        region: 'ile-de-france',
        last_contact: AS_OF - 90,
        email: 'a@b.fr',
        website: 'acme.fr',
      },
      75,
      'A',
      'active',
    ],
    [
      { sector: 'Tabac', employees: 50, region: 'Bretagne', last_contact: null, email: '', website: null },
      -10,
      'C',
      'arid',
    ],
    [
      {
        sector: 'santé',
        employees: 249.9,
        region: ' Île-de-France ',
        last_contact: AS_OF - 400,
        email: 'x',
        website: 'acme.com',
      },
      50,
      'B',
      'latent',
    ],
    [
      {
        sector: 'Industrie',
        employees: 1000,
        region: 'Île-de-France',
        last_contact: AS_OF,
        email: 'e',
        website: 'x.fr',
      },
      80,
      'A',
      'active',
    ],
  ] as const)('compiled scorer: %j -> %d %s', (values, score, grade, maturity) => {
    const scorer = compileGridScorer(prepared);
    const s = scorer.score(values, AS_OF);
    expect(s).toBeCloseTo(score, 9);
    const g = scorer.gradeIndex(s);
    expect(scorer.gradeNames[g]).toBe(grade);
    expect(scorer.gradeMaturity[g]).toBe(maturity);
    expect(scorer.score100(s)).toBe(computeRowScore(prepared, values, AS_OF).score100);
  });

  it('invariant: every score lies within the computed bounds', () => {
    const sectors = ['Industrie', 'Commerce', 'Tabac', 'Autre', null];
    const sizes = [0, 49, 50, 250, 5000, null];
    const ages = [0, 30, 365, 800, null];
    for (const sector of sectors)
      for (const employees of sizes)
        for (const age of ages)
          for (const email of ['x', null]) {
            const r = computeRowScore(
              prepared,
              {
                sector,
                employees,
                region: 'Île-de-France',
                last_contact: age === null ? null : AS_OF - age,
                email,
                website: 'a.fr',
              },
              AS_OF,
            );
            expect(r.score).toBeGreaterThanOrEqual(-25);
            expect(r.score).toBeLessThanOrEqual(80);
            expect(r.score100).toBeGreaterThanOrEqual(0);
            expect(r.score100).toBeLessThanOrEqual(100);
          }
  });
});

describe('grades and summary', () => {
  it.each([
    [70, 'A'],
    [69.99, 'B'],
    [40, 'B'],
    [39, 'C'],
    [-100, 'C'],
  ])('score %d -> %s', (score, grade) => {
    expect(computeGrade(score, GRID.grades, 'C')).toBe(grade);
  });

  it('score100 is 0 when the grid cannot tell rows apart', () => {
    expect(computeScore100(5, { min: 5, max: 5 })).toBe(0);
  });

  it('counts per grade and the accessibility rate = actives / all: 2 / 4 = 50 %', () => {
    const s = computeScoreSummary(GRID, [
      { score: 75, grade: 'A' },
      { score: -10, grade: 'C' },
      { score: 50, grade: 'B' },
      { score: 80, grade: 'A' },
    ]);
    expect(s.perGrade).toEqual([
      { grade: 'A', count: 2, share: 0.5 },
      { grade: 'B', count: 1, share: 0.25 },
      { grade: 'C', count: 1, share: 0.25 },
    ]);
    expect(s.perMaturity).toEqual({ active: 2, latent: 1, arid: 1 });
    expect(s.accessibilityRate).toBe(0.5);
    expect(s.mean).toBeCloseTo(48.75, 12); // (75 - 10 + 50 + 80) / 4
  });

  it('a tally gives the same counts, mean and rate, and the histogram, without keeping the scores', () => {
    // the four scores above (A, C, B, A); grade indexes 0 = A, 1 = B, 2 = C
    const tally = createScoreTally(GRID, { min: 0, max: 100 });
    tally.add(75, 0, true);
    tally.add(-10, 2, true);
    tally.add(50, 1, true);
    tally.add(80, 0, false); // a client: graded, not a prospect
    const s = tally.summary();
    expect(s.perGrade).toEqual([
      { grade: 'A', count: 2, share: 0.5 },
      { grade: 'B', count: 1, share: 0.25 },
      { grade: 'C', count: 1, share: 0.25 },
    ]);
    // prospects: A (75), C, B -> active 1, latent 1, arid 1; rate 1 / 3
    expect(s.perMaturity).toEqual({ active: 1, latent: 1, arid: 1 });
    expect(s.prospects).toBe(3);
    expect(s.accessibilityRate).toBeCloseTo(1 / 3, 12);
    expect(s.mean).toBeCloseTo(48.75, 12);
    // bins of 10 from 0: -10 goes to the first, 50 to 50..60, 75 to 70..80, 80 to 80..90
    expect(tally.histogram().map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 1, 0]);
  });

  it('no maturity mapping, no accessibility rate', () => {
    const { maturity: _m, ...noMaturity } = GRID;
    expect(computeScoreSummary(noMaturity, [{ score: 1, grade: 'C' }]).accessibilityRate).toBeUndefined();
  });

  it.each([
    [['active', 'arid', 'latent', 'arid'], 0.25],
    [['active', null, 'active'], 1],
    [[null], undefined],
  ] as const)('computeAccessibilityRate(%j) = %s', (m, rate) => {
    expect(computeAccessibilityRate(m)).toBe(rate);
  });

  it('histogram: 10 bins of 10 points, the last one closed', () => {
    const h = computeHistogram([0, 5, 10, 99, 100], 0, 100, 10);
    expect(h.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(h[9]).toEqual({ from: 90, to: 100, count: 2 });
  });
});

describe('bounds law (fast-check)', () => {
  it('any row scores within the computed bounds, for random points, caps and values', async () => {
    const fc = await import('fast-check');
    const points = fc.integer({ min: -50, max: 50 });
    const gridArb = fc.record({
      a: fc.tuple(points, points, points),
      b: fc.tuple(points, points),
      missingA: points,
      cap: fc.option(fc.integer({ min: -20, max: 80 }), { nil: undefined }),
      totalCap: fc.option(fc.integer({ min: -20, max: 120 }), { nil: undefined }),
    });
    const valueArb = fc.record({
      sector: fc.constantFrom('x', 'y', 'z', null),
      n: fc.option(fc.integer({ min: -10, max: 400 }), { nil: null }),
      day: fc.option(fc.integer({ min: AS_OF - 900, max: AS_OF + 10 }), { nil: null }),
    });
    fc.assert(
      fc.property(gridArb, fc.array(valueArb, { maxLength: 20 }), (g, rows) => {
        const grid: Grid = {
          criteria: [
            {
              name: 'a',
              field: 'sector',
              type: 'text',
              group: 'g',
              missing: g.missingA,
              rules: [
                { kind: 'equals', values: ['x'], points: g.a[0] },
                { kind: 'equals', values: ['y'], points: g.a[1] },
                { kind: 'present', points: g.a[2] },
              ],
            },
            {
              name: 'b',
              field: 'n',
              type: 'number',
              group: 'g',
              missing: 0,
              rules: [{ kind: 'range', min: 100, minInclusive: true, maxInclusive: false, points: g.b[0] }],
            },
            {
              name: 'c',
              field: 'day',
              type: 'date',
              missing: 0,
              decay: { halfLifeDays: 30 },
              rules: [{ kind: 'within', days: 365, points: g.b[1] }],
            },
          ],
          groups: { g: g.cap === undefined ? {} : { cap: g.cap } },
          totalCap: g.totalCap,
          grades: [{ name: 'A', min: 0 }],
          otherwise: 'C',
        };
        const prepared = prepareGrid(grid);
        for (const values of rows) {
          const r = computeRowScore(prepared, values, AS_OF);
          expect(r.score).toBeGreaterThanOrEqual(prepared.bounds.min - 1e-9);
          expect(r.score).toBeLessThanOrEqual(prepared.bounds.max + 1e-9);
        }
      }),
    );
  });
});

describe('the compiled scorer and the tally against computeRowScore and the batch summaries (fast-check)', () => {
  it('the same score to the last bit, the same grade, and the same summary and histogram', async () => {
    const fc = await import('fast-check');
    const points = fc.double({ min: -50, max: 50, noNaN: true });
    const gridArb = fc.record({
      p: fc.array(points, { minLength: 7, maxLength: 7 }),
      missing: fc.tuple(points, points),
      capA: fc.option(fc.integer({ min: -20, max: 80 }), { nil: undefined }),
      capB: fc.option(fc.integer({ min: -20, max: 80 }), { nil: undefined }),
      totalCap: fc.option(fc.integer({ min: -20, max: 120 }), { nil: undefined }),
      halfLife: fc.integer({ min: 1, max: 400 }),
    });
    const valueArb = fc.record({
      sector: fc.constantFrom('x', 'Y', ' ', 'zz', null),
      n: fc.option(fc.double({ min: -10, max: 400, noNaN: true }), { nil: null }),
      day: fc.option(fc.integer({ min: AS_OF - 900, max: AS_OF + 10 }), { nil: null }),
      site: fc.option(fc.string({ maxLength: 6 }), { nil: null }),
      status: fc.boolean(),
    });
    fc.assert(
      fc.property(gridArb, fc.array(valueArb, { maxLength: 30 }), (g, rows) => {
        // groups interleaved with ungrouped criteria, group b met before group a
        const grid: Grid = {
          criteria: [
            {
              name: 's',
              field: 'sector',
              type: 'text',
              group: 'b',
              missing: g.missing[0],
              rules: [
                { kind: 'equals', values: ['x'], points: g.p[0] as number },
                { kind: 'equals', values: ['y', 'zz'], points: g.p[1] as number },
              ],
            },
            {
              name: 'n',
              field: 'n',
              type: 'number',
              missing: g.missing[1],
              rules: [
                {
                  kind: 'range',
                  min: 100,
                  minInclusive: true,
                  maxInclusive: false,
                  points: g.p[2] as number,
                },
                {
                  kind: 'range',
                  max: 100,
                  minInclusive: false,
                  maxInclusive: false,
                  points: g.p[3] as number,
                },
              ],
            },
            {
              name: 'd',
              field: 'day',
              type: 'date',
              group: 'a',
              missing: 0,
              decay: { halfLifeDays: g.halfLife },
              rules: [{ kind: 'within', days: 365, points: g.p[4] as number }],
            },
            {
              name: 'w',
              field: 'site',
              type: 'text',
              group: 'b',
              missing: 0,
              rules: [
                { kind: 'pattern', pattern: 'a', points: g.p[5] as number },
                { kind: 'present', points: g.p[6] as number },
              ],
            },
          ],
          groups: {
            a: g.capA === undefined ? {} : { cap: g.capA },
            b: g.capB === undefined ? {} : { cap: g.capB },
          },
          totalCap: g.totalCap,
          grades: [
            { name: 'A', min: 30 },
            { name: 'B', min: 0 },
          ],
          otherwise: 'C',
          maturity: { A: 'active', C: 'arid' },
        };
        const prepared = prepareGrid(grid);
        const scorer = compileGridScorer(prepared);
        const tally = createScoreTally(grid, prepared.bounds);
        const all: { score: number; grade: string; prospect: boolean }[] = [];
        for (const row of rows) {
          const { status, ...values } = row;
          const r = computeRowScore(prepared, values, AS_OF);
          const score = scorer.score(values, AS_OF);
          expect(Object.is(score, r.score)).toBe(true);
          const index = scorer.gradeIndex(score);
          expect(scorer.gradeNames[index]).toBe(r.grade);
          expect(scorer.gradeMaturity[index]).toBe(r.maturity);
          tally.add(score, index, status);
          all.push({ score: r.score, grade: r.grade, prospect: status });
        }
        expect(tally.summary()).toEqual(computeScoreSummary(grid, all));
        expect(tally.histogram()).toEqual(
          computeHistogram(
            all.map((a) => a.score),
            prepared.bounds.min,
            prepared.bounds.max,
            10,
          ),
        );
      }),
      { numRuns: 300 },
    );
  });
});
