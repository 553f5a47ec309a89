import { resolve as resolvePath } from 'node:path';
import { Option, type Command } from 'commander';
import { countWorkingDays, formatIsoDay, parseIsoDay } from '../core/calendar.js';
import { buildObjectivePlan, type ObjectivePlan, type PlanRanges } from '../core/objective-plan.js';
import { SEED_RANGES, type RoundingMode } from '../core/plan.js';
import { computeEffectiveWorkingDays, type CheckpointEvery } from '../core/schedule.js';
import {
  buildDefaultLayer,
  computePeriodEnd,
  resolveSettings,
  type ResolvedSettings,
  type SettingLayer,
} from '../core/settings.js';
import { DataError, inBoth, OutputError, UsageError, type InputProblem } from '../errors.js';
import { formatSentenceDate, tr, type Lang, type Texts } from '../i18n.js';
import type { Context } from '../io/context.js';
import { parseNumberRange, parseRateRange } from '../io/parse-flag.js';
import { flagName, parseSettings, type RawSettings } from '../io/parse-settings.js';
import { readObjectivesFile, type ObjectiveEntry, type ObjectivesFile } from '../io/read-objectives.js';
import { askPlanQuestions } from '../io/ask-plan.js';
import { writeOutput } from '../io/write-output.js';
import { renderObjectivesYaml } from '../render/objectives-yaml.js';
import { buildObjectivesReport, buildPlanReport, PARAMETER_LABEL } from '../render/plan-report.js';
import { addOutputOptions, emitReport, type OutputOptions } from './shared-options.js';
import { addReadOptions, type ReadFlags } from './read-options.js';

export interface PlanFlags extends OutputOptions, ReadFlags {
  /** --stages FILE: stage names of the --pipeline file (YAML lines "Signé: won"). */
  stages?: string;
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
  name?: string;
  from?: string;
  to?: string;
  weeks?: string;
  months?: string;
  checkpoints: CheckpointEvery;
  country?: string;
  weights?: string;
  reps?: string;
  hoursPerWeek?: string;
  file?: string;
  interactive?: boolean;
  params?: string;
  pipeline?: string;
  accessibilityFrom?: string;
  save?: string;
}

/** Longest period a plan accepts: ten years of daily arithmetic stays instant. */
const MAX_PERIOD_DAYS = 3660;

/** The flags' settings as a layer (source `flag`); a bad value is a usage error. */
export function buildFlagLayer(flags: PlanFlags): SettingLayer {
  const raw: RawSettings = {
    objective: flags.objective,
    avgDeal: flags.avgDeal,
    proposalsPerDeal: flags.proposalsPerDeal,
    winRate: flags.winRate,
    compensationFactor: flags.compensationFactor,
    spontaneous: flags.spontaneous,
    accessibility: flags.accessibility,
    contactsPerProspect: flags.contactsPerProspect,
    minutesPerContact: flags.minutesPerContact,
    from: flags.from,
    to: flags.to,
    weeks: flags.weeks,
    months: flags.months,
    country: flags.country,
    weights: flags.weights,
    reps: flags.reps,
    hoursPerWeek: flags.hoursPerWeek,
  };
  const { values, problems } = parseSettings(raw, flagName);
  if (problems.length > 0)
    throw new UsageError({
      en: problems.map((p) => p.message).join('\n'),
      fr: problems.map((p) => p.texts?.fr ?? p.message).join('\n'),
    });
  return { source: 'flag', values };
}

/** The plan parameters and country of the project file (prospect.yaml), below flags and files. */
function buildProjectLayers(ctx: Context): SettingLayer[] {
  const project = ctx.project?.();
  if (project === undefined || Object.keys(project.plan).length === 0) return [];
  return [{ source: 'file', detail: project.name, values: project.plan }];
}

/** The ranges for the best and worst case: the seed's, or the flags'. */
function resolveRanges(flags: PlanFlags): PlanRanges {
  return {
    accessibility: flags.accessibilityRange
      ? parseRateRange('--accessibility-range', flags.accessibilityRange)
      : { ...SEED_RANGES.accessibility },
    contactsPerProspect: flags.contactsRange
      ? parseNumberRange('--contacts-range', flags.contactsRange)
      : { ...SEED_RANGES.contactsPerProspect },
  };
}

