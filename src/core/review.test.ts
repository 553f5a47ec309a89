import { describe, expect, it } from 'vitest';
import { computeDayNumber, formatIsoDay } from './calendar.js';
import {
  classifyLeadSource,
  classifyLeadStage,
  computePreviousPeriod,
  computeReview,
  computeReviewByOwner,
  computeYearPeriod,
  listOwners,
  type ReviewClient,
  type ReviewLead,
  type ReviewOrder,
} from './review.js';

const d = (iso: string): number => {
  const [y, m, day] = iso.split('-').map(Number) as [number, number, number];
  return computeDayNumber(y, m, day);
};
const o = (clientId: string, iso: string, amount: number, extra: Partial<ReviewOrder> = {}): ReviewOrder => ({
  clientId,
  day: d(iso),
  amount,
  ...extra,
});

/*
 * The hand-worked fixture, reviewed over 2026 (previous period 2025), dormancy 12 months:
 * - C1 new: first order ever on 2026-03-10 -> conquest, 5000 + 3000 = 8000.
 * - C2 retained: bought 2025-06-15 (previous period), again 2026-02-01, 7 months later ->
 *   retention, 6000 + 1500 = 7500. Its 2026-11-30 order was taken by Alice (order owner).
 * - C3 reconquered after 13 months: last order 2024-12-20, nothing in 2025, back on 2026-01-25
 *   (2024-12-20 + 13 months = 2026-01-20 <= 2026-01-25; + 14 = 2026-02-20) -> reconquest, 4000.
 * - C4 dormant: last order 2024-10-05, nothing since -> former client, 26 whole months to
 *   2026-12-31, past revenue 12000 + 8000 = 20000.
 * - C5: last order 2024-09-01, back 2026-01-15 (16 months) -> reconquest with 12 months of
 *   dormancy; with 18 months, retention (the gap is under 18).
 * - C9: one order 2025-11-20 (300), nothing since: 13 whole months to 2026-12-31 -> former.
 * 2026 revenue = 8000 + 7500 + 4000 + 2000 = 21500; 2025 = 4000 (C2) + 300 (C9) = 4300.
 */
const orders: ReviewOrder[] = [
  o('C1', '2026-03-10', 5000),
  o('C1', '2026-09-01', 3000, { product: 'Audit' }),
  o('C2', '2025-06-15', 4000),
  o('C2', '2026-02-01', 6000),
  o('C2', '2026-11-30', 1500, { owner: 'Alice' }),
  o('C3', '2024-05-20', 2000),
  o('C3', '2024-12-20', 9000),
  o('C3', '2026-01-25', 4000),
  o('C4', '2023-03-01', 12000),
  o('C4', '2024-10-05', 8000),
  o('C5', '2024-09-01', 1000),
  o('C5', '2026-01-15', 2000),
  o('C9', '2025-11-20', 300),
  o('C1', '2027-01-05', 999), // after the period: ignored
];
const clients: ReviewClient[] = [
  { clientId: 'C1', name: 'Acme', owner: 'Alice', zone: 'Nord' },
  { clientId: 'C2', name: 'Bolt', owner: 'Bob', zone: 'Sud' },
  { clientId: 'C3', name: 'Cime', owner: 'Alice', zone: 'Nord' },
  { clientId: 'C4', name: 'Dune', owner: 'Bob', zone: 'Sud' },
  { clientId: 'C5', name: 'Écrin', owner: 'Bob' },
  { clientId: 'C9', name: 'Flux', zone: 'Est' },
];
const period = computeYearPeriod(2026);

describe('computePreviousPeriod', () => {
  it.each([
    ['2026-01-01', '2026-12-31', '2025-01-01', '2025-12-31'], // a year: the year before
    ['2026-10-01', '2026-12-31', '2026-07-01', '2026-09-30'], // a quarter: the quarter before
    ['2024-02-01', '2024-02-29', '2024-01-01', '2024-01-31'], // a (leap) month: the month before
    ['2026-03-10', '2026-03-19', '2026-02-28', '2026-03-09'], // 10 days: the 10 days before
  ])('%s..%s -> %s..%s', (from, to, pFrom, pTo) => {
    const p = computePreviousPeriod({ fromDay: d(from), toDay: d(to) });
    expect([formatIsoDay(p.fromDay), formatIsoDay(p.toDay)]).toEqual([pFrom, pTo]);
  });
});

