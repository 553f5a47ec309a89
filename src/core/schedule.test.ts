import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from './calendar.js';
import { computeCapacity } from './capacity.js';
import { computePlan, SEED_PARAMETERS } from './plan.js';
import {
  buildScheduleTotals,
  computeCheckpoints,
  computeEffectiveWorkingDays,
  computeTargetsAt,
  FLAT_WEIGHTS,
  type PlanSchedule,
} from './schedule.js';

const d = (iso: string): number => parseIsoDay(iso)!;

/** The seed plan (rounded up: 1 868 contacts, 467 prospects, 36 active, 9 proposals, 3 deals, 60 000 €). */
function seedSchedule(from: string, to: string, weights: readonly number[] = FLAT_WEIGHTS): PlanSchedule {
  return {
    from: d(from),
    to: d(to),
    country: 'FR',
    monthWeights: weights,
    totals: buildScheduleTotals(computePlan(SEED_PARAMETERS, 'up')),
    rounding: 'up',
  };
}

describe('computeCheckpoints', () => {
  // May-June 2026 in France: 17 + 22 = 39 working days (counted in calendar.test.ts).
  // At 31 May: share 17/39; contacts 1868 x 17 / 39 = 814.26 -> 815; prospects 467 x 17 / 39 =
  // 203.56 -> 204; active 36 x 17 / 39 = 15.69 -> 16; proposals 9 x 17 / 39 = 3.92 -> 4; deals
  // 3 x 17 / 39 = 1.31 -> 2; revenue 60000 x 17 / 39 = 26 153.85 -> 26 154.
  it('monthly, May-June 2026 FR', () => {
    const cps = computeCheckpoints(seedSchedule('2026-05-01', '2026-06-30'), 'month');
    expect(cps.map((c) => [c.date, c.workingDays])).toEqual([
      ['2026-05-31', 17],
      ['2026-06-30', 39],
    ]);
    expect(cps[0]!.share).toBeCloseTo(17 / 39, 12);
    expect(cps[0]!.targets).toEqual({
      contacts: 815,
      prospectsQualified: 204,
      activeProspects: 16,
      proposals: 4,
      deals: 2,
      revenue: 26154,
    });
    expect(cps[1]!.targets).toEqual({
      contacts: 1868,
      prospectsQualified: 467,
      activeProspects: 36,
      proposals: 9,
      deals: 3,
      revenue: 60000,
    });
  });

  // A quiet May (weight 0.5): May weighs 17 x 0.5 = 8.5, June 22: share 8.5 / 30.5;
  // contacts 1868 x 8.5 / 30.5 = 520.59 -> 521.
  it('weights shift the effort: May at half weight', () => {
    const weights = FLAT_WEIGHTS.map((w, i) => (i === 4 ? 0.5 : w));
    const [may] = computeCheckpoints(seedSchedule('2026-05-01', '2026-06-30', weights), 'month');
    expect(may!.share).toBeCloseTo(8.5 / 30.5, 12);
    expect(may!.targets.contacts).toBe(521);
  });

  // Weeks end on Sunday: 1-3 May (1 May a holiday) 0 days; 4-10 May less 8 May = 4;
  // 11-17 May less 14 May = 4 more: 8.
  it('weekly, 1-17 May 2026 FR', () => {
    const cps = computeCheckpoints(seedSchedule('2026-05-01', '2026-05-17'), 'week');
    expect(cps.map((c) => [c.date, c.workingDays])).toEqual([
      ['2026-05-03', 0],
      ['2026-05-10', 4],
      ['2026-05-17', 8],
    ]);
    expect(cps[0]!.targets.contacts).toBe(0);
  });

  // Quarters of 2026: Q1 = 63 working days; the deadline in mid-quarter closes the list.
  it('quarterly, 2026-01-01 to 2026-08-14', () => {
    const cps = computeCheckpoints(seedSchedule('2026-01-01', '2026-08-14'), 'quarter');
    expect(cps.map((c) => c.date)).toEqual(['2026-03-31', '2026-06-30', '2026-08-14']);
    expect(cps[0]!.workingDays).toBe(63);
  });
});

