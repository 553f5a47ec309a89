import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEED_PARAMETERS } from './plan.js';
import type { ActivityRecord, DealRecord } from './calibrate.js';
import {
  computeActualsFromHistory,
  computeLinearTargetsAt,
  computeReplan,
  computeTrackStatus,
  computeWeekday,
  computeWorkingDays,
  TRACK_STAGES,
  type TrackCounts,
} from './track.js';

// Day 0 is Thursday 1970-01-01; day 4 is Monday 1970-01-05; days 4..8 and 11..15 are two
// working weeks.
describe('computeWeekday and computeWorkingDays', () => {
  it.each([
    [0, 4],
    [3, 0],
    [4, 1],
    [-1, 3],
    [20416, 1], // 2025-11-24, a Monday (by a calendar)
  ])('day %i is weekday %i', (day, weekday) => {
    expect(computeWeekday(day)).toBe(weekday);
  });
  it.each([
    [4, 8, 5],
    [4, 10, 5],
    [4, 11, 6],
    [0, 6, 5],
    [9, 10, 0],
    [5, 4, 0],
    [4, 15, 10],
  ])('from day %i to day %i: %i working days', (from, to, n) => {
    expect(computeWorkingDays(from, to)).toBe(n);
  });
  it('agrees with counting day by day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 30000 }),
        fc.integer({ min: 0, max: 400 }),
        (from, length) => {
          let count = 0;
          for (let d = from; d <= from + length; d++) {
            const w = (((d + 4) % 7) + 7) % 7;
            if (w >= 1 && w <= 5) count++;
          }
          expect(computeWorkingDays(from, from + length)).toBe(count);
        },
      ),
    );
  });
});

const TOTALS: TrackCounts = {
  contacts: 1868,
  prospects: 467,
  activeProspects: 36,
  proposals: 9,
  deals: 3,
  revenue: 60000,
};

describe('computeLinearTargetsAt', () => {
  // Period: Monday day 4 .. Friday day 15 = 10 working days.
  it.each([
    [6, 0.3], // Mon, Tue, Wed done
    [9, 0.5], // a Saturday: the first week done
    [8, 0.5],
    [2, 0], // before the start
    [20, 1], // after the end
  ])('at day %i, %f of each total', (asOf, share) => {
    const targets = computeLinearTargetsAt(TOTALS, 4, 15, asOf);
    for (const stage of TRACK_STAGES) expect(targets[stage]).toBeCloseTo(TOTALS[stage] * share, 9);
  });
  it('is non-decreasing over time (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (x, y) => {
        const [early, late] = x <= y ? [x, y] : [y, x];
        expect(computeLinearTargetsAt(TOTALS, 4, 15, early).contacts).toBeLessThanOrEqual(
          computeLinearTargetsAt(TOTALS, 4, 15, late).contacts,
        );
      }),
    );
  });
});

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
  // Seed plan (60 000 EUR), period day 4 .. day 15 (10 working days), as of Friday day 8:
  // 5 working days (one week) left. Actuals: 1 deal of 20 000, 4 proposals, 12 active (2
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
    startDay: 4,
    endDay: 15,
    asOfDay: 8,
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
    const r = computeReplan({ ...base, asOfDay: 20 });
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
    expect(r).toEqual({
      actuals: { contacts: 4, prospects: 2, activeProspects: 3, proposals: 4, deals: 2, revenue: 35000 },
      spontaneous: 1,
    });
  });
});
