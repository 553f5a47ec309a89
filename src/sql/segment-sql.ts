/**
 * The SQL that computes what `prospect segment` computes on a client table (DOMAIN.md section 2):
 * the same groups (the --by fields, then the value tier), the same figures (clients, revenue and
 * margin summed in integer cents, shares, margin rate, average revenue, prospects by maturity and
 * the accessibility rate), the same order of rows and the same column names as
 * `prospect segment --format csv`. Pure.
 */
import { nameTiers, type TierSpec } from '../core/segment.js';
import { MATURITY_SPELLINGS, STATUS_SPELLINGS } from '../core/status.js';
import { buildAccentTable, KEY_SPACES } from '../core/fold-key.js';
import { buildDoubleLiteral, type DialectRules } from './dialect.js';

/** How a --by field is read: as text, or as a status or maturity word (normalised). */
export type SegmentKeyKind = 'text' | 'status' | 'maturity';

export interface SegmentSqlOptions {
  /** The table or view, as the dialect names it (checked by the caller). */
  table: string;
  /** The --by fields in order: the output column name, the table's column, how it is read. */
  by: readonly { field: string; column: string; kind: SegmentKeyKind }[];
  /** The table's columns for each field it has; a field without a column is absent. */
  columns: { clientId?: string; status?: string; revenue?: string; margin?: string; maturity?: string };
  tiers?: TierSpec;
  /**
   * A column giving the order of the rows in the file: a repeated client id is then left out
   * after its first row, as prospect's reader does. Without it every row counts.
   */
  rowOrder?: string;
  /** Adds the integer columns --engine duckdb needs for its report (cents, maturity counts). */
  engineColumns?: boolean;
  /**
   * The table `spelled` (one row per spelling of the keys and tier, from buildSpelledSql) exists
   * already: the SQL starts from it instead of reading the rows again (--engine duckdb runs the
   * report and the spellings from one pass over the files).
   */
  spelledTable?: boolean;
}

/** JavaScript's String.prototype.trim() characters: what prospect's reader takes off a cell. */
const JS_SPACES = KEY_SPACES;

/** A cell as prospect reads it: text, trimmed as JavaScript trims, empty as NULL. */
function buildCell(d: DialectRules, column: string): string {
  const trimmed = d.trimChars(`CAST(${d.quoteIdent(column)} AS ${d.textType})`, d.stringLiteral(JS_SPACES));
  return `NULLIF(${trimmed}, '')`;
}

/** normaliseLabel in SQL: accents off, lower case, every run of other characters one space, trimmed. */
function buildLabel(d: DialectRules, cell: string): string {
  const { from, to } = buildAccentTable();
  const bare = `LOWER(TRANSLATE(${cell}, ${d.stringLiteral(from)}, ${d.stringLiteral(to)}))`;
  return `TRIM(${d.replaceAll(bare, "'[^a-z0-9]+'", "' '")})`;
}

/**
 * foldKey (src/core/fold-key.ts) in SQL, on a trimmed cell: every run of spaces one space, accents
 * off (the same TRANSLATE table as the status words), then LOWER, character by character.
 */
function buildFolded(d: DialectRules, cell: string): string {
  const { from, to } = buildAccentTable();
  const spaced = d.replaceAll(cell, d.stringLiteral(`[${KEY_SPACES}]+`), "' '");
  return `LOWER(TRANSLATE(${spaced}, ${d.stringLiteral(from)}, ${d.stringLiteral(to)}))`;
}

/** CASE WHEN label IN (spellings...) THEN word, one line per word, ELSE `otherwise`. */
function buildWordCase(
  d: DialectRules,
  label: string,
  spellings: ReadonlyMap<string, string>,
  otherwise: string,
): string {
  const words = new Map<string, string[]>();
  for (const [spelling, word] of spellings) words.set(word, [...(words.get(word) ?? []), spelling]);
  return [
    `CASE`,
    ...[...words].map(
      ([word, list]) =>
        `      WHEN ${label} IN (${list.map((s) => d.stringLiteral(s)).join(', ')}) THEN ${d.stringLiteral(word)}`,
    ),
    `      ELSE ${otherwise}`,
    `    END`,
  ].join('\n');
}

/** Cents of an amount column: exact decimal, rounded half away from zero (docs/numbers.md). */
function buildCents(d: DialectRules, column: string): string {
  return d.cents(d.quoteIdent(column));
}

