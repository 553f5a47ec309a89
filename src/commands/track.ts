import { Option, type Command } from 'commander';
import { countWorkingDays, formatIsoDay, parseIsoDay } from '../core/calendar.js';
import { buildObjectivePlan, type ObjectivePlan } from '../core/objective-plan.js';
import { SEED_RANGES, type RoundingMode } from '../core/plan.js';
import { computeTargetsAt } from '../core/schedule.js';
import { buildDefaultLayer, resolveSettings, type SettingLayer } from '../core/settings.js';
import {
  buildTrackTargets,
  computeActualsFromHistory,
  computeReplan,
  computeTrackStatus,
  TRACK_STAGES,
  type TrackCounts,
  type StageTrack,
  type TrackPhase,
  type TrackStage,
} from '../core/track.js';
import { FindingError, UsageError } from '../errors.js';
import { formatSentenceDate, tr, type Texts } from '../i18n.js';
import type { WorkInProgress } from '../core/plan.js';
import type { Context } from '../io/context.js';
import { parsePositive, parseRate } from '../io/parse-flag.js';
import { parseDayFlag } from '../io/parse-day-flag.js';
import { readActualsFile } from '../io/read-actuals.js';
import { readActivities, readDeals, readStageMapFile } from '../io/read-history.js';
import { readObjectivesFile } from '../io/read-objectives.js';
import { formatPercent } from '../render/format.js';
import { buildTrackReport, TRACK_STAGE_LABEL } from '../render/track-report.js';
import { buildFlagLayer, checkAmounts, type PlanFlags } from './plan.js';
import { buildParamsLayers } from './plan-history.js';
import { addReadOptions, buildReadOptions, type ReadFlags } from './read-options.js';
import type { ReadOptions } from '../io/read-table.js';
import type { Report } from '../render/report.js';
import { addOutputOptions, emitReport } from './shared-options.js';
import { buildPlanSummaryLine, runTrackByOwner } from './track-by-owner.js';
import { writeOutput } from '../io/write-output.js';

interface TrackFlags extends PlanFlags, ReadFlags {
  deals?: string;
  activities?: string;
  actuals?: string;
  stages?: string;
  asOf?: string;
  tolerance: string;
  failIfBehind?: boolean;
  minSample: string;
  by?: string;
}

/** The plan to track: from an objectives file (one objective, or the one `--name` names) or the flags. */
async function resolveTrackedPlan(flags: TrackFlags, today: number, ctx: Context): Promise<ObjectivePlan> {
  const flagLayer = buildFlagLayer(flags);
  const history = buildParamsLayers(flags.params, ctx);
  const defaults = buildDefaultLayer(today);
  let layers: SettingLayer[] = [flagLayer, ...history, defaults];
  let label = flags.name !== undefined ? { name: flags.name } : {};
  if (flags.file !== undefined) {
    const file = await readObjectivesFile(flags.file, ctx);
    checkAmounts(file, flagLayer);
    const entries =
      flags.name === undefined ? file.objectives : file.objectives.filter((o) => o.label.name === flags.name);
    const names = file.objectives.map((o) => o.label.name ?? '(unnamed)').join(', ');
    if (entries.length !== 1) {
      throw new UsageError(
        flags.name === undefined
          ? {
              en: `${flags.file} has ${file.objectives.length} objectives (${names}); name the one to track with --name.`,
              fr: `${flags.file} contient ${file.objectives.length} objectifs (${names.replace('(unnamed)', '(sans nom)')}) ; nommez celui à suivre avec --name.`,
            }
          : {
              en: `${flags.file} has no objective named "${flags.name}"; expected one of: ${names}.`,
              fr: `${flags.file} n’a pas d’objectif nommé « ${flags.name} » ; attendu : l’un de ${names.replace('(unnamed)', '(sans nom)')}.`,
            },
      );
    }
    const entry = entries[0]!;
    label = entry.label;
    layers = [
      { source: 'file', detail: entry.file, values: entry.values },
      ...(file.defaults
        ? [{ source: 'file' as const, detail: file.defaults.file, values: file.defaults.values }]
        : []),
      flagLayer,
      ...history,
      defaults,
    ];
  } else if (flagLayer.values.objective === undefined) {
    throw new UsageError({
      en: 'no objective: give --objective EUROS and --to DATE, or --file objectives.yaml.',
      fr: 'aucun objectif : donnez --objective EUROS et --to DATE, ou --file objectives.yaml.',
    });
  }
  const settings = resolveSettings(layers);
  if (!settings.end) {
    throw new UsageError({
      en: 'track needs a period: give --to DATE (or --weeks N, --months N), or an objectives file with to:.',
      fr: 'le suivi demande une période : donnez --to DATE (ou --weeks N, --months N), ou un fichier d’objectifs avec to:.',
    });
  }
  const capacity = layers.some(
    (l) => l.source !== 'default' && (l.values.reps !== undefined || l.values.hoursPerWeek !== undefined),
  );
  return buildObjectivePlan(settings, {
    rounding: flags.rounding,
    ranges: {
      accessibility: { ...SEED_RANGES.accessibility },
      contactsPerProspect: { ...SEED_RANGES.contactsPerProspect },
    },
    checkpoints: 'month',
    capacity,
    label,
  });
}

