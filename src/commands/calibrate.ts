import type { Command } from 'commander';
import { computeCalibration, DEFAULT_CALIBRATE_OPTIONS } from '../core/calibrate.js';
import { UsageError } from '../errors.js';
import { formatSentenceDate, tr } from '../i18n.js';
import type { Context } from '../io/context.js';
import { parsePositive, parseRate } from '../io/parse-flag.js';
import { buildParamsYaml } from '../io/params-file.js';
import { formatIsoDay, parseIsoDay } from '../core/calendar.js';
import { parseDayFlag } from '../io/parse-day-flag.js';
import { readActivities, readDeals, readStageMapFile } from '../io/read-history.js';
import { writeOutput } from '../io/write-output.js';
import { buildCalibrateReport } from '../render/calibrate-report.js';
import { addReadOptions, buildReadOptions, type ReadFlags } from './read-options.js';
import { addOutputOptions, emitReport, type OutputOptions } from './shared-options.js';

interface CalibrateFlags extends OutputOptions, ReadFlags {
  activities?: string;
  from?: string;
  to?: string;
  by?: string;
  stages?: string;
  spontaneousSources?: string;
  level: string;
  minSample: string;
}

/** Whether `--output` names a parameters file (YAML) rather than the report. */
function isParamsOutput(path: string | undefined): path is string {
  return path !== undefined && /\.ya?ml$/i.test(path);
}

/** `prospect calibrate`: the plan's parameters measured from a CRM's history. */
export async function runCalibrate(dealsPath: string, flags: CalibrateFlags, ctx: Context): Promise<void> {
  const today = parseIsoDay(ctx.today);
  if (today === undefined) throw new Error(`bad ctx.today ${ctx.today}`);
  const toDay = flags.to !== undefined ? parseDayFlag('--to', flags.to) : today;
  const fromDay = flags.from !== undefined ? parseDayFlag('--from', flags.from) : toDay - 364;
  if (fromDay > toDay) {
    throw new UsageError({
      en: `--from ${formatIsoDay(fromDay)} is after --to ${formatIsoDay(toDay)}; expected a window that starts before it ends.`,
      fr: `--from ${formatIsoDay(fromDay)} est après --to ${formatIsoDay(toDay)} ; attendu : une fenêtre qui commence avant de finir.`,
    });
  }
  if (flags.by !== undefined && flags.by !== 'owner') {
    throw new UsageError({
      en: `--by: "${flags.by}" is not a grouping; expected owner.`,
      fr: `--by : « ${flags.by} » n’est pas un regroupement ; attendu : owner (par commercial).`,
    });
  }
  const level = parseRate('--level', flags.level);
  if (level >= 1)
    throw new UsageError({
      en: `--level: "${flags.level}" must be below 100%; expected 90, 95 or 99.`,
      fr: `--level : « ${flags.level} » doit être en dessous de 100 % ; attendu : 90, 95 ou 99.`,
    });
  const minSample = parsePositive('--min-sample', flags.minSample, 'a sample size such as 30');
  const stageMap = {
    ...ctx.project?.()?.stages, // prospect.yaml, then --stages
    ...(flags.stages !== undefined ? readStageMapFile(flags.stages, ctx) : {}),
  };
  const readOptions = buildReadOptions(flags, ctx);
  const deals = await readDeals(dealsPath, readOptions, stageMap, ctx);
  const activities =
    flags.activities !== undefined ? await readActivities(flags.activities, readOptions, ctx) : null;
  const result = computeCalibration(deals, activities, {
    ...DEFAULT_CALIBRATE_OPTIONS,
    fromDay,
    toDay,
    byOwner: flags.by === 'owner',
    level,
    minSample,
    spontaneousSources: (flags.spontaneousSources ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  });
  const from = formatIsoDay(fromDay);
  const to = formatIsoDay(toDay);
  if (result.team.counts.deals === 0) {
    ctx.note(
      tr(ctx.lang, {
        en: `prospect: warning: no deal was created between ${formatSentenceDate(from, 'en')} and ${formatSentenceDate(to, 'en')}; check --from and --to.`,
        fr: `prospect : attention : aucune affaire n’a été créée entre le ${formatSentenceDate(from, 'fr')} et le ${formatSentenceDate(to, 'fr')} ; vérifiez --from et --to.`,
      }),
    );
  }
  const inputs = [dealsPath, ...(flags.activities !== undefined ? [flags.activities] : [])];
  const report = buildCalibrateReport({
    result,
    from,
    to,
    dealsFile: dealsPath,
    activitiesFile: flags.activities ?? null,
  });
  if (isParamsOutput(flags.output)) {
    writeOutput(flags.output, buildParamsYaml(result, { file: dealsPath, from, to }), ctx.io, inputs);
    ctx.note(
      tr(ctx.lang, {
        en: `prospect: parameters written to ${flags.output}; use them with \`prospect plan --params ${flags.output}\`.`,
        fr: `prospect : paramètres écrits dans ${flags.output} ; utilisez-les avec \`prospect plan --params ${flags.output}\`.`,
      }),
    );
    await emitReport(report, { ...flags, output: undefined }, ctx, inputs);
    return;
  }
  await emitReport(report, flags, ctx, inputs);
}

export function registerCalibrate(program: Command, ctx: Context): void {
  const { lang } = ctx;
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  const command = program
    .command('calibrate')
    .argument('<deals>', t('deals (opportunities) export, CSV', 'export des affaires (opportunités), CSV'))
    .option(
      '--activities <file>',
      t(
        'activities export (date, company, owner, type, minutes): accessibility, contacts, minutes',
        'export des activités (date, société, commercial, type, minutes) : accessibilité, contacts, minutes',
      ),
    )
    .option(
      '--from <date>',
      t('first day of the window (one year before --to)', 'premier jour de la fenêtre (un an avant --to)'),
    )
    .option('--to <date>', t('last day of the window (today)', "dernier jour de la fenêtre (aujourd'hui)"))
    .option('--by <group>', t('also measure each owner: owner', 'mesurer aussi chaque commercial : owner'))
    .option(
      '--stages <file>',
      t('YAML mapping of stage names ("Signé: won")', 'correspondance des étapes en YAML (« Signé: won »)'),
    )
    .option(
      '--spontaneous-sources <list>',
      t(
        'lead sources to count as spontaneous, besides inbound, referral, prescriber...',
        'sources à compter comme spontanées, en plus de entrant, recommandation, prescripteur...',
      ),
    )
    .option(
      '--level <rate>',
      t('confidence level of the intervals', 'niveau de confiance des intervalles'),
      '95',
    )
    .option(
      '--min-sample <n>',
      t('below this sample size a figure is flagged', 'en dessous de cet effectif un chiffre est signalé'),
      '30',
    );
  addReadOptions(command, lang);
  addOutputOptions(command)
    .addHelpText(
      'after',
      t(
        '\n--output FILE.yaml writes the parameters file that `prospect plan --params FILE.yaml` reads\n(the report then goes to stdout).',
        '\n--output FICHIER.yaml écrit le fichier de paramètres que lit `prospect plan --params FICHIER.yaml`\n(le rapport va alors sur la sortie standard).',
      ),
    )
    .action(async (deals: string, flags: CalibrateFlags) => {
      await runCalibrate(deals, flags, ctx);
    });
}