describe('computeReview: revenue by origin', () => {
  it('classifies each client as worked out by hand', () => {
    const r = computeReview({ orders, clients }, { period });
    expect(r.clients.map((c) => [c.clientId, c.origin, c.revenue, c.monthsWithoutOrder])).toEqual([
      ['C1', 'conquest', 8000, null],
      ['C2', 'retention', 7500, 7],
      ['C3', 'reconquest', 4000, 13],
      ['C5', 'reconquest', 2000, 16],
    ]);
  });

  it('splits 21500 into 8000 / 7500 / 6000 / 0, against the objectives', () => {
    const r = computeReview(
      { orders, clients },
      { period, objectives: { conquest: 10000, retention: 7000, reconquest: 5000, total: 25000 } },
    );
    const line = (origin: string) => r.origins.find((l) => l.origin === origin);
    expect(r.origins.map((l) => [l.origin, l.clients, l.revenue])).toEqual([
      ['conquest', 1, 8000],
      ['retention', 1, 7500],
      ['reconquest', 2, 6000],
      ['total', 4, 21500],
    ]);
    // 8000 / 21500, 7500 / 21500, 6000 / 21500
    expect(line('conquest')?.share).toBeCloseTo(0.372093, 6);
    expect(line('retention')?.share).toBeCloseTo(0.348837, 6);
    expect(line('reconquest')?.share).toBeCloseTo(0.27907, 5);
    // achievement = revenue / objective; gap = revenue - objective
    expect([line('conquest')?.achievement, line('conquest')?.gap]).toEqual([0.8, -2000]);
    expect(line('retention')?.achievement).toBeCloseTo(7500 / 7000, 10);
    expect(line('retention')?.gap).toBe(500);
    expect([line('reconquest')?.achievement, line('reconquest')?.gap]).toEqual([1.2, 1000]);
    expect([line('total')?.achievement, line('total')?.gap]).toEqual([0.86, -3500]);
    // 2025: 4000 + 300 = 4300; change = 21500 / 4300 - 1 = 4 (+400 %)
    expect(r.revenue.current).toBe(21500);
    expect(r.revenue.previous).toBe(4300);
    expect(r.revenue.change).toBeCloseTo(4, 10);
  });

  it('with 18 months of dormancy: C3 (13 months) and C5 (16 months) are retained', () => {
    const r = computeReview({ orders, clients }, { period, dormantMonths: 18 });
    expect(r.origins.map((l) => [l.origin, l.revenue])).toEqual([
      ['conquest', 8000],
      ['retention', 13500],
      ['reconquest', 0],
      ['total', 21500],
    ]);
    expect(r.formerClients.map((f) => f.clientId)).toEqual(['C4']); // C9: 13 months < 18
  });

  it('a quarter (Q2 2026, previous Q1): 12 months exactly is a reconquest, 11 a retention', () => {
    // X: 2025-04-15 -> 2026-04-15, 12 whole months, nothing in Q1 -> reconquest.
    // Y: 2025-04-16 -> 2026-04-15, 11 whole months, nothing in Q1 -> retention (under the gap).
    // Z: bought 2026-02-01 (Q1) and 2026-05-01 -> retention, though 2025-01-01 was 13 months before.
    // W: first order 2026-06-30 -> conquest.
    const edge = [
      o('X', '2025-04-15', 100),
      o('X', '2026-04-15', 100),
      o('Y', '2025-04-16', 100),
      o('Y', '2026-04-15', 100),
      o('Z', '2025-01-01', 100),
      o('Z', '2026-02-01', 100),
      o('Z', '2026-05-01', 100),
      o('W', '2026-06-30', 100),
    ];
    const r = computeReview(
      { orders: edge },
      { period: { fromDay: d('2026-04-01'), toDay: d('2026-06-30') } },
    );
    expect(r.previous).toEqual({ fromDay: d('2026-01-01'), toDay: d('2026-03-31') });
    expect(r.clients.map((c) => [c.clientId, c.origin, c.monthsWithoutOrder])).toEqual([
      ['W', 'conquest', null],
      ['X', 'reconquest', 12],
      ['Y', 'retention', 11],
      ['Z', 'retention', 3], // 2026-02-01 -> 03-01 -> 04-01 -> 05-01
    ]);
  });

  // DOMAIN.md section 8: the gap is tested first. Year 2026, previous year 2025, 12 months:
  // K ordered 2025-01-05 (in 2025) and next 2026-03-10: 14 whole months -> reconquest, though it
  // bought in the previous year (it was "retention" before). L ordered 2025-06-01 and 2026-03-10:
  // 9 months -> retention. M bought 2024-12-01 and 2026-01-10, 13 months, nothing in 2025 ->
  // reconquest. The three revenues partition 2026's: 100 + 200 + 400 = 700.
  it('tests the dormancy gap before retention', () => {
    const r = computeReview(
      {
        orders: [
          o('K', '2025-01-05', 50),
          o('K', '2026-03-10', 100),
          o('L', '2025-06-01', 50),
          o('L', '2026-03-10', 200),
          o('M', '2024-12-01', 50),
          o('M', '2026-01-10', 400),
        ],
      },
      { period },
    );
    expect(r.clients.map((c) => [c.clientId, c.origin, c.monthsWithoutOrder])).toEqual([
      ['K', 'reconquest', 14],
      ['L', 'retention', 9],
      ['M', 'reconquest', 13],
    ]);
    expect(r.origins.map((l) => [l.origin, l.revenue])).toEqual([
      ['conquest', 0],
      ['retention', 200],
      ['reconquest', 500],
      ['total', 700],
    ]);
  });

  it('lists the dormant former clients by past revenue: C4 (20000, 26 months) then C9 (300, 13 months)', () => {
    const r = computeReview({ orders, clients }, { period });
    expect(r.formerClients).toEqual([
      {
        clientId: 'C4',
        name: 'Dune',
        pastRevenue: 20000,
        orders: 2,
        lastOrderDay: d('2024-10-05'),
        monthsSinceLastOrder: 26,
      },
      {
        clientId: 'C9',
        name: 'Flux',
        pastRevenue: 300,
        orders: 1,
        lastOrderDay: d('2025-11-20'),
        monthsSinceLastOrder: 13,
      },
    ]);
  });

  it('nets credit notes and leaves a client whose net is zero out of the former clients', () => {
    const r = computeReview(
      {
        orders: [
          o('Z', '2024-01-10', 500),
          o('Z', '2024-02-10', -500),
          o('N', '2026-05-01', 1000),
          o('N', '2026-06-01', -250),
        ],
      },
      { period },
    );
    expect(r.formerClients).toEqual([]);
    expect(r.origins.at(-1)?.revenue).toBe(750);
  });

  it('adds cents exactly: 0.1 + 0.2 = 0.3', () => {
    const r = computeReview({ orders: [o('A', '2026-01-01', 0.1), o('A', '2026-01-02', 0.2)] }, { period });
    expect(r.revenue.current).toBe(0.3);
  });

  it('splits by zone (from the client file) and product (from the orders) only where they exist', () => {
    const r = computeReview({ orders, clients }, { period });
    expect(Object.keys(r.splits).sort()).toEqual(['product', 'zone']);
    // Nord = C1 8000 + C3 4000; Sud = C2 7500; no zone = C5 2000; Est = C9, nothing in 2026.
    expect(r.splits.zone?.map((l) => [l.value, l.clients, l.revenue, l.previousRevenue])).toEqual([
      ['Nord', 2, 12000, 0],
      ['Sud', 1, 7500, 4000],
      [null, 1, 2000, 0],
      ['Est', 0, 0, 300],
    ]);
    expect(r.splits.zone?.[0]?.change).toBeNull(); // nothing in Nord in 2025
    expect(r.splits.zone?.[1]?.change).toBeCloseTo(7500 / 4000 - 1, 10);
    expect(r.splits.zone?.[2]?.change).toBeNull();
    expect(r.splits.zone?.[3]?.change).toBe(-1);
    expect(r.splits.product?.map((l) => [l.value, l.revenue])).toEqual([
      [null, 18500],
      ['Audit', 3000],
    ]);
  });

  it('has no lead sections without leads', () => {
    const r = computeReview({ orders, clients }, { period });
    expect([r.leads, r.conversion]).toEqual([null, null]);
  });

  it.each([0, 1.5, -3])('refuses a dormancy of %d months', (months) => {
    expect(() => computeReview({ orders }, { period, dormantMonths: months })).toThrow(RangeError);
  });
});

