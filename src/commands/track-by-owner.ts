/**
 * `prospect track --by owner` and `--format summary`: each sales person's progress against its own
 * objective (the objectives file's `rep:`), the rows without an owner apart, and the team's line.
 * Wiring only: the figures come from src/core/track.ts.
 */
import type { ActivityRecord, DealRecord } from '../core/calibrate.js';
import { buildObjectivePlan, type ObjectivePlan } from '../core/objective-plan.js';
import { SEED_RANGES } from '../core/plan.js';
import { computeTargetsAt } from '../core/schedule.js';
import { buildDefaultLayer, resolveSettings } from '../core/settings.js';
import {
  buildTrackTargets,
  computeActualsFromHistory,
  computeOwnerTracks,
  normaliseOwnerKey,
  TRACK_STAGES,
  type OwnerTrack,
  type OwnerTrackInput,
  type StageTrack,
  type TrackCounts,
  type TrackPhase,
  type TrackStage,
} from '../core/track.js';
import { DataError, FindingError, UsageError, type InputProblem } from '../errors.js';
import { formatSentenceDate, tr, type Texts } from '../i18n.js';
import type { Context } from '../io/context.js';
import { readActualsFile } from '../io/read-actuals.js';
import { readActivities, readDeals, readStageMapFile } from '../io/read-history.js';
import { readObjectivesFile, type ObjectiveEntry } from '../io/read-objectives.js';
import type { ReadOptions } from '../io/read-table.js';
import { warn } from '../io/warnings.js';
import { writeOutput } from '../io/write-output.js';
import { formatIsoDay } from '../core/calendar.js';
import {
  buildTrackOwnersReport,
  buildTrackSummaryText,
  ownerLineName,
  type OwnerLine,
  type TrackOwnersView,
} from '../render/track-owners-report.js';
import { buildTrackSummaryLine, type SummaryPeriod } from '../render/track-summary.js';
import { buildFlagLayer, checkAmounts, type PlanFlags } from './plan.js';
import { buildParamsLayers } from './plan-history.js';
import { emitReport, type OutputOptions } from './shared-options.js';

/** The flags `track --by owner` reads (a subset of track's). */
export interface TrackByOwnerFlags extends PlanFlags, OutputOptions {
  deals?: string;
  activities?: string;
  actuals?: string;
  stages?: string;
  failIfBehind?: boolean;
}

/** A sales person's objective, planned. */
interface RepPlan {
  name: string;
  key: string;
  entry: ObjectiveEntry;
  plan: ObjectivePlan;
}

