import type { MetricBins, RfmMetric, RfmResult, RfmScoredClient, SegmentRule } from '../core/rfm.js';
import type { Lang, Texts } from '../i18n.js';
import { formatDateInSentence, formatNumber } from './format.js';
import { countNoun, pluralWord } from './words.js';
import type { Block, Cell, Report } from './report.js';
import { renderRfmHeatmap, renderScoreDistribution } from './rfm-chart.js';
import { formatIsoDay } from '../core/calendar.js';

export const RFM_SCHEMA_VERSION = 1;

export interface RfmView {
  result: RfmResult;
  asOf: string;
  asOfSource: 'flag' | 'today' | 'table';
  source: {
    file: string;
    shape: 'orders' | 'clients';
    orders?: number;
    rejectedAfterAsOf?: number;
    /** Credit notes netted in the amounts, not counted as purchases (0 with `as-orders`). */
    creditNotes?: number;
    creditNotesMode?: 'as-credit' | 'as-orders';
    /** Clients with credit notes and no purchase: not scored. */
    creditOnlyClients?: string[];
    /** A deals file: the rows per outcome and the values left out (only won deals are orders). */
    deals?: unknown;
  };
  /** Notes given on stderr, in both languages. */
  warnings?: Texts[];
  segments: readonly SegmentRule[];
  segmentsSource: string;
  chart: boolean;
  rows: number;
  lang: Lang;
}

function both(make: (lang: Lang) => string): Texts {
  return { en: make('en'), fr: make('fr') };
}

const isoDays = new Map<number, string>();

/** A day number (days since 1970-01-01) as an ISO date (memoised: a file spans few days). */
export function formatDayNumber(day: number): string {
  let iso = isoDays.get(day);
  if (iso === undefined) {
    iso = formatIsoDay(day);
    if (isoDays.size < 100_000) isoDays.set(day, iso);
  }
  return iso;
}

const METRIC_LABEL: Record<RfmMetric, Texts> = {
  recency: { en: 'Recency (days)', fr: 'Récence (jours)' },
  frequency: { en: 'Frequency (orders)', fr: 'Fréquence (commandes)' },
  monetary: { en: 'Monetary (amount)', fr: 'Montant' },
};

const METHOD_LABEL: Record<MetricBins['method'], Texts> = {
  quantile: { en: 'quantiles (R rfm)', fr: 'quantiles (R rfm)' },
  breaks: { en: 'breaks given', fr: 'seuils donnés' },
  ntile: { en: 'equal counts (ntile)', fr: 'effectifs égaux (ntile)' },
};

function scoreOfBin(bins: MetricBins, index: number): number {
  // Bin index 1..n; recency is reversed for quantile and breaks; ntile already stores bins by value.
  return bins.metric === 'recency' ? bins.bins - index : index + 1;
}

/** The JSON document of `rfm` (schemaVersion 1), documented in docs/commands/rfm.md. */
export function buildRfmJson(view: RfmView): Record<string, unknown> {
  const { result } = view;
  const segmentName = (i: number): string => (i >= 0 ? (view.segments[i]?.name.en ?? '') : 'Others');
  return {
    schemaVersion: RFM_SCHEMA_VERSION,
    asOf: view.asOf,
    asOfSource: view.asOfSource,
    source: view.source,
    warnings: view.warnings ?? [],
    segmentsSource: view.segmentsSource,
    bins: Object.fromEntries(
      (['recency', 'frequency', 'monetary'] as const).map((m) => {
        const b = result.bins[m];
        return [
          m,
          {
            method: b.method,
            bins: b.bins,
            breaks: b.breaks,
            lower: b.lower,
            upper: b.upper,
            clientsPerBin: b.counts,
            scorePerBin: b.counts.map((_, i) => scoreOfBin(b, i)),
          },
        ];
      }),
    ),
    segments: result.segments.map((s) => ({
      segment: s.name.en,
      label: s.name[view.lang],
      clients: s.clients,
      orders: s.orders,
      revenue: s.revenue,
      averageOrderValue: s.averageOrderValue,
      medianRecencyDays: s.medianRecencyDays,
      medianFrequency: s.medianFrequency,
      medianAmount: s.medianAmount,
      action: s.advice ? s.advice[view.lang] : null,
    })),
    heatmap: result.heatmap,
    distribution: result.distribution,
    clients: result.clients.map((c) => ({
      clientId: c.clientId,
      lastOrderDate: c.lastOrderDay === undefined ? null : formatDayNumber(c.lastOrderDay),
      recencyDays: c.recencyDays,
      transactionCount: c.transactionCount,
      amount: c.amount,
      recencyScore: c.recencyScore,
      frequencyScore: c.frequencyScore,
      monetaryScore: c.monetaryScore,
      rfmScore: c.rfmScore,
      segment: segmentName(c.segment),
    })),
  };
}

