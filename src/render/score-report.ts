import type { RowScore, ScoreBounds, ScoreSummary } from '../core/score/compute.js';
import type { Criterion, Grid, Rule } from '../core/score/grid.js';
import type { Lang, Texts } from '../i18n.js';
import { formatDateInSentence, formatNumber, formatPercent } from './format.js';
import type { Block, Cell, Report } from './report.js';
import { formatIsoDay } from '../core/calendar.js';

export const SCORE_SCHEMA_VERSION = 1;

/** One scored client as the command keeps it. */
export interface ScoredClient {
  id: string;
  line: number;
  result: RowScore;
}

export interface ScoreView {
  gridPath: string;
  grid: Grid;
  bounds: ScoreBounds;
  /** The as-of date, ISO. */
  asOf: string;
  clients: ScoredClient[];
  summary: ScoreSummary;
  /** The scores' histogram: 10 bins between the bounds (computeHistogram, or a ScoreTally's). */
  histogram: { from: number; to: number; count: number }[];
}

function both(make: (lang: Lang) => string): Texts {
  return { en: make('en'), fr: make('fr') };
}

function num(value: number, lang: Lang): string {
  return formatNumber(value, lang, 2);
}

/** A rule in words: `one of Industrie, Santé`, `from 50 (included) to 250 (excluded)`... */
export function describeRule(rule: Rule, lang: Lang): string {
  const fr = lang === 'fr';
  switch (rule.kind) {
    case 'equals':
      return rule.values.length === 1
        ? `${fr ? 'égal à' : 'equals'} ${rule.values[0]}`
        : `${fr ? 'parmi' : 'one of'} ${rule.values.join(', ')}`;
    case 'range': {
      const parts: string[] = [];
      if (rule.min !== undefined)
        parts.push(
          `${fr ? 'de' : 'from'} ${num(rule.min, lang)} (${rule.minInclusive ? (fr ? 'inclus' : 'included') : fr ? 'exclu' : 'excluded'})`,
        );
      if (rule.max !== undefined)
        parts.push(
          `${fr ? 'à' : 'to'} ${num(rule.max, lang)} (${rule.maxInclusive ? (fr ? 'inclus' : 'included') : fr ? 'exclu' : 'excluded'})`,
        );
      return parts.join(' ');
    }
    case 'within':
      return fr
        ? rule.days === 1
          ? 'depuis la veille'
          : `dans les ${rule.days} derniers jours`
        : rule.days === 1
          ? 'within the last day'
          : `within the last ${rule.days} days`;
    case 'present':
      return fr ? 'renseigné' : 'present';
    case 'pattern':
      return `${fr ? 'correspond à' : 'matches'} ${rule.pattern}`;
  }
}

function valueText(criterion: Criterion, value: RowScore['breakdown'][number]['value']): string {
  if (value === null) return '';
  if (criterion.type === 'date' && typeof value === 'number') return formatIsoDay(value);
  return String(value);
}

function signed(points: number, lang: Lang): string {
  const text = formatNumber(Math.abs(points), lang, 2);
  return points < 0 ? `-${text}` : `+${text}`;
}

