/**
 * Calibrating the plan from history (DOMAIN.md sections 1 and 7; seed 001: "keep history to
 * refine your rates"). From typed deal and activity records, over a window of days, it measures
 * each parameter of the plan with its sample size, a confidence interval and a small-sample
 * warning, set beside the seed's usual value and range; plus the sales cycle and the open
 * pipeline weighted by the win rate of its stage.
 *
 * The rules (the project decides, documented in docs/commands/calibrate.md):
 * - the cohort of the window is the deals CREATED in [from, to]; every deal is an active
 *   prospect (a prospect that can accept a proposal);
 * - a deal reached the proposal stage when its stage is proposal or won, or it has a proposal
 *   date; when the file has no proposal date at all, every lost deal is taken as a refused
 *   proposal (and the compensation factor cannot be measured);
 * - win rate = won / proposals decided (won or lost); proposals per deal = 1 / win rate;
 * - compensation factor = deals that reached a proposal or closed / those that reached a proposal
 *   (open deals still before the proposal are left out: their fate is unknown);
 * - spontaneous prospects = deals of the cohort whose lead source is spontaneous; when no deal
 *   of the file has a lead source (no such column), they are not measured (never 0);
 * - accessibility = prospects first contacted in the window (activities) that have a deal /
 *   those prospects, leaving out prospects whose deal came spontaneously;
 * - contacts per prospect = activities on those prospects up to the day their first deal was
 *   created (qualification), or up to `to` when they have none;
 * - minutes per contact = mean duration of those activities;
 * - sales cycle = close day of a won deal - the earlier of its creation and the first contact.
 */

import { computeCents } from './money.js';
import { SEED_PARAMETERS, SEED_RANGES } from './plan.js';
import { isSpontaneousSource, type FunnelStage } from './stage-mapping.js';
import { computeMeanInterval, computeMedian, computeWilsonInterval, type Interval } from './stats.js';

/** A sum of amounts in whole cents (docs/numbers.md). */
function sumAmounts(amounts: readonly number[]): number {
  let cents = 0;
  for (const a of amounts) cents += computeCents(a);
  return cents / 100;
}

/** One deal (opportunity) from a CRM export, typed; days are days since 1970-01-01. */
export interface DealRecord {
  id: string;
  owner: string | null;
  /** The prospect (account, company) the deal is with; links it to the activities. */
  prospect: string | null;
  amount: number | null;
  stage: FunnelStage;
  createdDay: number;
  closedDay: number | null;
  /** The day the proposal was sent, when the file says. */
  proposalDay: number | null;
  leadSource: string | null;
}

/** One contact (call, mail, visit, meeting) with a prospect. */
export interface ActivityRecord {
  day: number;
  owner: string | null;
  prospect: string;
  type: string | null;
  minutes: number | null;
}

export interface CalibrateOptions {
  fromDay: number;
  toDay: number;
  /** Measure each owner as well as the team. */
  byOwner: boolean;
  /** Confidence level of the intervals (0.95). */
  level: number;
  /** Below this sample size a figure carries a small-sample warning (30). */
  minSample: number;
  /** Lead sources to count as spontaneous besides the usual names. */
  spontaneousSources: readonly string[];
}

export const DEFAULT_CALIBRATE_OPTIONS: Omit<CalibrateOptions, 'fromDay' | 'toDay'> = {
  byOwner: false,
  level: 0.95,
  minSample: 30,
  spontaneousSources: [],
};

export type MeasureKey =
  | 'avgDeal'
  | 'winRate'
  | 'proposalsPerDeal'
  | 'compensationFactor'
  | 'spontaneous'
  | 'spontaneousShare'
  | 'accessibility'
  | 'contactsPerProspect'
  | 'minutesPerContact'
  | 'salesCycleDays';

export const MEASURE_KEYS: readonly MeasureKey[] = [
  'avgDeal',
  'winRate',
  'proposalsPerDeal',
  'compensationFactor',
  'spontaneous',
  'spontaneousShare',
  'accessibility',
  'contactsPerProspect',
  'minutesPerContact',
  'salesCycleDays',
];