function binsBlock(result: RfmResult): Block {
  const rows: Record<string, string | number | Texts>[] = [];
  for (const m of ['recency', 'frequency', 'monetary'] as const) {
    const b = result.bins[m];
    const decimals = m === 'monetary' ? 2 : 2;
    for (let i = 0; i < b.bins; i++) {
      const lower = b.lower[i] as number;
      const upper = b.upper[i] as number;
      rows.push({
        metric: METRIC_LABEL[m],
        method: i === 0 ? METHOD_LABEL[b.method] : '',
        score: scoreOfBin(b, i),
        range: both((lang) =>
          Number.isNaN(lower)
            ? lang === 'fr'
              ? '(vide)'
              : '(empty)'
            : b.method === 'ntile'
              ? `${formatNumber(lower, lang, decimals)} – ${formatNumber(upper, lang, decimals)}`
              : `[${formatNumber(lower, lang, decimals)} ; ${formatNumber(upper, lang, decimals)}[`,
        ),
        clients: b.counts[i] as number,
      });
    }
  }
  return {
    kind: 'table',
    title: { en: 'Bins used', fr: 'Tranches utilisées' },
    columns: [
      { key: 'metric', label: { en: 'Metric', fr: 'Mesure' }, kind: 'text' },
      { key: 'method', label: { en: 'Method', fr: 'Méthode' }, kind: 'text' },
      { key: 'range', label: { en: 'Values [from ; to[', fr: 'Valeurs [de ; à[' }, kind: 'text' },
      { key: 'score', label: { en: 'Score', fr: 'Score' }, kind: 'integer' },
      { key: 'clients', label: { en: 'Clients', fr: 'Clients' }, kind: 'integer' },
    ],
    rows,
  };
}

function compareClients(a: RfmScoredClient, b: RfmScoredClient): number {
  return (
    b.rfmScore - a.rfmScore ||
    b.amount - a.amount ||
    (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0)
  );
}

/**
 * The `limit` best of `count` positions by `compare` (a total order), in that order: for a short
 * list (the table's 20), by insertion without sorting them all; for a long one, where insertion
 * would cost up to `limit` moves per client, by a sort of all.
 */
function selectBestPositions(
  count: number,
  limit: number,
  compare: (a: number, b: number) => number,
): number[] {
  if (limit >= count || limit > 256) {
    const all = Array.from({ length: count }, (_, i) => i);
    return all.sort(compare).slice(0, limit);
  }
  const best: number[] = [];
  for (let c = 0; c < count; c++) {
    if (best.length === limit && compare(c, best[limit - 1] as number) >= 0) continue;
    let i = best.length;
    while (i > 0 && compare(c, best[i - 1] as number) < 0) i--;
    best.splice(i, 0, c);
    if (best.length > limit) best.pop();
  }
  return best;
}

/**
 * The `limit` best clients (RFM score, then amount, then id; equal ids in input order), in that
 * order.
 */
export function selectBest(clients: readonly RfmScoredClient[], limit: number): RfmScoredClient[] {
  return selectBestPositions(
    clients.length,
    limit,
    (a, b) => compareClients(clients[a] as RfmScoredClient, clients[b] as RfmScoredClient) || a - b,
  ).map((i) => clients[i] as RfmScoredClient);
}

/** The positions of the `limit` best clients of a result, as `selectBest` orders them. */
function selectBestOfResult(result: RfmResult, limit: number): number[] {
  const { clientIds, amount } = result.columns;
  const { recency, frequency, monetary } = result.scores;
  const rfm = (i: number): number =>
    100 * (recency[i] as number) + 10 * (frequency[i] as number) + (monetary[i] as number);
  return selectBestPositions(clientIds.length, limit, (a, b) => {
    const x = clientIds[a] as string;
    const y = clientIds[b] as string;
    return (
      rfm(b) - rfm(a) ||
      (amount[b] as number) - (amount[a] as number) ||
      (x < y ? -1 : x > y ? 1 : 0) ||
      a - b
    );
  });
}

const OTHERS: Texts = { en: 'Others', fr: 'Autres' };
const NO_NAME: Texts = { en: '', fr: '' };