describe('--by owner', () => {
  it('lists owners from clients, orders and leads', () => {
    expect(
      listOwners({
        orders,
        clients,
        leads: [{ leadId: 'L', source: null, createdDay: null, stage: 'open', owner: 'Chloé' }],
      }),
    ).toEqual(['Alice', 'Bob', 'Chloé']);
  });

  it('gives each owner his orders; the origin comes from the whole history', () => {
    const { team, owners } = computeReviewByOwner(
      { orders, clients },
      { period },
      { Alice: { conquest: 9000 }, Bob: { conquest: 1000, retention: 6000 } },
    );
    // Alice: C1 8000 (conquest) + C2's order of 2026-11-30, 1500 (retention) + C3 4000 (reconquest).
    // Bob: C2 6000 (retention) + C5 2000 (reconquest). 13500 + 8000 = 21500, the team's.
    const alice = owners.find((r) => r.owner === 'Alice');
    const bob = owners.find((r) => r.owner === 'Bob');
    expect(alice?.origins.map((l) => l.revenue)).toEqual([8000, 1500, 4000, 13500]);
    expect(bob?.origins.map((l) => l.revenue)).toEqual([0, 6000, 2000, 8000]);
    expect(team.origins.at(-1)?.revenue).toBe(21500);
    // Team objectives: sum of the owners' (9000 + 1000 conquest; 6000 retention).
    expect(team.origins.map((l) => l.objective)).toEqual([10000, 6000, null, null]);
    // Former clients: C4 is Bob's; C9 has no owner, so only the team's list has it.
    expect(bob?.formerClients.map((f) => f.clientId)).toEqual(['C4']);
    expect(alice?.formerClients).toEqual([]);
    expect(team.formerClients.map((f) => f.clientId)).toEqual(['C4', 'C9']);
  });
});

