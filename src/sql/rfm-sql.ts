/**
 * The SQL that computes what `prospect rfm` computes on an order table: the same metrics, the
 * same scores (R `rfm` 0.3.0: type-7 quantile breaks plus one, bins [lower, upper), recency
 * reversed), the same segments and the same column names as `prospect rfm --format csv`. Pure.
 */
import type { Lang, Texts } from '../i18n.js';
import type { Binning, RfmMetric, SegmentRule } from '../core/rfm.js';
import { OTHERS_SEGMENT } from '../core/rfm.js';
import { computeSeqProbabilities } from '../core/quantile.js';
import { buildDoubleLiteral, type DialectRules } from './dialect.js';

/** How a credit note (a negative amount) counts: netted only (the default), or as an order too. */
export type CreditNoteMode = 'as-credit' | 'as-orders';

export interface OrderColumns {
  clientId: string;
  orderDate: string;
  amount: string;
}

export interface RfmSqlOptions {
  /** The table or view, as the dialect names it (checked by the caller). */
  table: string;
  columns: OrderColumns;
  /** Analysis date, YYYY-MM-DD. */
  asOf: string;
  recency: Binning;
  frequency: Binning;
  monetary: Binning;
  segments: readonly SegmentRule[];
  creditNotes: CreditNoteMode;
  lang: Lang;
  /**
   * `rfm --clients`: the table has one row per client with these columns (the last purchase date
   * or the recency in days, the number of purchases, the amount) instead of orders.
   */
  clientTable?: { lastPurchase?: string; recencyDays?: string; transactionCount: string; amount: string };
}

const METRICS: readonly RfmMetric[] = ['recency', 'frequency', 'monetary'];
const METRIC_COLUMN: Record<RfmMetric, string> = {
  recency: 'recency_days',
  frequency: 'transaction_count',
  monetary: 'amount',
};

/** The binning's number of bins. */
function binCount(b: Binning): number {
  return b.kind === 'breaks' ? b.breaks.length + 1 : b.bins;
}

/**
 * The common part of the order queries: rows kept, amounts in cents. Exported for pareto.
 * `keepRows` states which rows are used; the CTE is named `order_rows`.
 */
export function buildOrdersCte(
  d: DialectRules,
  table: string,
  columns: { clientId: string; amount: string; orderDate?: string },
  asOf: string | undefined,
): string {
  const q = d.quoteIdent;
  const date = columns.orderDate === undefined ? undefined : `CAST(${q(columns.orderDate)} AS DATE)`;
  const lines = [
    `-- Every row with a client id, ${date ? 'an order date and ' : ''}an amount${asOf ? ` dated on or before ${asOf}` : ''}; the other rows are left out`,
    `-- (prospect reports them as rejected).`,
    `-- Amounts are rounded to the cent, half away from zero, as the file reader does (docs/numbers.md):`,
    `-- exact decimal first (1.005 stays 1.005), then ROUND, which rounds decimals half away from zero.`,
    `order_rows AS (`,
    `  SELECT`,
    `    TRIM(CAST(${q(columns.clientId)} AS ${d.textType})) AS client_id,`,
    ...(date ? [`    ${date} AS order_date,`] : []),
    `    ${d.cents(q(columns.amount))} AS cents`,
    `  FROM ${table}`,
    `  WHERE ${q(columns.clientId)} IS NOT NULL`,
    `    AND TRIM(CAST(${q(columns.clientId)} AS ${d.textType})) <> ''`,
    ...(date ? [`    AND ${q(columns.orderDate as string)} IS NOT NULL`] : []),
    `    AND ${q(columns.amount)} IS NOT NULL`,
    ...(date && asOf ? [`    AND ${date} <= DATE '${asOf}'`] : []),
    `)`,
  ];
  return lines.join('\n');
}

/**
 * `rfm --clients`: the CTE `clients` read from a table with one row per client, as prospect reads
 * a client table (src/commands/rfm.ts).
 */