/** The plans of the objectives that name a rep, checked to share one period. */
async function resolveRepPlans(flags: TrackByOwnerFlags, today: number, ctx: Context): Promise<RepPlan[]> {
  if (flags.file === undefined) {
    throw new UsageError({
      en: 'track --by owner needs each sales person\'s objective: give --file objectives.yaml with "rep:" on each objective.',
      fr: "track --by owner a besoin de l'objectif de chaque commercial : donnez --file objectifs.yaml avec « rep: » sur chaque objectif.",
    });
  }
  if (flags.name !== undefined) {
    throw new UsageError({
      en: "--name tracks one objective and --by owner each rep's; give one of them.",
      fr: "--name suit un objectif et --by owner celui de chaque commercial ; donnez l'un des deux.",
    });
  }
  const flagLayer = buildFlagLayer(flags);
  const history = buildParamsLayers(flags.params, ctx);
  const defaults = buildDefaultLayer(today);
  const file = await readObjectivesFile(flags.file, ctx);
  checkAmounts(file, flagLayer);
  const reps: RepPlan[] = [];
  const problems: InputProblem[] = [];
  for (const entry of file.objectives) {
    const rep = entry.label.rep?.trim();
    const where = `${entry.file}:${entry.line}:${entry.column}`;
    const objectiveName = entry.label.name ?? '';
    if (rep === undefined || rep === '') {
      warn(ctx, 'objective-without-rep', {
        en: `${where}: objective "${objectiveName}" names no rep: left out of --by owner.`,
        fr: `${where} : l'objectif « ${objectiveName} » ne nomme pas de commercial (rep:) : laissé hors de --by owner.`,
      });
      continue;
    }
    const key = normaliseOwnerKey(rep);
    const first = reps.find((r) => r.key === key);
    if (first !== undefined) {
      problems.push({
        file: entry.file,
        line: entry.line,
        column: entry.column,
        message: `rep "${rep}" has a second objective (the first at line ${first.entry.line}); expected one objective per rep for --by owner: merge them or give a rep to each.`,
        texts: {
          en: `rep "${rep}" has a second objective (the first at line ${first.entry.line}); expected one objective per rep for --by owner: merge them or give a rep to each.`,
          fr: `le commercial « ${rep} » a un deuxième objectif (le premier ligne ${first.entry.line}) ; attendu : un objectif par commercial pour --by owner ; fusionnez-les ou donnez un commercial à chacun.`,
        },
      });
      continue;
    }
    const settings = resolveSettings([
      { source: 'file', detail: entry.file, values: entry.values },
      ...(file.defaults
        ? [{ source: 'file' as const, detail: file.defaults.file, values: file.defaults.values }]
        : []),
      flagLayer,
      ...history,
      defaults,
    ]);
    if (!settings.end) {
      throw new UsageError({
        en: `${where}: the objective of ${rep} has no period end; expected to: (or weeks:, months:) in it or in defaults, or --to DATE.`,
        fr: `${where} : l'objectif de ${rep} n'a pas de fin de période ; attendu : to: (ou weeks:, months:) dans l'objectif ou dans defaults, ou --to DATE.`,
      });
    }
    const plan = buildObjectivePlan(settings, {
      rounding: flags.rounding,
      ranges: {
        accessibility: { ...SEED_RANGES.accessibility },
        contactsPerProspect: { ...SEED_RANGES.contactsPerProspect },
      },
      checkpoints: 'month',
      capacity: false,
      label: entry.label,
    });
    reps.push({ name: rep, key, entry, plan });
  }
  if (problems.length > 0)
    throw new DataError(problems, {
      en: `${flags.file}: not one objective per rep.`,
      fr: `${flags.file} : pas un objectif par commercial.`,
    });
  if (reps.length === 0) {
    throw new DataError(
      [
        {
          file: flags.file,
          message:
            'no objective names a rep; expected "rep: NAME" on each sales person\'s objective for --by owner.',
          texts: {
            en: 'no objective names a rep; expected "rep: NAME" on each sales person\'s objective for --by owner.',
            fr: "aucun objectif ne nomme de commercial ; attendu : « rep: NOM » sur l'objectif de chaque commercial pour --by owner.",
          },
        },
      ],
      { en: `${flags.file}: no objective by rep.`, fr: `${flags.file} : aucun objectif par commercial.` },
    );
  }
  const [head] = reps;
  const s0 = head!.plan.schedule!;
  const mismatched = reps.filter((r) => r.plan.schedule!.from !== s0.from || r.plan.schedule!.to !== s0.to);
  if (mismatched.length > 0) {
    throw new DataError(
      mismatched.map((r) => {
        const s = r.plan.schedule!;
        const en = `the objective of ${r.name} runs from ${formatSentenceDate(formatIsoDay(s.from), 'en')} to ${formatSentenceDate(formatIsoDay(s.to), 'en')}, that of ${head!.name} from ${formatSentenceDate(formatIsoDay(s0.from), 'en')} to ${formatSentenceDate(formatIsoDay(s0.to), 'en')}; expected one period for --by owner: set from: and to: in defaults.`;
        return {
          file: r.entry.file,
          line: r.entry.line,
          column: r.entry.column,
          message: en,
          texts: {
            en,
            fr: `l'objectif de ${r.name} va du ${formatSentenceDate(formatIsoDay(s.from), 'fr')} au ${formatSentenceDate(formatIsoDay(s.to), 'fr')}, celui de ${head!.name} du ${formatSentenceDate(formatIsoDay(s0.from), 'fr')} au ${formatSentenceDate(formatIsoDay(s0.to), 'fr')} ; attendu : une seule période pour --by owner ; mettez from: et to: dans defaults.`,
          },
        };
      }),
      {
        en: `${flags.file}: the reps' objectives cover different periods.`,
        fr: `${flags.file} : les objectifs des commerciaux couvrent des périodes différentes.`,
      },
    );
  }
  return reps;
}

