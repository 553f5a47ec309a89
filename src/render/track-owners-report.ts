import { formatIsoDay } from '../core/calendar.js';
import type { OwnerTrack, TrackPhase } from '../core/track.js';
import type { Lang, Texts } from '../i18n.js';
import { formatDateInSentence, formatMoney, formatPercent } from './format.js';
import type { Block, Report } from './report.js';
import { TRACK_SCHEMA_VERSION, TRACK_STAGE_LABEL } from './track-report.js';
import {
  buildTrackSummaryLine,
  TEAM_LABEL,
  UNASSIGNED_LABEL,
  type SummaryLineKind,
  type SummaryPeriod,
} from './track-summary.js';

const STATUS_LABEL: Record<string, Texts> = {
  ahead: { en: 'ahead', fr: 'en avance' },
  'on track': { en: 'on track', fr: 'dans le plan' },
  behind: { en: 'behind', fr: 'en retard' },
};

function both(make: (lang: Lang) => string): Texts {
  return { en: make('en'), fr: make('fr') };
}

/** One line of `track --by owner`: a sales person's, or the rows without an owner. */
export interface OwnerLine {
  kind: Exclude<SummaryLineKind, 'team'>;
  track: OwnerTrack;
}

export interface TrackOwnersView {
  phase: TrackPhase;
  /** Day numbers of the period and the as-of date. */
  period: SummaryPeriod;
  tolerance: number;
  country: string;
  actualsFrom: string;
  lines: OwnerLine[];
  team: OwnerTrack;
}

/** The name a line is shown under, in both languages. */
export function ownerLineName(kind: SummaryLineKind, owner: string | null): Texts {
  if (kind === 'team') return TEAM_LABEL;
  if (kind === 'unassigned' || owner === null) return UNASSIGNED_LABEL;
  return { en: owner, fr: owner };
}

/** The lines of `track --format summary`: one per sales person (and unassigned), then the team. */
export function buildTrackSummaryText(view: TrackOwnersView, lang: Lang, color: boolean): string {
  const all: { kind: SummaryLineKind; track: OwnerTrack }[] = [
    ...view.lines,
    { kind: 'team', track: view.team },
  ];
  return (
    all
      .map((l) =>
        buildTrackSummaryLine(
          ownerLineName(l.kind, l.track.owner)[lang],
          l.kind,
          l.track,
          view.period,
          lang,
          color,
        ),
      )
      .join('\n') + '\n'
  );
}

function ownerJson(kind: SummaryLineKind, t: OwnerTrack): Record<string, unknown> {
  return {
    owner: t.owner,
    line: kind,
    hasObjective: t.hasObjective,
    objective: t.objective,
    dealsTotal: t.dealsTotal,
    share: t.share,
    dealsShare: t.dealsShare,
    projectedRevenue: t.projectedRevenue,
    stages: t.stages,
    behind: t.stages.filter((s) => s.status === 'behind').map((s) => s.stage),
  };
}

function stageTable(kind: SummaryLineKind, t: OwnerTrack): Block {
  const name = ownerLineName(kind, t.owner);
  const objective = t.objective;
  const title: Texts =
    kind === 'team'
      ? both((lang) =>
          lang === 'fr'
            ? `${name.fr} (somme des commerciaux avec objectif)${objective === null ? '' : ` : objectif ${formatMoney(Math.round(objective), lang)}`}`
            : `${name.en} (sum of the reps with an objective)${objective === null ? '' : `: objective ${formatMoney(Math.round(objective), lang)}`}`,
        )
      : objective === null
        ? both((lang) =>
            lang === 'fr'
              ? `${name.fr} : ${kind === 'unassigned' ? 'sans commercial' : 'sans objectif'}`
              : `${name.en}: ${kind === 'unassigned' ? 'no owner' : 'no objective'}`,
          )
        : both((lang) =>
            lang === 'fr'
              ? `${name.fr} : objectif ${formatMoney(Math.round(objective), lang)}`
              : `${name.en}: objective ${formatMoney(Math.round(objective), lang)}`,
          );
  return {
    kind: 'table',
    title,
    columns: [
      { key: 'stage', label: { en: 'Stage', fr: 'Étape' }, kind: 'text' },
      { key: 'target', label: { en: 'Target to date', fr: 'Objectif à date' }, kind: 'number', decimals: 1 },
      { key: 'actual', label: { en: 'Actual', fr: 'Réalisé' }, kind: 'number', decimals: 1 },
      { key: 'gap', label: { en: 'Gap', fr: 'Écart' }, kind: 'number', decimals: 1 },
      { key: 'gapShare', label: { en: 'Gap %', fr: 'Écart %' }, kind: 'percent', decimals: 1 },
      { key: 'status', label: { en: 'Status', fr: 'Statut' }, kind: 'text' },
    ],
    rows: t.stages.map((s) => ({
      stage: TRACK_STAGE_LABEL[s.stage],
      target: s.target,
      actual: s.actual,
      gap: s.gap,
      gapShare: s.gapShare,
      status: s.status === null ? null : STATUS_LABEL[s.status],
    })),
  };
}

