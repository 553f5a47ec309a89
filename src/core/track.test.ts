import { describe, expect, it } from 'vitest';
import { SEED_PARAMETERS } from './plan.js';
import type { ActivityRecord, DealRecord } from './calibrate.js';
import {
  computeActualsFromHistory,
  computeReplan,
  computeTrackStatus,
  buildTrackTargets,
  type TrackCounts,
} from './track.js';

describe('computeTrackStatus', () => {
  const targets = {
    contacts: 100,
    prospects: 100,
    activeProspects: 100,
    proposals: 100,
    deals: 0,
    revenue: 0,
  };
  it.each([
    ['contacts', 111, 'ahead', 0.11],
    ['contacts', 110, 'on track', 0.1],
    ['contacts', 90, 'on track', -0.1],
    ['contacts', 89, 'behind', -0.11],
    ['deals', 0, 'on track', null],
    ['deals', 3, 'ahead', null],
  ] as const)('%s: actual %i against 100 (tolerance 0.1) is %s', (stage, actual, status, share) => {
    const actuals = { ...targets, [stage]: actual };
    const row = computeTrackStatus(targets, actuals, 0.1).find((r) => r.stage === stage);
    expect(row?.status).toBe(status);
    expect(row?.gap).toBe(actual - targets[stage]);
    if (share === null) expect(row?.gapShare).toBeNull();
    else expect(row?.gapShare).toBeCloseTo(share, 12);
  });
});

describe('computeReplan', () => {
  // Seed plan (60 000 EUR), a period of 10 working days with 5 (one week) left. Actuals: 1 deal of 20 000, 4 proposals, 12 active (2
  // spontaneous), 200 prospects, 900 contacts.
  const actuals: TrackCounts = {
    contacts: 900,
    prospects: 200,
    activeProspects: 12,
    proposals: 4,
    deals: 1,
    revenue: 20000,
  };
  const base = {
    parameters: { ...SEED_PARAMETERS },
    actuals,
    actualSpontaneous: 2,
    periodWorkingDays: 10,
    workingDaysLeft: 5,
    capacityHoursPerWeek: 50,
    minSample: 30,
    rounding: 'up' as const,
  };

  it('uses observed rates only where the sample is large enough, and plans the rest', () => {
    const r = computeReplan(base);
    // Observed: avg deal 20000 (n = 1), proposals/deal 4 (n = 4), factor 3 (n = 12): plan's;
    // accessibility (12 - 2)/200 = 5 % and contacts/prospect 900/200 = 4.5 (n = 200): observed.
    expect(r.rates.map((x) => [x.key, x.source, x.value])).toEqual([
      ['avgDeal', 'plan', 20000],
      ['proposalsPerDeal', 'plan', 3],
      ['compensationFactor', 'plan', 4],
      ['accessibility', 'observed', 0.05],
      ['contactsPerProspect', 'observed', 4.5],
    ]);
    // Remaining 40 000 -> 2 deals -> 6 proposals -> 24 active - 4 spontaneous (8 x 5/10) = 20
    // -> 20 / 5 % = 400 prospects -> x 4.5 = 1800 contacts -> x 2 = 3600 min = 60 h.
    expect(r.remainingRevenue).toBe(40000);
    expect(r.remainingSpontaneous).toBe(4);
    expect(r.workingDaysLeft).toBe(5);
    expect(r.remaining.figures).toMatchObject({
      deals: 2,
      proposals: 6,
      activeProspectsNeeded: 24,
      activeProspectsToFind: 20,
      prospectsToContact: 400,
      contacts: 1800,
      minutes: 3600,
    });
    expect(r.perWeek).toEqual({
      contacts: 1800,
      prospects: 400,
      activeProspects: 20,
      proposals: 6,
      deals: 2,
      hours: 60,
    });
    expect(r.fitsCapacity).toBe(false); // 60 h > 50 h
    expect(computeReplan({ ...base, capacityHoursPerWeek: 60 }).fitsCapacity).toBe(true);
    expect(computeReplan({ ...base, capacityHoursPerWeek: null }).fitsCapacity).toBeNull();
  });

  // Work in progress: 2 open proposals and 5 active prospects already in the funnel. Remaining
  // 40 000 -> 2 deals -> 6 proposals needed - 2 open = 4 to make -> x 4 = 16 active needed
  // - (4 spontaneous + 5 in the funnel) = 7 to find -> / 5 % = 140 prospects -> x 4.5 = 630
  // contacts -> x 2 = 1 260 min = 21 h (without the credit: 20 to find, 60 h).
  it('credits open proposals and active prospects already in the funnel', () => {
    const r = computeReplan({ ...base, inProgress: { proposals: 2, activeProspects: 5 } });
    expect(r.inProgress).toEqual({ proposals: 2, activeProspects: 5 });
    expect(r.remaining.figures).toMatchObject({
      deals: 2,
      proposals: 4,
      activeProspectsNeeded: 16,
      activeProspectsToFind: 7,
      prospectsToContact: 140,
      contacts: 630,
      minutes: 1260,
      hours: 21,
    });
    // More open proposals than needed: nothing left to propose, nobody to find.
    const covered = computeReplan({ ...base, inProgress: { proposals: 9, activeProspects: 0 } });
    expect(covered.remaining.figures).toMatchObject({ proposals: 0, activeProspectsToFind: 0, contacts: 0 });
  });

  it('with a smaller sample threshold, uses every observed rate', () => {
    const r = computeReplan({ ...base, minSample: 1 });
    // avg 20000, proposals/deal 4, factor 12/4 = 3 -> 2 deals, 8 proposals, 24 active, 20 to find.
    expect(r.rates.every((x) => x.source === 'observed')).toBe(true);
    expect(r.remaining.figures.proposals).toBe(8);
    expect(r.remaining.figures.activeProspectsNeeded).toBe(24);
  });

  it('once the objective is reached, nothing remains', () => {
    const r = computeReplan({ ...base, actuals: { ...actuals, revenue: 70000 } });
    expect(r.remainingRevenue).toBe(0);
    expect(r.remaining.figures.contacts).toBe(0);
    expect(r.fitsCapacity).toBe(true);
  });

  it('after the deadline, there is no week left: per week is null and it does not fit', () => {
    const r = computeReplan({ ...base, workingDaysLeft: 0 });
    expect(r.workingDaysLeft).toBe(0);
    expect(r.perWeek).toBeNull();
    expect(r.fitsCapacity).toBe(false);
  });
});