/** The CTEs of the segment SQL (`kept` rows, `tier_bounds` with tiers, `tiered`, `grouped`). */
function buildCtes(d: DialectRules, o: SegmentSqlOptions): { header: string[]; ctes: string[] } {
  const { header, ctes, spelledAt } = buildAllCtes(d, o);
  return { header, ctes: o.spelledTable ? ctes.slice(spelledAt + 1) : ctes };
}

/**
 * The SQL that creates the table `spelled` (for spelledTable): `CREATE TEMP TABLE spelled AS`
 * followed by this query, in DuckDB.
 */
export function buildSpelledSql(d: DialectRules, o: SegmentSqlOptions): string {
  const { ctes, spelledAt } = buildAllCtes(d, o);
  return `WITH\n${ctes.slice(0, spelledAt + 1).join(',\n')}\nSELECT * FROM spelled\n`;
}

function buildAllCtes(
  d: DialectRules,
  o: SegmentSqlOptions,
): { header: string[]; ctes: string[]; spelledAt: number } {
  const q = d.quoteIdent;
  const c = o.columns;
  const tiers = o.tiers;
  const header: string[] = [
    `-- prospect segment --sql ${d.name}: clients, revenue, margin and prospect maturity per segment (DOMAIN.md section 2).`,
    `-- Table ${o.table}: ${[
      c.clientId && `client id ${q(c.clientId)}`,
      c.status && `status ${q(c.status)}`,
      c.revenue && `revenue ${q(c.revenue)}`,
      c.margin && `margin ${q(c.margin)}`,
      c.maturity && `maturity ${q(c.maturity)}`,
    ]
      .filter(Boolean)
      .join(', ')}${o.by.length > 0 ? `; segments by ${o.by.map((b) => q(b.column)).join(', ')}` : ''}.`,
    ...(c.revenue ? [] : ['-- No revenue column: the revenue figures are NULL.']),
    ...(c.margin ? [] : ['-- No margin column: the margin figures are NULL.']),
    ...(c.maturity ? [] : ['-- No maturity column: the maturity counts are NULL.']),
  ];
  const textCell = (column: string): string => buildCell(d, column);
  // First the cells as text (and the label of each status or maturity word), then the words.
  const words: { name: string; column: string; kind: 'status' | 'maturity' }[] = [
    ...o.by.flatMap((b, i) =>
      b.kind === 'text' ? [] : [{ name: `k${i + 1}`, column: b.column, kind: b.kind }],
    ),
    ...(c.status ? [{ name: 'status_word', column: c.status, kind: 'status' as const }] : []),
    ...(c.maturity ? [{ name: 'maturity_word', column: c.maturity, kind: 'maturity' as const }] : []),
  ];
  // One lookup per distinct (kind, column): a status column that is also a --by field is looked up once.
  const lookups: { name: string; text: string; kind: 'status' | 'maturity'; column: string }[] = [];
  const lookupOf = new Map<string, (typeof lookups)[number]>();
  for (const w of words) {
    const id = `${w.kind}\u0000${w.column}`;
    if (!lookupOf.has(id)) {
      const l = {
        name: `words${lookups.length + 1}`,
        text: `${w.name}_text`,
        kind: w.kind,
        column: w.column,
      };
      lookups.push(l);
      lookupOf.set(id, l);
    }
  }
  const cells = [
    `-- Each cell is read as prospect reads it: as text, trimmed of the spaces JavaScript's trim() takes off`,
    `-- (tab, line breaks, no-break and other Unicode spaces, U+FEFF), an empty cell as NULL: a segment "(empty)".`,
    `-- Revenue and margin: rounded to the cent, half away from zero, through an exact decimal (docs/numbers.md);`,
    `-- an empty one adds 0 to the sums, and the client gets no tier when it is the tier measure.`,
    `cells AS (`,
    `  SELECT`,
    ...o.by.flatMap((b, i) => (b.kind === 'text' ? [`    ${textCell(b.column)} AS k${i + 1},`] : [])),
    ...words.map((w) => `    ${textCell(w.column)} AS ${w.name}_text,`),
    `    ${c.clientId ? textCell(c.clientId) : 'NULL'} AS client_id,`,
    `    ${c.revenue ? buildCents(d, c.revenue) : 'NULL'} AS revenue_cents,`,
    `    ${c.margin ? buildCents(d, c.margin) : 'NULL'} AS margin_cents${o.rowOrder ? ',' : ''}`,
    ...(o.rowOrder ? [`    ${q(o.rowOrder)} AS row_order`] : []),
    `  FROM ${o.table}`,
    `)`,
  ];
  const lookupCtes = lookups.map((l, j) =>
    [
      ...(j === 0
        ? [
            `-- Status and maturity words are normalised as src/core/status.ts does: accents off (TRANSLATE of every`,
            `-- character whose NFD form is an ASCII letter plus combining marks, and of the marks themselves), lower`,
            `-- case, every run of other characters a single space, trimmed (label), then looked up among the known`,
            `-- spellings ('Ancien-Client' -> 'ancien client' -> former). An unknown status is kept as written (its own`,
            `-- segment); an unknown maturity ('?') leaves the row out, as prospect rejects it. Done once per distinct`,
            `-- cell, not per row (a TRANSLATE over a long table costs much per call).`,
          ]
        : []),
      `${l.name} AS (`,
      `  SELECT t, ${buildWordCase(d, 'label', l.kind === 'status' ? STATUS_SPELLINGS : MATURITY_SPELLINGS, l.kind === 'status' ? 't' : "'?'")} AS word`,
      `  FROM (`,
      `    SELECT t, ${buildLabel(d, 't')} AS label`,
      `    FROM (SELECT DISTINCT ${l.text} AS t FROM cells WHERE ${l.text} IS NOT NULL) distinct_cells`,
      `  ) labelled`,
      `)`,
    ].join('\n'),
  );
  const aliasOf = (w: (typeof words)[number]): string =>
    `w${lookups.indexOf(lookupOf.get(`${w.kind}\u0000${w.column}`) as (typeof lookups)[number]) + 1}`;
  const rows = [
    `row_cells AS (`,
    `  SELECT`,
    ...o.by.flatMap((b, i) => (b.kind === 'text' ? [`    c.k${i + 1},`] : [])),
    ...words.map((w) => `    ${aliasOf(w)}.word AS ${w.name},`),
    ...(c.status ? [] : [`    NULL AS status_word,`]),
    ...(c.maturity ? [] : [`    NULL AS maturity_word,`]),
    `    c.client_id, c.revenue_cents, c.margin_cents${o.rowOrder ? ', c.row_order' : ''}`,
    `  FROM cells c`,
    ...lookups.map((l, j) => `  LEFT JOIN ${l.name} w${j + 1} ON w${j + 1}.t = c.${l.text}`),
    `)`,
  ];
  const usable = `(maturity_word IS NULL OR maturity_word <> '?')`;
  const kept = o.rowOrder
    ? [
        `-- Rows left out: an unknown maturity; a client id seen on an earlier usable row (the first row wins,`,
        `-- in file order; rows without a client id are all kept).`,
        `kept AS (`,
        `  SELECT * FROM (`,
        `    SELECT r.*, ROW_NUMBER() OVER (PARTITION BY client_id ORDER BY row_order) AS repeat_no`,
        `    FROM row_cells r`,
        `    WHERE ${usable}`,
        `  ) numbered`,
        `  WHERE client_id IS NULL OR repeat_no = 1`,
        `)`,
      ]
    : [
        `-- Rows left out: an unknown maturity. A table has no file order: prospect leaves out a repeated client id`,
        `-- after its first row, this SQL counts every row (keep one row per client in the table).`,
        `kept AS (`,
        `  SELECT * FROM row_cells WHERE ${usable}`,
        `)`,
      ];
  const ctes = [cells.join('\n'), ...lookupCtes, rows.join('\n'), kept.join('\n')];
  let tierCase = 'NULL';
  if (tiers !== undefined) {
    const measure = tiers.measure === 'margin' ? 'margin_cents' : 'revenue_cents';
    const names = nameTiers(tiers.thresholds !== undefined ? tiers.thresholds.length + 1 : tiers.count);
    let bounds: string[];
    if (tiers.thresholds !== undefined) {
      // Compared in doubles, as prospect compares an amount read as a double with the threshold.
      bounds = [...tiers.thresholds]
        .sort((a, b) => b - a)
        .map((t) => `CAST(${measure} AS ${d.doubleType}) / 100 >= ${buildDoubleLiteral(t, d)}`);
    } else {
      const count = tiers.count;
      ctes.push(
        [
          `-- Tiers of equal counts by ${tiers.measure}: the clients with a ${tiers.measure} sorted from high to low; tier i's lower`,
          `-- bound is the value at position max(1, round(n i / ${count})) (half up), for i = 1..${count - 1}: floor((2 n i + ${count}) / ${2 * count}),`,
          `-- exact in doubles (a whole number, or at least 1/${2 * count} away from one).`,
          `-- A client is in the first tier whose bound it reaches, so equal values share a tier.`,
          `tier_sorted AS (`,
          `  SELECT ${measure} AS m,`,
          `    ROW_NUMBER() OVER (ORDER BY ${measure} DESC) AS pos,`,
          `    COUNT(*) OVER () AS n`,
          `  FROM kept`,
          `  WHERE ${measure} IS NOT NULL`,
          `)`,
        ].join('\n'),
        [
          `tier_bounds AS (`,
          `  SELECT`,
          Array.from(
            { length: count - 1 },
            (_, i) =>
              `    MAX(CASE WHEN pos = GREATEST(1, FLOOR(CAST(2 * n * ${i + 1} + ${count} AS ${d.doubleType}) / ${2 * count})) THEN m END) AS b${i + 1}`,
          ).join(',\n'),
          `  FROM tier_sorted`,
          `)`,
        ].join('\n'),
      );
      bounds = Array.from({ length: count - 1 }, (_, i) => `${measure} >= b.b${i + 1}`);
    }
    tierCase = [
      `CASE`,
      `      WHEN ${measure} IS NULL THEN NULL`,
      ...bounds.map((b, i) => `      WHEN ${b} THEN ${i}`),
      `      ELSE ${names.length - 1}`,
      `    END`,
    ].join('\n');
  }
  const fromBounds = tiers !== undefined && tiers.thresholds === undefined ? ' CROSS JOIN tier_bounds b' : '';
  const prospect = c.status ? `status_word IN ('prospect', 'lead')` : `1 = 1`;
  const countWord = (word: string | null): string =>
    `SUM(CASE WHEN ${prospect} AND ${word === null ? 'maturity_word IS NULL' : `maturity_word = '${word}'`} THEN 1 ELSE 0 END)`;
  const folds = o.by.map((_b, i) => `f${i + 1}`);
  const spellings = o.by.map((_b, i) => `k${i + 1}`);
  ctes.push(
    [`tiered AS (`, `  SELECT k.*, ${tierCase} AS tier_no`, `  FROM kept k${fromBounds}`, `)`].join('\n'),
    [
      `-- Sums in integer cents per spelling of the keys; maturity counted over ${c.status ? 'the prospects and leads (status prospect or lead)' : 'every client (no status column)'}.`,
      `spelled AS (`,
      `  SELECT ${[...spellings, 'tier_no'].join(', ')},`,
      `    COUNT(*) AS clients,`,
      `    SUM(COALESCE(revenue_cents, 0)) AS revenue_cents,`,
      `    SUM(COALESCE(margin_cents, 0)) AS margin_cents,`,
      `    ${countWord('arid')} AS arid,`,
      `    ${countWord('latent')} AS latent,`,
      `    ${countWord('active')} AS active,`,
      `    ${countWord(null)} AS no_maturity${o.rowOrder ? ',' : ''}`,
      ...(o.rowOrder ? [`    MIN(row_order) AS first_row`] : []),
      `  FROM tiered`,
      `  GROUP BY ${[...spellings, 'tier_no'].join(', ')}`,
      `)`,
    ].join('\n'),
  );
  const spelledAt = ctes.length - 1;
  ctes.push(
    ...o.by.map((_b, i) =>
      [
        ...(i === 0
          ? [
              `-- Group keys compared folded (src/core/fold-key.ts): runs of spaces one space, accents off, lower case;`,
              `-- 'Industrie', 'INDUSTRIE' and 'industrie  ' are one group. Folded once per distinct spelling.`,
            ]
          : []),
        `folds_k${i + 1} AS (`,
        `  SELECT k, ${buildFolded(d, 'k')} AS f`,
        `  FROM (SELECT DISTINCT k${i + 1} AS k FROM spelled WHERE k${i + 1} IS NOT NULL) distinct_keys`,
        `)`,
      ].join('\n'),
    ),
    [
      `folded AS (`,
      `  SELECT s.*${o.by.map((_b, i) => `, o${i + 1}.f AS f${i + 1}`).join('')}`,
      `  FROM spelled s`,
      ...o.by.map((_b, i) => `  LEFT JOIN folds_k${i + 1} o${i + 1} ON o${i + 1}.k = s.k${i + 1}`),
      `)`,
    ].join('\n'),
    ...o.by.map((_b, i) =>
      [
        `-- The spelling shown for each folded ${q(o.by[i]?.field ?? '')}: the most frequent, ties: ${o.rowOrder ? 'the first seen in file order' : 'the first in binary order (a table has no file order)'}.`,
        `shown_k${i + 1} AS (`,
        `  SELECT f, shown FROM (`,
        `    SELECT f${i + 1} AS f, k${i + 1} AS shown,`,
        `      ROW_NUMBER() OVER (PARTITION BY f${i + 1} ORDER BY SUM(clients) DESC, ${o.rowOrder ? 'MIN(first_row)' : `k${i + 1}`}) AS pick`,
        `    FROM folded`,
        `    WHERE f${i + 1} IS NOT NULL`,
        `    GROUP BY f${i + 1}, k${i + 1}`,
        `  ) s`,
        `  WHERE pick = 1`,
        `)`,
      ].join('\n'),
    ),
    [
      `-- One row per folded key and tier.`,
      `grouped AS (`,
      `  SELECT ${[...folds, 'tier_no'].join(', ')},`,
      `    SUM(clients) AS clients,`,
      `    SUM(revenue_cents) AS revenue_cents,`,
      `    SUM(margin_cents) AS margin_cents,`,
      `    SUM(arid) AS arid,`,
      `    SUM(latent) AS latent,`,
      `    SUM(active) AS active,`,
      `    SUM(no_maturity) AS no_maturity`,
      `  FROM folded`,
      `  GROUP BY ${[...folds, 'tier_no'].join(', ')}`,
      `  HAVING SUM(clients) > 0`,
      `)`,
    ].join('\n'),
    [
      `totals AS (`,
      `  SELECT SUM(clients) AS clients, SUM(revenue_cents) AS revenue_cents, SUM(margin_cents) AS margin_cents`,
      `  FROM grouped`,
      `)`,
    ].join('\n'),
  );
  return { header, ctes, spelledAt };
}