/** The CSV rows of the clients, made one at a time as they are written, from the columns. */
function* csvRows(result: RfmResult, segmentText: (segment: number) => Texts, lang: Lang): Generator<Cell[]> {
  const { clientIds, recencyDays, transactionCount, amount, lastOrderDay } = result.columns;
  const { recency, frequency, monetary, segment: segmentOf } = result.scores;
  // The ISO text of each day, made once: by day from the first one when the span is short.
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < lastOrderDay.length; i++) {
    const day = lastOrderDay[i] as number;
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
  }
  const span = lastDay - firstDay + 1;
  const isoDays = new Array<string | undefined>(span > 0 && span <= 100_000 ? span : 0);
  for (let i = 0; i < clientIds.length; i++) {
    const segment = segmentText(segmentOf[i] as number);
    const last = lastOrderDay[i] as number;
    let iso: string | undefined;
    if (!Number.isNaN(last)) {
      const offset = last - firstDay;
      iso = isoDays[offset];
      if (iso === undefined) {
        iso = formatDayNumber(last);
        if (offset < isoDays.length) isoDays[offset] = iso;
      }
    }
    const r = recency[i] as number;
    const f = frequency[i] as number;
    const m = monetary[i] as number;
    yield [
      clientIds[i],
      iso ?? null,
      recencyDays[i],
      transactionCount[i],
      amount[i],
      r,
      f,
      m,
      100 * r + 10 * f + m,
      segment.en,
      segment[lang],
    ];
  }
}