function buildClientTableCte(
  d: DialectRules,
  table: string,
  clientId: string,
  c: NonNullable<RfmSqlOptions['clientTable']>,
  asOf: string,
): string {
  const q = d.quoteIdent;
  const id = `TRIM(CAST(${q(clientId)} AS ${d.textType}))`;
  const last = c.lastPurchase === undefined ? undefined : `CAST(${q(c.lastPurchase)} AS DATE)`;
  const recency =
    last !== undefined
      ? d.daysBetween(last, `DATE '${asOf}'`)
      : `CAST(${q(c.recencyDays as string)} AS ${d.doubleType})`;
  const count = `CAST(${q(c.transactionCount)} AS ${d.doubleType})`;
  return [
    `-- A client table: one row per client, its ${last ? `last purchase date ${q(c.lastPurchase as string)}` : `recency in days ${q(c.recencyDays as string)}`},`,
    `-- its number of purchases ${q(c.transactionCount)} and its amount ${q(c.amount)}. Rows left out, as prospect rejects them:`,
    `-- no client id, ${last ? `no last purchase or one after ${asOf}` : 'no recency or a negative one'}, no or a negative count, no amount.`,
    `-- A table has no file order: prospect keeps the first row of a repeated client id, this SQL every row`,
    `-- (keep one row per client). Amounts rounded to the cent half away from zero (docs/numbers.md).`,
    `clients AS (`,
    `  SELECT ${id} AS client_id,`,
    `    ${last ?? 'CAST(NULL AS DATE)'} AS last_order_date,`,
    `    ${recency} AS recency_days,`,
    `    ${count} AS transaction_count,`,
    `    CAST(${d.cents(q(c.amount))} AS ${d.doubleType}) / 100 AS amount`,
    `  FROM ${table}`,
    `  WHERE ${q(clientId)} IS NOT NULL AND ${id} <> ''`,
    ...(last
      ? [`    AND ${last} IS NOT NULL AND ${last} <= DATE '${asOf}'`]
      : [`    AND ${q(c.recencyDays as string)} IS NOT NULL AND ${recency} >= 0`]),
    `    AND ${q(c.transactionCount)} IS NOT NULL AND ${count} >= 0`,
    `    AND ${q(c.amount)} IS NOT NULL`,
    `)`,
  ].join('\n');
}

