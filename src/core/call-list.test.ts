import { describe, expect, it } from 'vitest';
import {
  buildParetoCallList,
  buildPipelineCallList,
  buildRfmCallList,
  buildScoreCallList,
  buildSegmentCallList,
  buildWinBackCallList,
  cellMatches,
  findListChoice,
  NO_DETAILS,
  parseCellName,
  slugListName,
  type ContactDetails,
} from './call-list.js';

const none = (): ContactDetails => NO_DETAILS;
const details = (company: string): ContactDetails => ({ ...NO_DETAILS, company });

describe('slugListName', () => {
  // Expected slugs written by hand: lower case, accents and apostrophes dropped, hyphens between words.
  it.each([
    ['At Risk', 'at-risk'],
    ["Can't Lose Them", 'cant-lose-them'],
    ['Can’t Lose Them', 'cant-lose-them'],
    ['À risque', 'a-risque'],
    ['À ne pas perdre', 'a-ne-pas-perdre'],
    ['  at_risk ', 'at-risk'],
    ['status=prospect', 'status=prospect'],
  ])('%s -> %s', (text, slug) => {
    expect(slugListName(text)).toBe(slug);
  });
});

describe('findListChoice', () => {
  const choices = [
    { key: 'at-risk', names: { en: 'At Risk', fr: 'À risque' } },
    { key: 'cant-lose-them', names: { en: "Can't Lose Them", fr: 'À ne pas perdre' } },
  ];
  it.each([
    ['at-risk', 'at-risk'],
    ['At Risk', 'at-risk'],
    ['à risque', 'at-risk'],
    ['A-RISQUE', 'at-risk'],
    ["can't lose them", 'cant-lose-them'],
    ['a-ne-pas-perdre', 'cant-lose-them'],
    ['lost', undefined],
    ['', undefined],
  ])('%s -> %s', (text, key) => {
    expect(findListChoice(text, choices)).toBe(key);
  });
});

describe('buildParetoCallList', () => {
  // Three A clients; B and K tie on value: the tie goes by client id (B before K).
  const clients = [
    { clientId: 'K', value: 500, share: 0.25, cumulativeShare: 0.75, rank: 2, className: 'A' },
    { clientId: 'Z', value: 900, share: 0.45, cumulativeShare: 0.45, rank: 1, className: 'A' },
    { clientId: 'B', value: 500, share: 0.25, cumulativeShare: 1, rank: 3, className: 'A' },
    { clientId: 'C', value: 0, share: 0, cumulativeShare: 1, rank: 4, className: 'B' },
  ];
  it('keeps the class, by value descending, ties by id', () => {
    const list = buildParetoCallList(clients, 'A', (id) => details(`Co ${id}`));
    expect(list.map((e) => [e.rank, e.clientId, e.details.company])).toEqual([
      [1, 'Z', 'Co Z'],
      [2, 'B', 'Co B'],
      [3, 'K', 'Co K'],
    ]);
  });
  it('an empty class gives an empty list', () => {
    expect(buildParetoCallList(clients, 'C', none)).toEqual([]);
  });
});

describe('buildRfmCallList', () => {
  const base = { transactionCount: 2, rfmScore: 0 };
  const clients = [
    { ...base, clientId: 'a', recencyDays: 200, amount: 1000, segment: 6 },
    { ...base, clientId: 'b', recencyDays: 150, amount: 3000, segment: 6 },
    { ...base, clientId: 'c', recencyDays: 100, amount: 1000, segment: 6 },
    { ...base, clientId: 'd', recencyDays: 10, amount: 9000, segment: 0 },
  ];
  it('keeps the segment, by amount descending, then the most recent', () => {
    // b (3000) first; a and c both 1000: c (100 days) before a (200 days).
    const list = buildRfmCallList(clients, 6, { en: 'At Risk', fr: 'À risque' }, none);
    expect(list.map((e) => e.clientId)).toEqual(['b', 'c', 'a']);
    expect(list[0]?.figures).toMatchObject({
      kind: 'rfm',
      monetary: 3000,
      recencyDays: 150,
      lastOrderDay: null,
    });
  });
});

