import { describe, expect, it } from 'vitest';
import type { ActivityRecord, DealRecord } from './calibrate.js';
import {
  computeActualsFromHistory,
  computeOwnerTracks,
  normaliseOwnerKey,
  sumTrackCounts,
  TRACK_STAGES,
  type TrackCounts,
} from './track.js';

const counts = (deals: number, revenue: number): TrackCounts => ({
  contacts: 0,
  prospects: 0,
  activeProspects: 0,
  proposals: 0,
  deals,
  revenue,
});

describe('computeActualsFromHistory by owner', () => {
  const deal = (owner: string | null, over: Partial<DealRecord>): DealRecord => ({
    id: 'x',
    owner,
    prospect: null,
    amount: 10000,
    stage: 'active',
    createdDay: 10,
    closedDay: null,
    proposalDay: null,
    leadSource: 'Cold call',
    ...over,
  });
  const act = (owner: string | null, day: number, prospect: string): ActivityRecord => ({
    day,
    owner,
    prospect,
    type: 'call',
    minutes: 2,
  });
  // Period: days 10..20.
  const deals = [
    deal('A', {
      prospect: 'p1',
      stage: 'won',
      createdDay: 12,
      proposalDay: 15,
      closedDay: 19,
      amount: 30000,
    }),
    deal('B', { prospect: 'p2', stage: 'won', createdDay: 11, proposalDay: 13, closedDay: 14, amount: 5000 }),
    deal(null, { prospect: 'p3', stage: 'proposal', createdDay: 15 }),
  ];
  const activities = [
    act('A', 11, 'p1'),
    act('B', 12, 'p1'), // p1 was first contacted by A (day 11): B's call is a contact, not a new prospect
    act('B', 10, 'p2'),
    act('A', 14, 'p4'),
    act('B', 14, 'p4'), // same day as A's: the first in the list (A's) wins
    act(null, 16, 'p5'),
  ];

  // By hand, days 10..20:
  // A: contacts 2 (11, 14); prospects p1 (11), p4 (14) = 2; active p1 = 1; proposals p1 = 1; won p1 = 30 000.
  // B: contacts 3 (12, 10, 14); prospects p2 (10) = 1; active p2 = 1; proposals p2 = 1; won p2 = 5 000.
  // null: contacts 1; prospects p5 = 1; active p3 = 1; proposals p3 (stage proposal, created 15) = 1.
  it.each([
    ['A', { contacts: 2, prospects: 2, activeProspects: 1, proposals: 1, deals: 1, revenue: 30000 }],
    ['B', { contacts: 3, prospects: 1, activeProspects: 1, proposals: 1, deals: 1, revenue: 5000 }],
    [null, { contacts: 1, prospects: 1, activeProspects: 1, proposals: 1, deals: 0, revenue: 0 }],
  ] as const)('owner %s, by hand', (owner, expected) => {
    expect(computeActualsFromHistory(deals, activities, 10, 20, [], 20, owner).actuals).toEqual(expected);
  });

  it('the owners (and the rows without one) add up to the team, stage by stage', () => {
    const team = computeActualsFromHistory(deals, activities, 10, 20).actuals;
    const parts = (['A', 'B', null] as const).map(
      (o) => computeActualsFromHistory(deals, activities, 10, 20, [], 20, o).actuals,
    );
    expect(sumTrackCounts(parts)).toEqual(team);
  });

  it("the work in progress is the owner's own", () => {
    // p3 (no owner) is an open proposal at day 20; A and B have none.
    expect(computeActualsFromHistory(deals, activities, 10, 20, [], 20, null).inProgress).toEqual({
      proposals: 1,
      activeProspects: 0,
    });
    expect(computeActualsFromHistory(deals, activities, 10, 20, [], 20, 'A').inProgress).toEqual({
      proposals: 0,
      activeProspects: 0,
    });
  });
});