/** The CTE `<metric>_breaks` (one row, columns b1..b(n-1)) and the score expression. */
function buildMetricScore(
  d: DialectRules,
  metric: RfmMetric,
  binning: Binning,
): { ctes: string[]; score: string; from: string[] } {
  const value = `CAST(c.${METRIC_COLUMN[metric]} AS ${d.doubleType})`;
  const n = binCount(binning);
  const reversed = metric === 'recency';
  if (binning.kind === 'ntile') {
    const order = reversed ? `${value} DESC` : value;
    return {
      ctes: [],
      from: [],
      score: [
        `  -- ${metric}: ${n} equal-count buckets over the clients sorted by ${METRIC_COLUMN[metric]}${reversed ? ' descending (the most recent get ' + n + ')' : ''},`,
        `  -- ties by client id (binary order), the first N mod ${n} buckets one larger: NTILE.`,
        `  NTILE(${n}) OVER (ORDER BY ${order}, c.client_id) AS ${metric}_score`,
      ].join('\n'),
    };
  }
  const ctes: string[] = [];
  let breaks: string[];
  if (binning.kind === 'breaks') {
    breaks = binning.breaks.map((b) => buildDoubleLiteral(b, d));
  } else if (n === 1) {
    breaks = [];
  } else {
    const probabilities = computeSeqProbabilities(n).slice(1, -1);
    const probs = probabilities
      .map((p, i) => `  SELECT ${i + 1} AS k, ${buildDoubleLiteral(p, d)} AS p`)
      .join('\n  UNION ALL\n');
    ctes.push(
      [
        `-- ${metric}: R's type-7 quantiles of ${METRIC_COLUMN[metric]} over the clients, at p = k/${n} (k = 1..${n - 1}),`,
        `-- p written as R's seq(0, 1, length.out = ${n + 1}) computes it (3 * 0.2 is 0.6000000000000001).`,
        `${metric}_sorted AS (`,
        `  SELECT CAST(${METRIC_COLUMN[metric]} AS ${d.doubleType}) AS v,`,
        `    ROW_NUMBER() OVER (ORDER BY ${METRIC_COLUMN[metric]}) AS pos`,
        `  FROM clients`,
        `),`,
        `${metric}_p AS (`,
        probs,
        `),`,
        `-- index = 1 + (N - 1) p (1-based), lo = floor(index), hi = ceil(index), h = index - lo.`,
        `${metric}_at AS (`,
        `  SELECT p.k, 1 + CAST(n.n - 1 AS ${d.doubleType}) * p.p AS idx`,
        `  FROM ${metric}_p p CROSS JOIN (SELECT COUNT(*) AS n FROM clients) n`,
        `),`,
        `-- quantile = x[lo] when index is whole or x[hi] = x[lo], else (1 - h) x[lo] + h x[hi] (R's steps);`,
        `-- the break is the quantile PLUS 1, as rfm's bins() adds it.`,
        `${metric}_q AS (`,
        `  SELECT a.k,`,
        `    CASE WHEN a.idx > FLOOR(a.idx) AND hi.v <> lo.v`,
        `      THEN (1 - (a.idx - FLOOR(a.idx))) * lo.v + (a.idx - FLOOR(a.idx)) * hi.v`,
        `      ELSE lo.v END + 1 AS b`,
        `  FROM ${metric}_at a`,
        `  JOIN ${metric}_sorted lo ON lo.pos = FLOOR(a.idx)`,
        `  JOIN ${metric}_sorted hi ON hi.pos = CEIL(a.idx)`,
        `),`,
        `${metric}_breaks AS (`,
        `  SELECT`,
        probabilities.map((_, i) => `    MAX(CASE WHEN k = ${i + 1} THEN b END) AS b${i + 1}`).join(',\n'),
        `  FROM ${metric}_q`,
        `)`,
      ].join('\n'),
    );
    breaks = probabilities.map((_, i) => `${metric}_breaks.b${i + 1}`);
  }
  const bin =
    breaks.length === 0
      ? '1'
      : `1${breaks.map((b) => `\n    + CASE WHEN ${value} >= ${b} THEN 1 ELSE 0 END`).join('')}`;
  const comment =
    binning.kind === 'breaks'
      ? `  -- ${metric}: the breaks as given; bin i is [break i-1, break i): 1 + the number of breaks <= value`
      : `  -- ${metric}: bin i is [break i-1, break i): 1 + the number of breaks <= value (equal values share a bin)`;
  const score = reversed ? `${n + 1} - (${bin})` : bin;
  return {
    ctes,
    from: ctes.length > 0 ? [`${metric}_breaks`] : [],
    score: `${comment}${reversed ? `\n  -- recency reversed: score = ${n + 1} - bin, the most recent get ${n}` : ''}\n  ${score} AS ${metric}_score`,
  };
}

/** A segment's name in a language, as the CSV's `segment` (English) and `segment_label` columns. */
function name(texts: Texts, lang: Lang): string {
  return texts[lang];
}

/**
 * The SQL of `prospect rfm` on an order table, with comments that state each rule.
 * @example buildRfmSql(getDialect('duckdb')!, { table: 'orders', columns, asOf: '2026-06-30', ... })
 */
