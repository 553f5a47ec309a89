import type { CalibrationResult, GroupCalibration, Measure, MeasureKey } from '../core/calibrate.js';
import { MEASURE_KEYS } from '../core/calibrate.js';
import type { Lang, Texts } from '../i18n.js';
import { formatDateInSentence, formatMoney, formatNumber, formatPercent } from './format.js';
import { typedText, type Block, type Cell, type Report } from './report.js';

export const CALIBRATE_SCHEMA_VERSION = 1;

export const MEASURE_LABEL: Record<MeasureKey, Texts> = {
  avgDeal: { en: 'Average won deal', fr: 'Montant moyen d’une affaire gagnée' },
  winRate: { en: 'Win rate (won / proposals)', fr: 'Taux de transformation (gagnées / propositions)' },
  proposalsPerDeal: { en: 'Proposals per deal won', fr: 'Propositions par affaire gagnée' },
  compensationFactor: { en: 'Compensation factor', fr: 'Facteur de compensation' },
  spontaneous: { en: 'Spontaneous prospects', fr: 'Prospects spontanés' },
  spontaneousShare: { en: 'Share of spontaneous prospects', fr: 'Part de prospects spontanés' },
  accessibility: { en: 'Accessibility rate', fr: 'Taux d’accessibilité' },
  contactsPerProspect: { en: 'Contacts per prospect', fr: 'Contacts par prospect' },
  minutesPerContact: { en: 'Minutes per contact', fr: 'Minutes par contact' },
  salesCycleDays: { en: 'Sales cycle (days)', fr: 'Cycle de vente (jours)' },
};

const RATE_KEYS = new Set<MeasureKey>(['winRate', 'spontaneousShare', 'accessibility']);

function both(make: (lang: Lang) => string): Texts {
  return { en: make('en'), fr: make('fr') };
}

/** A measure's value as a reader sees it: money, percent, or a number with 2 decimals. */
export function formatMeasureValue(key: MeasureKey, value: number, lang: Lang): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (key === 'avgDeal') return formatMoney(Math.round(value), lang);
  if (RATE_KEYS.has(key)) return formatPercent(value, lang, 1);
  if (key === 'spontaneous') return formatNumber(value, lang, 0);
  return formatNumber(value, lang, key === 'salesCycleDays' ? 0 : 2);
}

/** A measure as text, with its number for a workbook (see `TypedText`). */
function measureCell(key: MeasureKey, value: number): Cell {
  const texts = both((lang) => formatMeasureValue(key, value, lang));
  if (!Number.isFinite(value)) return texts;
  if (key === 'avgDeal') return typedText(texts, Math.round(value), 'money');
  if (RATE_KEYS.has(key)) return typedText(texts, value, 'percent', 1);
  return typedText(texts, value, 'number', key === 'salesCycleDays' || key === 'spontaneous' ? 0 : 2);
}

/** Amounts, days and counts cannot go below 0: the t interval's lower bound is clipped for display. */
const NON_NEGATIVE = new Set<MeasureKey>([
  'avgDeal',
  'salesCycleDays',
  'contactsPerProspect',
  'minutesPerContact',
]);

function intervalText(m: Measure, lang: Lang): string {
  if (!m.interval) return '';
  const low = NON_NEGATIVE.has(m.key) ? Math.max(0, m.interval.low) : m.interval.low;
  return `${formatMeasureValue(m.key, low, lang)} – ${formatMeasureValue(m.key, m.interval.high, lang)}`;
}

function seedText(m: Measure, lang: Lang): string {
  if (!m.seed) return '';
  const base = formatMeasureValue(m.key, m.seed.value, lang);
  if (m.seed.min === undefined || m.seed.max === undefined) return base;
  return `${base} (${formatMeasureValue(m.key, m.seed.min, lang)}–${formatMeasureValue(m.key, m.seed.max, lang)})`;
}

/** The reasons of src/core/calibrate.ts in French (the core words them in English). */
const REASON_FR: Record<string, string> = {
  'no lead source in the deals file': 'aucune source de lead dans le fichier des affaires',
  'no activities file': "pas de fichier d'activités",
  'no decided proposal in the window': 'aucune proposition tranchée dans la fenêtre',
  'no deal in the window': 'aucune affaire dans la fenêtre',
  'no won deal with an amount in the window': 'aucune affaire gagnée avec un montant dans la fenêtre',
  'no deal won in the window': 'aucune affaire gagnée dans la fenêtre',
  'the file has no proposal dates: deals lost before a proposal cannot be told apart':
    "le fichier n'a pas de dates de proposition : les affaires perdues avant une proposition ne se distinguent pas",
  'no deal reached a proposal': "aucune affaire n'a atteint la proposition",
  'no prospect first contacted in the window':
    'aucun prospect contacté pour la première fois dans la fenêtre',
  'no contact with a duration': 'aucun contact avec une durée',
  'no won deal with a close date': 'aucune affaire gagnée avec une date de clôture',
};

