/**
 * The SQL that computes what `prospect pareto` computes: each client's value netted in exact
 * cents, the clients ranked by value (ties by client id), shares of the positive total, and the
 * A/B/C class of DOMAIN.md section 3, with the same column names as `prospect pareto --format csv`
 * (without the optional maturity and effort columns). Pure.
 */
import { computeClassNames } from '../core/pareto.js';
import type { BoundaryRule } from '../core/pareto.js';
import { type DialectRules } from './dialect.js';
import { buildOrdersCte } from './rfm-sql.js';

export interface ParetoSqlOptions {
  table: string;
  /** The client id and the value column (an order amount, or a client's revenue). */
  columns: { clientId: string; value: string };
  /** Cumulative-share thresholds as fractions, ascending, each in (0, 1). */
  thresholds: readonly number[];
  rule: BoundaryRule;
}

/**
 * The SQL of `prospect pareto`, with comments that state each rule.
 * @example buildParetoSql(getDialect('postgres')!, { table: 'orders', columns: { clientId: 'client_id', value: 'amount' }, thresholds: [0.8, 0.95], rule: 'before' })
 */
export function buildParetoSql(d: DialectRules, o: ParetoSqlOptions): string {
  const names = computeClassNames(o.thresholds.length + 1);
  const last = names[names.length - 1] as string;
  const w = d.wideIntegerType;
  const s = d.stringLiteral;
  // Thresholds as whole millionths, as prospect compares them: exact integer products, no division.
  const limits = o.thresholds.map((t) => Math.round(t * 1_000_000));
  const probe = o.rule === 'before' ? 'cum_before' : 'cum_including';
  const op = o.rule === 'before' ? '<' : '<=';
  const header = [
    `-- prospect pareto --sql ${d.name}: ABC classes of the clients by value (DOMAIN.md section 3).`,
    `-- Table ${o.table}: client id ${d.quoteIdent(o.columns.clientId)}, value ${d.quoteIdent(o.columns.value)};`,
    `-- several rows per client (orders, credit notes as negative amounts) are netted.`,
    `-- Thresholds ${o.thresholds.join(', ')} give classes ${names.join(', ')}; rule "${o.rule}": ${
      o.rule === 'before'
        ? 'a client is in the first class whose threshold is ABOVE its cumulative share BEFORE it,\n-- so the client that crosses 80 % is still A.'
        : 'a client is in the first class whose threshold is at or above its cumulative share including it.'
    }`,
    `-- Clients with a zero or negative total are in the last class (${last}) and flagged non_positive.`,
  ].join('\n');
  const ctes = [
    buildOrdersCte(d, o.table, { clientId: o.columns.clientId, amount: o.columns.value }, undefined),
    [
      `clients AS (`,
      `  SELECT client_id, SUM(cents) AS cents`,
      `  FROM order_rows`,
      `  GROUP BY client_id`,
      `)`,
    ].join('\n'),
    [
      `-- Ranked by value descending, ties by client id (binary order); running sums of positive cents.`,
      `ranked AS (`,
      `  SELECT client_id, cents,`,
      `    ROW_NUMBER() OVER (ORDER BY cents DESC, client_id) AS rank_no,`,
      `    SUM(CASE WHEN cents > 0 THEN cents ELSE 0 END) OVER (ORDER BY cents DESC, client_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum_including,`,
      `    SUM(CASE WHEN cents > 0 THEN cents ELSE 0 END) OVER () AS base`,
      `  FROM clients`,
      `)`,
    ].join('\n'),
    [
      `shares AS (`,
      `  SELECT client_id, cents, rank_no, base, cum_including,`,
      `    cum_including - CASE WHEN cents > 0 THEN cents ELSE 0 END AS cum_before`,
      `  FROM ranked`,
      `)`,
    ].join('\n'),
  ];
  const classCase = [
    `  -- share ${op === '<' ? '<' : '<='} t  <=>  ${probe} x 1 000 000 ${op} t x 1 000 000 x base, in exact integers`,
    `  CASE`,
    `    WHEN cents <= 0 THEN ${s(last)}`,
    ...limits.map(
      (l, k) =>
        `    WHEN CAST(${probe} AS ${w}) * 1000000 ${op} CAST(${l} AS ${w}) * CAST(base AS ${w}) THEN ${s(names[k] as string)}`,
    ),
    `    ELSE ${s(last)}`,
    `  END AS class,`,
  ].join('\n');
  const body = [
    `SELECT`,
    `  rank_no AS rank,`,
    `  client_id,`,
    `  CAST(cents AS ${d.doubleType}) / 100 AS value,`,
    `  CASE WHEN base > 0 THEN CAST(cents AS ${d.doubleType}) / CAST(base AS ${d.doubleType}) ELSE 0 END AS share,`,
    `  CASE WHEN base > 0 THEN CAST(cum_including AS ${d.doubleType}) / CAST(base AS ${d.doubleType}) ELSE 0 END AS cumulative_share,`,
    classCase,
    `  cents <= 0 AS non_positive`,
    `FROM shares`,
    `ORDER BY rank_no`,
  ].join('\n');
  return `${header}\nWITH\n${ctes.join(',\n')}\n${body};\n`;
}