/** Names as the objectives write them; other owners as first met in the data. */
class OwnerNames {
  private readonly display = new Map<string, string>();
  readonly seen = new Set<string>();
  constructor(reps: readonly RepPlan[]) {
    for (const r of reps) this.display.set(r.key, r.name);
  }
  /** The display name of an owner as written in a file (null stays null), noting it as seen. */
  name(raw: string | null): string | null {
    if (raw === null || raw.trim() === '') return null;
    const key = normaliseOwnerKey(raw);
    this.seen.add(key);
    let shown = this.display.get(key);
    if (shown === undefined) {
      shown = raw.trim().replace(/\s+/g, ' ');
      this.display.set(key, shown);
    }
    return shown;
  }
}

interface OwnerActuals {
  /** Per owner's display name (null: no owner), in the order to show. */
  byOwner: Map<string | null, TrackCounts>;
  stages: TrackStage[];
  actualsFrom: string;
  inputs: string[];
  /** How the rows without an owner are told, or null when there are none. */
  unassigned: Texts | null;
  names: OwnerNames;
}

async function readOwnerActuals(
  reps: readonly RepPlan[],
  flags: TrackByOwnerFlags,
  asOfDay: number,
  readOptions: ReadOptions,
  ctx: Context,
): Promise<OwnerActuals> {
  const schedule = reps[0]!.plan.schedule!;
  const names = new OwnerNames(reps);
  const byOwner = new Map<string | null, TrackCounts>();
  if (flags.actuals !== undefined) {
    const read = await readActualsFile(flags.actuals, readOptions, schedule.from, schedule.to, asOfDay, ctx);
    let rows = 0;
    for (const [raw, own] of read.byOwner) {
      const owner = names.name(raw);
      const sum = byOwner.get(owner);
      if (sum === undefined) byOwner.set(owner, { ...own.actuals });
      else for (const stage of TRACK_STAGES) sum[stage] += own.actuals[stage];
      if (owner === null) rows += own.rows;
    }
    if (!read.hasOwner) {
      warn(ctx, 'missing-column', {
        en: `${flags.actuals}: no owner column, so every row goes to (unassigned); add a column "owner" to split the actuals by sales person.`,
        fr: `${flags.actuals} : pas de colonne de commercial (owner), donc toutes les lignes vont en « (non attribué) » ; ajoutez une colonne « owner » pour répartir le réalisé par commercial.`,
      });
    }
    return {
      byOwner,
      stages: read.stages,
      actualsFrom: flags.actuals,
      inputs: [flags.actuals],
      unassigned:
        rows > 0 && read.hasOwner
          ? {
              en: `${flags.actuals}: ${rows} ${rows === 1 ? 'row has' : 'rows have'} no owner: shown as (unassigned), out of the team's line.`,
              fr: `${flags.actuals} : ${rows} ${rows === 1 ? 'ligne' : 'lignes'} sans commercial : ${rows === 1 ? 'montrée' : 'montrées'} en « (non attribué) », hors de la ligne de l'équipe.`,
            }
          : null,
      names,
    };
  }
  const stageMap = {
    ...ctx.project?.()?.stages,
    ...(flags.stages !== undefined ? readStageMapFile(flags.stages, ctx) : {}),
  };
  const deals: DealRecord[] = (await readDeals(flags.deals!, readOptions, stageMap, ctx)).map((d) => ({
    ...d,
    owner: names.name(d.owner),
  }));
  const activities: ActivityRecord[] | null =
    flags.activities !== undefined
      ? (await readActivities(flags.activities, readOptions, ctx)).map((a) => ({
          ...a,
          owner: names.name(a.owner),
        }))
      : null;
  const owners = new Set<string | null>();
  for (const d of deals) owners.add(d.owner);
  for (const a of activities ?? []) owners.add(a.owner);
  for (const owner of owners) {
    byOwner.set(
      owner,
      computeActualsFromHistory(deals, activities ?? [], schedule.from, asOfDay, [], schedule.to, owner)
        .actuals,
    );
  }
  const inputs = [flags.deals!, ...(flags.activities !== undefined ? [flags.activities] : [])];
  const noOwnerDeals = deals.filter((d) => d.owner === null).length;
  const noOwnerActivities = (activities ?? []).filter((a) => a.owner === null).length;
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return {
    byOwner,
    stages:
      activities === null
        ? TRACK_STAGES.filter((s) => s !== 'contacts' && s !== 'prospects')
        : [...TRACK_STAGES],
    actualsFrom: inputs.join(', '),
    inputs,
    unassigned:
      noOwnerDeals + noOwnerActivities === 0
        ? null
        : {
            en: `${plural(noOwnerDeals, 'deal', 'deals')} and ${plural(noOwnerActivities, 'activity', 'activities')} have no owner: shown as (unassigned), out of the team's line.`,
            fr: `${plural(noOwnerDeals, 'affaire', 'affaires')} et ${plural(noOwnerActivities, 'activité', 'activités')} sans commercial : ${noOwnerDeals + noOwnerActivities > 1 ? 'montrées' : 'montrée'} en « (non attribué) », hors de la ligne de l'équipe.`,
          },
    names,
  };
}

