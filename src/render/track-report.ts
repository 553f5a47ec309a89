import type { ReplanResult, StageTrack, TrackPhase, TrackStage, TrackStatus } from '../core/track.js';
import type { Lang, Texts } from '../i18n.js';
import { formatDateInSentence, formatMoney, formatNumber, formatPercent } from './format.js';
import { typedText, type Block, type Cell, type Report } from './report.js';

export const TRACK_SCHEMA_VERSION = 1;

export const TRACK_STAGE_LABEL: Record<TrackStage, Texts> = {
  contacts: { en: 'Contacts', fr: 'Contacts' },
  prospects: { en: 'Prospects contacted', fr: 'Prospects contactés' },
  activeProspects: { en: 'Active prospects', fr: 'Prospects actifs' },
  proposals: { en: 'Proposals', fr: 'Propositions' },
  deals: { en: 'Deals won', fr: 'Affaires gagnées' },
  revenue: { en: 'Revenue', fr: 'Chiffre d’affaires' },
};

const STATUS_LABEL: Record<TrackStatus, Texts> = {
  ahead: { en: 'ahead', fr: 'en avance' },
  'on track': { en: 'on track', fr: 'dans le plan' },
  behind: { en: 'behind', fr: 'en retard' },
};

const RATE_LABEL: Record<string, Texts> = {
  avgDeal: { en: 'Average deal', fr: 'Montant moyen d’une affaire' },
  proposalsPerDeal: { en: 'Proposals per deal won', fr: 'Propositions par affaire gagnée' },
  compensationFactor: { en: 'Compensation factor', fr: 'Facteur de compensation' },
  accessibility: { en: 'Accessibility rate', fr: 'Taux d’accessibilité' },
  contactsPerProspect: { en: 'Contacts per prospect', fr: 'Contacts par prospect' },
};

function both(make: (lang: Lang) => string): Texts {
  return { en: make('en'), fr: make('fr') };
}

/** A rate as text, with its number for a workbook (see `TypedText`). */
function rateCell(key: string, value: number | null): Cell {
  if (value === null) return '';
  const texts = both((lang) => rateText(key, value, lang));
  if (key === 'avgDeal') return typedText(texts, Math.round(value), 'money');
  if (key === 'accessibility') return typedText(texts, value, 'percent', 2);
  return typedText(texts, value, 'number', 2);
}

function rateText(key: string, value: number | null, lang: Lang): string {
  if (value === null) return '';
  if (key === 'avgDeal') return formatMoney(Math.round(value), lang);
  if (key === 'accessibility') return formatPercent(value, lang, 2);
  return formatNumber(value, lang, 2);
}

export interface TrackView {
  /** Before, in or after the period: after it the result is final and there is no re-plan. */
  phase: TrackPhase;
  /** The plan's revenue objective, for the final result. */
  objective: number;
  /** Whether the work in progress is known (from a deals export; not from an actuals file). */
  inProgressKnown: boolean;
  /** Rows not counted, the period not begun...: also on stderr. */
  warnings: Texts[];
  start: string;
  end: string;
  asOf: string;
  tolerance: number;
  /** The calendar of the plan's working days (public holidays of this country, or none). */
  country: string;
  actualsFrom: string;
  stages: StageTrack[];
  replan: ReplanResult;
  capacityHoursPerWeek: number | null;
}

/** The JSON document of `track` (schemaVersion 1), documented in docs/commands/track.md. */
export function buildTrackJson(view: TrackView): Record<string, unknown> {
  const r = view.replan;
  const revenue = view.stages.find((s) => s.stage === 'revenue')?.actual ?? null;
  return {
    schemaVersion: TRACK_SCHEMA_VERSION,
    phase: view.phase,
    start: view.start,
    end: view.end,
    asOf: view.asOf,
    tolerance: view.tolerance,
    country: view.country,
    stages: view.stages,
    behind: view.stages.filter((s) => s.status === 'behind').map((s) => s.stage),
    final: view.phase === 'ended' ? buildFinal(view.objective, revenue) : null,
    replan:
      view.phase === 'ended'
        ? null
        : {
            remainingRevenue: r.remainingRevenue,
            workingDaysLeft: r.workingDaysLeft,
            weeksLeft: r.weeksLeft,
            rates: r.rates,
            remainingSpontaneous: r.remainingSpontaneous,
            inProgress: view.inProgressKnown ? r.inProgress : null,
            remaining: r.remaining.figures,
            perWeek: r.perWeek,
            capacityHoursPerWeek: view.capacityHoursPerWeek,
            fitsCapacity: r.fitsCapacity,
          },
    warnings: view.warnings,
  };
}

/** The final result of an ended period: revenue against the objective (null without revenue). */
function buildFinal(
  objective: number,
  revenue: number | null,
): { objective: number; revenue: number | null; shareOfObjective: number | null; shortfall: number | null } {
  return {
    objective,
    revenue,
    shareOfObjective: revenue === null || objective <= 0 ? null : revenue / objective,
    shortfall: revenue === null ? null : Math.max(0, objective - revenue),
  };
}

