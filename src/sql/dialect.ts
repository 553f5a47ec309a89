/**
 * The SQL dialects `prospect --sql` writes, and every place where they differ, side by side: one
 * function or name per difference (identifier quoting, string literals, types, date difference,
 * string concatenation, integer division). Pure: no I/O.
 */

export const SQL_DIALECTS = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

export interface DialectRules {
  name: SqlDialect;
  /** A quoted identifier (a column name from --map, an output column). */
  quoteIdent(name: string): string;
  /** A string literal. */
  stringLiteral(text: string): string;
  /** IEEE double precision: every share, quantile and break is computed in this type. */
  doubleType: string;
  /** 64-bit integer: cents and counts. */
  bigintType: string;
  /** Exact decimal wide enough for an amount before it is rounded to the cent. */
  decimalType: string;
  /** Exact decimal with no fraction for products of cents and millionths (up to 10^21). */
  wideIntegerType: string;
  textType: string;
  /**
   * Whole cents of an amount expression: exact decimal, rounded half away from zero, as the file
   * reader does (docs/numbers.md). Defaults to `CAST(ROUND(CAST(x AS decimalType) * 100, 0) AS bigint)`.
   */
  cents(amount: string): string;
  /** Whole days from `from` to `to` (two DATE expressions): `to - from`. */
  daysBetween(from: string, to: string): string;
  /** Concatenation of two text expressions. */
  concat(a: string, b: string): string;
  /** Integer division of two integer expressions, rounded towards zero. */
  integerDivide(a: string, b: string): string;
  /** A text with the characters of `chars` (a string literal) taken off both ends. */
  trimChars(text: string, chars: string): string;
  /** Every match of the regular expression `pattern` (a literal) replaced by `by` (a literal). */
  replaceAll(text: string, pattern: string, by: string): string;
}

const doubleQuoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const backQuoted = (name: string): string => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
/** Standard SQL: a quote is doubled, a backslash is an ordinary character. */
const standardString = (text: string): string => `'${text.replace(/'/g, "''")}'`;
/** BigQuery and Spark read backslash escapes inside string literals (a line break as \\u000a). */
const escapedString = (text: string): string =>
  `'${text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(
      // eslint-disable-next-line no-control-regex -- control characters are what is escaped here
      /[\u0000-\u001f\u007f\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )}'`;

/** The portable cents: the wide exact decimal, then ROUND (half away from zero on decimals). */
const wideCents =
  (decimalType: string, bigintType: string) =>
  (amount: string): string =>
    `CAST(ROUND(CAST(${amount} AS ${decimalType}) * 100, 0) AS ${bigintType})`;

/**
 * DuckDB: DECIMAL(38, 6) is a 128-bit integer whose arithmetic costs about 30 times that of
 * DECIMAL(16, 6) (64-bit; 5.8 s against 0.17 s of CPU for 5 M amounts, measured), so an amount
 * under 10^10 takes the 64-bit path (times 100 it still fits DECIMAL(18, 6)) and any other falls
 * back to the wide one: the same cents for every value (checked on 3 M doubles, texts, decimals).
 */
const duckdbCents = (amount: string): string =>
  `COALESCE(CAST(ROUND(TRY_CAST(${amount} AS DECIMAL(16, 6)) * 100, 0) AS BIGINT), ${wideCents('DECIMAL(38, 6)', 'BIGINT')(amount)})`;