/** One client's breakdown in words, one line per criterion, then groups and the total. */
export function explainClient(view: ScoreView, client: ScoredClient, lang: Lang): string[] {
  const fr = lang === 'fr';
  const { result } = client;
  const maturity = result.maturity
    ? ` (${fr ? { active: 'actif', latent: 'latent', arid: 'aride' }[result.maturity] : result.maturity})`
    : '';
  const lines = [
    fr
      ? `Client ${client.id} (ligne ${client.line}) : score ${num(result.score, lang)} sur ${num(view.bounds.min, lang)} à ${num(view.bounds.max, lang)} (${num(result.score100, lang)}/100), note ${result.grade}${maturity}.`
      : `Client ${client.id} (line ${client.line}): score ${num(result.score, lang)} on ${num(view.bounds.min, lang)} to ${num(view.bounds.max, lang)} (${num(result.score100, lang)}/100), grade ${result.grade}${maturity}.`,
  ];
  result.breakdown.forEach((b, i) => {
    const criterion = view.grid.criteria[i];
    if (!criterion) return;
    const value = valueText(criterion, b.value);
    let why: string;
    if (b.rule === 'missing') why = fr ? 'vide : points « missing »' : 'empty: the "missing" points';
    else if (b.rule === -1) why = fr ? 'aucune règle ne correspond' : 'no rule matches';
    else {
      const rule = criterion.rules[b.rule];
      why = rule ? describeRule(rule, lang) : '';
      if (criterion.decay && b.decay < 1 && typeof b.value === 'number') {
        const age = Math.round((Math.log(b.decay) / Math.log(0.5)) * criterion.decay.halfLifeDays);
        why += fr
          ? ` : ${num(b.basePoints, lang)} points, divisés par deux tous les ${criterion.decay.halfLifeDays} jours, ${age} jours -> x${formatNumber(b.decay, lang, 3)}`
          : `: ${num(b.basePoints, lang)} points, halved every ${criterion.decay.halfLifeDays} days, ${age} days old -> x${formatNumber(b.decay, lang, 3)}`;
      }
    }
    const shown =
      value === ''
        ? ''
        : typeof b.value === 'number' && criterion.type === 'number'
          ? ` = ${value}`
          : ` = "${value}"`;
    lines.push(`- ${b.criterion}${shown}: ${why} -> ${signed(b.points, lang)}`);
  });
  for (const g of result.groups) {
    const cap = view.grid.groups[g.group]?.cap;
    lines.push(
      fr
        ? `Groupe ${g.group} : ${num(g.sum, lang)}${cap !== undefined ? `, plafond ${num(cap, lang)}` : ''} -> ${num(g.points, lang)}`
        : `Group ${g.group}: ${num(g.sum, lang)}${cap !== undefined ? `, cap ${num(cap, lang)}` : ''} -> ${num(g.points, lang)}`,
    );
  }
  if (view.grid.totalCap !== undefined && result.uncapped > result.score) {
    lines.push(
      fr
        ? `Total ${num(result.uncapped, lang)}, plafonné à ${num(view.grid.totalCap, lang)}.`
        : `Total ${num(result.uncapped, lang)}, capped at ${num(view.grid.totalCap, lang)}.`,
    );
  }
  return lines;
}

/** A terminal histogram: one line per bin, a bar of up to 40 blocks, and the count. */
export function renderHistogram(
  bins: readonly { from: number; to: number; count: number }[],
  lang: Lang,
): string {
  const top = Math.max(1, ...bins.map((b) => b.count));
  const labels = bins.map((b) => `${formatNumber(b.from, lang, 1)} .. ${formatNumber(b.to, lang, 1)}`);
  const width = Math.max(...labels.map((l) => l.length));
  return bins
    .map((b, i) => {
      const bar = '█'.repeat(Math.round((b.count / top) * 40));
      return `${(labels[i] ?? '').padStart(width)} | ${bar}${bar ? ' ' : ''}${formatNumber(b.count, lang)}`;
    })
    .join('\n');
}

/** One client as the JSON output carries it (`clients[]`, `--explain`'s `client`). */
export function clientJson(grid: Grid, c: ScoredClient): Record<string, unknown> {
  const r = c.result;
  return {
    id: c.id,
    line: c.line,
    score: r.score,
    score100: r.score100,
    grade: r.grade,
    ...(r.maturity ? { maturity: r.maturity } : {}),
    breakdown: r.breakdown.map((b, i) => {
      const criterion = grid.criteria[i];
      return {
        criterion: b.criterion,
        field: b.field,
        value: criterion && b.value !== null ? valueText(criterion, b.value) : null,
        rule: b.rule === 'missing' ? 'missing' : b.rule === -1 ? null : b.rule + 1,
        basePoints: b.basePoints,
        decay: b.decay,
        points: b.points,
        ...(b.group !== undefined ? { group: b.group } : {}),
      };
    }),
    groups: r.groups,
  };
}

function summaryJson(view: ScoreView): Record<string, unknown> {
  return {
    count: view.summary.count,
    mean: view.summary.mean,
    perGrade: view.summary.perGrade,
    ...(view.summary.perMaturity ? { perMaturity: view.summary.perMaturity } : {}),
    prospects: view.summary.prospects,
    ...(view.summary.accessibilityRate !== undefined
      ? { accessibilityRate: view.summary.accessibilityRate }
      : {}),
  };
}