describe('classifyLeadSource', () => {
  it.each([
    ['Prospection terrain', 'field'],
    ['Field prospecting', 'field'],
    ['Phoning', 'field'],
    ['Cold call', 'field'],
    ['AC', 'field'],
    ['Visite', 'field'],
    ['Salon professionnel', 'offline'],
    ['Trade show', 'offline'],
    ['Marketing offline', 'offline'],
    ['Presse', 'offline'],
    ['Mailing', 'offline'],
    ['Marketing', 'offline'],
    ['SEO', 'online'],
    ['Site web', 'online'],
    ['LinkedIn', 'online'],
    ['Marketing online', 'online'],
    ['E-mailing', 'online'],
    ['Webinaire', 'online'],
    ['Prescripteur', 'prescription'],
    ['Prescription', 'prescription'],
    ['Referral', 'prescription'],
    ['Recommandation client', 'prescription'],
    ['Partenaire', 'prescription'],
    ['Bouche-à-oreille', 'prescription'],
    ['Annuaire', 'other'],
    ['', 'unknown'],
    [null, 'unknown'],
  ] as const)('%j -> %s', (raw, source) => {
    expect(classifyLeadSource(raw)).toBe(source);
  });
});

/*
 * Leads, reviewed over 2026 (by hand). One base: the leads created in the period, each with its
 * proposal and deal whenever they came.
 *   field:        L2 proposal, L3 lost before any proposal, L12 open -> 3 leads, 1 proposal, 0 won
 *   offline:      L1 won 10000                                        -> 1, 1, 1, 10000
 *   online:       L4 won 5000, L5 lost after a proposal (2026-06-01)  -> 2, 2, 1, 5000
 *   prescription: L6 won 8000, L7 open                                -> 2, 1, 1, 8000
 *   other:        L8 "Annuaire" open                                  -> 1, 0, 0, 0
 *   unknown:      L14 (empty source) at proposal                      -> 1, 1, 0, 0
 *   undated:      L11 "web", no creation date, open                   -> 1, 0, 0, 0
 *   total 11 leads, 6 proposals, 3 won, 23000. L9, L10, L13 are 2025's.
 * Conversion 2026 = the table's total: 3 of 6 = 50 %. 2025's leads: L9 (won), L10 (lost after a
 * proposal), L13 (created 2025-12-15, proposal 2026-01-10, won: it counts with its lead, in 2025)
 * -> 2 of 3 = 66.7 %; change -16.7 points. Counting proposals on their own date instead would
 * give 2026 a 7th proposal (L13) that the table does not show: two totals for one year.
 */