describe('buildScoreCallList', () => {
  it('keeps the grade, by score descending, ties in file order', () => {
    const rows = [
      { clientId: 'x', line: 2, score: 75, grade: 'A', details: NO_DETAILS },
      { clientId: 'y', line: 3, score: 90, grade: 'A', details: NO_DETAILS },
      { clientId: 'z', line: 4, score: 75, grade: 'A', details: NO_DETAILS },
      { clientId: 'w', line: 5, score: 50, grade: 'B', details: NO_DETAILS },
    ];
    expect(buildScoreCallList(rows, 'A').map((e) => e.clientId)).toEqual(['y', 'x', 'z']);
  });
});

describe('buildPipelineCallList', () => {
  it('top N by expected value; a tie goes to the larger potential', () => {
    // Expected values by hand: P1 20000 x 0.5 = 10000, P2 25000 x 0.4 = 10000, P3 15000 x 0.8 = 12000,
    // P4 10000 x 0.2 = 2000. Top 3: P3, then P2 (25000 > 20000), then P1.
    const rows = [
      { clientId: 'P1', line: 2, potential: 20000, probability: 0.5, details: NO_DETAILS },
      { clientId: 'P2', line: 3, potential: 25000, probability: 0.4, details: NO_DETAILS },
      { clientId: 'P3', line: 4, potential: 15000, probability: 0.8, details: NO_DETAILS },
      { clientId: 'P4', line: 5, potential: 10000, probability: 0.2, details: NO_DETAILS },
    ];
    const list = buildPipelineCallList(rows, 3);
    expect(list.map((e) => e.clientId)).toEqual(['P3', 'P2', 'P1']);
    expect(list.map((e) => (e.figures.kind === 'portfolio' ? e.figures.expectedValue : 0))).toEqual([
      12000, 10000, 10000,
    ]);
  });
});

describe('buildWinBackCallList', () => {
  it('by past revenue descending, ties by id', () => {
    const c = { orders: 1, lastOrderDay: 0, monthsSinceLastOrder: 14 };
    const list = buildWinBackCallList(
      [
        { ...c, clientId: 'm', pastRevenue: 100 },
        { ...c, clientId: 'k', pastRevenue: 100 },
        { ...c, clientId: 'q', pastRevenue: 900 },
      ],
      none,
    );
    expect(list.map((e) => e.clientId)).toEqual(['q', 'k', 'm']);
  });
});

describe('segment cells', () => {
  it.each([
    ['status=prospect', [{ field: 'status', value: 'prospect' }]],
    [
      'status=prospect,sector=Santé',
      [
        { field: 'status', value: 'prospect' },
        { field: 'sector', value: 'Santé' },
      ],
    ],
    ['large', [{ field: undefined, value: 'large' }]],
  ])('parseCellName(%s)', (text, conditions) => {
    expect(parseCellName(text)).toEqual(conditions);
  });

  it.each([
    [{ status: 'prospect', sector: 'Santé' }, 'status=prospect', true],
    [{ status: 'prospect', sector: 'Santé' }, 'sector=sante', true],
    [{ status: 'prospect', sector: 'Santé' }, 'status=prospect,sector=industrie', false],
    [{ status: 'client', sector: null }, 'prospect', false],
    [{ status: 'client', tier: 'large' }, 'large', true],
  ])('cellMatches(%j, %s) = %s', (cell, name, expected) => {
    expect(cellMatches(cell, parseCellName(name))).toBe(expected);
  });

  it('by revenue descending, no revenue last, ties in file order', () => {
    const r = { cell: { status: 'prospect' }, margin: null, details: NO_DETAILS };
    const rows = [
      { ...r, clientId: 'n', line: 2, revenue: null },
      { ...r, clientId: 'a', line: 3, revenue: 500 },
      { ...r, clientId: 'b', line: 4, revenue: 800 },
      { ...r, clientId: 'c', line: 5, revenue: 500 },
      { ...r, clientId: 'x', line: 6, revenue: 9000, cell: { status: 'client' } },
    ];
    expect(buildSegmentCallList(rows, parseCellName('status=prospect')).map((e) => e.clientId)).toEqual([
      'b',
      'a',
      'c',
      'n',
    ]);
  });
});