/**
 * The SQL of `prospect segment`, with comments that state each rule.
 * @example buildSegmentSql(getDialect('postgres')!, { table: 'clients', by: [{ field: 'sector', column: 'sector', kind: 'text' }], columns: { clientId: 'client_id', revenue: 'revenue' } })
 */
export function buildSegmentSql(d: DialectRules, o: SegmentSqlOptions): string {
  const { header, ctes } = buildCtes(d, o);
  const q = d.quoteIdent;
  const c = o.columns;
  const dbl = (x: string): string => `CAST(${x} AS ${d.doubleType})`;
  const tiers = o.tiers;
  const names = tiers
    ? nameTiers(tiers.thresholds !== undefined ? tiers.thresholds.length + 1 : tiers.count)
    : [];
  const keys = o.by.map((_b, i) => `n${i + 1}.shown`);
  const maturity = (x: string): string => (c.maturity ? x : 'NULL');
  const select = [
    ...o.by.map((b, i) => `  n${i + 1}.shown AS ${q(b.field)},`),
    ...(tiers
      ? [
          `  CASE g.tier_no ${names.map((n, i) => `WHEN ${i} THEN ${d.stringLiteral(n)}`).join(' ')} END AS ${q('tier')},`,
        ]
      : []),
    `  g.clients AS ${q('clients')},`,
    `  ${dbl('g.clients')} / ${dbl('t.clients')} AS ${q('clientShare')},`,
    `  ${c.revenue ? `${dbl('g.revenue_cents')} / 100` : 'NULL'} AS ${q('revenue')},`,
    `  ${c.revenue ? `CASE WHEN t.revenue_cents = 0 THEN 0 ELSE ${dbl('g.revenue_cents')} / ${dbl('t.revenue_cents')} END` : 'NULL'} AS ${q('revenueShare')},`,
    `  ${c.margin ? `${dbl('g.margin_cents')} / 100` : 'NULL'} AS ${q('margin')},`,
    `  ${c.margin && c.revenue ? `CASE WHEN g.revenue_cents = 0 THEN NULL ELSE ${dbl('g.margin_cents')} / ${dbl('g.revenue_cents')} END` : 'NULL'} AS ${q('marginRate')},`,
    `  ${c.revenue ? `${dbl('g.revenue_cents')} / 100 / g.clients` : 'NULL'} AS ${q('averageRevenue')},`,
    `  ${maturity('g.arid')} AS ${q('arid')},`,
    `  ${maturity('g.latent')} AS ${q('latent')},`,
    `  ${maturity('g.active')} AS ${q('active')},`,
    `  ${maturity(`CASE WHEN g.arid + g.latent + g.active = 0 THEN NULL ELSE ${dbl('g.active')} / ${dbl('g.arid + g.latent + g.active')} END`)} AS ${q('accessibilityRate')}${o.engineColumns ? ',' : ''}`,
    ...(o.engineColumns
      ? [
          `  g.revenue_cents, g.margin_cents, g.arid AS arid_count, g.latent AS latent_count,`,
          `  g.active AS active_count, g.no_maturity AS no_maturity_count`,
        ]
      : []),
  ];
  // Empty last, written without NULLS LAST (which not every grammar reads): a 0/1 key first.
  const nullsLast = (x: string): string[] => [`CASE WHEN ${x} IS NULL THEN 1 ELSE 0 END`, x];
  const order = tiers
    ? [...keys.flatMap((k) => nullsLast(k)), ...nullsLast('g.tier_no')]
    : ['g.revenue_cents DESC', 'g.clients DESC', ...keys.flatMap((k) => nullsLast(k))];
  const body = [
    `-- One row per segment; shares of the totals (0 when a total is 0), margin rate = margin / revenue (NULL when`,
    `-- the revenue is 0), accessibility = active / (arid + latent + active) over the prospects with a maturity.`,
    `-- Order: ${tiers ? 'by the --by values (binary order, empty last), then tier from the highest (no tier last)' : 'revenue descending, then clients descending, then the --by values (binary order, empty last)'}.`,
    `SELECT`,
    ...select,
    `FROM grouped g CROSS JOIN totals t`,
    ...o.by.map((_b, i) => `LEFT JOIN shown_k${i + 1} n${i + 1} ON n${i + 1}.f = g.f${i + 1}`),
    `ORDER BY ${order.join(', ')}`,
  ];
  return `${header.join('\n')}\nWITH\n${ctes.join(',\n')}\n${body.join('\n')};\n`;
}

