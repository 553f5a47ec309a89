import type { Command } from 'commander';
import { buildObjectivePlan, type ObjectivePlan } from '../core/objective-plan.js';
import { computePareto } from '../core/pareto.js';
import { SEED_RANGES } from '../core/plan.js';
import { computeRfm, createRfmAccumulator, DEFAULT_SEGMENTS } from '../core/rfm.js';
import { SegmentBuilder } from '../core/segment.js';
import {
  computeHistogram,
  computeRowScore,
  computeScoreSummary,
  prepareGrid,
} from '../core/score/compute.js';
import type { GridValue } from '../core/score/grid.js';
import { matchGridFields, readGrid } from '../io/read-grid.js';
import { buildGridSpec, isProspectRow } from './score.js';
import { openInput } from '../io/open-input.js';
import { buildSegmentReport } from '../render/segment-report.js';
import type { ReviewClient, ReviewOrder } from '../core/review.js';
import { buildDefaultLayer, resolveSettings } from '../core/settings.js';
import { formatIsoDay, parseIsoDay } from '../core/calendar.js';
import { parseDayFlag } from '../io/parse-day-flag.js';
import { buildTracking } from './track.js';
import { formatProblem, UsageError } from '../errors.js';
import { tr } from '../i18n.js';
import type { Context } from '../io/context.js';
import { parsePositive } from '../io/parse-flag.js';
import { writeOutput } from '../io/write-output.js';
import { renderHtmlReport, type HtmlSection } from '../render/html/document.js';
import {
  buildHtmlReport,
  buildParetoSection,
  buildRfmSection,
  buildScoreSection,
} from '../render/html/sections.js';
import { addReadOptions, buildReadOptions, type ReadFlags } from './read-options.js';
import { buildReviewView } from './review.js';
import {
  addReviewOptions,
  loadReviewInput,
  parseDormant,
  resolvePeriod,
  type ReviewFlags,
} from './review-input.js';

interface ReportFlags extends ReadFlags, ReviewFlags {
  orders?: string;
  objective?: string;
  actuals?: string;
  asOf?: string;
  output?: string;
  scores?: string;
  grid?: string;
}

/**
 * The score section: the clients of `file` scored with the grid (as `prospect score --grid`), as
 * a histogram of scores over the grid's range and the count per grade.
 */
async function buildScoreReportSection(
  file: string,
  gridPath: string,
  flags: ReportFlags,
  asOfDay: number,
  ctx: Context,
): Promise<HtmlSection> {
  const gridFile = readGrid(gridPath, ctx.io);
  for (const w of gridFile.warnings)
    ctx.note(
      `${tr(ctx.lang, { en: 'prospect: warning: ', fr: 'prospect : attention : ' })}${formatProblem(w, ctx.lang)}`,
    );
  const { table: reader } = await openInput(ctx, {
    kind: 'table',
    file,
    fields: { wanted: buildGridSpec(gridFile, undefined) }, // each with the grid's own `required`
    flags,
  });
  try {
    matchGridFields(gridFile, reader.headers, reader.fieldColumns);
    const prepared = prepareGrid(gridFile.grid);
    const scores: number[] = [];
    const grades: { score: number; grade: string; prospect: boolean }[] = [];
    const hasStatus = reader.fieldColumns.has('status');
    await reader.forEachRow((row) => {
      const result = computeRowScore(prepared, row.values as Record<string, GridValue>, asOfDay);
      scores.push(result.score);
      grades.push({
        score: result.score,
        grade: result.grade,
        prospect: isProspectRow(row.values.status, hasStatus),
      });
    });
    reader.finish(ctx);
    return buildScoreSection(
      computeHistogram(scores, prepared.bounds.min, prepared.bounds.max, 10),
      computeScoreSummary(gridFile.grid, grades),
      ctx.lang,
    );
  } catch (error) {
    reader.discard();
    throw error;
  }
}

/** The plan of `--objective` over the report's period, with monthly checkpoints. */
function buildReportPlan(
  objective: number,
  period: { fromDay: number; toDay: number },
  today: number,
): ObjectivePlan {
  const settings = resolveSettings([
    { source: 'flag', values: { objective, from: period.fromDay, end: { kind: 'to', day: period.toDay } } },
    buildDefaultLayer(today),
  ]);
  return buildObjectivePlan(settings, {
    rounding: 'up',
    ranges: {
      accessibility: { ...SEED_RANGES.accessibility },
      contactsPerProspect: { ...SEED_RANGES.contactsPerProspect },
    },
    checkpoints: 'month',
    capacity: false,
  });
}