/** The seed's usual value (and range where it gives one) for a measure. */
export interface SeedReference {
  value: number;
  min?: number;
  max?: number;
}

export const SEED_REFERENCE: Readonly<Partial<Record<MeasureKey, SeedReference>>> = Object.freeze({
  avgDeal: { value: SEED_PARAMETERS.avgDeal },
  winRate: { value: 1 / SEED_PARAMETERS.proposalsPerDeal },
  proposalsPerDeal: { value: SEED_PARAMETERS.proposalsPerDeal },
  compensationFactor: { value: SEED_PARAMETERS.compensationFactor },
  spontaneous: { value: SEED_PARAMETERS.spontaneous },
  accessibility: {
    value: SEED_PARAMETERS.accessibility,
    min: SEED_RANGES.accessibility.min,
    max: SEED_RANGES.accessibility.max,
  },
  contactsPerProspect: {
    value: SEED_PARAMETERS.contactsPerProspect,
    min: SEED_RANGES.contactsPerProspect.min,
    max: SEED_RANGES.contactsPerProspect.max,
  },
  minutesPerContact: { value: SEED_PARAMETERS.minutesPerContact },
});

/** One measured figure. `value` is null when the data cannot give it (`reason` says why). */
export interface Measure {
  key: MeasureKey;
  value: number | null;
  /** Confidence interval (null for plain counts and unmeasurable figures). */
  interval: { low: number; high: number } | null;
  /** Sample size behind the figure. */
  n: number;
  /** True when n is below the minimum sample. */
  smallSample: boolean;
  seed: SeedReference | null;
  /** True when the seed gives a range and the value is outside it. */
  outsideSeedRange: boolean;
  reason?: string;
}

/** The counts behind the measures, for one group. */
export interface FunnelCounts {
  /** Deals created in the window (active prospects). */
  deals: number;
  proposals: number;
  won: number;
  lost: number;
  open: number;
  /** Proposals whose outcome is known (won or lost). */
  proposalsDecided: number;
  spontaneous: number;
  /** Prospects first contacted in the window (not spontaneous). */
  prospectsContacted: number;
  /** Of those, prospects that have a deal. */
  prospectsBecameActive: number;
  /** Activities counted as prospecting contacts. */
  contacts: number;
  revenueWon: number;
}

export interface GroupCalibration {
  /** `null` for the whole team. */
  owner: string | null;
  counts: FunnelCounts;
  measures: Record<MeasureKey, Measure>;
  salesCycleMedianDays: number | null;
  /** Historical chance that an open deal at each stage ends won. */
  stageWinRates: Record<'contacted' | 'active' | 'proposal', number | null>;
}

export interface PipelineSummary {
  /** Open deals of the export (any creation date) with an amount. */
  openDeals: number;
  /** Open deals without an amount (left out of the sums). */
  openDealsWithoutAmount: number;
  amount: number;
  /** Sum of amount x win rate of the deal's stage. */
  weighted: number;
  byStage: {
    stage: 'contacted' | 'active' | 'proposal';
    deals: number;
    amount: number;
    winRate: number | null;
    weighted: number;
  }[];
  /** 1 / win rate: the pipeline-to-objective ratio that history requires. */
  requiredCoverage: number | null;
}

export interface CalibrationResult {
  fromDay: number;
  toDay: number;
  level: number;
  minSample: number;
  /** How proposals were told: from proposal dates, or assumed (every lost deal was a proposal). */
  proposalEvidence: 'dates' | 'assumed';
  hasActivities: boolean;
  team: GroupCalibration;
  owners: GroupCalibration[];
  pipeline: PipelineSummary;
}

/** Whether a deal reached the proposal stage, under the evidence the file gives. */
function reachedProposal(deal: DealRecord, evidence: 'dates' | 'assumed'): boolean {
  if (deal.stage === 'proposal' || deal.stage === 'won' || deal.proposalDay !== null) return true;
  return evidence === 'assumed' && deal.stage === 'lost';
}

function isOpen(deal: DealRecord): boolean {
  return deal.stage !== 'won' && deal.stage !== 'lost';
}

function inWindow(day: number, options: CalibrateOptions): boolean {
  return day >= options.fromDay && day <= options.toDay;
}

