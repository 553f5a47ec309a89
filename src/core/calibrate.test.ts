import { describe, expect, it } from 'vitest';
import {
  computeCalibration,
  computeWeightedPipeline,
  DEFAULT_CALIBRATE_OPTIONS,
  type ActivityRecord,
  type DealRecord,
} from './calibrate.js';
import type { FunnelStage } from './stage-mapping.js';

function deal(
  id: string,
  owner: string,
  prospect: string,
  amount: number,
  stage: FunnelStage,
  createdDay: number,
  closedDay: number | null,
  proposalDay: number | null,
  leadSource: string,
): DealRecord {
  return { id, owner, prospect, amount, stage, createdDay, closedDay, proposalDay, leadSource };
}

function act(day: number, owner: string, prospect: string, minutes: number | null): ActivityRecord {
  return { day, owner, prospect, type: 'call', minutes };
}

// A small history worked by hand. Window: days 0..99.
const DEALS: DealRecord[] = [
  deal('d1', 'A', 'p1', 10000, 'won', 10, 40, 30, 'Cold call'),
  deal('d2', 'A', 'p2', 20000, 'won', 20, 80, 60, 'Referral'),
  deal('d3', 'A', 'p3', 5000, 'lost', 15, 50, 45, 'Cold call'),
  deal('d4', 'B', 'p4', 8000, 'lost', 30, 35, null, 'Cold call'), // lost before any proposal
  deal('d5', 'B', 'p5', 12000, 'proposal', 50, null, 70, 'Inbound'),
  deal('d6', 'B', 'p6', 30000, 'won', 60, 90, 85, 'Cold call'),
  deal('d7', 'B', 'p7', 4000, 'active', 95, null, null, 'Cold call'),
  deal('d8', 'A', 'p8', 50000, 'won', 150, 200, 180, 'Cold call'), // created after the window
  deal('d9', 'A', 'p9', 9000, 'active', -10, null, null, 'Cold call'), // before, still open
];

const ACTIVITIES: ActivityRecord[] = [
  act(2, 'A', 'p1', 3),
  act(5, 'A', 'p1', 1),
  act(10, 'A', 'p1', 2),
  act(35, 'A', 'p1', 20), // after p1's deal was created: not a prospecting contact
  act(20, 'A', 'p2', 5), // p2 came by referral: not counted
  act(12, 'A', 'p3', 2),
  act(15, 'A', 'p3', 2),
  act(-5, 'B', 'p4', 2), // p4 was first contacted before the window
  act(28, 'B', 'p4', 2),
  act(40, 'B', 'p6', 2),
  act(45, 'B', 'p6', 4),
  act(55, 'B', 'p6', 2),
  act(60, 'B', 'p6', null),
  act(90, 'B', 'p7', 1),
  act(30, 'A', 'p10', 2),
  act(31, 'A', 'p10', 2),
  act(120, 'A', 'p10', 2), // after the window, and p10 never had a deal
  act(50, 'B', 'p11', 3),
  act(98, 'A', 'p12', 2),
];

const OPTIONS = { ...DEFAULT_CALIBRATE_OPTIONS, fromDay: 0, toDay: 99, byOwner: true };