/** How the team line is made, naming the lines left out of it. */
function teamNote(view: TrackOwnersView): Texts {
  const apart = view.lines.filter((l) => !l.track.hasObjective);
  const names = (lang: Lang): string =>
    apart.map((l) => ownerLineName(l.kind, l.track.owner)[lang]).join(', ');
  return both((lang) => {
    if (lang === 'fr') {
      const head =
        'Équipe : la somme des commerciaux qui ont un objectif ; ses écarts, pourcentages et statuts sont calculés sur les comptes additionnés, pas en moyenne des commerciaux.';
      return apart.length === 0 ? head : `${head} Hors équipe, faute d'objectif à comparer : ${names(lang)}.`;
    }
    const head =
      'Team: the sum of the sales people with an objective; its gaps, percentages and statuses are computed from the summed counts, not averaged over the sales people.';
    return apart.length === 0
      ? head
      : `${head} Left out, having no objective to compare with: ${names(lang)}.`;
  });
}

/**
 * `track --by owner` as a report: one table of stages per sales person (then the rows without an
 * owner), the team's (the sum of those lines), the one-line summaries, and how the team is computed.
 * JSON (schemaVersion 1): `by`, the period, `owners` (one object per line) and `team`.
 */
export function buildTrackOwnersReport(view: TrackOwnersView): Report {
  const { period } = view;
  const start = period.start;
  const iso = formatIsoDay;
  const all: { kind: SummaryLineKind; track: OwnerTrack }[] = [
    ...view.lines,
    { kind: 'team', track: view.team },
  ];
  const blocks: Block[] = [
    ...view.lines.map((l) => stageTable(l.kind, l.track)),
    stageTable('team', view.team),
    {
      kind: 'text',
      lines: [
        ...all.map((l) =>
          both((lang) =>
            buildTrackSummaryLine(ownerLineName(l.kind, l.track.owner)[lang], l.kind, l.track, period, lang),
          ),
        ),
        teamNote(view),
        both((lang) =>
          lang === 'fr'
            ? `Période du ${formatDateInSentence(iso(start), lang)} au ${formatDateInSentence(iso(period.end), lang)}, suivi au ${formatDateInSentence(iso(period.asOf), lang)} ; tolérance ${formatPercent(view.tolerance, lang, 1)} ; objectifs à date répartis sur les jours ouvrés (${view.country}) ; réalisé : ${view.actualsFrom}.`
            : `Period ${formatDateInSentence(iso(start), lang)} – ${formatDateInSentence(iso(period.end), lang)}, as of ${formatDateInSentence(iso(period.asOf), lang)}; tolerance ${formatPercent(view.tolerance, lang, 1)}; targets to date spread over working days (${view.country}); actuals: ${view.actualsFrom}.`,
        ),
      ],
    },
  ];
  return {
    title: {
      en: `Tracking by sales person as of ${formatDateInSentence(iso(period.asOf), 'en')}`,
      fr: `Suivi par commercial au ${formatDateInSentence(iso(period.asOf), 'fr')}`,
    },
    blocks,
    json: {
      schemaVersion: TRACK_SCHEMA_VERSION,
      by: 'owner',
      phase: view.phase,
      start: iso(start),
      end: iso(period.end),
      asOf: iso(period.asOf),
      tolerance: view.tolerance,
      country: view.country,
      owners: view.lines.map((l) => ownerJson(l.kind, l.track)),
      team: ownerJson('team', view.team),
      warnings: [],
    },
    csv: {
      header: ['owner', 'line', 'stage', 'target', 'actual', 'gap', 'gapShare', 'status'],
      rows: all.flatMap((l) =>
        l.track.stages.map((s) => [
          l.track.owner ?? '',
          l.kind,
          s.stage,
          s.target,
          s.actual,
          s.gap,
          s.gapShare,
          s.status,
        ]),
      ),
    },
  };
}
