import { describe, expect, it } from 'vitest';
import {
  buildGridFromModel,
  computeNaiveBayesModel,
  computeValueWeights,
  computeWinProbability,
  type LearnRow,
} from './learn.js';

const row = (outcome: LearnRow['outcome'], sector: string | null, size: string | null): LearnRow => ({
  outcome,
  values: { sector, size },
});

// 4 won: Industrie x3 + Commerce; big x3 + small. 4 lost: Industrie + Commerce x3; big x2 + small x2.
const HISTORY: LearnRow[] = [
  row('won', 'Industrie', 'big'),
  row('won', 'industrie', 'big'),
  row('won', 'INDUSTRIE', 'big'),
  row('won', 'Commerce', 'small'),
  row('lost', 'Industrie', 'big'),
  row('lost', 'Commerce', 'big'),
  row('lost', 'Commerce', 'small'),
  row('lost', 'Commerce', 'small'),
  row('open', 'Commerce', 'big'), // ignored by the model
];

describe('computeNaiveBayesModel', () => {
  const model = computeNaiveBayesModel(HISTORY, ['sector', 'size']);
  it('counts won and lost per value with 0.1 added (Odoo), values case-insensitive', () => {
    expect(model.won).toBe(4);
    expect(model.lost).toBe(4);
    const sector = model.tables[0];
    expect(sector?.values.get('industrie')).toEqual({ label: 'Industrie', won: 3.1, lost: 1.1 });
    expect(sector?.values.get('commerce')).toEqual({ label: 'Commerce', won: 1.1, lost: 3.1 });
    expect(sector?.wonTotal).toBeCloseTo(4.2, 12);
    expect(sector?.lostTotal).toBeCloseTo(4.2, 12);
  });

  it('refuses a history without lost deals', () => {
    expect(() => computeNaiveBayesModel([row('won', 'a', 'b')], ['sector'])).toThrow(
      'naive Bayes needs won and lost deals; found 1 won and 0 lost',
    );
  });
});

describe('computeWinProbability', () => {
  const model = computeNaiveBayesModel(HISTORY, ['sector', 'size']);
  // prior 4/8 = 0.5 cancels out. By hand:
  // Industrie: 3.1/4.2 vs 1.1/4.2 -> 3.1 / (3.1 + 1.1) = 0.738095
  // Industrie + big: (3.1 x 3.1) / (3.1 x 3.1 + 1.1 x 2.1) = 9.61 / 11.92 = 0.806208
  // Santé (never seen) + big: size only -> 3.1 / (3.1 + 2.1) = 0.596154
  // Commerce + small: (1.1 x 1.1) / (1.1 x 1.1 + 3.1 x 2.1) = 1.21 / 7.72 = 0.156736
  // nothing known: the prior, 0.5
  it.each([
    ['Industrie', null, 0.738095],
    ['Industrie', 'big', 0.806208],
    ['Santé', 'big', 0.596154],
    ['Commerce', 'small', 0.156736],
    [null, '  ', 0.5],
  ])('%s / %s -> %d', (sector, size, p) => {
    expect(computeWinProbability(model, { sector, size }).probability).toBeCloseTo(p, 6);
  });

  it('uses the prior won / (won + lost) when the classes are unequal', () => {
    // 3 won (A, A, B), 1 lost (B). A: won 2.1, lost 0.1; B: won 1.1, lost 1.1; totals 3.2 and 1.2.
    // B: 0.75 x 1.1/3.2 = 0.2578125 vs 0.25 x 1.1/1.2 = 0.2291667 -> ratio 1.125 -> 9/17 = 0.529412
    // A: 0.75 x 2.1/3.2 = 0.4921875 vs 0.25 x 0.1/1.2 = 0.0208333 -> ratio 23.625 -> 0.959391
    const m = computeNaiveBayesModel(
      [row('won', 'A', null), row('won', 'A', null), row('won', 'B', null), row('lost', 'B', null)],
      ['sector'],
    );
    expect(computeWinProbability(m, { sector: 'B' }).probability).toBeCloseTo(9 / 17, 9);
    expect(computeWinProbability(m, { sector: 'A' }).probability).toBeCloseTo(0.959391, 6);
  });

  it('is clamped to 99.99 % as Odoo does', () => {
    // 1000 won A, 1000 lost B: A -> 1000.1 / (1000.1 + 0.1) = 0.99990002 -> 0.9999
    const rows = [
      ...Array.from({ length: 1000 }, () => row('won', 'A', null)),
      ...Array.from({ length: 1000 }, () => row('lost', 'B', null)),
    ];
    const m = computeNaiveBayesModel(rows, ['sector']);
    expect(computeWinProbability(m, { sector: 'A' }).probability).toBe(0.9999);
    expect(computeWinProbability(m, { sector: 'B' }).probability).toBe(0.0001);
  });

  it('gives the evidence of each field used', () => {
    const { evidence } = computeWinProbability(model, { sector: 'industrie', size: 'huge' });
    expect(evidence).toHaveLength(1);
    expect(evidence[0]?.value).toBe('Industrie');
    expect(evidence[0]?.weight).toBeCloseTo(Math.log(3.1 / 1.1), 12);
  });
});

describe('computeValueWeights and buildGridFromModel', () => {
  const model = computeNaiveBayesModel(HISTORY, ['sector', 'size']);
  it('orders values by the strength of their evidence', () => {
    // ln(3.1/1.1) = 1.036092 (Industrie), -1.036092 (Commerce); small ln(1.1/2.1) = -0.646627;
    // big ln(3.1/2.1) = 0.389465
    const w = computeValueWeights(model);
    expect(w.map((x) => [x.field, x.value, x.wonCount, x.lostCount])).toEqual([
      ['sector', 'Commerce', 1, 3],
      ['sector', 'Industrie', 3, 1],
      ['size', 'small', 1, 2],
      ['size', 'big', 3, 2],
    ]);
    expect(w.map((x) => x.weight)).toEqual([
      expect.closeTo(-1.036092, 6),
      expect.closeTo(1.036092, 6),
      expect.closeTo(-0.646627, 6),
      expect.closeTo(0.389465, 6),
    ]);
  });

  it('exports a grid with points = round(10 x weight)', () => {
    const grid = buildGridFromModel(model);
    expect(grid.criteria.map((c) => [c.field, c.rules.map((r) => r.points)])).toEqual([
      ['sector', [10, -10]],
      ['size', [4, -6]],
    ]);
    expect(grid.grades).toEqual([
      { name: 'A', min: 10 },
      { name: 'B', min: 0 },
    ]);
  });
});