describe('computeCalibration on a small history worked by hand', () => {
  const result = computeCalibration(DEALS, ACTIVITIES, OPTIONS);
  const team = result.team;

  it('counts the funnel of the deals created in the window (d1..d7)', () => {
    // proposals: d1 d2 d3 d5 d6; won d1 d2 d6; lost d3 d4; open d5 d7; decided proposals d1 d2 d3 d6.
    expect(team.counts).toEqual({
      deals: 7,
      proposals: 5,
      won: 3,
      lost: 2,
      open: 2,
      proposalsDecided: 4,
      spontaneous: 2,
      prospectsContacted: 7,
      prospectsBecameActive: 4,
      contacts: 14,
      revenueWon: 60000,
    });
    expect(result.proposalEvidence).toBe('dates');
  });

  it.each([
    // key, value worked by hand
    ['avgDeal', 20000], // (10000 + 20000 + 30000) / 3
    ['winRate', 0.75], // 3 won / 4 decided proposals
    ['proposalsPerDeal', 4 / 3], // 1 / 0.75
    ['compensationFactor', 1.2], // 6 settled deals (5 proposals + d4) / 5 proposals
    ['spontaneous', 2], // d2 referral, d5 inbound
    ['spontaneousShare', 2 / 7],
    ['accessibility', 4 / 7], // p1 p3 p6 p7 of p1 p3 p6 p7 p10 p11 p12
    ['contactsPerProspect', 2], // 3 + 2 + 4 + 1 + 2 + 1 + 1 = 14 over 7 prospects
    ['minutesPerContact', 28 / 13], // 3+1+2, 2+2, 2+4+2 (one without duration), 1, 2+2, 3, 2
    ['salesCycleDays', 148 / 3], // d1 40-2 = 38, d2 80-20 = 60, d6 90-40 = 50
  ] as const)('%s = %f', (key, value) => {
    expect(team.measures[key].value).toBeCloseTo(value, 9);
  });

  it('gives the sample sizes, small-sample flags and seed comparisons', () => {
    expect(team.measures.winRate.n).toBe(4);
    expect(team.measures.winRate.smallSample).toBe(true);
    expect(team.measures.minutesPerContact.n).toBe(13);
    expect(team.measures.accessibility.seed).toEqual({ value: 0.06, min: 0.03, max: 0.17 });
    expect(team.measures.accessibility.outsideSeedRange).toBe(true); // 57 % > 17 %
    expect(team.measures.contactsPerProspect.outsideSeedRange).toBe(false); // 2 in 1-13
    expect(team.salesCycleMedianDays).toBe(50);
  });

  it('gives the intervals: Wilson for rates (inverted for ratios), t for means', () => {
    // Wilson 3/4 by hand: centre (0.75 + 0.480182)/1.960365 = 0.627527,
    // half 1.959964·√(0.046875 + 0.060023)/1.960365 = 0.326885 -> [0.300642, 0.954412].
    expect(team.measures.winRate.interval?.low).toBeCloseTo(0.300642, 5);
    expect(team.measures.winRate.interval?.high).toBeCloseTo(0.954412, 5);
    expect(team.measures.proposalsPerDeal.interval?.low).toBeCloseTo(1 / 0.954412, 4);
    expect(team.measures.proposalsPerDeal.interval?.high).toBeCloseTo(1 / 0.300642, 4);
    // t interval of 10000, 20000, 30000: s = 10000, half = 4.302653 · 10000/√3 = 24841.5.
    expect(team.measures.avgDeal.interval?.low).toBeCloseTo(20000 - 24841.5, 0);
    expect(team.measures.avgDeal.interval?.high).toBeCloseTo(20000 + 24841.5, 0);
    expect(team.measures.spontaneous.interval).toBeNull();
  });

  it('weights the open pipeline by the win rate of its stage', () => {
    // Open deals of the export: d5 proposal 12000, d7 active 4000, d9 active 9000 (before the window).
    // p(active) = 3 won / 5 closed = 0.6; p(proposal) = 0.75.
    expect(result.pipeline.amount).toBe(25000);
    expect(result.pipeline.weighted).toBeCloseTo(13000 * 0.6 + 12000 * 0.75, 9); // 16800
    expect(result.pipeline.openDeals).toBe(3);
    expect(result.pipeline.requiredCoverage).toBeCloseTo(4 / 3, 9);
  });

  it('measures each owner', () => {
    const [a, b] = result.owners;
    expect(result.owners.map((o) => o.owner)).toEqual(['A', 'B']);
    // A: d1 d2 d3 -> 2 won of 3 decided proposals; avg (10000 + 20000)/2; contacted p1 p3 p10 p12,
    // active p1 p3; contacts 3 + 2 + 2 + 1.
    expect(a?.measures.winRate.value).toBeCloseTo(2 / 3, 9);
    expect(a?.measures.avgDeal.value).toBe(15000);
    expect(a?.measures.accessibility.value).toBe(0.5);
    expect(a?.measures.contactsPerProspect.value).toBe(2);
    // B: d4 d5 d6 d7 -> 1 won of 1 decided proposal; 3 settled of which 2 proposals -> factor 1.5;
    // contacted p6 p7 p11 (p4 before the window), active p6 p7; contacts 4 + 1 + 1.
    expect(b?.measures.winRate.value).toBe(1);
    expect(b?.measures.compensationFactor.value).toBe(1.5);
    expect(b?.measures.accessibility.value).toBeCloseTo(2 / 3, 9);
    expect(b?.measures.contactsPerProspect.value).toBe(2);
  });

  it('owner counts add up to the team for deal-based counts (partition)', () => {
    for (const key of ['deals', 'proposals', 'won', 'lost', 'open', 'spontaneous'] as const) {
      expect(result.owners.reduce((s, o) => s + o.counts[key], 0)).toBe(team.counts[key]);
    }
  });
});

describe('computeCalibration edge cases', () => {
  it('without proposal dates, every lost deal counts as a proposal and the factor is not measured', () => {
    const noDates = DEALS.map((d) => ({ ...d, proposalDay: null }));
    const r = computeCalibration(noDates, ACTIVITIES, OPTIONS);
    expect(r.proposalEvidence).toBe('assumed');
    // proposals d1 d2 d3 d4 d5 d6; decided d1 d2 d3 d4 d6 -> 3/5.
    expect(r.team.counts.proposals).toBe(6);
    expect(r.team.measures.winRate.value).toBeCloseTo(0.6, 9);
    expect(r.team.measures.compensationFactor.value).toBeNull();
    expect(r.team.measures.compensationFactor.reason).toContain('no proposal dates');
  });

  it('without activities, the contact measures are null with a reason', () => {
    const r = computeCalibration(DEALS, null, { ...OPTIONS, byOwner: false });
    expect(r.team.measures.accessibility.value).toBeNull();
    expect(r.team.measures.accessibility.reason).toBe('no activities file');
    expect(r.team.measures.salesCycleDays.value).toBeCloseTo((30 + 60 + 30) / 3, 9); // from creation
    expect(r.owners).toEqual([]);
  });

  it('an empty window gives null measures, not NaN', () => {
    const r = computeCalibration(DEALS, ACTIVITIES, { ...OPTIONS, fromDay: 1000, toDay: 1100 });
    expect(r.team.measures.winRate.value).toBeNull();
    expect(r.team.measures.avgDeal.value).toBeNull();
    expect(r.team.measures.proposalsPerDeal.value).toBeNull();
  });

  it('refuses a window that ends before it starts', () => {
    expect(() => computeCalibration(DEALS, null, { ...OPTIONS, fromDay: 10, toDay: 5 })).toThrow(RangeError);
  });

  it('computeWeightedPipeline leaves deals without amount out of the sums', () => {
    const deals = [{ ...DEALS[4]!, amount: null }, { ...DEALS[6]! }];
    const p = computeWeightedPipeline(deals, { contacted: 0.1, active: 0.5, proposal: 0.8 });
    expect(p.openDealsWithoutAmount).toBe(1);
    expect(p.weighted).toBe(2000);
  });
});