describe('computeTargetsAt', () => {
  const schedule = seedSchedule('2026-05-01', '2026-06-30');
  it('agrees with the checkpoint at 31 May, and a weekend keeps the Friday value', () => {
    expect(computeTargetsAt(schedule, d('2026-05-31')).contacts).toBe(815);
    // 29 May (Friday) and 30 May (Saturday) are both 17 working days in.
    expect(computeTargetsAt(schedule, d('2026-05-30'))).toEqual(computeTargetsAt(schedule, d('2026-05-29')));
  });

  it('takes an ISO date too, and refuses a bad one', () => {
    expect(computeTargetsAt(schedule, '2026-05-31').contacts).toBe(815);
    expect(() => computeTargetsAt(schedule, '31/05/2026')).toThrow(RangeError);
  });

  it('is 0 before the start and the totals from the deadline on', () => {
    expect(computeTargetsAt(schedule, d('2026-04-01')).contacts).toBe(0);
    expect(computeTargetsAt(schedule, d('2026-12-01')).revenue).toBe(60000);
    expect(computeTargetsAt(schedule, d('2026-06-30')).deals).toBe(3);
  });

  // 1-8 May: only 4-7 May are worked (1 and 8 May are holidays): 4 / 39 x 1868 = 191.6 -> 192.
  it('mid-month: 8 May 2026', () => {
    const at = computeTargetsAt(schedule, d('2026-05-08'));
    expect(at.workingDays).toBe(4);
    expect(at.contacts).toBe(192);
  });

  it('never decreases from one day to the next', () => {
    fc.assert(
      fc.property(fc.integer({ min: d('2026-04-25'), max: d('2026-07-05') }), (day) => {
        const a = computeTargetsAt(schedule, day);
        const b = computeTargetsAt(schedule, day + 1);
        return a.contacts <= b.contacts && a.revenue <= b.revenue && a.share <= b.share;
      }),
      { numRuns: 40 },
    );
  });
});

describe('computeCapacity', () => {
  // 62.3 h over 39 working days = 7.8 weeks. One rep at 5 h/week: 62.3 / 7.8 = 7.99 h/week, does
  // not fit; weeks at 5 h/week: 62.3 / 5 = 12.46 -> 13; reps: 62.3 / (5 x 7.8) = 1.60 -> 2.
  it('one rep at 5 h/week does not fit', () => {
    const c = computeCapacity({ hoursNeeded: 62.3, reps: 1, hoursPerWeek: 5, workingDays: 39 });
    expect(c.weeksAvailable).toBeCloseTo(7.8, 12);
    expect(c.loadPerRepPerWeek).toBeCloseTo(7.9872, 4);
    expect(c.fits).toBe(false);
    expect(c.weeksNeeded).toBe(13);
    expect(c.repsNeeded).toBe(2);
  });

  // Two reps: 62.3 / 2 / 7.8 = 3.99 h/week <= 5, fits; weeks: 62.3 / 10 = 6.23 -> 7.
  it('two reps fit', () => {
    const c = computeCapacity({ hoursNeeded: 62.3, reps: 2, hoursPerWeek: 5, workingDays: 39 });
    expect(c.loadPerRepPerWeek).toBeCloseTo(3.9936, 4);
    expect(c.fits).toBe(true);
    expect(c.weeksNeeded).toBe(7);
  });

  it('without a period: only the weeks needed', () => {
    const c = computeCapacity({ hoursNeeded: 62.3, reps: 1, hoursPerWeek: 10 });
    expect(c).toMatchObject({ fits: null, loadPerRepPerWeek: null, weeksNeeded: 7 });
  });
});

describe('computeEffectiveWorkingDays (capacity under seasonality)', () => {
  // July 2026 in France: 23 weekdays less 14 July = 22; August 2026: 21 weekdays, 15 August is a
  // Saturday, so 21. Flat weights: 43; August weighted 0: July only, 22; August 0.5: (22 + 10.5) / 1.
  const from = parseIsoDay('2026-07-01') as number;
  const to = parseIsoDay('2026-08-31') as number;
  const flat = Array.from({ length: 12 }, () => 1);
  it.each([
    ['flat', flat, 43],
    ['aug=0', flat.map((w, i) => (i === 7 ? 0 : w)), 22],
    ['aug=0.5', flat.map((w, i) => (i === 7 ? 0.5 : w)), 32.5],
    ['all 0.5 (only relative weights matter)', flat.map(() => 0.5), 43],
    ['all 0', flat.map(() => 0), 0],
  ])('%s -> %d days', (_name, monthWeights, expected) => {
    expect(computeEffectiveWorkingDays({ from, to, country: 'FR', monthWeights })).toBeCloseTo(expected, 10);
  });
});