const lead = (
  leadId: string,
  source: string | null,
  created: string | null,
  stage: ReviewLead['stage'],
  extra: Partial<ReviewLead> = {},
): ReviewLead => ({
  leadId,
  source,
  createdDay: created === null ? null : d(created),
  stage,
  ...extra,
});
const leads: ReviewLead[] = [
  lead('L1', 'Salon Industrie', '2026-02-01', 'won', { amount: 10000 }),
  lead('L2', 'Prospection terrain', '2026-03-01', 'proposal'),
  lead('L3', 'Phoning', '2026-04-01', 'lost'),
  lead('L4', 'SEO', '2026-05-01', 'won', { amount: 5000 }),
  lead('L5', 'LinkedIn', '2026-05-02', 'lost', { proposalDay: d('2026-06-01') }),
  lead('L6', 'Prescripteur', '2026-06-01', 'won', { amount: 8000 }),
  lead('L7', 'Recommandation client', '2026-07-01', 'open'),
  lead('L8', 'Annuaire', '2026-08-01', 'open'),
  lead('L9', 'Salon', '2025-10-01', 'won', { amount: 4000, proposalDay: d('2025-11-01') }),
  lead('L10', 'SEO', '2025-06-01', 'lost', { proposalDay: d('2025-07-01') }),
  lead('L11', 'web', null, 'open'),
  lead('L12', 'Field', '2026-09-01', 'open'),
  lead('L13', 'Salon', '2025-12-15', 'won', { amount: 2000, proposalDay: d('2026-01-10') }),
  lead('L14', null, '2026-10-01', 'proposal'),
];