/** Checks the period of resolved settings: a deadline on or after the start, at most ten years. */
function checkPeriod(settings: ResolvedSettings, where: Texts, entry?: ObjectiveEntry): void {
  if (!settings.end) return;
  const from = settings.from.value;
  const to = computePeriodEnd(from, settings.end.value);
  const day = (d: number, lang: Lang): string => formatSentenceDate(formatIsoDay(d), lang);
  let message: Texts | undefined;
  if (to < from) {
    message = {
      en: `the deadline ${day(to, 'en')} is before the start ${day(from, 'en')}; expected a deadline on or after the start (from ${where.en}).`,
      fr: `l’échéance du ${day(to, 'fr')} est avant le début, le ${day(from, 'fr')} ; attendu : une échéance le jour du début ou après (début : ${where.fr}).`,
    };
  } else if (to - from + 1 > MAX_PERIOD_DAYS) {
    message = {
      en: `the period ${day(from, 'en')} to ${day(to, 'en')} is longer than ten years; expected a shorter period.`,
      fr: `la période du ${day(from, 'fr')} au ${day(to, 'fr')} dépasse dix ans ; attendu : une période plus courte.`,
    };
  } else if (countWorkingDays(from, to, settings.country.value) === 0) {
    message = {
      en: `the period ${day(from, 'en')} to ${day(to, 'en')} has no working day (weekends and public holidays of ${settings.country.value}); expected at least one.`,
      fr: `la période du ${day(from, 'fr')} au ${day(to, 'fr')} n’a aucun jour ouvré (week-ends et jours fériés de ${settings.country.value}) ; attendu : au moins un.`,
    };
  } else if (
    computeEffectiveWorkingDays({
      from,
      to,
      country: settings.country.value,
      monthWeights: settings.weights.value,
    }) === 0
  ) {
    message = {
      en: `the seasonality weights of ${day(from, 'en')} to ${day(to, 'en')} are all 0; expected a weight above 0 for at least one month of the period.`,
      fr: `les poids de saisonnalité du ${day(from, 'fr')} au ${day(to, 'fr')} sont tous à 0 ; attendu : un poids au-dessus de 0 pour au moins un mois de la période.`,
    };
  }
  if (message === undefined) return;
  const fromFile = settings.end.source === 'file' || settings.from.source === 'file';
  if (fromFile && entry) {
    throw new DataError([{ file: entry.file, line: entry.line, column: entry.column, ...inBoth(message) }]);
  }
  throw new UsageError({ en: `--to: ${message.en}`, fr: `--to : ${message.fr}` });
}

function planOne(
  layers: SettingLayer[],
  flags: PlanFlags,
  ranges: PlanRanges,
  label: ObjectiveEntry['label'],
  entry?: ObjectiveEntry,
  asked = false,
): ObjectivePlan {
  const settings = resolveSettings(layers);
  checkPeriod(
    settings,
    entry
      ? { en: `objective "${label.name ?? ''}"`, fr: `objectif « ${label.name ?? ''} »` }
      : { en: '--from', fr: '--from' },
    entry,
  );
  // Asked interactively, the user saw the reps, the hours and the amount and kept or changed them.
  const capacity =
    asked ||
    layers.some(
      (l) => l.source !== 'default' && (l.values.reps !== undefined || l.values.hoursPerWeek !== undefined),
    );
  return buildObjectivePlan(settings, {
    rounding: flags.rounding,
    ranges,
    checkpoints: flags.checkpoints,
    capacity,
    label,
    ...(asked ? { measurable: true } : {}),
  });
}

/** The --save target is a file that is neither an input nor the --output; returns the inputs. */
function checkSaveTarget(target: string, flags: PlanFlags, ctx: Context): string[] {
  if (target === '-' || target === '') {
    throw new UsageError({
      en: '--save: expected a file name, such as --save objectives.yaml (stdout holds the plan).',
      fr: '--save : attendu : un nom de fichier, comme --save objectives.yaml (stdout reçoit le plan).',
    });
  }
  const inputs = [flags.params, flags.pipeline, flags.accessibilityFrom, flags.output].filter(
    (x): x is string => x !== undefined && x !== '-',
  );
  const full = resolvePath(ctx.io.cwd, target);
  if (inputs.some((i) => resolvePath(ctx.io.cwd, i) === full)) {
    throw new OutputError({
      en: `${target}: is an input or the --output of this run; choose another --save so it is kept.`,
      fr: `${target} : est une entrée ou la sortie --output de cette commande ; choisissez un autre --save pour qu’il soit gardé.`,
    });
  }
  return inputs;
}

/**
 * `plan --save FILE`: the planned objective as an objectives file that `plan --file FILE` reads
 * back to the same plan; written whole (a temporary file renamed), never over an input of the run.
 */
