/**
 * A plan's settings (parameters, period, calendar, capacity) resolved from layered sources: an
 * objective in a file, the file's defaults, the flags, the built-in defaults, and later others
 * (a params file, history). The first layer that sets a value wins.
 */
import { addMonths, computeCivilDate, type CountryCode } from './calendar.js';
import { SEED_PARAMETERS, type PlanParameters } from './plan.js';
import { FLAT_WEIGHTS } from './schedule.js';

/** Where a value came from, as the assumptions table and JSON show it. */
export type SettingSource = 'default' | 'flag' | 'file' | 'history' | 'prompt';

/** How the period ends: a deadline, or a length from the start. */
export type PeriodEnd =
  { kind: 'to'; day: number } | { kind: 'weeks'; count: number } | { kind: 'months'; count: number };

/** Everything a plan can be given. Rates are fractions; days are day numbers. */
export interface PlanSettings extends PlanParameters {
  /** First day of the period. */
  from: number;
  /** End of the period; without it the plan has no checkpoints. */
  end?: PeriodEnd;
  country: CountryCode;
  /** Twelve seasonality weights, January first. */
  weights: readonly number[];
  /** Sales reps who share the objective. */
  reps: number;
  /** Hours each rep gives to prospecting per week. */
  hoursPerWeek: number;
}

export type SettingKey = keyof PlanSettings;

/** One source of settings: what it sets, and its name. */
export interface SettingLayer {
  source: SettingSource;
  /** Free detail shown instead of the source's name, e.g. `objectives.yaml` or `history (n = 412)`. */
  detail?: string;
  values: Partial<PlanSettings>;
}

export interface ResolvedSetting<T> {
  value: T;
  source: SettingSource;
  detail?: string;
}

export type ResolvedSettings = {
  [K in Exclude<SettingKey, 'end'>]: ResolvedSetting<PlanSettings[K]>;
} & {
  /** Absent when no layer sets an end: no period. */
  end?: ResolvedSetting<PeriodEnd>;
};

/** Hours each rep gives per week when only `reps` is given (the project decides: 10 h). */
export const DEFAULT_HOURS_PER_WEEK = 10;

/** The built-in defaults: the seed's worked example, France, no seasonality, one rep at 10 h. */
export function buildDefaultLayer(today: number): SettingLayer {
  return {
    source: 'default',
    values: {
      ...SEED_PARAMETERS,
      from: today,
      country: 'FR',
      weights: FLAT_WEIGHTS,
      reps: 1,
      hoursPerWeek: DEFAULT_HOURS_PER_WEEK,
    },
  };
}

const KEYS: readonly SettingKey[] = [
  'objective',
  'avgDeal',
  'proposalsPerDeal',
  'compensationFactor',
  'spontaneous',
  'accessibility',
  'contactsPerProspect',
  'minutesPerContact',
  'from',
  'end',
  'country',
  'weights',
  'reps',
  'hoursPerWeek',
];

/**
 * Resolves every setting from layers ordered from the strongest to the weakest: for each key the
 * first layer that sets it gives the value and the source. The last layer should be
 * `buildDefaultLayer(today)` so that every key but `end` is set; throws an Error naming the key
 * otherwise.
 *
 * @example resolveSettings([{ source: 'flag', values: { objective: 90000 } }, buildDefaultLayer(0)]).objective
 *   // { value: 90000, source: 'flag' }
 */
export function resolveSettings(layers: readonly SettingLayer[]): ResolvedSettings {
  const out: Partial<Record<SettingKey, ResolvedSetting<unknown>>> = {};
  for (const key of KEYS) {
    const layer = layers.find((l) => l.values[key] !== undefined);
    if (!layer) {
      if (key === 'end') continue;
      throw new Error(`no layer sets "${key}"; add the default layer last`);
    }
    out[key] = {
      value: layer.values[key],
      source: layer.source,
      ...(layer.detail !== undefined ? { detail: layer.detail } : {}),
    };
  }
  return out as ResolvedSettings;
}

/** The plan's parameters (values only) out of resolved settings. */
export function pickParameters(settings: ResolvedSettings): PlanParameters {
  return {
    objective: settings.objective.value,
    avgDeal: settings.avgDeal.value,
    proposalsPerDeal: settings.proposalsPerDeal.value,
    compensationFactor: settings.compensationFactor.value,
    spontaneous: settings.spontaneous.value,
    accessibility: settings.accessibility.value,
    contactsPerProspect: settings.contactsPerProspect.value,
    minutesPerContact: settings.minutesPerContact.value,
  };
}

/**
 * The last day of a period (included): the deadline itself, or `from` + 7 x weeks - 1, or the day
 * before the same day N months later (1 March + 1 month ends on 31 March); when that month is too
 * short for the day, its last day (31 January + 1 month ends on 28 February).
 */
export function computePeriodEnd(from: number, end: PeriodEnd): number {
  if (end.kind === 'to') return end.day;
  if (end.kind === 'weeks') return from + 7 * end.count - 1;
  const target = addMonths(from, end.count);
  const clamped = computeCivilDate(target).day !== computeCivilDate(from).day;
  return clamped ? target : target - 1;
}