function summaryBlocks(view: ScoreView): Block[] {
  const blocks: Block[] = [
    {
      kind: 'table',
      title: { en: 'Grades', fr: 'Notes' },
      columns: [
        { key: 'grade', label: { en: 'Grade', fr: 'Note' }, kind: 'text' },
        { key: 'maturity', label: { en: 'Maturity', fr: 'Maturité' }, kind: 'text' },
        { key: 'count', label: { en: 'Clients', fr: 'Clients' }, kind: 'integer' },
        { key: 'share', label: { en: 'Share', fr: 'Part' }, kind: 'percent' },
      ],
      rows: view.summary.perGrade.map((g) => {
        const m = view.grid.maturity?.[g.grade];
        const maturity: Cell = m
          ? { en: m, fr: { active: 'actif', latent: 'latent', arid: 'aride' }[m] }
          : '';
        return { grade: g.grade, maturity, count: g.count, share: g.share };
      }),
    },
    {
      kind: 'chart',
      title: { en: 'Scores', fr: 'Scores' },
      text: '', // filled per language by the renderer below
    },
  ];
  const lines: Texts[] = [
    both((lang) =>
      lang === 'fr'
        ? `${formatNumber(view.summary.count, lang)} clients notés au ${formatDateInSentence(view.asOf, lang)} ; score moyen ${num(view.summary.mean, lang)} ; scores possibles de ${num(view.bounds.min, lang)} à ${num(view.bounds.max, lang)}.`
        : `${formatNumber(view.summary.count, lang)} clients scored as of ${formatDateInSentence(view.asOf, lang)}; mean score ${num(view.summary.mean, lang)}; possible scores ${num(view.bounds.min, lang)} to ${num(view.bounds.max, lang)}.`,
    ),
  ];
  if (view.summary.accessibilityRate !== undefined) {
    const rate = view.summary.accessibilityRate;
    const active = view.summary.perMaturity?.active ?? 0;
    const prospects = view.summary.prospects;
    const others = view.summary.count - prospects;
    lines.push(
      both((lang) =>
        lang === 'fr'
          ? `Taux d'accessibilité mesuré : ${formatPercent(rate, lang, 1)} (${formatNumber(active, lang)} ${active > 1 ? 'actifs' : 'actif'} / ${formatNumber(prospects, lang)} ${prospects > 1 ? 'prospects' : 'prospect'}${others > 0 ? ` ; ${formatNumber(others, lang)} ${others > 1 ? 'clients et autres statuts non comptés' : 'client ou autre statut non compté'}` : ''}) ; à utiliser avec plan --accessibility-from.`
          : `Measured accessibility rate: ${formatPercent(rate, lang, 1)} (${formatNumber(active, lang)} active / ${formatNumber(prospects, lang)} ${prospects === 1 ? 'prospect' : 'prospects'}${others > 0 ? `; ${formatNumber(others, lang)} ${others === 1 ? 'client or other status' : 'clients and other statuses'} not counted` : ''}); use it with plan --accessibility-from.`,
      ),
    );
  }
  blocks.push({ kind: 'text', lines });
  return blocks;
}

/** How many clients the table shows (highest scores first); CSV and JSON carry them all. */
export const TABLE_CLIENTS = 20;

/**
 * The score report: per client score, score on 100, grade (and maturity); the count per grade, a
 * histogram, the accessibility rate. CSV = the input columns + score, score_100, grade (and
 * maturity). `lang` picks the histogram's number format (charts are pre-drawn text).
 */
