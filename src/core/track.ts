/**
 * Tracking a plan (DOMAIN.md section 7, seed 003: measure the performance, then adjust): the
 * plan's cumulative targets at a date against what was done, stage by stage, with a status; and
 * the re-plan, what remains to be done per week until the deadline to still reach the objective.
 */

import type { ActivityRecord, DealRecord } from './calibrate.js';
import {
  computePlan,
  type PlanParameters,
  type PlanResult,
  type RoundingMode,
  type WorkInProgress,
} from './plan.js';
import type { ScheduleTargets } from './schedule.js';
import { isSpontaneousSource } from './stage-mapping.js';

export type TrackStage = 'contacts' | 'prospects' | 'activeProspects' | 'proposals' | 'deals' | 'revenue';

/** The stages in funnel order, from effort to result. */
export const TRACK_STAGES: readonly TrackStage[] = [
  'contacts',
  'prospects',
  'activeProspects',
  'proposals',
  'deals',
  'revenue',
];

export type TrackCounts = Record<TrackStage, number>;

export type TrackStatus = 'ahead' | 'on track' | 'behind';

/**
 * Where the as-of date falls: before the first day of the period (`not started`), in it
 * (`running`), or on or after its last day (`ended`: the result is final, there is no re-plan).
 */
export type TrackPhase = 'not started' | 'running' | 'ended';

export interface StageTrack {
  stage: TrackStage;
  /** The plan's cumulative target at the as-of date. */
  target: number;
  actual: number;
  /** actual - target. */
  gap: number;
  /** gap / target (null when the target is 0). */
  gapShare: number | null;
  status: TrackStatus;
}

/** The plan's targets at a date (`computeTargetsAt`, src/core/schedule.ts) as tracked stages. */
export function buildTrackTargets(targets: ScheduleTargets): TrackCounts {
  return {
    contacts: targets.contacts,
    prospects: targets.prospectsQualified,
    activeProspects: targets.activeProspects,
    proposals: targets.proposals,
    deals: targets.deals,
    revenue: targets.revenue,
  };
}

/**
 * Compares actuals with targets, stage by stage: gap = actual - target, gap share = gap / target,
 * status `ahead` when actual > target x (1 + tolerance), `behind` when actual < target x (1 -
 * tolerance), `on track` otherwise. A zero target is `ahead` when something was done, else on track.
 * Only `stages` are compared (all by default): the actuals may not cover every stage.
 *
 * @example computeTrackStatus(targets, actuals, 0.1)
 */
export function computeTrackStatus(
  targets: TrackCounts,
  actuals: TrackCounts,
  tolerance: number,
  stages: readonly TrackStage[] = TRACK_STAGES,
): StageTrack[] {
  return stages.map((stage) => {
    const target = targets[stage];
    const actual = actuals[stage];
    const gap = actual - target;
    let status: TrackStatus;
    if (target === 0) status = actual > 0 ? 'ahead' : 'on track';
    else if (actual > target * (1 + tolerance)) status = 'ahead';
    else if (actual < target * (1 - tolerance)) status = 'behind';
    else status = 'on track';
    return { stage, target, actual, gap, gapShare: target === 0 ? null : gap / target, status };
  });
}

export type RateKey =
  'avgDeal' | 'proposalsPerDeal' | 'compensationFactor' | 'accessibility' | 'contactsPerProspect';

/** A rate used by the re-plan: observed so far when its sample is large enough, else the plan's. */
export interface ReplanRate {
  key: RateKey;
  value: number;
  source: 'observed' | 'plan';
  /** The observed value (null when nothing to observe) and its sample size. */
  observed: number | null;
  n: number;
}

export interface ReplanInput {
  /** The plan's parameters (objective and rates). */
  parameters: PlanParameters;
  actuals: TrackCounts;
  /** Of the active prospects so far, how many came spontaneously (0 when unknown). */
  actualSpontaneous: number;
  /** Working days of the whole period (the plan's calendar). */
  periodWorkingDays: number;
  /** Working days after the as-of date up to the deadline, included. */
  workingDaysLeft: number;
  /** Hours per week the team can give to prospecting contacts (null: not checked). */
  capacityHoursPerWeek: number | null;
  /** A rate is observed when its denominator reaches this (30). */
  minSample: number;
  rounding: RoundingMode;
  /** Open proposals and active prospects in the funnel at the as-of date (none when unknown). */
  inProgress?: WorkInProgress;
}

