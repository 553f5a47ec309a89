/**
 * One objective planned end to end: the effort chain, its best and worst case, its period with
 * dated checkpoints, the team's capacity and the SMART check.
 */
import { computeCapacity, type Capacity } from './capacity.js';
import {
  type PlanFigures,
  type PlanResult,
  type RoundingMode,
  SEED_RANGES,
  computePlan,
  computePlanRange,
} from './plan.js';
import {
  buildScheduleTotals,
  computeCheckpoints,
  computeEffectiveWorkingDays,
  computeWorkedSoFar,
  type Checkpoint,
  type CheckpointEvery,
  type PlanSchedule,
} from './schedule.js';
import { computePeriodEnd, pickParameters, type ResolvedSettings } from './settings.js';

export interface PlanRanges {
  accessibility: { min: number; max: number };
  contactsPerProspect: { min: number; max: number };
}

/** What names an objective in a file: its name and what it is about. */
export interface ObjectiveLabel {
  name?: string;
  product?: string;
  zone?: string;
  rep?: string;
}

export interface PlanPeriod {
  from: number;
  to: number;
  workingDays: number;
}

/** A parameter outside the seed's observed range. */
export interface OutsideRange {
  key: 'accessibility' | 'contactsPerProspect';
  value: number;
  min: number;
  max: number;
}

/** The SMART check of an objective (seed 001: a good objective is SMART). */
export interface SmartCheck {
  /** A name: the objective says what it is about. */
  specific: boolean;
  /** An amount. */
  measurable: boolean;
  /** Fits the team's capacity over the period; null when no capacity or no period is given. */
  achievable: boolean | null;
  /** Every parameter inside the seed's ranges. */
  realistic: boolean;
  /** A deadline. */
  timeBound: boolean;
  /** The parameters outside the seed's ranges. */
  outside: OutsideRange[];
}

export interface ObjectivePlan {
  label: ObjectiveLabel;
  settings: ResolvedSettings;
  result: PlanResult;
  range: { best: PlanFigures; worst: PlanFigures };
  ranges: PlanRanges;
  period?: PlanPeriod;
  schedule?: PlanSchedule;
  checkpoints?: Checkpoint[];
  capacity?: Capacity;
  smart: SmartCheck;
}

export interface ObjectivePlanOptions {
  rounding: RoundingMode;
  ranges: PlanRanges;
  checkpoints: CheckpointEvery;
  /** Compute the capacity (reps or hours per week were given). */
  capacity: boolean;
  label?: ObjectiveLabel;
  /** Whether the amount was set by the user (default: the objective's source is not `default`). */
  measurable?: boolean;
}

/**
 * Checks an objective against SMART: specific = it has a name; measurable = an
 * amount above 0 that the user gave (not the built-in default); achievable = the capacity fits (null when unknown);
 * realistic = accessibility and contacts per prospect inside the seed's ranges (3-17 %, 1-13);
 * time-bound = a period end.
 */
export function computeSmartCheck(
  plan: Pick<ObjectivePlan, 'result' | 'period' | 'capacity'>,
  named: boolean,
  amountGiven = true,
): SmartCheck {
  const p = plan.result.parameters;
  const outside: OutsideRange[] = [];
  for (const key of ['accessibility', 'contactsPerProspect'] as const) {
    const { min, max } = SEED_RANGES[key];
    if (p[key] < min - 1e-12 || p[key] > max + 1e-12) outside.push({ key, value: p[key], min, max });
  }
  return {
    specific: named,
    measurable: amountGiven && Number.isFinite(p.objective) && p.objective > 0,
    achievable: plan.capacity?.fits ?? null,
    realistic: outside.length === 0,
    timeBound: plan.period !== undefined,
    outside,
  };
}

/**
 * Plans one objective from its resolved settings: `computePlan`, `computePlanRange`, and when
 * the settings have a period end, the working days from `from` to the end (the end included),
 * the checkpoints; with `capacity`, `computeCapacity` on the plan's hours. Throws a RangeError
 * when the period ends before it starts (the caller words it for the user).
 */
export function buildObjectivePlan(settings: ResolvedSettings, options: ObjectivePlanOptions): ObjectivePlan {
  const parameters = pickParameters(settings);
  const result = computePlan(parameters, options.rounding);
  const range = computePlanRange(parameters, options.rounding, options.ranges);
  const label = options.label ?? {};
  let period: PlanPeriod | undefined;
  let schedule: PlanSchedule | undefined;
  let checkpoints: Checkpoint[] | undefined;
  if (settings.end) {
    const from = settings.from.value;
    const to = computePeriodEnd(from, settings.end.value);
    if (to < from) throw new RangeError('the period ends before it starts');
    schedule = {
      from,
      to,
      country: settings.country.value,
      monthWeights: settings.weights.value,
      totals: buildScheduleTotals(result),
      rounding: options.rounding,
    };
    const worked = computeWorkedSoFar(schedule, to);
    period = { from, to, workingDays: worked.workingDays };
    checkpoints = computeCheckpoints(schedule, options.checkpoints);
  }
  const capacity = options.capacity
    ? computeCapacity({
        hoursNeeded: result.figures.hours,
        reps: settings.reps.value,
        hoursPerWeek: settings.hoursPerWeek.value,
        ...(schedule ? { workingDays: computeEffectiveWorkingDays(schedule) } : {}),
      })
    : undefined;
  const named = label.name !== undefined && label.name.trim() !== '';
  const base = { result, period, capacity };
  return {
    label,
    settings,
    result,
    range,
    ranges: options.ranges,
    ...(period ? { period, schedule, checkpoints } : {}),
    ...(capacity ? { capacity } : {}),
    smart: computeSmartCheck(base, named, options.measurable ?? settings.objective.source !== 'default'),
  };
}

/** The sum of several plans' figures (the total row of an objective file). */
export function sumFigures(figures: readonly PlanFigures[]): PlanFigures {
  const total: PlanFigures = {
    deals: 0,
    proposals: 0,
    activeProspectsNeeded: 0,
    activeProspectsToFind: 0,
    prospectsToContact: 0,
    contacts: 0,
    minutes: 0,
    hours: 0,
  };
  for (const f of figures) {
    for (const key of Object.keys(total) as (keyof PlanFigures)[]) total[key] += f[key];
  }
  total.hours = Math.round(total.hours * 1e9) / 1e9;
  return total;
}