describe('computeActualsFromHistory', () => {
  const deal = (over: Partial<DealRecord>): DealRecord => ({
    id: 'x',
    owner: 'A',
    prospect: null,
    amount: 10000,
    stage: 'active',
    createdDay: 10,
    closedDay: null,
    proposalDay: null,
    leadSource: 'Cold call',
    ...over,
  });
  const act = (day: number, prospect: string): ActivityRecord => ({
    day,
    owner: 'A',
    prospect,
    type: 'call',
    minutes: 2,
  });
  // Period: days 10..20.
  const deals = [
    deal({ prospect: 'p1', stage: 'won', createdDay: 12, proposalDay: 15, closedDay: 19, amount: 30000 }),
    deal({ prospect: 'p2', stage: 'won', createdDay: 5, proposalDay: 8, closedDay: 11, amount: 5000 }),
    deal({ prospect: 'p3', stage: 'won', createdDay: 15, proposalDay: 18, closedDay: 25, amount: 7000 }), // closed later
    deal({ prospect: 'p4', stage: 'proposal', createdDay: 14, proposalDay: null, leadSource: 'Inbound' }),
    deal({ prospect: 'p5', stage: 'lost', createdDay: 9, proposalDay: 10, closedDay: 16 }),
    deal({ prospect: 'p6', stage: 'active', createdDay: 21 }), // after the as-of day
  ];
  const activities = [
    act(8, 'p1'),
    act(11, 'p1'),
    act(10, 'p3'),
    act(14, 'p4'),
    act(20, 'p7'),
    act(21, 'p8'),
    act(9, 'p2'),
  ];
  it('counts each stage over the period, by hand', () => {
    const r = computeActualsFromHistory(deals, activities, 10, 20);
    // contacts: days 11, 10, 14, 20 (8, 21 and 9 are outside) = 4.
    // prospects first contacted in 10..20: p3 (10), p7 (20); p1 started on day 8; p4 is inbound.
    // active: p1 (12), p3 (15), p4 (14) = 3, of which p4 spontaneous.
    // proposals: p1 (15), p3 (18), p4 (no day, proposal stage, created 14), p5 (10) = 4.
    // deals: p1 (19) and p2 (11) won in the period = 2; revenue 35 000.
    // In progress at day 20: p3 (won on day 25, so open on day 20, proposal on day 18) and p4
    // (open, proposal stage) are open proposals; p1, p2, p5 are closed; p6 is not created yet.
    expect(r).toEqual({
      actuals: { contacts: 4, prospects: 2, activeProspects: 3, proposals: 4, deals: 2, revenue: 35000 },
      spontaneous: 1,
      inProgress: { proposals: 2, activeProspects: 0 },
    });
  });

  // Deals created before the period still in the funnel count as work in progress: q1 (active,
  // created day 2), q2 (proposal on day 30, after the as-of day: still an active prospect on day
  // 20), q3 (lost on day 22: open on day 20, proposal day 12) -> 1 open proposal, 2 active.
  it('counts the work in progress at the as-of day, whenever it was created', () => {
    const wip = [
      deal({ prospect: 'q1', stage: 'active', createdDay: 2 }),
      deal({ prospect: 'q2', stage: 'proposal', createdDay: 12, proposalDay: 30 }),
      deal({ prospect: 'q3', stage: 'lost', createdDay: 11, proposalDay: 12, closedDay: 22 }),
    ];
    expect(computeActualsFromHistory(wip, [], 10, 20).inProgress).toEqual({
      proposals: 1,
      activeProspects: 2,
    });
  });

  // After the end of the period (day 15), only days 10..15 count: p1's win on day 19 is outside;
  // p2's win on day 11 stays.
  it('caps the window at the end of the period', () => {
    const r = computeActualsFromHistory(deals, activities, 10, 40, [], 15);
    expect(r.actuals.deals).toBe(1);
    expect(r.actuals.revenue).toBe(5000);
  });
});

describe('buildTrackTargets', () => {
  it('maps the schedule targets to the tracked stages', () => {
    expect(
      buildTrackTargets({
        contacts: 1,
        prospectsQualified: 2,
        activeProspects: 3,
        proposals: 4,
        deals: 5,
        revenue: 6,
      }),
    ).toEqual({ contacts: 1, prospects: 2, activeProspects: 3, proposals: 4, deals: 5, revenue: 6 });
  });
});