export interface ReplanResult {
  rates: ReplanRate[];
  remainingRevenue: number;
  /** Spontaneous prospects still expected: the plan's, pro rata of the working days left. */
  remainingSpontaneous: number;
  /** Working days after the as-of date up to the deadline. */
  workingDaysLeft: number;
  weeksLeft: number;
  /** The work in progress credited: open proposals and active prospects in the funnel. */
  inProgress: WorkInProgress;
  /**
   * The effort still needed, as a plan for the remaining revenue: its proposals are those still to
   * make (open ones taken off), its active prospects to find leave out those in the funnel.
   */
  remaining: PlanResult;
  /** `remaining` per week left (null when no working day is left). */
  perWeek: {
    contacts: number;
    prospects: number;
    activeProspects: number;
    proposals: number;
    deals: number;
    hours: number;
  } | null;
  /** Whether the hours per week fit the capacity (null when no capacity is given). */
  fitsCapacity: boolean | null;
}

/**
 * The re-plan: what remains to do to still reach the objective by the deadline. Remaining
 * revenue = objective - revenue so far; it is planned again (seed 001's chain) with, for each
 * rate, the value observed so far when its denominator reaches `minSample`, else the plan's:
 * average deal = revenue / deals (n = deals); proposals per deal = proposals / deals (n =
 * proposals); compensation factor = active prospects / proposals (n = active prospects);
 * accessibility = (active - spontaneous) / prospects (n = prospects); contacts per prospect =
 * contacts / prospects (n = prospects). Minutes per contact stay the plan's. Spontaneous
 * prospects still expected = plan's x working days left / working days of the period. Work in
 * progress is credited: open proposals reduce the proposals to make, active prospects already in
 * the funnel (open deals before the proposal) the active prospects to find. Per week = remaining /
 * (working days left / 5).
 */
export function computeReplan(input: ReplanInput): ReplanResult {
  const { parameters: p, actuals: a, minSample } = input;
  const rate = (
    key: RateKey,
    numerator: number,
    denominator: number,
    n: number,
    valid: (v: number) => boolean,
  ): ReplanRate => {
    const observed = denominator > 0 ? numerator / denominator : null;
    const use = observed !== null && n >= minSample && valid(observed);
    return { key, value: use ? observed : p[key], source: use ? 'observed' : 'plan', observed, n };
  };
  const rates: ReplanRate[] = [
    rate('avgDeal', a.revenue, a.deals, a.deals, (v) => v > 0),
    rate('proposalsPerDeal', a.proposals, a.deals, a.proposals, (v) => v >= 1),
    rate('compensationFactor', a.activeProspects, a.proposals, a.activeProspects, (v) => v > 0),
    rate(
      'accessibility',
      Math.max(0, a.activeProspects - input.actualSpontaneous),
      a.prospects,
      a.prospects,
      (v) => v > 0 && v <= 1,
    ),
    rate('contactsPerProspect', a.contacts, a.prospects, a.prospects, (v) => v > 0),
  ];
  const value = (key: RateKey): number => rates.find((r) => r.key === key)?.value ?? p[key];
  const { periodWorkingDays, workingDaysLeft } = input;
  const remainingSpontaneous =
    periodWorkingDays === 0
      ? 0
      : (p.spontaneous * Math.min(workingDaysLeft, periodWorkingDays)) / periodWorkingDays;
  const remainingRevenue = Math.max(0, p.objective - a.revenue);
  const inProgress = input.inProgress ?? { proposals: 0, activeProspects: 0 };
  const remaining = computePlan(
    {
      objective: remainingRevenue,
      avgDeal: value('avgDeal'),
      proposalsPerDeal: value('proposalsPerDeal'),
      compensationFactor: value('compensationFactor'),
      spontaneous: remainingSpontaneous,
      accessibility: value('accessibility'),
      contactsPerProspect: value('contactsPerProspect'),
      minutesPerContact: p.minutesPerContact,
    },
    input.rounding,
    inProgress,
  );
  const weeksLeft = workingDaysLeft / 5;
  const f = remaining.figures;
  const perWeek =
    weeksLeft > 0
      ? {
          contacts: f.contacts / weeksLeft,
          prospects: f.prospectsToContact / weeksLeft,
          activeProspects: f.activeProspectsToFind / weeksLeft,
          proposals: f.proposals / weeksLeft,
          deals: f.deals / weeksLeft,
          hours: f.minutes / 60 / weeksLeft,
        }
      : null;
  let fitsCapacity: boolean | null = null;
  if (input.capacityHoursPerWeek !== null) {
    fitsCapacity = perWeek === null ? f.minutes === 0 : perWeek.hours <= input.capacityHoursPerWeek + 1e-9;
  }
  return {
    rates,
    remainingRevenue,
    remainingSpontaneous,
    workingDaysLeft,
    weeksLeft,
    inProgress,
    remaining,
    perWeek,
    fitsCapacity,
  };
}

/** What was done over a period, from the history records, with the spontaneous prospects apart. */
export interface HistoryActuals {
  actuals: TrackCounts;
  spontaneous: number;
  /** The deals open at the as-of date: at the proposal, or active prospects before it. */
  inProgress: WorkInProgress;
}

