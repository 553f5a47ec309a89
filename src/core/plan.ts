/**
 * The prospecting effort plan of seed 001 (DOMAIN.md section 1), worked back from a revenue
 * objective: deals, proposals, active prospects, prospects to contact, contacts, time.
 */

export type RoundingMode = 'up' | 'down' | 'exact';

/** The plan's parameters; rates are fractions (0.06 for 6 %). */
export interface PlanParameters {
  /** Revenue objective in euros. */
  objective: number;
  /** Average amount of a won deal, in euros. */
  avgDeal: number;
  /** Proposals needed to win one deal (1 / win rate). */
  proposalsPerDeal: number;
  /** Active prospects needed per proposal ("traditionally 4"). */
  compensationFactor: number;
  /** Active prospects expected to come by themselves (inbound, referrals, prescribers). */
  spontaneous: number;
  /** Share of contacted prospects that are active, as a fraction (0.06). */
  accessibility: number;
  /** Contacts (calls, mails...) to qualify one prospect. */
  contactsPerProspect: number;
  /** Minutes one contact takes. */
  minutesPerContact: number;
}

/** The seed's worked example (seed 001): the defaults of `prospect plan`. */
export const SEED_PARAMETERS: Readonly<PlanParameters> = Object.freeze({
  objective: 60000,
  avgDeal: 20000,
  proposalsPerDeal: 3,
  compensationFactor: 4,
  spontaneous: 8,
  accessibility: 0.06,
  contactsPerProspect: 4,
  minutesPerContact: 2,
});

/** The ranges the seed reports as seen in the field, for the best and worst case. */
export const SEED_RANGES = Object.freeze({
  accessibility: Object.freeze({ min: 0.03, max: 0.17 }),
  contactsPerProspect: Object.freeze({ min: 1, max: 13 }),
});

export interface PlanFigures {
  deals: number;
  proposals: number;
  activeProspectsNeeded: number;
  activeProspectsToFind: number;
  prospectsToContact: number;
  contacts: number;
  minutes: number;
  hours: number;
}

export type PlanStage = keyof PlanFigures;

/** One stage as computed: the raw value from the previous (rounded) stage, and its rounding. */
export interface PlanStep {
  stage: PlanStage;
  /** The operation with its operands, e.g. `{ op: '/', left: 28, right: 0.06 }`. */
  op: '/' | 'x' | '-';
  left: number;
  right: number;
  raw: number;
  value: number;
}

export interface PlanResult {
  parameters: PlanParameters;
  rounding: RoundingMode;
  /** Figures rounded by the mode, each stage computed from the previous rounded one. */
  figures: PlanFigures;
  /** The same chain with no rounding at all. */
  exact: PlanFigures;
  steps: PlanStep[];
  /** True when spontaneous prospects cover the whole need: nobody needs to be contacted. */
  spontaneousCoverNeed: boolean;
}

/** Counts are rounded to whole units; floating noise (9.000000001) is removed first. */
function roundCount(value: number, mode: RoundingMode): number {
  const clean = Math.round(value * 1e9) / 1e9;
  if (mode === 'up') return Math.ceil(clean);
  if (mode === 'down') return Math.floor(clean);
  return value;
}

/** Hours are rounded to the tenth of an hour in the same direction as counts. */
function roundHours(hours: number, mode: RoundingMode): number {
  const tenths = Math.round(hours * 10 * 1e9) / 1e9;
  if (mode === 'up') return Math.ceil(tenths) / 10;
  if (mode === 'down') return Math.floor(tenths) / 10;
  return hours;
}

/** Work already in the funnel that a re-plan credits (src/core/track.ts). */
export interface WorkInProgress {
  /** Proposals made and not yet decided: they count as proposals already made. */
  proposals: number;
  /** Active prospects in the funnel before the proposal: they count as active prospects found. */
  activeProspects: number;
}

const NO_WORK_IN_PROGRESS: WorkInProgress = { proposals: 0, activeProspects: 0 };