describe('computeReview: leads by source and conversion', () => {
  const r = computeReview({ orders, clients, leads }, { period });

  it('gives the lead-source table worked out by hand', () => {
    expect(r.leads?.basis).toBe('created');
    expect(r.leads?.bySource.map((l) => [l.source, l.leads, l.proposals, l.won, l.revenueWon])).toEqual([
      ['field', 3, 1, 0, 0],
      ['offline', 1, 1, 1, 10000],
      ['online', 2, 2, 1, 5000],
      ['prescription', 2, 1, 1, 8000],
      ['other', 1, 0, 0, 0],
      ['unknown', 1, 1, 0, 0],
    ]);
    const field = r.leads?.bySource[0];
    expect(field?.proposalRate).toBeCloseTo(1 / 3, 10);
    expect(field?.winRate).toBe(0);
    expect(field?.proposalWinRate).toBe(0);
    expect(field?.values).toEqual(['Field', 'Phoning', 'Prospection terrain']);
    expect(r.leads?.bySource[3]?.proposalRate).toBe(0.5);
    expect(r.leads?.bySource[2]?.winRate).toBe(0.5);
    expect(r.leads?.bySource[2]?.proposalWinRate).toBe(0.5); // online: 1 won of 2 proposals
    expect(r.leads?.undated).toMatchObject({ source: 'undated', leads: 1, proposals: 0, won: 0 });
    expect(r.leads?.total).toMatchObject({ leads: 11, proposals: 6, won: 3, revenueWon: 23000 });
    expect(r.leads?.total.proposalWinRate).toBe(0.5);
  });

  it('the lead table adds up to its total', () => {
    const lines = [...(r.leads?.bySource ?? []), ...(r.leads ? [r.leads.undated] : [])];
    const sum = (k: 'leads' | 'proposals' | 'won' | 'revenueWon') => lines.reduce((s, l) => s + l[k], 0);
    expect([sum('leads'), sum('proposals'), sum('won'), sum('revenueWon')]).toEqual([11, 6, 3, 23000]);
  });

  it('conversion on the same base: 3 of 6 in 2026 (the table total), 2 of 3 in 2025', () => {
    expect(r.conversion?.current).toEqual({ proposals: 6, won: 3, rate: 0.5 });
    expect(r.conversion?.current.proposals).toBe(r.leads?.total.proposals);
    expect(r.conversion?.previous).toEqual({ proposals: 3, won: 2, rate: 2 / 3 });
    expect(r.conversion?.change).toBeCloseTo(-1 / 6, 10);
  });

  it("an owner's review counts only his leads", () => {
    const mine = leads.map((l, i) => ({ ...l, owner: i % 2 === 0 ? 'Alice' : 'Bob' }));
    const alice = computeReview({ orders, clients, leads: mine }, { period, owner: 'Alice' });
    // Alice has L1, L3, L5, L7, L9, L11, L13: 2026-created L1, L3, L5, L7, and L11 undated -> 5.
    expect(alice.leads?.total.leads).toBe(5);
  });
});

describe('classifyLeadStage', () => {
  it.each([
    ['Gagné', 'won'],
    ['Closed Won', 'won'],
    ['Signé', 'won'],
    ['won', 'won'],
    ['Perdu', 'lost'],
    ['Closed Lost', 'lost'],
    ['Abandonné', 'lost'],
    ['Proposition envoyée', 'proposal'],
    ['Devis', 'proposal'],
    ['Quote sent', 'proposal'],
    ['Négociation', 'proposal'],
    ['Nouveau', 'open'],
    ['Qualified', 'open'],
    ['', 'open'],
    [null, 'open'],
  ] as const)('%j -> %s', (raw, stage) => {
    expect(classifyLeadStage(raw)).toBe(stage);
  });
});