describe('computeOwnerTracks', () => {
  const stages = ['deals', 'revenue'] as const;
  // Half the period elapsed (share 0.5). Targets to date: A 2 deals / 30 000 of 60 000 (3 deals);
  // B 1 / 20 000 of 40 000 (2 deals); C 1 / 10 000 of 20 000 (1 deal). Actuals: A 2 / 45 000,
  // B 0 / 0, C 0 / 0; D (no objective) 1 / 15 000; no owner 1 / 5 000.
  const result = computeOwnerTracks(
    [
      {
        owner: 'A',
        plan: { targets: counts(2, 30000), objective: 60000, dealsTotal: 3, share: 0.5 },
        actuals: counts(2, 45000),
      },
      {
        owner: 'B',
        plan: { targets: counts(1, 20000), objective: 40000, dealsTotal: 2, share: 0.5 },
        actuals: counts(0, 0),
      },
      {
        owner: 'C',
        plan: { targets: counts(1, 10000), objective: 20000, dealsTotal: 1, share: 0.5 },
        actuals: counts(0, 0),
      },
      { owner: 'D', plan: null, actuals: counts(1, 15000) },
      { owner: null, plan: null, actuals: counts(1, 5000) },
    ],
    0.1,
    stages,
  );

  it('compares each owner with its own objective', () => {
    const a = result.owners[0]!;
    // revenue: 45 000 - 30 000 = +15 000, +50 % of the target: ahead; deals 2 of 2: on track.
    expect(a.stages).toEqual([
      { stage: 'deals', target: 2, actual: 2, gap: 0, gapShare: 0, status: 'on track' },
      { stage: 'revenue', target: 30000, actual: 45000, gap: 15000, gapShare: 0.5, status: 'ahead' },
    ]);
    // 2 of 3 deals; projection 45 000 / 0.5 = 90 000.
    expect(a.dealsShare).toBeCloseTo(2 / 3, 12);
    expect(a.projectedRevenue).toBe(90000);
  });

  it('shows the actuals of a line without an objective, with no target, gap or status', () => {
    expect(result.owners[3]).toEqual({
      owner: 'D',
      hasObjective: false,
      objective: null,
      dealsTotal: null,
      share: null,
      stages: [
        { stage: 'deals', target: null, actual: 1, gap: null, gapShare: null, status: null },
        { stage: 'revenue', target: null, actual: 15000, gap: null, gapShare: null, status: null },
      ],
      dealsShare: null,
      projectedRevenue: null,
    });
    expect(result.owners[4]!.owner).toBeNull();
  });

  it('the team sums the owners with an objective and takes its ratios from the sums', () => {
    const { team } = result;
    // Targets 2 + 1 + 1 = 4 deals and 30 000 + 20 000 + 10 000 = 60 000; actuals 2 deals and
    // 45 000 (D and the unassigned rows have no target: left out). Revenue gap -15 000 / 60 000 =
    // -25 %, where the mean of the owners' gap shares would be (50 % - 100 % - 100 %) / 3 = -50 %.
    expect(team.stages).toEqual([
      { stage: 'deals', target: 4, actual: 2, gap: -2, gapShare: -0.5, status: 'behind' },
      { stage: 'revenue', target: 60000, actual: 45000, gap: -15000, gapShare: -0.25, status: 'behind' },
    ]);
    expect(team.objective).toBe(120000);
    expect(team.dealsTotal).toBe(6);
    expect(team.dealsShare).toBeCloseTo(2 / 6, 12);
    expect(team.share).toBe(0.5);
    expect(team.projectedRevenue).toBe(90000);
  });

  it.each([
    // share 0 (not begun): no projection; share 1 (ended): the revenue as it is; 0.25: x 4.
    [0, null],
    [1, 12000],
    [0.25, 48000],
  ])('projection at a share of %d of the period', (share, projected) => {
    const { owners } = computeOwnerTracks(
      [
        {
          owner: 'A',
          plan: { targets: counts(0, 0), objective: 50000, dealsTotal: 3, share },
          actuals: counts(1, 12000),
        },
      ],
      0.1,
      TRACK_STAGES,
    );
    expect(owners[0]!.projectedRevenue).toBe(projected);
  });

  it('weights the team share of the period by objective', () => {
    // A: 30 000 at share 0.5, B: 10 000 at share 1 -> (15 000 + 10 000) / 40 000 = 0.625.
    const { team } = computeOwnerTracks(
      [
        {
          owner: 'A',
          plan: { targets: counts(0, 0), objective: 30000, dealsTotal: 2, share: 0.5 },
          actuals: counts(0, 0),
        },
        {
          owner: 'B',
          plan: { targets: counts(0, 0), objective: 10000, dealsTotal: 1, share: 1 },
          actuals: counts(0, 0),
        },
      ],
      0.1,
    );
    expect(team.share).toBeCloseTo(0.625, 12);
  });
});

describe('normaliseOwnerKey', () => {
  it.each([
    ['Hélène  Durand', 'helene durand'],
    [' helene durand ', 'helene durand'],
    ['CHLOÉ', 'chloe'],
  ])('%s -> %s', (name, key) => expect(normaliseOwnerKey(name)).toBe(key));
});