/**
 * The actuals of [startDay, asOfDay] (both included) from deal and activity records:
 * contacts = activities in the period; prospects = prospects first contacted in the period (their
 * first activity ever), leaving out those whose first deal came spontaneously; active prospects
 * = deals created in the period (spontaneous ones included, as the plan's need includes them);
 * proposals = deals whose proposal day is in the period (a deal at the proposal stage or won,
 * without a proposal day, counts on its creation day); deals = won deals closed in the period;
 * revenue = their amounts. `endDay` (the end of the period) caps the window when the as-of date
 * is later.
 *
 * Work in progress at the as-of date, whatever the creation date: deals created by then and not
 * closed by then (still open in the export, or closed after the as-of date); an open proposal when
 * its proposal day is on or before the as-of date (or, without a proposal day, its stage is
 * proposal), an active prospect otherwise.
 *
 * With `owner` (a name, or null for the records without one), only that owner's share: its
 * activities, its deals, and the prospects whose first activity ever is its own (the earliest
 * activity, the first in the list on a tie), so that the owners' actuals add up to the team's.
 */
export function computeActualsFromHistory(
  deals: readonly DealRecord[],
  activities: readonly ActivityRecord[],
  startDay: number,
  asOfDay: number,
  spontaneousSources: readonly string[] = [],
  endDay: number = asOfDay,
  owner?: string | null,
): HistoryActuals {
  const lastDay = Math.min(asOfDay, endDay);
  const mine = (o: string | null): boolean => owner === undefined || o === owner;
  const within = (day: number | null): boolean => day !== null && day >= startDay && day <= lastDay;
  const spontaneousOf = (d: DealRecord): boolean => isSpontaneousSource(d.leadSource, spontaneousSources);
  const firstContact = new Map<string, number>();
  const firstContactOwner = new Map<string, string | null>();
  for (const a of activities) {
    const seen = firstContact.get(a.prospect);
    if (seen === undefined || a.day < seen) {
      firstContact.set(a.prospect, a.day);
      firstContactOwner.set(a.prospect, a.owner);
    }
  }
  const firstDeal = new Map<string, DealRecord>();
  for (const d of deals) {
    if (d.prospect === null) continue;
    const seen = firstDeal.get(d.prospect);
    if (seen === undefined || d.createdDay < seen.createdDay) firstDeal.set(d.prospect, d);
  }
  let prospects = 0;
  for (const [prospect, day] of firstContact) {
    if (!mine(firstContactOwner.get(prospect) ?? null)) continue;
    const deal = firstDeal.get(prospect);
    if (within(day) && (deal === undefined || !spontaneousOf(deal))) prospects++;
  }
  const ownDeals = owner === undefined ? deals : deals.filter((d) => mine(d.owner));
  const created = ownDeals.filter((d) => within(d.createdDay));
  const proposalDayOf = (d: DealRecord): number | null =>
    d.proposalDay ?? (d.stage === 'proposal' || d.stage === 'won' ? d.createdDay : null);
  const won = ownDeals.filter((d) => d.stage === 'won' && within(d.closedDay));
  const inProgress: WorkInProgress = { proposals: 0, activeProspects: 0 };
  for (const d of ownDeals) {
    if (d.createdDay > asOfDay) continue;
    const closed = d.stage === 'won' || d.stage === 'lost';
    if (closed && (d.closedDay === null || d.closedDay <= asOfDay)) continue;
    const atProposal = d.proposalDay !== null ? d.proposalDay <= asOfDay : d.stage === 'proposal';
    if (atProposal) inProgress.proposals++;
    else inProgress.activeProspects++;
  }
  return {
    inProgress,
    actuals: {
      contacts: activities.filter((a) => within(a.day) && mine(a.owner)).length,
      prospects,
      activeProspects: created.length,
      proposals: ownDeals.filter((d) => within(proposalDayOf(d))).length,
      deals: won.length,
      revenue: won.reduce((s, d) => s + (d.amount ?? 0), 0),
    },
    spontaneous: created.filter(spontaneousOf).length,
  };
}

/** One stage of one owner: as {@link StageTrack}, with no target, gap or status without an objective. */
export interface OwnerStageTrack {
  stage: TrackStage;
  target: number | null;
  actual: number;
  gap: number | null;
  gapShare: number | null;
  status: TrackStatus | null;
}

/** What one owner (a sales person, or null for the rows without an owner) brings to `--by owner`. */
export interface OwnerTrackInput {
  owner: string | null;
  /**
   * The owner's objective: its targets to date, its revenue objective, its deals at the deadline
   * and the weighted share of its period elapsed at the as-of date (0..1, see computeTargetsAt).
   * Null when the owner has no objective.
   */
  plan: { targets: TrackCounts; objective: number; dealsTotal: number; share: number } | null;
  actuals: TrackCounts;
}