function buildMeasure(
  key: MeasureKey,
  value: number | null,
  interval: { low: number; high: number } | null,
  n: number,
  minSample: number,
  reason?: string,
): Measure {
  const seed = SEED_REFERENCE[key] ?? null;
  const outside =
    value !== null &&
    seed !== null &&
    seed.min !== undefined &&
    seed.max !== undefined &&
    (value < seed.min || value > seed.max);
  return {
    key,
    value,
    interval,
    n,
    smallSample: n < minSample,
    seed,
    outsideSeedRange: outside,
    ...(value === null && reason ? { reason } : {}),
  };
}

function rateMeasure(
  key: MeasureKey,
  successes: number,
  n: number,
  options: CalibrateOptions,
  reason: string,
): Measure {
  if (n === 0) return buildMeasure(key, null, null, 0, options.minSample, reason);
  const ci: Interval = computeWilsonInterval(successes, n, options.level);
  return buildMeasure(key, ci.value, { low: ci.low, high: ci.high }, n, options.minSample);
}

/** 1 / rate, with the interval of the rate inverted (bounds swap; 1 / 0 = Infinity). */
function inverseMeasure(key: MeasureKey, rate: Measure, options: CalibrateOptions, reason: string): Measure {
  if (rate.value === null || rate.value === 0) {
    return buildMeasure(key, null, null, rate.n, options.minSample, rate.value === 0 ? reason : rate.reason);
  }
  const interval = rate.interval
    ? {
        low: 1 / rate.interval.high,
        high: rate.interval.low === 0 ? Infinity : 1 / rate.interval.low,
      }
    : null;
  return buildMeasure(key, 1 / rate.value, interval, rate.n, options.minSample);
}

function meanMeasure(
  key: MeasureKey,
  values: readonly number[],
  options: CalibrateOptions,
  reason: string,
): Measure {
  if (values.length === 0) return buildMeasure(key, null, null, 0, options.minSample, reason);
  const ci = computeMeanInterval(values, options.level);
  return buildMeasure(key, ci.value, { low: ci.low, high: ci.high }, ci.n, options.minSample);
}

/** Why spontaneous prospects cannot be measured: no deal says where it came from. */
export const NO_LEAD_SOURCE = 'no lead source in the deals file';