function saveObjective(plan: ObjectivePlan, flags: PlanFlags, ctx: Context): void {
  const target = flags.save;
  if (target === undefined) return;
  const inputs = checkSaveTarget(target, flags, ctx);
  const header = [
    tr(ctx.lang, {
      en: `Objective saved by prospect plan on ${formatSentenceDate(ctx.today, 'en')}; plan it again with: prospect plan --file ${target}`,
      fr: `Objectif enregistré par prospect plan le ${formatSentenceDate(ctx.today, 'fr')} ; replanifiez-le avec : prospect plan --file ${target}`,
    }),
  ];
  writeOutput(target, renderObjectivesYaml(plan.label, plan.settings, header), ctx.io, inputs, '--save');
  ctx.note(
    tr(ctx.lang, {
      en: `prospect: objective saved to ${target}.`,
      fr: `prospect : objectif enregistré dans ${target}.`,
    }),
  );
}

/**
 * Every objective of a file needs an amount: its own, the file's defaults' or --objective's. The
 * built-in 60 000 € is the seed's example, never an objective in disguise: exit 65, naming each.
 */
export function checkAmounts(file: ObjectivesFile, flagLayer: SettingLayer): void {
  if (file.defaults?.values.objective !== undefined || flagLayer.values.objective !== undefined) return;
  const problems: InputProblem[] = [];
  file.objectives.forEach((entry, i) => {
    if (entry.values.objective !== undefined) return;
    const name = entry.label.name !== undefined ? ` "${entry.label.name}"` : '';
    problems.push({
      file: entry.file,
      line: entry.line,
      column: entry.column,
      ...inBoth({
        en: `objectives[${i}]${name}: no amount; expected amount: EUROS in the objective (or in defaults, or --objective).`,
        fr: `objectives[${i}]${name} : aucun montant ; attendu : amount: EUROS dans l’objectif (ou dans defaults, ou --objective).`,
      }),
    });
  });
  if (problems.length > 0)
    throw new DataError(problems, {
      en: `${file.file}: not a valid objectives file.`,
      fr: `${file.file} : ce n’est pas un fichier d’objectifs valide.`,
    });
}

/** Warns on stderr about each parameter outside the seed's ranges (SMART: realistic). */
function warnOutside(plan: ObjectivePlan, ctx: Context, prefix: string): void {
  for (const o of plan.smart.outside) {
    const f = (x: number): string =>
      o.key === 'accessibility' ? `${Math.round(x * 10000) / 100}%` : String(Math.round(x * 100) / 100);
    const label = PARAMETER_LABEL[o.key as keyof typeof PARAMETER_LABEL] ?? { en: o.key, fr: o.key };
    ctx.note(
      tr(ctx.lang, {
        en: `prospect: warning: ${prefix}${label.en} ${f(o.value)} is outside the method's range ${f(o.min)}-${f(o.max)}; check it against your history.`,
        fr: `prospect : attention : ${prefix}${label.fr} ${f(o.value).replace('.', ',')} est hors de la fourchette de la méthode ${f(o.min).replace('.', ',')}-${f(o.max).replace('.', ',')} ; vérifiez-le sur votre historique.`,
      }),
    );
  }
}