/** One line of `track --by owner`: an owner's, or the team's. */
export interface OwnerTrack {
  owner: string | null;
  hasObjective: boolean;
  /** Revenue objective for the whole period (euros); null without an objective. */
  objective: number | null;
  /** Deals to win by the deadline (the plan's rounded figure); null without an objective. */
  dealsTotal: number | null;
  /** Weighted share of the period elapsed (0..1); null without an objective. */
  share: number | null;
  stages: OwnerStageTrack[];
  /** Deals won / deals to win by the deadline; null without an objective or when that is 0. */
  dealsShare: number | null;
  /**
   * Revenue so far / share of the period elapsed: the revenue at the deadline if the pace holds
   * (the revenue so far once the period has ended); null without an objective, without a revenue
   * stage, or before the period begins (share 0).
   */
  projectedRevenue: number | null;
}

function emptyCounts(): TrackCounts {
  return { contacts: 0, prospects: 0, activeProspects: 0, proposals: 0, deals: 0, revenue: 0 };
}

/** The sum of several counts, stage by stage. */
export function sumTrackCounts(counts: readonly TrackCounts[]): TrackCounts {
  const total = emptyCounts();
  for (const c of counts) for (const stage of TRACK_STAGES) total[stage] += c[stage];
  return total;
}

function buildOwnerTrack(
  owner: string | null,
  plan: OwnerTrackInput['plan'],
  actuals: TrackCounts,
  tolerance: number,
  stages: readonly TrackStage[],
): OwnerTrack {
  const rows: OwnerStageTrack[] = plan
    ? computeTrackStatus(plan.targets, actuals, tolerance, stages)
    : stages.map((stage) => ({
        stage,
        target: null,
        actual: actuals[stage],
        gap: null,
        gapShare: null,
        status: null,
      }));
  const share = plan ? plan.share : null;
  const projectedRevenue =
    plan === null || !stages.includes('revenue') || share === null || share <= 0
      ? null
      : share >= 1
        ? actuals.revenue
        : actuals.revenue / share;
  return {
    owner,
    hasObjective: plan !== null,
    objective: plan ? plan.objective : null,
    dealsTotal: plan ? plan.dealsTotal : null,
    share,
    stages: rows,
    dealsShare: plan && plan.dealsTotal > 0 ? actuals.deals / plan.dealsTotal : null,
    projectedRevenue,
  };
}

/**
 * Each owner's progress against its own objective, and the team's (DOMAIN.md section 7: measure
 * the performance of each sales person). An owner with an objective gets its stages compared as
 * in {@link computeTrackStatus}; one without (a rep with actuals and no objective, or the rows
 * without an owner) shows its actuals only.
 *
 * The team line is the sum of the owners with an objective, like with like: their targets,
 * actuals, objectives and deals to win are summed, then gaps, gap shares, statuses and the share
 * of deals are computed from those sums (never averaged over the owners); the team's share of the
 * period elapsed is weighted by objective, sum(objective x share) / sum(objective), and its
 * projection is the team's revenue / that share. The lines without an objective (a rep with no
 * objective, the rows without an owner) have nothing to be compared with: they stay out of it.
 *
 * @example computeOwnerTracks([{ owner: 'A', plan, actuals }], 0.1, TRACK_STAGES).team
 */
export function computeOwnerTracks(
  inputs: readonly OwnerTrackInput[],
  tolerance: number,
  stages: readonly TrackStage[] = TRACK_STAGES,
): { owners: OwnerTrack[]; team: OwnerTrack } {
  const owners = inputs.map((i) => buildOwnerTrack(i.owner, i.plan, i.actuals, tolerance, stages));
  const plans = inputs.flatMap((i) => (i.plan ? [i.plan] : []));
  const actuals = sumTrackCounts(inputs.flatMap((i) => (i.plan ? [i.actuals] : [])));
  let teamPlan: OwnerTrackInput['plan'] = null;
  if (plans.length > 0) {
    const objective = plans.reduce((s, p) => s + p.objective, 0);
    const share =
      objective > 0
        ? plans.reduce((s, p) => s + p.objective * p.share, 0) / objective
        : plans.reduce((s, p) => s + p.share, 0) / plans.length;
    teamPlan = {
      targets: sumTrackCounts(plans.map((p) => p.targets)),
      objective,
      dealsTotal: plans.reduce((s, p) => s + p.dealsTotal, 0),
      share,
    };
  }
  return { owners, team: buildOwnerTrack(null, teamPlan, actuals, tolerance, stages) };
}

/**
 * The key two spellings of a sales person's name share: trimmed, spaces collapsed, lower case,
 * without accents ("Hélène  Durand" and "helene durand" are one person).
 */
export function normaliseOwnerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