export function buildRfmSql(d: DialectRules, o: RfmSqlOptions): string {
  const q = d.quoteIdent;
  const asCredit = o.creditNotes === 'as-credit';
  const purchase = asCredit ? 'o.cents >= 0' : 'TRUE';
  const parts = METRICS.map((m) => buildMetricScore(d, m, o[m]));
  const s = d.stringLiteral;
  const segmentCase = (lang: Lang): string =>
    [
      `    CASE`,
      ...o.segments.map(
        (r) =>
          `      WHEN recency_score BETWEEN ${r.recency[0]} AND ${r.recency[1]} AND frequency_score BETWEEN ${r.frequency[0]} AND ${r.frequency[1]} AND monetary_score BETWEEN ${r.monetary[0]} AND ${r.monetary[1]} THEN ${s(name(r.name, lang))}`,
      ),
      `      ELSE ${s(name(OTHERS_SEGMENT, lang))}`,
      `    END`,
    ].join('\n');
  const header = [
    `-- prospect rfm --sql ${d.name}: RFM scores and segments as R rfm 0.3.0 computes them.`,
    o.clientTable === undefined
      ? `-- Table ${o.table}: client id ${q(o.columns.clientId)}, order date ${q(o.columns.orderDate)}, amount ${q(o.columns.amount)}.`
      : `-- Client table ${o.table} (rfm --clients): one row per client, client id ${q(o.columns.clientId)}.`,
    `-- Analysis date ${o.asOf}; bins: recency ${binCount(o.recency)} (${o.recency.kind}), frequency ${binCount(o.frequency)} (${o.frequency.kind}), monetary ${binCount(o.monetary)} (${o.monetary.kind}).`,
    asCredit
      ? `-- Credit notes (negative amounts) reduce the amount but are not purchases: they neither count in\n-- transaction_count nor refresh the last order date; a client with credit notes only is left out.`
      : `-- --credit-notes as-orders: every row counts as an order, credit notes (negative amounts) too, as R rfm does.`,
  ].join('\n');
  const clients = [
    `-- One row per client: last purchase, purchases, amount netted in exact integer cents.`,
    `clients AS (`,
    `  SELECT o.client_id,`,
    `    MAX(CASE WHEN ${purchase} THEN o.order_date END) AS last_order_date,`,
    `    ${d.daysBetween(`MAX(CASE WHEN ${purchase} THEN o.order_date END)`, `DATE '${o.asOf}'`)} AS recency_days,`,
    `    SUM(CASE WHEN ${purchase} THEN 1 ELSE 0 END) AS transaction_count,`,
    `    -- euros = cents / 100 in double precision, as prospect divides the exact sum`,
    `    CAST(SUM(o.cents) AS ${d.doubleType}) / 100 AS amount`,
    `  FROM order_rows o`,
    `  GROUP BY o.client_id`,
    `  HAVING SUM(CASE WHEN ${purchase} THEN 1 ELSE 0 END) > 0`,
    `)`,
  ].join('\n');
  const ctes = [
    ...(o.clientTable === undefined
      ? [buildOrdersCte(d, o.table, o.columns, o.asOf), clients]
      : [buildClientTableCte(d, o.table, o.columns.clientId, o.clientTable, o.asOf)]),
    ...parts.flatMap((p) => p.ctes),
    [
      `scored AS (`,
      `  SELECT c.client_id, c.last_order_date, c.recency_days, c.transaction_count, c.amount,`,
      parts.map((p) => p.score).join(',\n'),
      `  FROM clients c${parts
        .flatMap((p) => p.from)
        .map((t) => ` CROSS JOIN ${t}`)
        .join('')}`,
      `)`,
    ].join('\n'),
  ];
  const body = [
    `SELECT`,
    `  client_id,`,
    `  last_order_date,`,
    `  recency_days,`,
    `  transaction_count,`,
    `  amount,`,
    `  recency_score,`,
    `  frequency_score,`,
    `  monetary_score,`,
    `  100 * recency_score + 10 * frequency_score + monetary_score AS rfm_score,`,
    `  -- the first rule whose inclusive ranges hold the three scores; "Others" for the rest`,
    `${segmentCase('en')} AS segment,`,
    `${segmentCase(o.lang)} AS segment_label`,
    `FROM scored`,
    `ORDER BY client_id`,
  ].join('\n');
  return `${header}\nWITH\n${ctes.join(',\n')}\n${body};\n`;
}
