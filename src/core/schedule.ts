/**
 * Dated checkpoints of a plan (*points à date*, seed 001): the plan's totals spread over the
 * working days of its period, each working day weighted by its month's seasonality weight.
 */
import {
  computeCivilDate,
  computeHolidaySet,
  computeMonthEnd,
  formatIsoDay,
  isWorkingDay,
  parseIsoDay,
  type CountryCode,
} from './calendar.js';
import type { PlanResult, RoundingMode } from './plan.js';

export type CheckpointEvery = 'week' | 'month' | 'quarter';

/** The cumulative targets a checkpoint carries. */
export interface ScheduleTargets {
  contacts: number;
  /** Prospects contacted and qualified (the plan's prospects to contact). */
  prospectsQualified: number;
  /** Active prospects in the pipeline (the plan's active prospects needed, spontaneous included). */
  activeProspects: number;
  proposals: number;
  deals: number;
  /** Revenue won, in euros. */
  revenue: number;
}

export const TARGET_KEYS: readonly (keyof ScheduleTargets)[] = [
  'contacts',
  'prospectsQualified',
  'activeProspects',
  'proposals',
  'deals',
  'revenue',
];

/** A plan laid over a period: what `computeTargetsAt` and `computeCheckpoints` work from. */
export interface PlanSchedule {
  /** First day of the period (day number, included). */
  from: number;
  /** Deadline (day number, included). */
  to: number;
  country: CountryCode;
  /** Twelve seasonality weights, January first; a working day weighs its month's weight. */
  monthWeights: readonly number[];
  /** The targets at the deadline. */
  totals: ScheduleTargets;
  rounding: RoundingMode;
}

export interface Checkpoint {
  /** Day number of the checkpoint. */
  day: number;
  /** ISO date of the checkpoint. */
  date: string;
  /** Working days from the start up to this date, included. */
  workingDays: number;
  /** Weighted share of the period done at this date (0..1). */
  share: number;
  targets: ScheduleTargets;
}

/** Twelve weights of 1: no seasonality. */
export const FLAT_WEIGHTS: readonly number[] = Object.freeze(Array.from({ length: 12 }, () => 1));

/** The totals of a plan as schedule targets: counts from the rounded figures, revenue = objective. */
export function buildScheduleTotals(result: PlanResult): ScheduleTargets {
  return {
    contacts: result.figures.contacts,
    prospectsQualified: result.figures.prospectsToContact,
    activeProspects: result.figures.activeProspectsNeeded,
    proposals: result.figures.proposals,
    deals: result.figures.deals,
    revenue: result.parameters.objective,
  };
}

function weightOf(day: number, weights: readonly number[]): number {
  return weights[computeCivilDate(day).month - 1] ?? 1;
}

/**
 * Working days and weighted working days from `schedule.from` to `until` (both included, `until`
 * clamped to the period).
 */
export function computeWorkedSoFar(
  schedule: Pick<PlanSchedule, 'from' | 'to' | 'country' | 'monthWeights'>,
  until: number,
): { workingDays: number; weighted: number } {
  const end = Math.min(until, schedule.to);
  if (end < schedule.from) return { workingDays: 0, weighted: 0 };
  const holidays = computeHolidaySet(schedule.country, schedule.from, end);
  let workingDays = 0;
  let weighted = 0;
  for (let d = schedule.from; d <= end; d++) {
    if (!isWorkingDay(d, holidays)) continue;
    workingDays++;
    weighted += weightOf(d, schedule.monthWeights);
  }
  return { workingDays, weighted };
}

/**
 * The working days a team can really use for a plan spread by seasonality weights: weighted
 * working days / the heaviest weight of the period. Effort per day is proportional to its weight,
 * so the busiest days set the weekly load: with `aug=0` over July-August, only July's days count.
 * Equal to the plain working days when every month weighs the same; 0 when every weight is 0.
 *
 * @example July-August 2026 in FR with aug=0: 22 (July's working days), not 43.
 */