/** The RFM analysis as a report: date and bins, segments with actions, charts, clients. */
export function buildRfmReport(view: RfmView): Report {
  const { result } = view;
  const blocks: Block[] = [];
  const n = result.columns.clientIds.length;
  blocks.push({
    kind: 'text',
    lines: [
      both((lang) => {
        const date = formatDateInSentence(view.asOf, lang);
        const origin =
          view.asOfSource === 'flag'
            ? lang === 'fr'
              ? '--as-of'
              : '--as-of'
            : view.asOfSource === 'today'
              ? lang === 'fr'
                ? "aujourd'hui"
                : 'today'
              : lang === 'fr'
                ? 'la table'
                : 'the table';
        return lang === 'fr'
          ? `Date d'analyse : ${date} (${origin}).`
          : `Analysis date: ${date} (${origin}).`;
      }),
      both((lang) => {
        const clients = formatNumber(n, lang);
        if (view.source.shape === 'orders') {
          const orders = formatNumber(view.source.orders ?? 0, lang);
          const after = view.source.rejectedAfterAsOf ?? 0;
          const tail =
            after > 0
              ? lang === 'fr'
                ? ` ; ${countNoun(after, lang, { en: ['', ''], fr: ['commande postérieure', 'commandes postérieures'] })} à la date d'analyse ${pluralWord(after, lang, { en: ['', ''], fr: ['rejetée', 'rejetées'] })}`
                : `; ${countNoun(after, lang, { en: ['order', 'orders'], fr: ['', ''] })} after the analysis date rejected`
              : '';
          return lang === 'fr'
            ? `${clients} clients, ${orders} commandes de ${view.source.file}${tail}.`
            : `${clients} clients, ${orders} orders from ${view.source.file}${tail}.`;
        }
        return lang === 'fr'
          ? `${clients} clients de ${view.source.file}.`
          : `${clients} clients from ${view.source.file}.`;
      }),
      both((lang) =>
        lang === 'fr'
          ? `Segments : ${view.segmentsSource === 'default' ? 'jeu par défaut (premier qui correspond ; sinon Autres)' : view.segmentsSource}.`
          : `Segments: ${view.segmentsSource === 'default' ? 'default set (first match wins; else Others)' : view.segmentsSource}.`,
      ),
    ],
  });
  blocks.push(binsBlock(result));
  blocks.push({
    kind: 'table',
    title: { en: 'Segments', fr: 'Segments' },
    columns: [
      { key: 'segment', label: { en: 'Segment', fr: 'Segment' }, kind: 'text' },
      { key: 'clients', label: { en: 'Clients', fr: 'Clients' }, kind: 'integer' },
      { key: 'orders', label: { en: 'Orders', fr: 'Commandes' }, kind: 'integer' },
      { key: 'revenue', label: { en: 'Revenue', fr: 'CA' }, kind: 'money', decimals: 0 },
      { key: 'aov', label: { en: 'Avg order', fr: 'Panier moyen' }, kind: 'money', decimals: 0 },
      { key: 'recency', label: { en: 'Median recency', fr: 'Récence médiane' }, kind: 'number', decimals: 1 },
      { key: 'frequency', label: { en: 'Median freq.', fr: 'Fréq. médiane' }, kind: 'number', decimals: 1 },
      { key: 'amount', label: { en: 'Median amount', fr: 'Montant médian' }, kind: 'money', decimals: 0 },
    ],
    rows: result.segments.map((s) => ({
      segment: s.name,
      clients: s.clients,
      orders: s.orders,
      revenue: s.revenue,
      aov: s.averageOrderValue,
      recency: s.medianRecencyDays,
      frequency: s.medianFrequency,
      amount: s.medianAmount,
    })),
  });
  const advised = result.segments.filter((s) => s.advice);
  if (advised.length > 0) {
    blocks.push({
      kind: 'table',
      title: { en: 'Suggested actions', fr: 'Actions suggérées' },
      columns: [
        { key: 'segment', label: { en: 'Segment', fr: 'Segment' }, kind: 'text' },
        { key: 'action', label: { en: 'Action', fr: 'Action' }, kind: 'text' },
      ],
      rows: advised.map((s) => ({ segment: s.name, action: s.advice })),
    });
  }
  if (view.chart) {
    blocks.push({
      kind: 'chart',
      title: { en: 'Heat map', fr: 'Carte de chaleur' },
      text: renderRfmHeatmap(result, view.lang),
    });
    blocks.push({
      kind: 'chart',
      title: { en: 'Clients per score', fr: 'Clients par score' },
      text: renderScoreDistribution(result, view.lang),
    });
  }
  const limit = view.rows > 0 ? Math.min(view.rows, n) : n;
  const order = selectBestOfResult(result, limit);
  const segmentText = (i: number): Texts => (i >= 0 ? (view.segments[i]?.name ?? NO_NAME) : OTHERS);
  blocks.push({
    kind: 'table',
    title: { en: 'Clients (best RFM first)', fr: 'Clients (meilleur RFM d’abord)' },
    columns: [
      { key: 'clientId', label: { en: 'Client', fr: 'Client' }, kind: 'text' },
      { key: 'recencyDays', label: { en: 'Recency', fr: 'Récence' }, kind: 'integer' },
      { key: 'transactionCount', label: { en: 'Orders', fr: 'Commandes' }, kind: 'integer' },
      { key: 'amount', label: { en: 'Amount', fr: 'Montant' }, kind: 'money', decimals: 2 },
      { key: 'r', label: { en: 'R', fr: 'R' }, kind: 'integer' },
      { key: 'f', label: { en: 'F', fr: 'F' }, kind: 'integer' },
      { key: 'm', label: { en: 'M', fr: 'M' }, kind: 'integer' },
      { key: 'rfm', label: { en: 'RFM', fr: 'RFM' }, kind: 'text' },
      { key: 'segment', label: { en: 'Segment', fr: 'Segment' }, kind: 'text' },
    ],
    rows: order.slice(0, limit).map((i) => {
      const r = result.scores.recency[i] as number;
      const f = result.scores.frequency[i] as number;
      const m = result.scores.monetary[i] as number;
      return {
        clientId: result.columns.clientIds[i] as string,
        recencyDays: result.columns.recencyDays[i] as number,
        transactionCount: result.columns.transactionCount[i] as number,
        amount: result.columns.amount[i] as number,
        r,
        f,
        m,
        rfm: String(100 * r + 10 * f + m),
        segment: segmentText(result.scores.segment[i] as number),
      };
    }),
  });
  if (limit < n) {
    blocks.push({
      kind: 'text',
      lines: [
        both((lang) =>
          lang === 'fr'
            ? `… et ${formatNumber(n - limit, lang)} autres clients (--rows 0 pour tous, ou --format csv).`
            : `… and ${formatNumber(n - limit, lang)} more clients (--rows 0 for all, or --format csv).`,
        ),
      ],
    });
  }
  return {
    title: { en: 'RFM analysis', fr: 'Analyse RFM' },
    blocks,
    // Getters: a CSV run of 200,000 clients does not build the JSON document, nor the reverse.
    get json() {
      return buildRfmJson(view);
    },
    get csv() {
      return {
        header: [
          'client_id',
          'last_order_date',
          'recency_days',
          'transaction_count',
          'amount',
          'recency_score',
          'frequency_score',
          'monetary_score',
          'rfm_score',
          'segment',
          'segment_label',
        ],
        rows: csvRows(result, segmentText, view.lang),
      };
    },
  };
}