const RULES: Record<SqlDialect, DialectRules> = {
  duckdb: {
    name: 'duckdb',
    quoteIdent: doubleQuoted,
    stringLiteral: standardString,
    doubleType: 'DOUBLE',
    bigintType: 'BIGINT',
    decimalType: 'DECIMAL(38, 6)',
    wideIntegerType: 'DECIMAL(38, 0)',
    textType: 'VARCHAR',
    cents: duckdbCents,
    daysBetween: (from, to) => `DATE_DIFF('day', ${from}, ${to})`,
    concat: (a, b) => `(${a} || ${b})`,
    integerDivide: (a, b) => `(${a} // ${b})`,
    // DuckDB's TRIM with a character list costs ten times a plain read of the cell (about 1 s per
    // million cells): only cells that begin or end with one of the characters go through it.
    trimChars: (text, chars) =>
      `CASE WHEN CONTAINS(${chars}, LEFT(${text}, 1)) OR CONTAINS(${chars}, RIGHT(${text}, 1)) THEN TRIM(${text}, ${chars}) ELSE ${text} END`,
    replaceAll: (text, pattern, by) => `REGEXP_REPLACE(${text}, ${pattern}, ${by}, 'g')`,
  },
  postgres: {
    name: 'postgres',
    quoteIdent: doubleQuoted,
    stringLiteral: standardString,
    doubleType: 'DOUBLE PRECISION',
    bigintType: 'BIGINT',
    decimalType: 'NUMERIC(38, 6)',
    wideIntegerType: 'NUMERIC(38, 0)',
    textType: 'TEXT',
    cents: wideCents('NUMERIC(38, 6)', 'BIGINT'),
    daysBetween: (from, to) => `(${to} - ${from})`,
    concat: (a, b) => `(${a} || ${b})`,
    integerDivide: (a, b) => `(${a} / ${b})`,
    trimChars: (text, chars) => `BTRIM(${text}, ${chars})`,
    replaceAll: (text, pattern, by) => `REGEXP_REPLACE(${text}, ${pattern}, ${by}, 'g')`,
  },
  bigquery: {
    name: 'bigquery',
    quoteIdent: backQuoted,
    stringLiteral: escapedString,
    doubleType: 'FLOAT64',
    bigintType: 'INT64',
    // NUMERIC has a fixed scale of 9 and 38 digits of precision.
    decimalType: 'NUMERIC',
    wideIntegerType: 'NUMERIC',
    textType: 'STRING',
    cents: wideCents('NUMERIC', 'INT64'),
    daysBetween: (from, to) => `DATE_DIFF(${to}, ${from}, DAY)`,
    concat: (a, b) => `CONCAT(${a}, ${b})`,
    integerDivide: (a, b) => `DIV(${a}, ${b})`,
    trimChars: (text, chars) => `TRIM(${text}, ${chars})`,
    replaceAll: (text, pattern, by) => `REGEXP_REPLACE(${text}, ${pattern}, ${by})`,
  },
  snowflake: {
    name: 'snowflake',
    quoteIdent: doubleQuoted,
    stringLiteral: standardString,
    doubleType: 'DOUBLE',
    bigintType: 'BIGINT',
    decimalType: 'NUMBER(38, 6)',
    wideIntegerType: 'NUMBER(38, 0)',
    textType: 'VARCHAR',
    cents: wideCents('NUMBER(38, 6)', 'BIGINT'),
    daysBetween: (from, to) => `DATEDIFF(day, ${from}, ${to})`,
    concat: (a, b) => `(${a} || ${b})`,
    integerDivide: (a, b) => `TRUNC(${a} / ${b})`,
    trimChars: (text, chars) => `TRIM(${text}, ${chars})`,
    replaceAll: (text, pattern, by) => `REGEXP_REPLACE(${text}, ${pattern}, ${by})`,
  },
  spark: {
    name: 'spark',
    quoteIdent: backQuoted,
    stringLiteral: escapedString,
    doubleType: 'DOUBLE',
    bigintType: 'BIGINT',
    decimalType: 'DECIMAL(38, 6)',
    wideIntegerType: 'DECIMAL(38, 0)',
    textType: 'STRING',
    cents: wideCents('DECIMAL(38, 6)', 'BIGINT'),
    daysBetween: (from, to) => `DATEDIFF(${to}, ${from})`,
    concat: (a, b) => `CONCAT(${a}, ${b})`,
    integerDivide: (a, b) => `(${a} DIV ${b})`,
    trimChars: (text, chars) => `BTRIM(${text}, ${chars})`, // Spark 3.2+
    replaceAll: (text, pattern, by) => `REGEXP_REPLACE(${text}, ${pattern}, ${by})`,
  },
};

/**
 * The rules of a dialect by name, or undefined for an unknown name.
 * @example getDialect('postgres')?.daysBetween('a', 'b') // '(b - a)'
 */
export function getDialect(name: string): DialectRules | undefined {
  return (SQL_DIALECTS as readonly string[]).includes(name) ? RULES[name as SqlDialect] : undefined;
}

/**
 * A number as a double literal that reads back as the same double in every dialect: the
 * shortest text that round-trips (JavaScript's), cast to the dialect's double type.
 * @example buildDoubleLiteral(0.6000000000000001, getDialect('duckdb')!) // 'CAST(0.6000000000000001 AS DOUBLE)'
 */
export function buildDoubleLiteral(value: number, d: DialectRules): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return `CAST(${String(value)} AS ${d.doubleType})`;
}

/** A table name as given (`schema.table`, `project.dataset.table`): plain name parts only. */
export const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_$-]*(\.[A-Za-z_][A-Za-z0-9_$-]*)*$/;