/** Where the actuals come from: a CSV of dated counts, or the deals (and activities) exports. */
export interface TrackSources {
  actuals?: string;
  deals?: string;
  activities?: string;
  stages?: string;
}

/**
 * The tracking of a plan (which must have a period) at `asOfDay`: the actuals read from `sources`,
 * the targets to date, the status per stage, the re-plan, as the report of `prospect track`; with
 * the files read. Shared by `track` and `report --actuals`.
 */
export async function buildTracking(
  plan: ObjectivePlan,
  sources: TrackSources,
  options: { asOfDay: number; tolerance: number; minSample: number; rounding: RoundingMode },
  readOptions: ReadOptions,
  ctx: Context,
): Promise<{ report: Report; rows: StageTrack[]; inputs: string[] }> {
  const { asOfDay, tolerance, minSample } = options;
  const flags = sources;
  const schedule = plan.schedule;
  if (!schedule) throw new Error('buildTracking: the plan has no period');
  let actuals: TrackCounts;
  let spontaneous: number;
  let stages: TrackStage[];
  let actualsFrom: string;
  let inProgress: WorkInProgress | null = null;
  const warnings: Texts[] = [];
  const inputs: string[] = [];
  const phase: TrackPhase =
    asOfDay < schedule.from ? 'not started' : asOfDay >= schedule.to ? 'ended' : 'running';
  if (flags.actuals !== undefined) {
    const read = await readActualsFile(flags.actuals, readOptions, schedule.from, schedule.to, asOfDay, ctx);
    ({ actuals, spontaneous, stages } = read);
    actualsFrom = flags.actuals;
    inputs.push(flags.actuals);
    const day = (d: number, lang: 'en' | 'fr'): string => formatSentenceDate(formatIsoDay(d), lang);
    const period = {
      en: `${day(schedule.from, 'en')} – ${day(schedule.to, 'en')}`,
      fr: `du ${day(schedule.from, 'fr')} au ${day(schedule.to, 'fr')}`,
    };
    const rows = (n: number, lang: 'en' | 'fr'): string =>
      lang === 'fr' ? `${n} ${n === 1 ? 'ligne' : 'lignes'}` : `${n} ${n === 1 ? 'row' : 'rows'}`;
    if (read.outsidePeriod > 0)
      warnings.push({
        en: `${flags.actuals}: ${rows(read.outsidePeriod, 'en')} dated outside the period ${period.en}: not counted.`,
        fr: `${flags.actuals} : ${rows(read.outsidePeriod, 'fr')} ${read.outsidePeriod === 1 ? 'datée' : 'datées'} hors de la période ${period.fr} : non ${read.outsidePeriod === 1 ? 'comptée' : 'comptées'}.`,
      });
    if (read.afterAsOf > 0)
      warnings.push({
        en: `${flags.actuals}: ${rows(read.afterAsOf, 'en')} dated after the as-of date ${day(asOfDay, 'en')}: not counted yet.`,
        fr: `${flags.actuals} : ${rows(read.afterAsOf, 'fr')} ${read.afterAsOf === 1 ? 'datée' : 'datées'} après la date du suivi, le ${day(asOfDay, 'fr')} : pas encore ${read.afterAsOf === 1 ? 'comptée' : 'comptées'}.`,
      });
  } else {
    const stageMap = {
      ...ctx.project?.()?.stages, // prospect.yaml, then --stages
      ...(flags.stages !== undefined ? readStageMapFile(flags.stages, ctx) : {}),
    };
    const deals = await readDeals(flags.deals!, readOptions, stageMap, ctx);
    const activities =
      flags.activities !== undefined ? await readActivities(flags.activities, readOptions, ctx) : null;
    ({ actuals, spontaneous, inProgress } = computeActualsFromHistory(
      deals,
      activities ?? [],
      schedule.from,
      asOfDay,
      [],
      schedule.to,
    ));
    stages =
      activities === null
        ? TRACK_STAGES.filter((s) => s !== 'contacts' && s !== 'prospects')
        : [...TRACK_STAGES];
    inputs.push(flags.deals!, ...(flags.activities !== undefined ? [flags.activities] : []));
    actualsFrom = inputs.join(', ');
  }
  const targets = buildTrackTargets(computeTargetsAt(schedule, asOfDay));
  const rows = computeTrackStatus(targets, actuals, tolerance, stages);
  const country = schedule.country;
  const periodWorkingDays = countWorkingDays(schedule.from, schedule.to, country);
  const workingDaysLeft = countWorkingDays(Math.max(asOfDay + 1, schedule.from), schedule.to, country);
  const capacityHoursPerWeek = plan.capacity ? plan.capacity.reps * plan.capacity.hoursPerWeek : null;
  const replan = computeReplan({
    parameters: plan.result.parameters,
    actuals,
    actualSpontaneous: spontaneous,
    periodWorkingDays,
    workingDaysLeft,
    capacityHoursPerWeek,
    minSample,
    rounding: options.rounding,
    ...(inProgress ? { inProgress } : {}),
  });
  if (phase === 'not started') {
    const notBegun = {
      en: `the period begins on ${formatSentenceDate(formatIsoDay(schedule.from), 'en')}: it has not begun as of ${formatSentenceDate(formatIsoDay(asOfDay), 'en')}; nothing is due yet.`,
      fr: `la période commence le ${formatSentenceDate(formatIsoDay(schedule.from), 'fr')} : elle n’a pas commencé au ${formatSentenceDate(formatIsoDay(asOfDay), 'fr')} ; rien n’est encore dû.`,
    };
    warnings.push(notBegun);
    // The rows set aside are named by the reading note already; this one is said here.
    ctx.note(tr(ctx.lang, { en: `prospect: ${notBegun.en}`, fr: `prospect : ${notBegun.fr}` }));
  }
  const report = buildTrackReport({
    phase,
    objective: plan.result.parameters.objective,
    inProgressKnown: inProgress !== null,
    warnings,
    start: formatIsoDay(schedule.from),
    end: formatIsoDay(schedule.to),
    asOf: formatIsoDay(asOfDay),
    tolerance,
    country: country === 'none' ? tr(ctx.lang, { en: 'Mon-Fri', fr: 'lun.-ven.' }) : country,
    actualsFrom,
    stages: rows,
    replan,
    capacityHoursPerWeek,
  });
  return { report, rows, inputs };
}