/** Tracking as a report: targets against actuals, then the re-plan and the rates it used. */
export function buildTrackReport(view: TrackView): Report {
  const r = view.replan;
  const f = r.remaining.figures;
  const ended = view.phase === 'ended';
  const statusTable: Block = {
    kind: 'table',
    ...(ended
      ? {
          title: {
            en: `Final result of ${formatDateInSentence(view.start, 'en')} – ${formatDateInSentence(view.end, 'en')}`,
            fr: `Résultat final du ${formatDateInSentence(view.start, 'fr')} au ${formatDateInSentence(view.end, 'fr')}`,
          },
        }
      : {}),
    columns: [
      { key: 'stage', label: { en: 'Stage', fr: 'Étape' }, kind: 'text' },
      {
        key: 'target',
        label: { en: 'Target to date', fr: 'Objectif à date' },
        kind: 'number',
        decimals: 1,
      },
      { key: 'actual', label: { en: 'Actual', fr: 'Réalisé' }, kind: 'number', decimals: 1 },
      { key: 'gap', label: { en: 'Gap', fr: 'Écart' }, kind: 'number', decimals: 1 },
      { key: 'gapShare', label: { en: 'Gap %', fr: 'Écart %' }, kind: 'percent', decimals: 1 },
      { key: 'status', label: { en: 'Status', fr: 'Statut' }, kind: 'text' },
    ],
    rows: view.stages.map((s) => ({
      stage: TRACK_STAGE_LABEL[s.stage],
      target: s.target,
      actual: s.actual,
      gap: s.gap,
      gapShare: s.gapShare,
      status: STATUS_LABEL[s.status],
    })),
  };
  const replanTables: Block[] = [
    {
      kind: 'table',
      sheet: { en: 'To reach the objective', fr: 'Pour atteindre l’objectif' },
      title: {
        en: `To reach the objective by ${formatDateInSentence(view.end, 'en')}`,
        fr: `Pour atteindre l’objectif au ${formatDateInSentence(view.end, 'fr')}`,
      },
      columns: [
        { key: 'stage', label: { en: 'Stage', fr: 'Étape' }, kind: 'text' },
        { key: 'remaining', label: { en: 'Remaining', fr: 'Reste à faire' }, kind: 'number', decimals: 1 },
        { key: 'perWeek', label: { en: 'Per week', fr: 'Par semaine' }, kind: 'number', decimals: 1 },
      ],
      rows: [
        {
          stage: TRACK_STAGE_LABEL.revenue,
          remaining: r.remainingRevenue,
          perWeek: r.weeksLeft > 0 ? r.remainingRevenue / r.weeksLeft : null,
        },
        { stage: TRACK_STAGE_LABEL.deals, remaining: f.deals, perWeek: r.perWeek?.deals ?? null },
        { stage: TRACK_STAGE_LABEL.proposals, remaining: f.proposals, perWeek: r.perWeek?.proposals ?? null },
        {
          stage: { en: 'Active prospects to find', fr: 'Prospects actifs à trouver' },
          remaining: f.activeProspectsToFind,
          perWeek: r.perWeek?.activeProspects ?? null,
        },
        {
          stage: { en: 'Prospects to contact', fr: 'Prospects à contacter' },
          remaining: f.prospectsToContact,
          perWeek: r.perWeek?.prospects ?? null,
        },
        { stage: TRACK_STAGE_LABEL.contacts, remaining: f.contacts, perWeek: r.perWeek?.contacts ?? null },
        {
          stage: { en: 'Hours', fr: 'Heures' },
          remaining: f.minutes / 60,
          perWeek: r.perWeek?.hours ?? null,
        },
      ],
    },
    {
      kind: 'table',
      title: { en: 'Rates of the re-plan', fr: 'Taux du nouveau plan' },
      columns: [
        { key: 'rate', label: { en: 'Rate', fr: 'Taux' }, kind: 'text' },
        { key: 'used', label: { en: 'Used', fr: 'Retenu' }, kind: 'text' },
        { key: 'source', label: { en: 'Source', fr: 'Source' }, kind: 'text' },
        { key: 'observed', label: { en: 'Observed', fr: 'Observé' }, kind: 'text' },
        { key: 'n', label: { en: 'n', fr: 'n' }, kind: 'integer' },
      ],
      rows: r.rates.map((rate) => ({
        rate: RATE_LABEL[rate.key],
        used: rateCell(rate.key, rate.value),
        source:
          rate.source === 'observed'
            ? { en: 'observed', fr: 'observé' }
            : { en: 'plan (sample too small)', fr: 'plan (échantillon trop petit)' },
        observed: rateCell(rate.key, rate.observed),
        n: rate.n,
      })),
    },
  ];
  const blocks: Block[] = ended ? [statusTable] : [statusTable, ...replanTables];
  const lines: Texts[] = [...view.warnings.map((w) => ({ en: `Note: ${w.en}`, fr: `Note : ${w.fr}` }))];
  lines.push(
    both((lang) =>
      lang === 'fr'
        ? `Période du ${formatDateInSentence(view.start, lang)} au ${formatDateInSentence(view.end, lang)}, suivi au ${formatDateInSentence(view.asOf, lang)} ; tolérance ${formatPercent(view.tolerance, lang, 1)} ; objectifs à date répartis sur les jours ouvrés (${view.country}) ; réalisé : ${view.actualsFrom}.`
        : `Period ${formatDateInSentence(view.start, lang)} – ${formatDateInSentence(view.end, lang)}, as of ${formatDateInSentence(view.asOf, lang)}; tolerance ${formatPercent(view.tolerance, lang, 1)}; targets to date spread over working days (${view.country}); actuals: ${view.actualsFrom}.`,
    ),
  );
  if (ended) {
    const revenue = view.stages.find((s) => s.stage === 'revenue')?.actual;
    if (revenue !== undefined) lines.push(finalLine(view.objective, revenue));
  } else {
    lines.push(
      both((lang) =>
        lang === 'fr'
          ? `${formatNumber(r.workingDaysLeft, lang)} ${r.workingDaysLeft > 1 ? 'jours ouvrés restants' : 'jour ouvré restant'} (semaines : ${formatNumber(r.weeksLeft, lang, 1)}).`
          : `${formatNumber(r.workingDaysLeft, lang)} working ${r.workingDaysLeft === 1 ? 'day' : 'days'} left (weeks: ${formatNumber(r.weeksLeft, lang, 1)}).`,
      ),
    );
    if (view.inProgressKnown && (r.inProgress.proposals > 0 || r.inProgress.activeProspects > 0)) {
      const { proposals: p, activeProspects: a } = r.inProgress;
      lines.push({
        en: `Work in progress credited: ${p} open ${p === 1 ? 'proposal' : 'proposals'} and ${a} active ${a === 1 ? 'prospect' : 'prospects'} already in the funnel.`,
        fr: `Travail en cours pris en compte : ${p} ${p > 1 ? 'propositions ouvertes' : 'proposition ouverte'} et ${a} ${a > 1 ? 'prospects actifs' : 'prospect actif'} déjà dans l’entonnoir.`,
      });
    }
  }
  if (!ended && r.perWeek === null && r.remainingRevenue > 0) {
    lines.push({
      en: `No working day is left before ${formatDateInSentence(view.end, 'en')}: the remaining effort cannot be spread per week.`,
      fr: `Plus aucun jour ouvré avant le ${formatDateInSentence(view.end, 'fr')} : le reste à faire ne peut pas être réparti par semaine.`,
    });
  }
  if (!ended && r.perWeek !== null && r.fitsCapacity !== null && view.capacityHoursPerWeek !== null) {
    const hours = r.perWeek.hours;
    lines.push(
      both((lang) => {
        const need = formatNumber(hours, lang, 1);
        const cap = formatNumber(view.capacityHoursPerWeek ?? 0, lang, 1);
        if (lang === 'fr')
          return r.fitsCapacity
            ? `Tient dans la capacité : ${need} h par semaine pour ${cap} h disponibles.`
            : `Dépasse la capacité : ${need} h par semaine pour ${cap} h disponibles.`;
        return r.fitsCapacity
          ? `Fits the capacity: ${need} h a week of ${cap} h available.`
          : `Does not fit the capacity: ${need} h a week for ${cap} h available.`;
      }),
    );
  }
  return {
    title: {
      en: `Tracking as of ${formatDateInSentence(view.asOf, 'en')}`,
      fr: `Suivi au ${formatDateInSentence(view.asOf, 'fr')}`,
    },
    blocks: [...blocks, { kind: 'text', lines }],
    json: buildTrackJson(view),
    csv: {
      header: ['stage', 'target', 'actual', 'gap', 'gapShare', 'status'],
      rows: view.stages.map((s) => [s.stage, s.target, s.actual, s.gap, s.gapShare, s.status]),
    },
  };
}

/** The final result in words: the revenue against the objective, reached or short by how much. */
function finalLine(objective: number, revenue: number): Texts {
  return both((lang) => {
    const share = objective > 0 ? formatPercent(revenue / objective, lang, 1) : '';
    const got = formatMoney(Math.round(revenue), lang);
    const goal = formatMoney(Math.round(objective), lang);
    const short = formatMoney(Math.round(Math.max(0, objective - revenue)), lang);
    if (lang === 'fr')
      return revenue >= objective
        ? `Résultat final : ${got} pour un objectif de ${goal} (${share}) : objectif atteint.`
        : `Résultat final : ${got} pour un objectif de ${goal} (${share}) : il manque ${short}.`;
    return revenue >= objective
      ? `Final result: ${got} of the ${goal} objective (${share}): reached.`
      : `Final result: ${got} of the ${goal} objective (${share}): ${short} short.`;
  });
}