function calibrateGroup(
  owner: string | null,
  deals: readonly DealRecord[],
  allDeals: readonly DealRecord[],
  activities: readonly ActivityRecord[],
  allActivities: readonly ActivityRecord[],
  hasActivities: boolean,
  evidence: 'dates' | 'assumed',
  options: CalibrateOptions,
  hasLeadSources = true,
): GroupCalibration {
  const cohort = deals.filter((d) => inWindow(d.createdDay, options));
  const spontaneousOf = (d: DealRecord): boolean =>
    isSpontaneousSource(d.leadSource, options.spontaneousSources);
  const proposals = cohort.filter((d) => reachedProposal(d, evidence));
  const won = cohort.filter((d) => d.stage === 'won');
  const lost = cohort.filter((d) => d.stage === 'lost');
  const open = cohort.filter(isOpen);
  const proposalsDecided = proposals.filter((d) => !isOpen(d));
  const settled = cohort.filter((d) => reachedProposal(d, evidence) || !isOpen(d));
  const spontaneous = cohort.filter(spontaneousOf);

  // Prospects first contacted in the window, by the owner of that first contact.
  const firstContact = new Map<string, number>();
  for (const a of allActivities) {
    const seen = firstContact.get(a.prospect);
    if (seen === undefined || a.day < seen) firstContact.set(a.prospect, a.day);
  }
  const firstDeal = new Map<string, DealRecord>();
  for (const d of allDeals) {
    if (d.prospect === null) continue;
    const seen = firstDeal.get(d.prospect);
    if (seen === undefined || d.createdDay < seen.createdDay) firstDeal.set(d.prospect, d);
  }
  const ownProspects = new Set(activities.map((a) => a.prospect));
  const contacted = [...firstContact]
    .filter(([prospect, day]) => ownProspects.has(prospect) && inWindow(day, options))
    .filter(([prospect]) => {
      const deal = firstDeal.get(prospect);
      return deal === undefined || !spontaneousOf(deal);
    })
    .map(([prospect]) => prospect);
  // Only prospects whose first contact was made by this group.
  const firstContactOwner = new Map<string, string | null>();
  for (const a of allActivities) {
    if (firstContact.get(a.prospect) === a.day && !firstContactOwner.has(a.prospect))
      firstContactOwner.set(a.prospect, a.owner);
  }
  const contactedHere =
    owner === null ? contacted : contacted.filter((p) => firstContactOwner.get(p) === owner);
  const contactedSet = new Set(contactedHere);
  const becameActive = contactedHere.filter((p) => firstDeal.has(p)).length;
  const contactCounts = new Map<string, number>(contactedHere.map((p) => [p, 0]));
  const minutes: number[] = [];
  for (const a of allActivities) {
    if (!contactedSet.has(a.prospect)) continue;
    const deal = firstDeal.get(a.prospect);
    const until = deal === undefined ? options.toDay : deal.createdDay;
    if (a.day > until) continue;
    contactCounts.set(a.prospect, (contactCounts.get(a.prospect) ?? 0) + 1);
    if (a.minutes !== null) minutes.push(a.minutes);
  }
  const contactsTotal = [...contactCounts.values()].reduce((s, v) => s + v, 0);

  const noActivities = 'no activities file';
  const winRate = rateMeasure(
    'winRate',
    won.length,
    proposalsDecided.length,
    options,
    'no decided proposal in the window',
  );
  const proposalRate =
    evidence === 'assumed'
      ? null
      : rateMeasure('compensationFactor', proposals.length, settled.length, options, 'no deal in the window');
  const cycles = won
    .filter((d) => d.closedDay !== null)
    .map((d) => {
      const first = d.prospect === null ? undefined : firstContact.get(d.prospect);
      const start = first === undefined ? d.createdDay : Math.min(first, d.createdDay);
      return (d.closedDay ?? d.createdDay) - start;
    });
  const amounts = won.map((d) => d.amount).filter((a): a is number => a !== null);

  const measures: Record<MeasureKey, Measure> = {
    avgDeal: meanMeasure('avgDeal', amounts, options, 'no won deal with an amount in the window'),
    winRate,
    proposalsPerDeal: inverseMeasure('proposalsPerDeal', winRate, options, 'no deal won in the window'),
    compensationFactor:
      proposalRate === null
        ? buildMeasure(
            'compensationFactor',
            null,
            null,
            0,
            options.minSample,
            'the file has no proposal dates: deals lost before a proposal cannot be told apart',
          )
        : inverseMeasure('compensationFactor', proposalRate, options, 'no deal reached a proposal'),
    spontaneous: hasLeadSources
      ? buildMeasure('spontaneous', spontaneous.length, null, cohort.length, options.minSample)
      : buildMeasure('spontaneous', null, null, 0, options.minSample, NO_LEAD_SOURCE),
    spontaneousShare: hasLeadSources
      ? rateMeasure('spontaneousShare', spontaneous.length, cohort.length, options, 'no deal in the window')
      : buildMeasure('spontaneousShare', null, null, 0, options.minSample, NO_LEAD_SOURCE),
    accessibility: hasActivities
      ? rateMeasure(
          'accessibility',
          becameActive,
          contactedHere.length,
          options,
          'no prospect first contacted in the window',
        )
      : buildMeasure('accessibility', null, null, 0, options.minSample, noActivities),
    contactsPerProspect: hasActivities
      ? meanMeasure(
          'contactsPerProspect',
          [...contactCounts.values()],
          options,
          'no prospect first contacted in the window',
        )
      : buildMeasure('contactsPerProspect', null, null, 0, options.minSample, noActivities),
    minutesPerContact: hasActivities
      ? meanMeasure('minutesPerContact', minutes, options, 'no contact with a duration')
      : buildMeasure('minutesPerContact', null, null, 0, options.minSample, noActivities),
    salesCycleDays: meanMeasure('salesCycleDays', cycles, options, 'no won deal with a close date'),
  };

  const decided = won.length + lost.length;
  return {
    owner,
    counts: {
      deals: cohort.length,
      proposals: proposals.length,
      won: won.length,
      lost: lost.length,
      open: open.length,
      proposalsDecided: proposalsDecided.length,
      spontaneous: spontaneous.length,
      prospectsContacted: contactedHere.length,
      prospectsBecameActive: becameActive,
      contacts: contactsTotal,
      revenueWon: sumAmounts(amounts),
    },
    measures,
    salesCycleMedianDays: cycles.length > 0 ? computeMedian(cycles) : null,
    stageWinRates: {
      contacted: decided > 0 ? won.length / decided : null,
      active: decided > 0 ? won.length / decided : null,
      proposal: winRate.value,
    },
  };
}

