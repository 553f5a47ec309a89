import type { Command } from 'commander';
import {
  computePlan,
  computePlanRange,
  SEED_PARAMETERS,
  SEED_RANGES,
  type PlanParameters,
  type RoundingMode,
} from '../core/plan.js';
import { UsageError } from '../errors.js';
import { tr } from '../i18n.js';
import type { Context } from '../io/context.js';
import { parseNumberRange, parsePositive, parseRate, parseRateRange } from '../io/parse-flag.js';
import { buildPlanReport, type PlanAssumption } from '../render/plan-report.js';
import { addOutputOptions, emitReport, type OutputOptions } from './shared-options.js';

interface PlanFlags extends OutputOptions {
  objective?: string;
  avgDeal?: string;
  proposalsPerDeal?: string;
  winRate?: string;
  compensationFactor?: string;
  spontaneous?: string;
  accessibility?: string;
  contactsPerProspect?: string;
  minutesPerContact?: string;
  rounding: RoundingMode;
  accessibilityRange?: string;
  contactsRange?: string;
}

/** Reads the plan's parameters from the flags; each remembers whether it came from a flag or the seed. */
export function resolvePlanParameters(flags: PlanFlags): Record<keyof PlanParameters, PlanAssumption> {
  const fromFlag = (
    key: keyof PlanParameters,
    text: string | undefined,
    parse: (t: string) => number,
  ): PlanAssumption =>
    text === undefined
      ? { value: SEED_PARAMETERS[key], source: 'default' }
      : { value: parse(text), source: 'flag' };
  if (flags.proposalsPerDeal !== undefined && flags.winRate !== undefined) {
    throw new UsageError('--proposals-per-deal and --win-rate say the same thing; give one of them.');
  }
  const proposalsPerDeal =
    flags.winRate !== undefined
      ? { value: 1 / parseRate('--win-rate', flags.winRate), source: 'flag' as const }
      : fromFlag('proposalsPerDeal', flags.proposalsPerDeal, (t) =>
          parsePositive('--proposals-per-deal', t, 'proposals per deal won, such as 3'),
        );
  if (proposalsPerDeal.value < 1) {
    throw new UsageError('--proposals-per-deal: a deal takes at least one proposal; expected 1 or more.');
  }
  return {
    objective: fromFlag('objective', flags.objective, (t) =>
      parsePositive('--objective', t, 'an amount in euros, such as 60000'),
    ),
    avgDeal: fromFlag('avgDeal', flags.avgDeal, (t) =>
      parsePositive('--avg-deal', t, 'an amount in euros, such as 20000'),
    ),
    proposalsPerDeal,
    compensationFactor: fromFlag('compensationFactor', flags.compensationFactor, (t) =>
      parsePositive('--compensation-factor', t, 'active prospects per proposal, such as 4'),
    ),
    spontaneous: fromFlag('spontaneous', flags.spontaneous, (t) =>
      parsePositive('--spontaneous', t, 'a count of prospects, such as 8', true),
    ),
    accessibility: fromFlag('accessibility', flags.accessibility, (t) => parseRate('--accessibility', t)),
    contactsPerProspect: fromFlag('contactsPerProspect', flags.contactsPerProspect, (t) =>
      parsePositive('--contacts-per-prospect', t, 'contacts to qualify a prospect, such as 4'),
    ),
    minutesPerContact: fromFlag('minutesPerContact', flags.minutesPerContact, (t) =>
      parsePositive('--minutes-per-contact', t, 'minutes, such as 2'),
    ),
  };
}

/** `prospect plan`: the prospecting effort worked back from a revenue objective. */
export function runPlan(flags: PlanFlags, ctx: Context): void {
  const assumptions = resolvePlanParameters(flags);
  const parameters = Object.fromEntries(
    Object.entries(assumptions).map(([k, a]) => [k, a.value]),
  ) as unknown as PlanParameters;
  const ranges = {
    accessibility: flags.accessibilityRange
      ? parseRateRange('--accessibility-range', flags.accessibilityRange)
      : { ...SEED_RANGES.accessibility },
    contactsPerProspect: flags.contactsRange
      ? parseNumberRange('--contacts-range', flags.contactsRange)
      : { ...SEED_RANGES.contactsPerProspect },
  };
  const result = computePlan(parameters, flags.rounding);
  const range = computePlanRange(parameters, flags.rounding, ranges);
  emitReport(buildPlanReport({ result, assumptions, range, ranges }), flags, ctx);
}

export function registerPlan(program: Command, ctx: Context): void {
  const { lang } = ctx;
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  const command = program
    .command('plan')
    .description(
      t(
        'the prospecting effort worked back from a revenue objective (seed 001)',
        "l'effort de prospection calculé à rebours depuis un objectif de chiffre d'affaires",
      ),
    )
    .option(
      '--objective <euros>',
      t('revenue objective in euros (60000)', "objectif de chiffre d'affaires en euros (60000)"),
    )
    .option(
      '--avg-deal <euros>',
      t('average won deal in euros (20000)', "montant moyen d'une affaire en euros (20000)"),
    )
    .option(
      '--proposals-per-deal <n>',
      t('proposals per deal won (3)', 'propositions par affaire gagnée (3)'),
    )
    .option(
      '--win-rate <rate>',
      t(
        'win rate, the inverse of proposals per deal (33.3)',
        'taux de transformation, inverse des propositions par affaire (33,3)',
      ),
    )
    .option(
      '--compensation-factor <n>',
      t('active prospects per proposal (4)', 'prospects actifs par proposition (4)'),
    )
    .option(
      '--spontaneous <n>',
      t('spontaneous active prospects expected (8)', 'prospects actifs spontanés attendus (8)'),
    )
    .option(
      '--accessibility <rate>',
      t('accessibility rate: 6, 6% or 0.06 (6 %)', "taux d'accessibilité : 6, 6% ou 0,06 (6 %)"),
    )
    .option(
      '--contacts-per-prospect <n>',
      t('contacts to qualify a prospect (4)', 'contacts pour qualifier un prospect (4)'),
    )
    .option('--minutes-per-contact <n>', t('minutes per contact (2)', 'minutes par contact (2)'))
    .option(
      '--rounding <mode>',
      t('up, down (the seed) or exact', 'up (excès), down (la méthode) ou exact'),
      'up',
    )
    .option(
      '--accessibility-range <min-max>',
      t(
        'accessibility range for best/worst case (3-17)',
        "fourchette d'accessibilité pour les cas extrêmes (3-17)",
      ),
    )
    .option(
      '--contacts-range <min-max>',
      t('contacts-per-prospect range (1-13)', 'fourchette de contacts par prospect (1-13)'),
    );
  addOutputOptions(command).action((flags: PlanFlags) => {
    if (!['up', 'down', 'exact'].includes(flags.rounding)) {
      throw new UsageError(`--rounding: "${flags.rounding}" is not a mode; expected up, down or exact.`);
    }
    runPlan(flags, ctx);
  });
}