describe('computeReview: Pareto with maturity and effort, objective mix', () => {
  // Period 2026 revenue: A 8000, B 1500, C 400, D 100 = 10 000 (all new). Pareto (share before
  // each client): A 0 % -> A; B 80 % -> B (A closes at 80 %); C 95 % -> C; D 99 % -> C.
  // Effort terciles of [1, 2, 10, 30] (type 7): h = 1 -> 2, h = 2 -> 10: A (2) and D (1) low, B (10)
  // medium, C (30) high. Value per effort: A 8000 / 2 = 4000, C 400 / 30 = 13.33.
  const small = {
    orders: [
      o('A', '2026-01-01', 8000),
      o('B', '2026-02-01', 1500),
      o('C', '2026-03-01', 400),
      o('D', '2026-03-01', 100),
    ],
    clients: [
      { clientId: 'A', maturity: 'active', effort: 2 },
      { clientId: 'B', maturity: 'latent', effort: 10 },
      { clientId: 'C', maturity: 'arid', effort: 30 },
      { clientId: 'D', maturity: null, effort: 1 },
    ],
  };
  const r = computeReview(small, {
    period,
    objectives: { conquest: 6000, retention: 3000, reconquest: 1000 },
  });
  it('classes the period revenue A / B / C', () => {
    expect(r.pareto?.classes.map((c) => [c.className, c.clients, c.value])).toEqual([
      ['A', 1, 8000],
      ['B', 1, 1500],
      ['C', 2, 500],
    ]);
  });
  it('crosses the classes with maturity and effort bands', () => {
    expect(r.pareto?.maturity?.map((c) => [c.className, c.category, c.clients, c.value])).toEqual([
      ['A', 'active', 1, 8000],
      ['B', 'latent', 1, 1500],
      ['C', '(none)', 1, 100],
      ['C', 'arid', 1, 400],
    ]);
    expect(r.pareto?.effort?.cuts).toEqual([2, 10]);
    const cells = r.pareto?.effort?.cells.map((c) => [c.className, c.category, c.valuePerEffort]);
    expect(cells?.[0]).toEqual(['A', '1', 4000]);
    expect(cells?.[3]?.[1]).toBe('3');
    expect(cells?.[3]?.[2]).toBeCloseTo(400 / 30, 10);
  });
  it('the objective mix 60 / 30 / 10 beside the actual 100 / 0 / 0', () => {
    expect(r.origins.map((l) => [l.origin, l.objectiveShare, l.share])).toEqual([
      ['conquest', 0.6, 1],
      ['retention', 0.3, 0],
      ['reconquest', 0.1, 0],
      ['total', 1, 1],
    ]);
    // Without all three objectives there is no mix.
    const partial = computeReview(small, { period, objectives: { conquest: 6000 } });
    expect(partial.origins.every((l) => l.objectiveShare === null)).toBe(true);
  });
  it('no maturity or effort in the client file: no cross-tab', () => {
    const bare = computeReview({ orders: small.orders }, { period });
    expect([bare.pareto?.maturity, bare.pareto?.effort]).toEqual([null, null]);
    expect(computeReview({ orders: [] }, { period }).pareto).toBeNull();
  });
});

describe('credit notes are not purchases (DOMAIN.md section 8)', () => {
  // Reviewed over 2026 (previous 2025), dormancy 12 months. By hand:
  // - R bought 2025-05-10 (1000) and has only a credit note in 2026 (-200, 2026-03-01): it did not
  //   buy in 2026, so it is not retained; its -200 makes the "credit notes, no purchase" line.
  // - S bought 2026-02-01 (500) and got a credit note 2026-01-15 (-100) before it: its first
  //   purchase in the period is 2026-02-01, conquest, revenue 500 - 100 = 400.
  // - T bought 2024-06-01 (3000), credit note 2025-09-01 (-300): its last order stays 2024-06-01,
  //   30 whole months to 2026-12-31 -> a former client (the credit note does not refresh it), past
  //   revenue 2700, 1 order. R too: 19 months since 2025-05-10, 800 net. By past revenue: T, R.
  // 2026 revenue = -200 + 400 = 200 = conquest 400 + credit notes only -200.
  const credit: ReviewOrder[] = [
    o('R', '2025-05-10', 1000),
    o('R', '2026-03-01', -200),
    o('S', '2026-01-15', -100),
    o('S', '2026-02-01', 500),
    o('T', '2024-06-01', 3000),
    o('T', '2025-09-01', -300),
  ];
  const r = computeReview({ orders: credit }, { period: computeYearPeriod(2026) });
  it('a client with credit notes only in the period is not retained', () => {
    expect(r.clients.map((c) => [c.clientId, c.origin, c.revenue, formatIsoDay(c.firstDayInPeriod)])).toEqual(
      [['S', 'conquest', 400, '2026-02-01']],
    );
    expect(r.origins.map((l) => [l.origin, l.clients, l.revenue])).toEqual([
      ['conquest', 1, 400],
      ['retention', 0, 0],
      ['reconquest', 0, 0],
      ['creditOnly', 1, -200],
      ['total', 1, 200],
    ]);
  });
  it('a credit note does not refresh the last order of a former client', () => {
    expect(
      r.formerClients.map((f) => [
        f.clientId,
        f.pastRevenue,
        f.orders,
        formatIsoDay(f.lastOrderDay),
        f.monthsSinceLastOrder,
      ]),
    ).toEqual([
      ['T', 2700, 1, '2024-06-01', 30],
      ['R', 800, 1, '2025-05-10', 19],
    ]);
  });
});