/**
 * The open pipeline weighted by the win rate of each deal's stage: Σ amount x p(stage), for the
 * deals still open in the export (whatever their creation date: the export is a snapshot);
 * `requiredCoverage` is 1 / (win rate of proposals).
 *
 * @example computeWeightedPipeline(deals, { contacted: 0.2, active: 0.2, proposal: 0.4 }).weighted
 */
export function computeWeightedPipeline(
  deals: readonly DealRecord[],
  stageWinRates: Record<'contacted' | 'active' | 'proposal', number | null>,
): PipelineSummary {
  const stages = ['contacted', 'active', 'proposal'] as const;
  const openDeals = deals.filter(isOpen);
  const byStage = stages.map((stage) => {
    const here = openDeals.filter((d) => d.stage === stage && d.amount !== null);
    const amount = sumAmounts(here.map((d) => d.amount ?? 0));
    const winRate = stageWinRates[stage];
    return { stage, deals: here.length, amount, winRate, weighted: amount * (winRate ?? 0) };
  });
  const proposalRate = stageWinRates.proposal;
  return {
    openDeals: byStage.reduce((s, b) => s + b.deals, 0),
    openDealsWithoutAmount: openDeals.filter((d) => d.amount === null).length,
    amount: sumAmounts(byStage.map((b) => b.amount)),
    weighted: byStage.reduce((s, b) => s + b.weighted, 0),
    byStage,
    requiredCoverage: proposalRate !== null && proposalRate > 0 ? 1 / proposalRate : null,
  };
}

/**
 * Measures the plan's parameters from history over [fromDay, toDay] (inclusive), for the team
 * and, with `byOwner`, for each owner (sorted by name; deals without an owner count for the team
 * only). See the rules at the top of this file.
 *
 * @throws RangeError when fromDay is after toDay.
 */
export function computeCalibration(
  deals: readonly DealRecord[],
  activities: readonly ActivityRecord[] | null,
  options: CalibrateOptions,
): CalibrationResult {
  if (options.fromDay > options.toDay)
    throw new RangeError(`calibration window: from day ${options.fromDay} is after to day ${options.toDay}.`);
  const evidence = deals.some((d) => d.proposalDay !== null) ? 'dates' : 'assumed';
  const acts = activities ?? [];
  const hasActivities = activities !== null;
  const hasLeadSources = deals.some((d) => d.leadSource !== null);
  const team = calibrateGroup(
    null,
    deals,
    deals,
    acts,
    acts,
    hasActivities,
    evidence,
    options,
    hasLeadSources,
  );
  const owners: GroupCalibration[] = [];
  if (options.byOwner) {
    const names = new Set<string>();
    for (const d of deals) if (d.owner !== null) names.add(d.owner);
    for (const a of acts) if (a.owner !== null) names.add(a.owner);
    for (const name of [...names].sort()) {
      owners.push(
        calibrateGroup(
          name,
          deals.filter((d) => d.owner === name),
          deals,
          acts.filter((a) => a.owner === name),
          acts,
          hasActivities,
          evidence,
          options,
          hasLeadSources,
        ),
      );
    }
  }
  return {
    fromDay: options.fromDay,
    toDay: options.toDay,
    level: options.level,
    minSample: options.minSample,
    proposalEvidence: evidence,
    hasActivities,
    team,
    owners,
    pipeline: computeWeightedPipeline(deals, team.stageWinRates),
  };
}