function noteText(m: Measure, minSample: number): Texts {
  const notes: Texts[] = [];
  if (m.value === null) {
    // Not measured: the plan keeps its default (params.yaml says so beside the value).
    const fr = m.reason === undefined ? undefined : (REASON_FR[m.reason] ?? m.reason);
    return {
      en: m.reason ? `not measured: ${m.reason}` : 'not measured',
      fr: fr ? `non mesuré : ${fr}` : 'non mesuré',
    };
  }
  if (m.smallSample)
    notes.push({ en: `small sample (n < ${minSample})`, fr: `petit échantillon (n < ${minSample})` });
  if (m.outsideSeedRange)
    notes.push({ en: 'outside the method’s range', fr: 'hors de la fourchette de la méthode' });
  return { en: notes.map((n) => n.en).join('; '), fr: notes.map((n) => n.fr).join('; ') };
}

function measureRows(group: GroupCalibration, minSample: number): Record<string, Cell>[] {
  return MEASURE_KEYS.map((key) => {
    const m = group.measures[key];
    return {
      parameter: MEASURE_LABEL[key],
      value: m.value === null ? '' : measureCell(key, m.value),
      interval: both((lang) => intervalText(m, lang)),
      n: m.n,
      seed: both((lang) => seedText(m, lang)),
      note: noteText(m, minSample),
    };
  });
}

function measureJson(m: Measure): Record<string, unknown> {
  return {
    value: m.value,
    low: m.interval?.low ?? null,
    high: m.interval?.high ?? null,
    n: m.n,
    smallSample: m.smallSample,
    seed: m.seed,
    outsideSeedRange: m.outsideSeedRange,
    ...(m.reason ? { reason: m.reason } : {}),
  };
}

function groupJson(group: GroupCalibration): Record<string, unknown> {
  return {
    owner: group.owner,
    counts: group.counts,
    measures: Object.fromEntries(MEASURE_KEYS.map((k) => [k, measureJson(group.measures[k])])),
    salesCycleMedianDays: group.salesCycleMedianDays,
    stageWinRates: group.stageWinRates,
  };
}

export interface CalibrateView {
  result: CalibrationResult;
  from: string;
  to: string;
  dealsFile: string;
  activitiesFile: string | null;
}

/** The JSON document of `calibrate` (schemaVersion 1), documented in docs/commands/calibrate.md. */
export function buildCalibrateJson(view: CalibrateView): Record<string, unknown> {
  const r = view.result;
  return {
    schemaVersion: CALIBRATE_SCHEMA_VERSION,
    from: view.from,
    to: view.to,
    level: r.level,
    minSample: r.minSample,
    proposalEvidence: r.proposalEvidence,
    team: groupJson(r.team),
    owners: r.owners.map(groupJson),
    pipeline: r.pipeline,
  };
}

const MEASURE_COLUMNS = [
  { key: 'parameter', label: { en: 'Parameter', fr: 'Paramètre' }, kind: 'text' as const },
  { key: 'value', label: { en: 'History', fr: 'Historique' }, kind: 'text' as const },
  { key: 'interval', label: { en: '95 % interval', fr: 'Intervalle à 95 %' }, kind: 'text' as const },
  { key: 'n', label: { en: 'n', fr: 'n' }, kind: 'integer' as const },
  { key: 'seed', label: { en: 'Method (range)', fr: 'Méthode (fourchette)' }, kind: 'text' as const },
  { key: 'note', label: { en: 'Note', fr: 'Remarque' }, kind: 'text' as const },
];