/** The tier bounds that the SQL computes, in cents (one row b1..b(n-1)): for --engine's report. */
export function buildTierBoundsSql(d: DialectRules, o: SegmentSqlOptions): string | undefined {
  if (o.tiers === undefined || o.tiers.thresholds !== undefined) return undefined;
  const { ctes } = buildCtes(d, o);
  return `WITH\n${ctes.join(',\n')}\nSELECT * FROM tier_bounds;\n`;
}

/**
 * For --engine duckdb's warning: every spelling of a --by key whose folded form has several, with
 * its number of clients and its first row (`field_no` 1-based; needs `rowOrder`).
 */
export function buildSpellingsSql(d: DialectRules, o: SegmentSqlOptions): string | undefined {
  if (o.by.length === 0 || o.rowOrder === undefined) return undefined;
  const { ctes } = buildCtes(d, o);
  const parts = o.by.map((_b, i) =>
    [
      `  SELECT ${i + 1} AS field_no, f${i + 1} AS f, k${i + 1} AS spelling, SUM(clients) AS clients,`,
      `    MIN(first_row) AS first_row,`,
      `    MIN(MIN(first_row)) OVER (PARTITION BY f${i + 1}) AS group_first,`,
      `    COUNT(*) OVER (PARTITION BY f${i + 1}) AS spellings`,
      `  FROM folded`,
      `  WHERE f${i + 1} IS NOT NULL`,
      `  GROUP BY f${i + 1}, k${i + 1}`,
    ].join('\n'),
  );
  return [
    `WITH`,
    `${ctes.join(',\n')}`,
    `SELECT field_no, f, spelling, clients FROM (`,
    parts.join('\n  UNION ALL\n'),
    `) s`,
    `WHERE spellings > 1`,
    `ORDER BY field_no, group_first, first_row;`,
    ``,
  ].join('\n');
}