/** `prospect track`: the plan's targets at a date against what was done, and the re-plan. */
export async function runTrack(flags: TrackFlags, ctx: Context): Promise<void> {
  const today = parseIsoDay(ctx.today);
  if (today === undefined) throw new Error(`bad ctx.today ${ctx.today}`);
  const asOfDay = flags.asOf !== undefined ? parseDayFlag('--as-of', flags.asOf) : today;
  const tolerance = parseRate('--tolerance', flags.tolerance);
  const minSample = parsePositive('--min-sample', flags.minSample, 'a sample size such as 30');
  if (flags.actuals === undefined && flags.deals === undefined) {
    throw new UsageError({
      en: 'no actuals: give --deals FILE (and --activities FILE), or --actuals FILE.',
      fr: 'aucun réalisé : donnez --deals FICHIER (et --activities FICHIER), ou --actuals FICHIER.',
    });
  }
  if (flags.actuals !== undefined && (flags.deals !== undefined || flags.activities !== undefined)) {
    throw new UsageError({
      en: '--actuals and --deals/--activities say the same thing; give one of them.',
      fr: '--actuals et --deals/--activities disent la même chose ; donnez l’un des deux.',
    });
  }
  if ((flags.format as string) === 'summary' && (flags.excel || flags.show !== undefined || flags.wide)) {
    const flag = flags.excel ? '--excel' : flags.show !== undefined ? '--show' : '--wide';
    throw new UsageError({
      en: `${flag} shapes a table or a CSV, not --format summary (one line per rep); give one of them.`,
      fr: `${flag} met en forme un tableau ou un CSV, pas --format summary (une ligne par commercial) ; donnez l'un des deux.`,
    });
  }
  if (flags.by === 'owner') {
    await runTrackByOwner(flags, { today, asOfDay, tolerance }, buildReadOptions(flags, ctx), ctx);
    return;
  }
  const plan = await resolveTrackedPlan(flags, today, ctx);
  const { report, rows, inputs } = await buildTracking(
    plan,
    flags,
    { asOfDay, tolerance, minSample, rounding: flags.rounding },
    buildReadOptions(flags, ctx),
    ctx,
  );
  if ((flags.format as string) === 'summary') {
    const color = ctx.color && (flags.output ?? '-') === '-';
    const file = flags.file !== undefined ? [flags.file] : [];
    writeOutput(flags.output, buildPlanSummaryLine(plan, rows, asOfDay, ctx, color), ctx.io, [
      ...file,
      ...inputs,
    ]);
  } else await emitReport(report, flags, ctx, inputs);
  const behind = rows.filter((r) => r.status === 'behind');
  if (flags.failIfBehind && behind.length > 0) {
    const list = (lang: 'en' | 'fr'): string =>
      behind
        .map((r) => `${TRACK_STAGE_LABEL[r.stage][lang]} ${formatPercent(r.gapShare ?? 0, lang, 1)}`)
        .join(', ');
    const asOf = formatIsoDay(asOfDay);
    throw new FindingError({
      en: `behind the plan on ${formatSentenceDate(asOf, 'en')}: ${list('en')} (tolerance ${formatPercent(tolerance, 'en', 1)}); expected within the tolerance; see the table for what is left to do each week.`,
      fr: `en retard sur le plan au ${formatSentenceDate(asOf, 'fr')} : ${list('fr')} (tolérance ${formatPercent(tolerance, 'fr', 1)}) ; attendu : dans la tolérance ; le tableau dit ce qui reste à faire par semaine.`,
    });
  }
}