function chain(
  p: PlanParameters,
  mode: RoundingMode,
  inProgress: WorkInProgress = NO_WORK_IN_PROGRESS,
): { figures: PlanFigures; steps: PlanStep[] } {
  const steps: PlanStep[] = [];
  const step = (stage: PlanStage, op: PlanStep['op'], left: number, right: number): number => {
    const raw = op === '/' ? left / right : op === 'x' ? left * right : Math.max(0, left - right);
    const value = stage === 'hours' ? roundHours(raw, mode) : roundCount(raw, mode);
    steps.push({ stage, op, left, right, raw, value });
    return value;
  };
  const deals = step('deals', '/', p.objective, p.avgDeal);
  const proposalsNeeded = step('proposals', 'x', deals, p.proposalsPerDeal);
  const proposals =
    inProgress.proposals > 0
      ? step('proposals', '-', proposalsNeeded, inProgress.proposals)
      : proposalsNeeded;
  const activeProspectsNeeded = step('activeProspectsNeeded', 'x', proposals, p.compensationFactor);
  const activeProspectsToFind = step(
    'activeProspectsToFind',
    '-',
    activeProspectsNeeded,
    p.spontaneous + inProgress.activeProspects,
  );
  const prospectsToContact = step('prospectsToContact', '/', activeProspectsToFind, p.accessibility);
  const contacts = step('contacts', 'x', prospectsToContact, p.contactsPerProspect);
  const minutes = step('minutes', 'x', contacts, p.minutesPerContact);
  const hours = step('hours', '/', minutes, 60);
  return {
    figures: {
      deals,
      proposals,
      activeProspectsNeeded,
      activeProspectsToFind,
      prospectsToContact,
      contacts,
      minutes,
      hours,
    },
    steps,
  };
}

/**
 * Computes the effort plan, stage by stage, as seed 001 does: deals = objective / average deal;
 * proposals = deals x proposals per deal; active prospects needed = proposals x compensation
 * factor; to find = needed - spontaneous (never below 0); prospects to contact = to find /
 * accessibility; contacts = prospects x contacts per prospect; minutes = contacts x minutes per
 * contact; hours = minutes / 60.
 *
 * Counts are rounded by `rounding` at each stage (up by default, which plans enough effort;
 * down reproduces the seed's truncated figures); hours to the tenth.
 *
 * With `inProgress` (a re-plan), open proposals are taken off the proposals to make, and active
 * prospects already in the funnel off the active prospects to find, with the spontaneous ones.
 *
 * @example computePlan(SEED_PARAMETERS, 'down').figures.contacts // 1864, as in the seed
 */
export function computePlan(
  parameters: PlanParameters,
  rounding: RoundingMode = 'up',
  inProgress: WorkInProgress = NO_WORK_IN_PROGRESS,
): PlanResult {
  const { figures, steps } = chain(parameters, rounding, inProgress);
  const { figures: exact } = chain(parameters, 'exact', inProgress);
  return {
    parameters: { ...parameters },
    rounding,
    figures,
    exact,
    steps,
    spontaneousCoverNeed: parameters.spontaneous >= exact.activeProspectsNeeded,
  };
}

/**
 * The best and worst case over the ranges of accessibility and contacts per prospect:
 * best = highest accessibility and fewest contacts; worst = the opposite.
 */
export function computePlanRange(
  parameters: PlanParameters,
  rounding: RoundingMode,
  ranges: { accessibility: { min: number; max: number }; contactsPerProspect: { min: number; max: number } },
): { best: PlanFigures; worst: PlanFigures } {
  const best = computePlan(
    {
      ...parameters,
      accessibility: ranges.accessibility.max,
      contactsPerProspect: ranges.contactsPerProspect.min,
    },
    rounding,
  ).figures;
  const worst = computePlan(
    {
      ...parameters,
      accessibility: ranges.accessibility.min,
      contactsPerProspect: ranges.contactsPerProspect.max,
    },
    rounding,
  ).figures;
  return { best, worst };
}