export function computeEffectiveWorkingDays(
  schedule: Pick<PlanSchedule, 'from' | 'to' | 'country' | 'monthWeights'>,
): number {
  const holidays = computeHolidaySet(schedule.country, schedule.from, schedule.to);
  let weighted = 0;
  let heaviest = 0;
  for (let d = schedule.from; d <= schedule.to; d++) {
    if (!isWorkingDay(d, holidays)) continue;
    const w = weightOf(d, schedule.monthWeights);
    weighted += w;
    heaviest = Math.max(heaviest, w);
  }
  return heaviest > 0 ? weighted / heaviest : 0;
}

function roundTarget(value: number, mode: RoundingMode): number {
  const clean = Math.round(value * 1e9) / 1e9;
  if (mode === 'up') return Math.ceil(clean);
  if (mode === 'down') return Math.floor(clean);
  return value;
}

function targetsAtShare(totals: ScheduleTargets, share: number, mode: RoundingMode): ScheduleTargets {
  const out = {} as ScheduleTargets;
  for (const key of TARGET_KEYS) out[key] = share >= 1 ? totals[key] : roundTarget(totals[key] * share, mode);
  return out;
}

/**
 * The cumulative targets of a plan at any day: each total x (weighted working days from the start
 * to `day`, included) / (weighted working days of the whole period), rounded by the plan's mode
 * (up: enough effort by that date). Before the start every target is 0; from the deadline on, the
 * totals. Between two working days the target stays flat (interpolated by working days).
 *
 * @param schedule the plan laid over its period (`PlanSchedule`; an `ObjectivePlan` carries one as `schedule`)
 * @param date a day number (see `parseIsoDay`) or an ISO date `YYYY-MM-DD`
 * @throws RangeError when `date` is a text that is not an ISO date
 * @example computeTargetsAt(schedule, '2026-05-31').contacts // 815 for the seed over May-June 2026
 */
export function computeTargetsAt(
  schedule: PlanSchedule,
  date: number | string,
): ScheduleTargets & { share: number; workingDays: number } {
  const day = typeof date === 'number' ? date : parseIsoDay(date);
  if (day === undefined) throw new RangeError(`"${String(date)}" is not an ISO date (YYYY-MM-DD)`);
  const total = computeWorkedSoFar(schedule, schedule.to).weighted;
  const done = computeWorkedSoFar(schedule, day);
  const share = day >= schedule.to ? 1 : total > 0 ? done.weighted / total : 0;
  return {
    ...targetsAtShare(schedule.totals, share, schedule.rounding),
    share,
    workingDays: done.workingDays,
  };
}

function periodEnd(day: number, every: CheckpointEvery): number {
  if (every === 'week') {
    const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
    return day + (7 - weekday);
  }
  const { year, month } = computeCivilDate(day);
  if (every === 'month') return computeMonthEnd(year, month);
  return computeMonthEnd(year, Math.ceil(month / 3) * 3);
}

/**
 * The checkpoints of a plan: the end of each calendar week (Sunday), month or quarter inside the
 * period, and the deadline, each with its cumulative targets (see `computeTargetsAt`).
 */
export function computeCheckpoints(schedule: PlanSchedule, every: CheckpointEvery): Checkpoint[] {
  const total = computeWorkedSoFar(schedule, schedule.to).weighted;
  const holidays = computeHolidaySet(schedule.country, schedule.from, schedule.to);
  const checkpoints: Checkpoint[] = [];
  let workingDays = 0;
  let weighted = 0;
  let next = Math.min(periodEnd(schedule.from, every), schedule.to);
  for (let d = schedule.from; d <= schedule.to; d++) {
    if (isWorkingDay(d, holidays)) {
      workingDays++;
      weighted += weightOf(d, schedule.monthWeights);
    }
    if (d === next) {
      const share = d === schedule.to ? 1 : total > 0 ? weighted / total : 0;
      checkpoints.push({
        day: d,
        date: formatIsoDay(d),
        workingDays,
        share,
        targets: targetsAtShare(schedule.totals, share, schedule.rounding),
      });
      next = Math.min(periodEnd(d + 1, every), schedule.to);
    }
  }
  return checkpoints;
}