export function buildScoreReport(
  view: ScoreView,
  input: { headers: string[]; cells: (c: ScoredClient) => string[] },
  lang: Lang,
  wanted: 'table' | 'json' | 'csv' | 'markdown' | 'xlsx',
): Report {
  const top = [...view.clients].sort((a, b) => b.result.score - a.result.score || a.line - b.line);
  // A workbook has every client; a table or Markdown the highest TABLE_CLIENTS.
  const shown = wanted === 'xlsx' ? top : top.slice(0, TABLE_CLIENTS);
  const hasMaturity = view.grid.maturity !== undefined;
  const blocks: Block[] = [];
  if (wanted === 'table' || wanted === 'markdown' || wanted === 'xlsx') {
    blocks.push({
      kind: 'table',
      title:
        wanted === 'xlsx'
          ? { en: 'Clients (highest score first)', fr: 'Clients (meilleur score en premier)' }
          : view.summary.count > TABLE_CLIENTS
          ? both((l) =>
              l === 'fr'
                ? `Les ${TABLE_CLIENTS} meilleurs sur ${formatNumber(view.summary.count, l)} clients (--format csv ou json pour tous)`
                : `Highest ${TABLE_CLIENTS} of ${formatNumber(view.summary.count, l)} clients (--format csv or json for all)`,
            )
          : undefined,
      columns: [
        { key: 'id', label: { en: 'Client', fr: 'Client' }, kind: 'text' },
        { key: 'score', label: { en: 'Score', fr: 'Score' }, kind: 'number', decimals: 1 },
        { key: 'score100', label: { en: 'Score /100', fr: 'Score /100' }, kind: 'number', decimals: 0 },
        { key: 'grade', label: { en: 'Grade', fr: 'Note' }, kind: 'text' },
        ...(hasMaturity
          ? [{ key: 'maturity', label: { en: 'Maturity', fr: 'Maturité' }, kind: 'text' as const }]
          : []),
      ],
      rows: shown.map((c) => scoreTableRow(c.id, c.result)),
    });
    const summary = summaryBlocks(view);
    for (const b of summary) if (b.kind === 'chart') b.text = renderHistogram(view.histogram, lang);
    blocks.push(...summary);
  }
  return {
    title: { en: `Scores (${view.gridPath})`, fr: `Scores (${view.gridPath})` },
    blocks,
    json:
      wanted === 'json'
        ? {
            schemaVersion: SCORE_SCHEMA_VERSION,
            grid: { path: view.gridPath, min: view.bounds.min, max: view.bounds.max },
            asOf: view.asOf,
            summary: summaryJson(view),
            histogram: view.histogram,
            clients: view.clients.map((c) => clientJson(view.grid, c)),
          }
        : wanted === 'xlsx'
          ? // The parameters sheet of a workbook: the run's settings and summary, without clients.
            {
              grid: { path: view.gridPath, min: view.bounds.min, max: view.bounds.max },
              asOf: view.asOf,
              summary: summaryJson(view),
            }
          : null,
    csv:
      wanted === 'csv'
        ? {
            header: scoreCsvHeader(input.headers, hasMaturity),
            rows: view.clients.map((c) => scoreCsvRow(input.cells(c), c.result, hasMaturity)),
          }
        : { header: [], rows: [] },
  };
}

/** A client's row in the table and the workbook: id, score, score on 100, grade, maturity. */
export function scoreTableRow(
  id: string,
  result: Pick<RowScore, 'score' | 'score100' | 'grade' | 'maturity'>,
): Record<string, Cell> {
  return {
    id,
    score: result.score,
    score100: result.score100,
    grade: result.grade,
    maturity: result.maturity
      ? { en: result.maturity, fr: { active: 'actif', latent: 'latent', arid: 'aride' }[result.maturity] }
      : '',
  };
}

/** The header of the score CSV: the input's, then score, score_100, grade (and maturity). */
export function scoreCsvHeader(headers: readonly string[], hasMaturity: boolean): string[] {
  return [...headers, 'score', 'score_100', 'grade', ...(hasMaturity ? ['maturity'] : [])];
}

/** One row of the score CSV: the cells as read, then the score and score on 100 (to the
 * hundredth), the grade (and maturity). */
export function scoreCsvRow(
  cells: readonly string[],
  result: Pick<RowScore, 'score' | 'score100' | 'grade' | 'maturity'>,
  hasMaturity: boolean,
): Cell[] {
  const round = (x: number): number => Math.round(x * 100) / 100;
  return [
    ...cells,
    round(result.score),
    round(result.score100),
    result.grade,
    ...(hasMaturity ? [result.maturity ?? ''] : []),
  ];
}

/** `--explain ID`: one client's breakdown in words (JSON: that client's object). */
export function buildExplainReport(view: ScoreView, client: ScoredClient): Report {
  return {
    title: { en: `Score of ${client.id}`, fr: `Score de ${client.id}` },
    blocks: [{ kind: 'text', lines: [both((lang) => explainClient(view, client, lang).join('\n'))] }],
    json: { schemaVersion: SCORE_SCHEMA_VERSION, asOf: view.asOf, client: clientJson(view.grid, client) },
    csv: {
      header: ['id', 'criterion', 'field', 'value', 'rule', 'points'],
      rows: client.result.breakdown.map((b, i) => {
        const criterion = view.grid.criteria[i];
        return [
          client.id,
          b.criterion,
          b.field,
          criterion && b.value !== null ? valueText(criterion, b.value) : '',
          b.rule === 'missing' ? 'missing' : b.rule === -1 ? '' : b.rule + 1,
          Math.round(b.points * 100) / 100,
        ];
      }),
    },
  };
}