/** The calibration as a report: measures for the team (and each owner), funnel counts, pipeline. */
export function buildCalibrateReport(view: CalibrateView): Report {
  const r = view.result;
  const c = r.team.counts;
  const levelText = `${Math.round(r.level * 100)} %`;
  const columns = MEASURE_COLUMNS.map((col) =>
    col.key === 'interval'
      ? { ...col, label: { en: `${levelText} interval`, fr: `Intervalle à ${levelText}` } }
      : col,
  );
  const blocks: Block[] = [
    {
      kind: 'table',
      title: { en: 'Team', fr: 'Équipe' },
      columns,
      rows: measureRows(r.team, r.minSample),
    },
  ];
  for (const owner of r.owners) {
    blocks.push({
      kind: 'table',
      title: { en: owner.owner ?? '', fr: owner.owner ?? '' },
      columns,
      rows: measureRows(owner, r.minSample),
    });
  }
  const groups = [r.team, ...r.owners];
  blocks.push({
    kind: 'table',
    title: { en: 'Funnel counts', fr: 'Comptages du tunnel' },
    columns: [
      { key: 'group', label: { en: 'Group', fr: 'Groupe' }, kind: 'text' },
      { key: 'deals', label: { en: 'Deals created', fr: 'Affaires créées' }, kind: 'integer' },
      { key: 'proposals', label: { en: 'Proposals', fr: 'Propositions' }, kind: 'integer' },
      { key: 'won', label: { en: 'Won', fr: 'Gagnées' }, kind: 'integer' },
      { key: 'lost', label: { en: 'Lost', fr: 'Perdues' }, kind: 'integer' },
      { key: 'open', label: { en: 'Open', fr: 'En cours' }, kind: 'integer' },
      { key: 'spontaneous', label: { en: 'Spontaneous', fr: 'Spontanées' }, kind: 'integer' },
      { key: 'contacted', label: { en: 'Prospects contacted', fr: 'Prospects contactés' }, kind: 'integer' },
      { key: 'becameActive', label: { en: 'Became active', fr: 'Devenus actifs' }, kind: 'integer' },
      { key: 'contacts', label: { en: 'Contacts', fr: 'Contacts' }, kind: 'integer' },
    ],
    rows: groups.map((g) => ({
      group: g.owner === null ? { en: 'Team', fr: 'Équipe' } : g.owner,
      deals: g.counts.deals,
      proposals: g.counts.proposals,
      won: g.counts.won,
      lost: g.counts.lost,
      open: g.counts.open,
      spontaneous: g.counts.spontaneous,
      contacted: r.hasActivities ? g.counts.prospectsContacted : '',
      becameActive: r.hasActivities ? g.counts.prospectsBecameActive : '',
      contacts: r.hasActivities ? g.counts.contacts : '',
    })),
  });
  const p = r.pipeline;
  const stageLabel: Record<string, Texts> = {
    contacted: { en: 'Contacted', fr: 'Contacté' },
    active: { en: 'Active (qualified)', fr: 'Actif (qualifié)' },
    proposal: { en: 'Proposal', fr: 'Proposition' },
  };
  blocks.push({
    kind: 'table',
    title: { en: 'Open pipeline', fr: 'Affaires en cours' },
    columns: [
      { key: 'stage', label: { en: 'Stage', fr: 'Étape' }, kind: 'text' },
      { key: 'deals', label: { en: 'Open deals', fr: 'Affaires' }, kind: 'integer' },
      { key: 'amount', label: { en: 'Amount', fr: 'Montant' }, kind: 'money' },
      { key: 'winRate', label: { en: 'Win rate', fr: 'Taux de gain' }, kind: 'percent' },
      { key: 'weighted', label: { en: 'Weighted', fr: 'Pondéré' }, kind: 'money' },
    ],
    rows: [
      ...p.byStage.map((s) => ({
        stage: stageLabel[s.stage],
        deals: s.deals,
        amount: Math.round(s.amount),
        winRate: s.winRate,
        weighted: Math.round(s.weighted),
      })),
      {
        stage: { en: 'Total', fr: 'Total' },
        deals: p.openDeals,
        amount: Math.round(p.amount),
        winRate: null,
        weighted: Math.round(p.weighted),
      },
    ],
  });
  const lines: Texts[] = [
    {
      en: `History from ${formatDateInSentence(view.from, 'en')} to ${formatDateInSentence(view.to, 'en')}: ${c.deals} deals created, ${c.proposals} proposals, ${c.won} won.`,
      fr: `Historique du ${formatDateInSentence(view.from, 'fr')} au ${formatDateInSentence(view.to, 'fr')} : ${c.deals} affaires créées, ${c.proposals} propositions, ${c.won} gagnées.`,
    },
  ];
  if (p.requiredCoverage !== null) {
    lines.push(
      both((lang) =>
        lang === 'fr'
          ? `Couverture requise par l’historique (1 / taux de transformation) : ${formatNumber(p.requiredCoverage ?? 0, lang, 2)} fois l’objectif ; \`prospect plan --objective N --pipeline affaires.csv\` compare.`
          : `Pipeline coverage that history requires (1 / win rate): ${formatNumber(p.requiredCoverage ?? 0, lang, 2)} times the objective; \`prospect plan --objective N --pipeline deals.csv\` compares.`,
      ),
    );
  }
  if (r.proposalEvidence === 'assumed') {
    lines.push({
      en: 'The file has no proposal dates: every lost deal is taken as a refused proposal.',
      fr: 'Le fichier n’a pas de dates de proposition : chaque affaire perdue est comptée comme une proposition refusée.',
    });
  }
  blocks.push({ kind: 'text', lines });
  const csvRows: Cell[][] = [];
  for (const g of groups) {
    for (const key of MEASURE_KEYS) {
      const m = g.measures[key];
      csvRows.push([
        g.owner ?? 'team',
        key,
        m.value,
        m.interval?.low ?? null,
        m.interval?.high ?? null,
        m.n,
        m.smallSample,
        m.seed?.value ?? null,
        m.seed?.min ?? null,
        m.seed?.max ?? null,
      ]);
    }
  }
  return {
    title: {
      en: `Calibration from history (${formatDateInSentence(view.from, 'en')} to ${formatDateInSentence(view.to, 'en')})`,
      fr: `Calibrage sur l’historique (du ${formatDateInSentence(view.from, 'fr')} au ${formatDateInSentence(view.to, 'fr')})`,
    },
    blocks,
    json: buildCalibrateJson(view),
    csv: {
      header: [
        'group',
        'parameter',
        'value',
        'low',
        'high',
        'n',
        'smallSample',
        'seed',
        'seedMin',
        'seedMax',
      ],
      rows: csvRows,
    },
  };
}