/** Pareto of the period's revenue per client, and RFM at the end of the period (orders up to it). */
function buildPortfolioSections(
  orders: readonly ReviewOrder[],
  period: { fromDay: number; toDay: number },
  ctx: Context,
): HtmlSection[] {
  const sections: HtmlSection[] = [];
  const totals = new Map<string, number>();
  const rfm = createRfmAccumulator();
  for (const o of orders) {
    if (o.day > period.toDay) continue;
    rfm.add(o.clientId, o.day, o.amount);
    if (o.day >= period.fromDay)
      totals.set(o.clientId, Math.round(((totals.get(o.clientId) ?? 0) + o.amount) * 100) / 100);
  }
  if (totals.size > 0) {
    const pareto = computePareto(
      [...totals].map(([clientId, value]) => ({ clientId, value })),
      { thresholds: [0.8, 0.95] },
    );
    sections.push(buildParetoSection(pareto, ctx.lang));
  }
  if (rfm.size() > 0) {
    const quantile = { kind: 'quantile', bins: 5 } as const;
    const scored = computeRfm(rfm.build(period.toDay), {
      recency: quantile,
      frequency: quantile,
      monetary: quantile,
      segments: DEFAULT_SEGMENTS,
    });
    sections.push(buildRfmSection(scored, ctx.lang));
  }
  return sections;
}

/**
 * The segment table of `prospect segment` for the client file: by target type (else zone) when
 * the file has one, in three tiers of the period's revenue (large, medium, small).
 */
function buildSegmentSection(
  clients: readonly ReviewClient[],
  orders: readonly ReviewOrder[],
  period: { fromDay: number; toDay: number },
  file: string,
): HtmlSection | null {
  // One key at most, so that the table stays short: the target type, else the zone.
  const by = (['targetType', 'zone'] as const)
    .filter((f) => clients.some((c) => (c[f] ?? '') !== ''))
    .slice(0, 1);
  if (clients.length === 0) return null;
  const revenue = new Map<string, number>();
  for (const o of orders) {
    if (o.day >= period.fromDay && o.day <= period.toDay)
      revenue.set(o.clientId, Math.round(((revenue.get(o.clientId) ?? 0) + o.amount) * 100) / 100);
  }
  const builder = new SegmentBuilder({
    by,
    tiers: { count: 3, measure: 'revenue' },
    hasRevenue: true,
    hasMargin: false,
    hasStatus: false,
  });
  // A client without an order in the period has no revenue: left out of the tiers, as in segment.
  const withoutRevenue = clients.filter((c) => !revenue.has(c.clientId)).length;
  for (const c of clients) {
    builder.add({
      key: by.map((f) => c[f] ?? null),
      revenue: revenue.get(c.clientId) ?? null,
      margin: null,
      status: null,
      maturity: null,
    });
  }
  const report = buildSegmentReport(builder.compute(), {
    file,
    by,
    byHeaders: by.map((f) =>
      f === 'zone' ? { en: 'Zone', fr: 'Zone' } : { en: 'Target type', fr: 'Type de cible' },
    ),
    hasMaturity: false,
    rows: { read: clients.length, used: clients.length, rejected: 0 },
  });
  return {
    id: 'segments',
    title: { en: 'Segments of the client file', fr: 'Segments du fichier clients' },
    intro: [
      {
        en: 'Clients in three tiers of the period’s revenue (as prospect segment --tiers 3).',
        fr: 'Clients en trois groupes selon le CA de la période (comme prospect segment --tiers 3).',
      },
      ...(withoutRevenue > 0
        ? [
            {
              en: `${withoutRevenue} ${withoutRevenue === 1 ? 'client has' : 'clients have'} no revenue in the period: left out of the tiers.`,
              fr: `${withoutRevenue} ${withoutRevenue === 1 ? 'client n’a' : 'clients n’ont'} pas de CA sur la période : hors des groupes.`,
            },
          ]
        : []),
    ],
    charts: [],
    blocks: report.blocks.filter((b) => b.kind !== 'chart'),
  };
}

