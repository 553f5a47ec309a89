import type { ReplanResult, StageTrack, TrackStage, TrackStatus } from '../core/track.js';
import type { Lang, Texts } from '../i18n.js';
import { formatMoney, formatNumber, formatPercent } from './format.js';
import type { Block, Report } from './report.js';

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

function rateText(key: string, value: number | null, lang: Lang): string {
  if (value === null) return '';
  if (key === 'avgDeal') return formatMoney(Math.round(value), lang);
  if (key === 'accessibility') return formatPercent(value, lang, 2);
  return formatNumber(value, lang, 2);
}

export interface TrackView {
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

/** The JSON document of `track` (schemaVersion 1), documented in the README. */
export function buildTrackJson(view: TrackView): Record<string, unknown> {
  const r = view.replan;
  return {
    schemaVersion: TRACK_SCHEMA_VERSION,
    start: view.start,
    end: view.end,
    asOf: view.asOf,
    tolerance: view.tolerance,
    country: view.country,
    stages: view.stages,
    behind: view.stages.filter((s) => s.status === 'behind').map((s) => s.stage),
    replan: {
      remainingRevenue: r.remainingRevenue,
      workingDaysLeft: r.workingDaysLeft,
      weeksLeft: r.weeksLeft,
      rates: r.rates,
      remainingSpontaneous: r.remainingSpontaneous,
      remaining: r.remaining.figures,
      perWeek: r.perWeek,
      capacityHoursPerWeek: view.capacityHoursPerWeek,
      fitsCapacity: r.fitsCapacity,
    },
  };
}

/** Tracking as a report: targets against actuals, then the re-plan and the rates it used. */
export function buildTrackReport(view: TrackView): Report {
  const r = view.replan;
  const f = r.remaining.figures;
  const blocks: Block[] = [
    {
      kind: 'table',
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
    },
    {
      kind: 'table',
      title: {
        en: `To reach the objective by ${view.end}`,
        fr: `Pour atteindre l’objectif au ${view.end}`,
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
        used: both((lang) => rateText(rate.key, rate.value, lang)),
        source:
          rate.source === 'observed'
            ? { en: 'observed', fr: 'observé' }
            : { en: 'plan (sample too small)', fr: 'plan (échantillon trop petit)' },
        observed: both((lang) => rateText(rate.key, rate.observed, lang)),
        n: rate.n,
      })),
    },
  ];
  const lines: Texts[] = [
    both((lang) =>
      lang === 'fr'
        ? `Période ${view.start} – ${view.end}, au ${view.asOf} ; tolérance ${formatPercent(view.tolerance, lang, 1)} ; objectifs à date répartis sur les jours ouvrés (${view.country}) ; réalisé : ${view.actualsFrom}.`
        : `Period ${view.start} – ${view.end}, as of ${view.asOf}; tolerance ${formatPercent(view.tolerance, lang, 1)}; targets to date spread over working days (${view.country}); actuals: ${view.actualsFrom}.`,
    ),
    both((lang) =>
      lang === 'fr'
        ? `${formatNumber(r.workingDaysLeft, lang)} jours ouvrés restants (semaines : ${formatNumber(r.weeksLeft, lang, 1)}).`
        : `${formatNumber(r.workingDaysLeft, lang)} working days left (weeks: ${formatNumber(r.weeksLeft, lang, 1)}).`,
    ),
  ];
  if (r.fitsCapacity !== null && view.capacityHoursPerWeek !== null) {
    const hours = r.perWeek?.hours ?? Infinity;
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
    title: { en: `Tracking as of ${view.asOf}`, fr: `Suivi au ${view.asOf}` },
    blocks: [...blocks, { kind: 'text', lines }],
    json: buildTrackJson(view),
    csv: {
      header: ['stage', 'target', 'actual', 'gap', 'gapShare', 'status'],
      rows: view.stages.map((s) => [s.stage, s.target, s.actual, s.gap, s.gapShare, s.status]),
    },
  };
}