/** `prospect plan`: the prospecting effort worked back from a revenue objective. */
export async function runPlan(flags: PlanFlags, ctx: Context): Promise<void> {
  const today = parseIsoDay(ctx.today);
  if (today === undefined) throw new Error(`bad ctx.today ${ctx.today}`);
  const ranges = resolveRanges(flags);
  const flagLayer = buildFlagLayer(flags);
  if (flags.save !== undefined && flags.file === undefined) checkSaveTarget(flags.save, flags, ctx);
  const layers: SettingLayer[] = [flagLayer];
  const defaults = buildDefaultLayer(today);
  if (flags.accessibility !== undefined && flags.accessibilityFrom !== undefined) {
    throw new UsageError({
      en: '--accessibility and --accessibility-from both set the rate; give one of them.',
      fr: '--accessibility et --accessibility-from fixent tous deux le taux ; donnez l’un des deux.',
    });
  }
  // The readers of history files are loaded by the runs that name one (start-up: docs/speed.md).
  const reads =
    flags.accessibilityFrom !== undefined || flags.params !== undefined || flags.pipeline !== undefined;
  const readers = reads ? await import('./plan-history.js') : undefined;
  const history = [
    ...((await readers?.buildAccessibilityLayers(flags.accessibilityFrom, ctx, flags)) ?? []),
    ...(readers?.buildParamsLayers(flags.params, ctx) ?? []),
    ...buildProjectLayers(ctx),
  ];

  if (flags.file !== undefined) {
    if (flags.interactive) {
      throw new UsageError({
        en: '--interactive and --file: the file holds the answers; give one of them.',
        fr: '--interactive et --file : le fichier contient les réponses ; donnez l’un des deux.',
      });
    }
    if (flags.pipeline !== undefined) {
      throw new UsageError({
        en: '--pipeline works with one objective; give --objective, not --file.',
        fr: '--pipeline s’applique à un seul objectif ; donnez --objective, pas --file.',
      });
    }
    if (flags.save !== undefined) {
      throw new UsageError({
        en: '--save writes one objective; with --file the objectives are already in a file.',
        fr: '--save enregistre un seul objectif ; avec --file, les objectifs sont déjà dans un fichier.',
      });
    }
    const file = await readObjectivesFile(flags.file, ctx);
    checkAmounts(file, flagLayer);
    const plans = file.objectives.map((entry) =>
      planOne(
        [
          { source: 'file', detail: entry.file, values: entry.values },
          ...(file.defaults
            ? [
                {
                  source: 'file' as const,
                  detail: `${file.defaults.file} defaults`,
                  values: file.defaults.values,
                },
              ]
            : []),
          flagLayer,
          ...history,
          defaults,
        ],
        flags,
        ranges,
        entry.label,
        entry,
      ),
    );
    plans.forEach((plan, i) => warnOutside(plan, ctx, `objective "${plan.label.name ?? `#${i + 1}`}": `));
    await emitReport(buildObjectivesReport(plans, ctx.lang), flags, ctx, [flags.file]);
    return;
  }

  const implicit = flagLayer.values.objective === undefined && ctx.io.stdinIsTTY && ctx.io.stdoutIsTTY;
  const asked = flags.interactive === true || implicit;
  let name = flags.name;
  if (asked) {
    if (!ctx.io.stdinIsTTY && !ctx.io.prompt) {
      throw new UsageError({
        en: '--interactive needs a terminal to ask on; expected a terminal, or give --objective (and the other flags) instead.',
        fr: '--interactive demande un terminal pour poser les questions ; attendu : un terminal, sinon donnez --objective (et les autres options).',
      });
    }
    const answers = await askPlanQuestions(ctx, flagLayer, defaults, flags.name);
    layers.unshift(answers.layer);
    name = answers.name;
  } else if (flagLayer.values.objective === undefined) {
    throw new UsageError({
      en: 'no objective given; expected --objective EUROS (e.g. --objective 60000) or --file objectives.yaml; or run on a terminal to be asked.',
      fr: 'aucun objectif ; attendu : --objective EUROS (ex. --objective 60000) ou --file objectifs.yaml ; ou lancez dans un terminal pour répondre aux questions.',
    });
  }
  const label = name !== undefined ? { name } : {};
  layers.unshift(...((await readers?.buildPipelineLayers(flags.pipeline, layers, ctx, flags)) ?? []));
  const plan = planOne([...layers, ...history, defaults], flags, ranges, label, undefined, asked);
  warnOutside(plan, ctx, '');
  saveObjective(plan, flags, ctx);
  await emitReport(buildPlanReport(plan, ctx.lang), flags, ctx);
}

export function registerPlan(program: Command, ctx: Context): void {
  const { lang } = ctx;
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  const command = program
    .command('plan')
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
      t(
        'up (whole units above), down (below, as the method does) or exact',
        'up (unité supérieure), down (inférieure, comme la méthode) ou exact',
      ),
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
    )
    .option(
      '--name <text>',
      t('name of the objective (SMART: specific)', "nom de l'objectif (SMART : spécifique)"),
    )
    .option(
      '--from <date>',
      t('start of the period, YYYY-MM-DD (today)', "début de la période, AAAA-MM-JJ (aujourd'hui)"),
    )
    .option('--to <date>', t('deadline, YYYY-MM-DD (included)', 'échéance, AAAA-MM-JJ (incluse)'))
    .option('--weeks <n>', t('period of N weeks from --from', 'période de N semaines depuis --from'))
    .option('--months <n>', t('period of N months from --from', 'période de N mois depuis --from'))
    .addOption(
      new Option('--checkpoints <every>', t('dated checkpoints every', 'points à date chaque'))
        .choices(['week', 'month', 'quarter'])
        .default('month'),
    )
    .option(
      '--country <code>',
      t('public holidays: FR, BE, CH, DE, LU or none (FR)', 'jours fériés : FR, BE, CH, DE, LU ou none (FR)'),
    )
    .option(
      '--weights <list>',
      t(
        'seasonality: aug=0.5,dec=0.8 or 12 monthly weights',
        'saisonnalité : aout=0.5,dec=0.8 ou 12 poids mensuels',
      ),
    )
    .option(
      '--reps <n>',
      t('sales reps sharing the objective (1)', 'commerciaux qui se partagent l’objectif (1)'),
    )
    .option(
      '--hours-per-week <h>',
      t(
        'prospecting hours per rep per week (10)',
        'heures de prospection par commercial et par semaine (10)',
      ),
    )
    .option(
      '--file <file>',
      t('objectives file (YAML); see prospect init', "fichier d'objectifs (YAML) ; voir prospect init"),
    )
    .option(
      '-i, --interactive',
      t('ask each value, with its default', 'demander chaque valeur, avec son défaut'),
    )
    .option(
      '--save <file>',
      t(
        'save the objective as an objectives file for --file (never over an input)',
        "enregistrer l'objectif comme fichier d'objectifs pour --file (jamais sur une entrée)",
      ),
    )
    .option(
      '--accessibility-from <file>',
      t(
        'accessibility measured from a graded file (prospect score --format csv): actives / all',
        'accessibilité mesurée sur un fichier noté (prospect score --format csv) : actifs / tous',
      ),
    )
    .option(
      '--params <file>',
      t(
        'parameters measured by prospect calibrate (YAML)',
        'paramètres mesurés par prospect calibrate (YAML)',
      ),
    )
    .option(
      '--pipeline <deals>',
      t(
        'deals export: the open pipeline, weighted by stage, is taken off the objective',
        "export des affaires : les affaires en cours, pondérées par étape, sont déduites de l'objectif",
      ),
    )
    .option(
      '--stages <file>',
      t(
        'with --pipeline: YAML mapping of stage names ("Signé: won")',
        'avec --pipeline : correspondance des étapes en YAML (« Signé: won »)',
      ),
    );
  addReadOptions(command, lang);
  command.addHelpText(
    'after',
    t(
      `
Period: --from DATE (default today) and one of --to DATE, --weeks N, --months N. Checkpoints give
cumulative targets at the end of each week, month or quarter, spread over working days (Monday to
Friday without the public holidays of --country).
Weights: MONTH=WEIGHT pairs, other months 1: --weights aug=0.5,dec=0.8 (jan..dec, janv..déc or
1..12; with a decimal comma use ; between pairs: "aug=0,5;dec=0,8"), or 12 weights January first.
Objective file: prospect init writes a commented example; an objective's settings come first, then
the file's defaults, then these flags, then the built-in defaults.

Examples:
  prospect plan --objective 60000
  prospect plan --objective 60000 --from 2027-01-04 --months 6 --weights aug=0.5 --reps 2
  prospect plan --file objectives.yaml --format json`,
      `
Période : --from DATE (aujourd'hui par défaut) et l'une de --to DATE, --weeks N, --months N. Les
points à date donnent les objectifs cumulés à la fin de chaque semaine, mois ou trimestre, répartis
sur les jours ouvrés (lundi à vendredi hors jours fériés de --country).
Poids : paires MOIS=POIDS, les autres mois valent 1 : --weights aout=0.5,dec=0.8 (jan..dec,
janv..déc ou 1..12 ; avec une virgule décimale, séparez par ; : "aout=0,5;dec=0,8"), ou 12 poids.
Fichier d'objectifs : prospect init écrit un exemple commenté ; les valeurs d'un objectif priment,
puis les défauts du fichier, puis ces options, puis les valeurs par défaut.

Exemples :
  prospect plan --objective 60000
  prospect plan --objective 60000 --from 2027-01-04 --months 6 --weights aout=0.5 --reps 2
  prospect plan --file objectives.yaml --format json`,
    ),
  );
  addOutputOptions(command).action(async (flags: PlanFlags) => {
    if (!['up', 'down', 'exact'].includes(flags.rounding)) {
      throw new UsageError({
        en: `--rounding: "${flags.rounding}" is not a mode; expected up, down or exact.`,
        fr: `--rounding : « ${flags.rounding} » n’est pas un mode d’arrondi ; attendu : up, down ou exact.`,
      });
    }
    const periodGiven = [flags.to, flags.weeks, flags.months, flags.file].some((v) => v !== undefined);
    if (command.getOptionValueSource('checkpoints') === 'cli' && !periodGiven && !flags.interactive) {
      ctx.note(
        tr(ctx.lang, {
          en: 'prospect: note: --checkpoints needs a period (--to, --weeks or --months); no checkpoint shown.',
          fr: 'prospect : remarque : --checkpoints demande une période (--to, --weeks ou --months) ; aucun point d’étape affiché.',
        }),
      );
    }
    await runPlan(flags, ctx);
  });
}