function phaseOf(asOfDay: number, from: number, to: number): TrackPhase {
  return asOfDay < from ? 'not started' : asOfDay >= to ? 'ended' : 'running';
}

/** `track --by owner`: each rep's progress against its objective, the unassigned rows, the team. */
export async function runTrackByOwner(
  flags: TrackByOwnerFlags,
  options: { today: number; asOfDay: number; tolerance: number },
  readOptions: ReadOptions,
  ctx: Context,
): Promise<void> {
  const { asOfDay, tolerance } = options;
  const reps = await resolveRepPlans(flags, options.today, ctx);
  const schedule = reps[0]!.plan.schedule!;
  const read = await readOwnerActuals(reps, flags, asOfDay, readOptions, ctx);
  const zero: TrackCounts = {
    contacts: 0,
    prospects: 0,
    activeProspects: 0,
    proposals: 0,
    deals: 0,
    revenue: 0,
  };
  const inputs: OwnerTrackInput[] = [];
  const kinds: OwnerLine['kind'][] = [];
  for (const r of reps) {
    const s = r.plan.schedule!;
    const at = computeTargetsAt(s, asOfDay);
    if (!read.names.seen.has(r.key)) {
      warn(ctx, 'no-actuals', {
        en: `${r.name} has an objective but no actuals in ${read.actualsFrom}: shown at zero.`,
        fr: `${r.name} a un objectif mais aucun réalisé dans ${read.actualsFrom} : montré à zéro.`,
      });
    }
    inputs.push({
      owner: r.name,
      plan: {
        targets: buildTrackTargets(at),
        objective: r.plan.result.parameters.objective,
        dealsTotal: s.totals.deals,
        share: at.share,
      },
      actuals: read.byOwner.get(r.name) ?? zero,
    });
    kinds.push('owner');
  }
  const repNames = new Set(reps.map((r) => r.name));
  const others = [...read.byOwner.keys()]
    .filter((o): o is string => o !== null && !repNames.has(o))
    .sort((a, b) => a.localeCompare(b));
  for (const owner of others) {
    warn(ctx, 'no-objective', {
      en: `${owner} has actuals but no objective in ${flags.file}: shown without targets, out of the team's line.`,
      fr: `${owner} a du réalisé mais pas d'objectif dans ${flags.file} : montré sans objectifs à date, hors de la ligne de l'équipe.`,
    });
    inputs.push({ owner, plan: null, actuals: read.byOwner.get(owner)! });
    kinds.push('owner');
  }
  if (read.byOwner.has(null)) {
    if (read.unassigned !== null) warn(ctx, 'unassigned', read.unassigned);
    inputs.push({ owner: null, plan: null, actuals: read.byOwner.get(null)! });
    kinds.push('unassigned');
  }
  const { owners, team } = computeOwnerTracks(inputs, tolerance, read.stages);
  const period: SummaryPeriod = {
    start: schedule.from,
    end: schedule.to,
    asOf: asOfDay,
    phase: phaseOf(asOfDay, schedule.from, schedule.to),
  };
  const view: TrackOwnersView = {
    phase: period.phase,
    period,
    tolerance,
    country:
      schedule.country === 'none' ? tr(ctx.lang, { en: 'Mon-Fri', fr: 'lun.-ven.' }) : schedule.country,
    actualsFrom: read.actualsFrom,
    lines: owners.map((track, i) => ({ kind: kinds[i]!, track })),
    team,
  };
  const allInputs = [flags.file!, ...read.inputs];
  if ((flags.format as string) === 'summary') {
    const color = ctx.color && (flags.output ?? '-') === '-';
    writeOutput(flags.output, buildTrackSummaryText(view, ctx.lang, color), ctx.io, allInputs);
  } else await emitReport(buildTrackOwnersReport(view), flags, ctx, allInputs);
  if (flags.failIfBehind) {
    const behind = [...view.lines, { kind: 'team' as const, track: team }].filter((l) =>
      l.track.stages.some((s) => s.status === 'behind'),
    );
    if (behind.length > 0) {
      const list = (lang: 'en' | 'fr'): string =>
        behind.map((l) => ownerLineName(l.kind, l.track.owner)[lang]).join(', ');
      throw new FindingError({
        en: `behind the plan as of ${formatSentenceDate(formatIsoDay(asOfDay), 'en')}: ${list('en')}; expected every rep within the tolerance; see each rep's table.`,
        fr: `en retard sur le plan au ${formatSentenceDate(formatIsoDay(asOfDay), 'fr')} : ${list('fr')} ; attendu : chaque commercial dans la tolérance ; voir le tableau de chacun.`,
      });
    }
  }
}