/** `prospect report`: one self-contained HTML file with a section for each input given. */
export async function runReport(flags: ReportFlags, runCtx: Context): Promise<void> {
  const clock = parseIsoDay(runCtx.today);
  if (clock === undefined) throw new Error(`bad runCtx.today ${runCtx.today}`);
  // --as-of stands for today everywhere (the default period, the tracking, the scores, the date
  // printed), so that the same files and flags give the same report on any day.
  const today = flags.asOf !== undefined ? parseDayFlag('--as-of', flags.asOf) : clock;
  const ctx: Context = { ...runCtx, today: formatIsoDay(today) };
  const { period } = resolvePeriod(flags, ctx.today);
  parseDormant(flags.dormant);
  const objective =
    flags.objective === undefined
      ? undefined
      : parsePositive('--objective', flags.objective, 'an amount in euros, such as 60000');
  if (flags.orders === undefined) {
    for (const [flag, value] of [
      ['--clients', flags.clients],
      ['--leads', flags.leads],
      ['--objectives', flags.objectives],
    ] as const) {
      if (value !== undefined)
        throw new UsageError({
          en: `${flag} goes with --orders: the review reads the orders first; give --orders FILE.`,
          fr: `${flag} va avec --orders : la revue lit d’abord les commandes ; donnez --orders FICHIER.`,
        });
    }
  }
  if ((flags.scores === undefined) !== (flags.grid === undefined)) {
    throw new UsageError({
      en: '--scores and --grid go together: the clients to score and the grid (prospect init grid).',
      fr: '--scores et --grid vont ensemble : les clients à noter et la grille (prospect init grid).',
    });
  }
  if (flags.actuals !== undefined && objective === undefined) {
    throw new UsageError({
      en: '--actuals tracks the plan of --objective over the period; give --objective EUROS too.',
      fr: '--actuals suit le plan de --objective sur la période ; donnez aussi --objective EUROS.',
    });
  }
  if (flags.orders === undefined && objective === undefined && flags.scores === undefined) {
    throw new UsageError({
      en: 'nothing to report: give --orders FILE (with --clients, --leads, --objectives), --objective EUROS, --scores FILE --grid GRID, or several.',
      fr: 'rien à présenter : donnez --orders FICHIER (avec --clients, --leads, --objectives), --objective EUROS, --scores FICHIER --grid GRILLE, ou plusieurs d’entre eux.',
    });
  }
  const parts: Parameters<typeof buildHtmlReport>[0] = { inputs: [], generatedOn: ctx.today };
  if (objective !== undefined) parts.plan = buildReportPlan(objective, period, today);
  if (flags.actuals !== undefined && parts.plan) {
    const tracking = await buildTracking(
      parts.plan,
      { actuals: flags.actuals },
      { asOfDay: today, tolerance: 0.1, minSample: 30, rounding: 'up' },
      buildReadOptions(flags, ctx),
      ctx,
    );
    parts.extra = [
      {
        id: 'tracking',
        title: tracking.report.title,
        intro: [
          {
            en: `The plan's targets to date against ${flags.actuals} (as prospect track --actuals, tolerance 10%).`,
            fr: `Les objectifs à date du plan face à ${flags.actuals} (comme prospect track --actuals, tolérance 10 %).`,
          },
        ],
        charts: [],
        blocks: tracking.report.blocks,
      },
    ];
    parts.inputs = [...parts.inputs, ...tracking.inputs];
  }
  if (flags.orders !== undefined) {
    const loaded = await loadReviewInput(flags.orders, flags, buildReadOptions(flags, ctx), ctx);
    parts.inputs = [...parts.inputs, ...loaded.inputs];
    parts.extra = [...(parts.extra ?? []), ...buildPortfolioSections(loaded.input.orders, period, ctx)];
    const segments =
      loaded.input.clients && flags.clients !== undefined
        ? buildSegmentSection(loaded.input.clients, loaded.input.orders, period, flags.clients)
        : null;
    if (segments) parts.extra.push(segments);
    parts.review = buildReviewView(loaded, flags, ctx);
  }
  if (flags.scores !== undefined && flags.grid !== undefined) {
    const asOf = Math.min(period.toDay, today);
    parts.extra = [
      ...(parts.extra ?? []),
      await buildScoreReportSection(flags.scores, flags.grid, flags, asOf, ctx),
    ];
    parts.inputs = [...parts.inputs, flags.scores, flags.grid];
  }
  const html = renderHtmlReport(buildHtmlReport(parts, ctx.lang), ctx.lang);
  writeOutput(flags.output, html, ctx.io, parts.inputs);
}

export function registerReport(program: Command, ctx: Context): void {
  const { lang } = ctx;
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  const command = program
    .command('report')
    .option(
      '--orders <file>',
      t('order file (client id, order date, amount)', 'fichier des commandes (client, date, montant)'),
    )
    .option(
      '--objective <euros>',
      t(
        'a revenue objective: adds the prospecting plan over the period',
        'un objectif de CA : ajoute le plan de prospection sur la période',
      ),
    )
    .option(
      '--actuals <file>',
      t(
        'a CSV of dated counts (as prospect track): adds the tracking of the --objective plan',
        'un CSV de comptes datés (comme prospect track) : ajoute le suivi du plan de --objective',
      ),
    )
    .option(
      '--as-of <date>',
      t(
        'the day the report is made for (today): the same files give the same report',
        'le jour pour lequel le rapport est fait (aujourd’hui) : les mêmes fichiers donnent le même rapport',
      ),
    );
  command
    .option(
      '--scores <file>',
      t(
        'clients to score with --grid (as prospect score)',
        'clients à noter avec --grid (comme prospect score)',
      ),
    )
    .option(
      '--grid <file>',
      t('scoring grid (YAML; prospect init grid)', 'grille de scorage (YAML ; prospect init grid)'),
    );
  addReviewOptions(command, lang);
  addReadOptions(command, lang);
  command
    .option(
      '-o, --output <file>',
      t(
        'write the HTML to FILE (whole or not at all); - for stdout',
        'écrire le HTML dans FICHIER (entier ou pas du tout) ; - pour stdout',
      ),
    )
    .action((flags: ReportFlags) => runReport(flags, ctx));
}