export function registerTrack(program: Command, ctx: Context): void {
  const { lang } = ctx;
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  const command = program
    .command('track')
    .option(
      '--file <file>',
      t('objectives file (YAML), as for plan', "fichier d'objectifs (YAML), comme pour plan"),
    )
    .option('--name <name>', t('the objective of the file to track', "l'objectif du fichier à suivre"))
    .option('--objective <euros>', t('revenue objective in euros', "objectif de chiffre d'affaires en euros"))
    .option(
      '--avg-deal <euros>',
      t('average won deal in euros (20000)', "montant moyen d'une affaire (20000)"),
    )
    .option(
      '--proposals-per-deal <n>',
      t('proposals per deal won (3)', 'propositions par affaire gagnée (3)'),
    )
    .option('--win-rate <rate>', t('win rate, 1 / proposals per deal', 'taux de transformation'))
    .option(
      '--compensation-factor <n>',
      t('active prospects per proposal (4)', 'prospects actifs par proposition (4)'),
    )
    .option(
      '--spontaneous <n>',
      t('spontaneous active prospects expected (8)', 'prospects actifs spontanés (8)'),
    )
    .option('--accessibility <rate>', t('accessibility rate (6 %)', "taux d'accessibilité (6 %)"))
    .option(
      '--contacts-per-prospect <n>',
      t('contacts to qualify a prospect (4)', 'contacts par prospect (4)'),
    )
    .option('--minutes-per-contact <n>', t('minutes per contact (2)', 'minutes par contact (2)'))
    .option(
      '--params <file>',
      t('parameters measured by prospect calibrate', 'paramètres mesurés par prospect calibrate'),
    )
    .option('--from <date>', t('first day of the plan (today)', "premier jour du plan (aujourd'hui)"))
    .option('--to <date>', t('deadline of the plan', 'échéance du plan'))
    .option('--weeks <n>', t('or: length of the plan in weeks', 'ou : durée du plan en semaines'))
    .option('--months <n>', t('or: length of the plan in months', 'ou : durée du plan en mois'))
    .option(
      '--country <code>',
      t('public holidays: FR, BE, CH, DE, LU or none (FR)', 'jours fériés : FR, BE, CH, DE, LU ou none (FR)'),
    )
    .option(
      '--weights <list>',
      t('twelve monthly weights (seasonality)', 'douze poids mensuels (saisonnalité)'),
    )
    .option('--reps <n>', t('sales reps sharing the objective', "commerciaux qui partagent l'objectif"))
    .option(
      '--hours-per-week <h>',
      t('prospecting hours per rep per week', 'heures de prospection par commercial et par semaine'),
    )
    .option('--rounding <mode>', t('up, down or exact', 'up, down ou exact'), 'up')
    .option(
      '--deals <file>',
      t('deals export: active prospects, proposals, deals, revenue', 'export des affaires'),
    )
    .option(
      '--activities <file>',
      t('activities export: contacts, prospects', 'export des activités : contacts, prospects'),
    )
    .option(
      '--actuals <file>',
      t(
        'or: a CSV of dated counts (date, contacts, prospects, activeProspects, proposals, deals, revenue)',
        'ou : un CSV de comptes datés (date, contacts, prospects, activeProspects, proposals, deals, revenue)',
      ),
    )
    .option('--stages <file>', t('YAML mapping of stage names', 'correspondance des étapes en YAML'))
    .option('--as-of <date>', t('the date to track at (today)', "la date du suivi (aujourd'hui)"))
    .option('--tolerance <rate>', t('gap still on track', 'écart encore dans le plan'), '10%')
    .option(
      '--fail-if-behind',
      t('exit 1 when a stage is behind (cron, CI)', 'code 1 si une étape est en retard (cron, CI)'),
    )
    .option(
      '--min-sample <n>',
      t('observed rates are used from this sample size on', 'taux observés retenus à partir de cet effectif'),
      '30',
    )
    .addOption(
      new Option(
        '--by <field>',
        t(
          'each sales person against their objective (rep: in --file), and the team',
          "chaque commercial face à son objectif (rep: dans --file), et l'équipe",
        ),
      ).choices(['owner']),
    );
  addReadOptions(command, lang);
  addOutputOptions(command);
  // `--format summary`: one line per rep (and the team) for a cron mail; track only.
  const format = command.options.find((o) => o.long === '--format');
  if (format?.argChoices) format.choices([...format.argChoices, 'summary']);
  command.action(async (flags: TrackFlags) => {
    if (!['up', 'down', 'exact'].includes(flags.rounding)) {
      throw new UsageError({
        en: `--rounding: "${flags.rounding as RoundingMode}" is not a mode; expected up, down or exact.`,
        fr: `--rounding : « ${flags.rounding as RoundingMode} » n’est pas un mode d’arrondi ; attendu : up, down ou exact.`,
      });
    }
    await runTrack(flags, ctx);
  });
}