/**
 * `track --format summary` without `--by`: the one line of the tracked plan, named after its
 * objective ("Plan" when it has no name).
 */
export function buildPlanSummaryLine(
  plan: ObjectivePlan,
  rows: readonly StageTrack[],
  asOfDay: number,
  ctx: Context,
  color: boolean,
): string {
  const schedule = plan.schedule!;
  const targets: TrackCounts = {
    contacts: 0,
    prospects: 0,
    activeProspects: 0,
    proposals: 0,
    deals: 0,
    revenue: 0,
  };
  const actuals: TrackCounts = { ...targets };
  for (const r of rows) {
    targets[r.stage] = r.target;
    actuals[r.stage] = r.actual;
  }
  const at = computeTargetsAt(schedule, asOfDay);
  const { owners } = computeOwnerTracks(
    [
      {
        owner: plan.label.name ?? null,
        plan: {
          targets,
          objective: plan.result.parameters.objective,
          dealsTotal: schedule.totals.deals,
          share: at.share,
        },
        actuals,
      },
    ],
    0,
    rows.map((r) => r.stage),
  );
  // The statuses were computed with the run's tolerance in `rows`; the summary reads the gaps only.
  const line: OwnerTrack = owners[0]!;
  const name = plan.label.name ?? tr(ctx.lang, { en: 'Plan', fr: 'Plan' });
  return (
    buildTrackSummaryLine(
      name,
      'owner',
      line,
      {
        start: schedule.from,
        end: schedule.to,
        asOf: asOfDay,
        phase: phaseOf(asOfDay, schedule.from, schedule.to),
      },
      ctx.lang,
      color,
    ) + '\n'
  );
}
