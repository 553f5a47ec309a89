/**
 * `--engine duckdb`: the SQL of src/sql run in-process by DuckDB (`@duckdb/node-api`, an optional
 * dependency, loaded only when asked for) over CSV or Parquet files, globs allowed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError, UsageError, InputFileError } from '../errors.js';
import { tr, type Lang } from '../i18n.js';
import type { DialectRules } from '../sql/dialect.js';
import { getDialect } from '../sql/dialect.js';
import type { Io } from './context.js';
import type { DateOrder, DecimalMark } from './read-table.js';
import { runFilesOf } from './run-files.js';

/** The smallest surface of @duckdb/node-api that we use. */
interface DuckConnection {
  runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): Record<string, unknown>[] }>;
  run(sql: string): Promise<DuckMaterialized>;
  closeSync?(): void;
}

/** A materialized result, read chunk by chunk and column by column (the columnar API). */
interface DuckMaterialized {
  columnNames(): string[];
  readonly chunkCount: number;
  getChunk(index: number): { readonly rowCount: number; getColumnValues(column: number): unknown[] };
}

export const DUCKDB_INSTALL = 'npm install @duckdb/node-api';

/**
 * Opens an in-memory DuckDB connection. Exit 64 (usage) when the package is not installed: the
 * option asked for an engine that this installation does not have; the message names the command.
 */
export async function openDuckDb(lang: Lang): Promise<DuckConnection> {
  let api: { DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<DuckConnection> }> } };
  try {
    api = (await import('@duckdb/node-api')) as unknown as typeof api;
  } catch {
    throw new UsageError(
      tr(lang, {
        en: `--engine duckdb: DuckDB is not installed (the optional package @duckdb/node-api); install it with \`${DUCKDB_INSTALL}\` next to prospect, or leave out --engine.`,
        fr: `--engine duckdb : DuckDB n'est pas installé (le paquet optionnel @duckdb/node-api) ; installez-le avec \`${DUCKDB_INSTALL}\` à côté de prospect, ou retirez --engine.`,
      }),
    );
  }
  const instance = await api.DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  // Every core (DuckDB's default), spilling to a private temporary folder removed at exit rather
  // than to `.tmp` in the working folder; no row order kept where the SQL does not ask for one
  // (less memory on large inputs: every final query has its ORDER BY).
  const spill = mkdtempSync(join(tmpdir(), 'prospect-duckdb-'));
  process.once('exit', () => rmSync(spill, { recursive: true, force: true }));
  await db.run(`SET temp_directory = ${literal(spill)}`);
  await db.run('SET preserve_insertion_order = false');
  return db;
}

/** A SQL string literal for a path or glob (DuckDB: quotes doubled). */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The files a path or glob names, by DuckDB's own glob (what read_csv/read_parquet will read),
 * each registered as an input of the run: no output of the run may be written over one of them.
 */
export async function listFiles(db: DuckConnection, pattern: string, lang: Lang, io?: Io): Promise<string[]> {
  const reader = await db.runAndReadAll(`SELECT file FROM glob(${literal(pattern)}) ORDER BY file`);
  const files = reader.getRowObjectsJS().map((r) => String(r.file));
  if (io !== undefined) for (const file of files) runFilesOf(io).addInput(io, file);
  if (files.length === 0)
    throw new InputFileError(
      tr(lang, {
        en: `${pattern}: no such file (or no file matches the pattern); give a CSV or Parquet file, or a glob such as orders/*.parquet.`,
        fr: `${pattern} : aucun fichier de ce nom (ou aucun ne correspond au motif) ; donnez un fichier CSV ou Parquet, ou un motif comme commandes/*.parquet.`,
      }),
    );
  return files;
}

/** How the CSV reader understood a file: delimiter, and per field its column, decimal mark, date order. */
export interface CsvLayout {
  delimiter: string;
  columns: Record<string, { header: string; decimal?: DecimalMark; dateOrder?: DateOrder }>;
}

/** The DuckDB expression that reads a text cell as a date the way the file writes it. */
function dateExpression(cell: string, order: DateOrder | undefined): string {
  const formats =
    order === 'mdy'
      ? ['%m/%d/%Y', '%m-%d-%Y', '%m.%d.%Y']
      : order === 'dmy'
        ? ['%d/%m/%Y', '%d-%m-%Y', '%d.%m.%Y']
        : ['%Y/%m/%d'];
  return `COALESCE(TRY_CAST(${cell} AS DATE), TRY_CAST(TRY_STRPTIME(${cell}, [${formats.map(literal).join(', ')}]) AS DATE))`;
}

/** The DuckDB expression that reads a text cell as an exact decimal: spaces and the thousands mark out. */
function numberExpression(cell: string, decimal: DecimalMark | undefined): string {
  const bare = `REGEXP_REPLACE(${cell}, '[\\s\\x{00A0}\\x{202F}''€$£]', '', 'g')`;
  const dotted =
    decimal === ',' ? `REPLACE(REPLACE(${bare}, '.', ''), ',', '.')` : `REPLACE(${bare}, ',', '')`;
  return `TRY_CAST(${dotted} AS DECIMAL(38, 6))`;
}

/**
 * Creates the view `source` over CSV files (as text, parsed the way prospect's reader understood
 * the first file) with one column per field, named as the field. Returns the dialect to use.
 */
export async function createCsvSource(
  db: DuckConnection,
  pattern: string,
  layout: CsvLayout,
  types: Record<string, 'text' | 'date' | 'number'>,
): Promise<DialectRules> {
  const select = Object.entries(types).map(([field, type]) => {
    const col = layout.columns[field];
    if (col === undefined) return `NULL AS "${field}"`;
    const cell = `"${col.header.replace(/"/g, '""')}"`;
    const expr =
      type === 'date'
        ? dateExpression(cell, col.dateOrder)
        : type === 'number'
          ? numberExpression(cell, col.decimal)
          : cell;
    return `${expr} AS "${field}"`;
  });
  await db.run(
    `CREATE OR REPLACE VIEW source AS SELECT ${select.join(', ')} FROM read_csv(${literal(pattern)}, header = true, all_varchar = true, delim = ${literal(layout.delimiter)}, union_by_name = true)`,
  );
  return getDialect('duckdb') as DialectRules;
}

/** The strptime format of a date cell as the file writes it, from one sample; undefined if unsure. */
function dateFormatOf(sample: string, order: DateOrder | undefined): string | null | undefined {
  const dayFirst = /^\d{1,2}([/.-])\d{1,2}\1\d{4}$/.exec(sample);
  if (dayFirst !== null && (order === 'dmy' || order === 'mdy')) {
    const sep = dayFirst[1] as string;
    return order === 'dmy' ? `%d${sep}%m${sep}%Y` : `%m${sep}%d${sep}%Y`;
  }
  const yearFirst = /^\d{4}([/.-])\d{1,2}\1\d{1,2}$/.exec(sample);
  if (yearFirst !== null && (order === undefined || order === 'ymd'))
    return yearFirst[1] === '-' ? null : `%Y${yearFirst[1] as string}%m${yearFirst[1] as string}%d`;
  return undefined;
}

/**
 * Creates the view `source` over CSV files with the columns typed by DuckDB's own reader: amounts
 * as DECIMAL(18, 6) with the file's decimal mark, dates with the file's format (from the first
 * non-empty date cell), the others as text. Several times cheaper than parsing text cells in SQL
 * (createCsvSource). Returns false, creating nothing, when one decimal mark or one date format
 * cannot describe the file (the caller then reads it as text). A cell the typed read cannot parse
 * (a thousands separator, a currency sign) makes the first query fail with a Conversion Error:
 * the caller then falls back to the text view, so no row is ever dropped or read differently.
 * `rowOrder` (client tables, as createCsvClientSource): the view `source_rows`, numbered in file
 * order as `row_no`, and `source` over it (no row of a typed read has an unreadable number).
 */
export async function createTypedCsvSource(
  db: DuckConnection,
  pattern: string,
  layout: CsvLayout,
  types: Record<string, 'text' | 'date' | 'number'>,
  options: { rowOrder?: boolean } = {},
): Promise<boolean> {
  const fields = Object.entries(types).filter(([field]) => layout.columns[field] !== undefined);
  const marks = new Set(
    fields.filter(([, t]) => t === 'number').map(([f]) => layout.columns[f]?.decimal ?? '.'),
  );
  const dates = fields.filter(([, t]) => t === 'date');
  if (marks.size > 1 || dates.length > 1) return false;
  const base = `${literal(pattern)}, header = true, all_varchar = true, delim = ${literal(layout.delimiter)}, union_by_name = true`;
  let dateFormat: string | null | undefined = null;
  const [dateField] = dates[0] ?? [];
  if (dateField !== undefined) {
    const col = layout.columns[dateField] as CsvLayout['columns'][string];
    const cell = `"${col.header.replace(/"/g, '""')}"`;
    const sample = await db.runAndReadAll(
      `SELECT TRIM(${cell}) AS d FROM read_csv(${base}) WHERE NULLIF(TRIM(${cell}), '') IS NOT NULL LIMIT 1`,
    );
    const first = sample.getRowObjectsJS()[0]?.d;
    dateFormat = first === undefined ? null : dateFormatOf(String(first), col.dateOrder);
    if (dateFormat === undefined) return false;
  }
  const typed = fields
    .filter(([, t]) => t !== 'text')
    .map(
      ([f, t]) =>
        `${literal(layout.columns[f]?.header as string)}: '${t === 'date' ? 'DATE' : 'DECIMAL(18, 6)'}'`,
    );
  const read = [
    base,
    ...(marks.has(',') ? [`decimal_separator = ','`] : []),
    ...(dateFormat ? [`dateformat = ${literal(dateFormat)}`] : []),
    ...(typed.length > 0 ? [`types = {${typed.join(', ')}}`] : []),
  ];
  const select = Object.keys(types).map((field) => {
    const col = layout.columns[field];
    return col === undefined ? `NULL AS "${field}"` : `"${col.header.replace(/"/g, '""')}" AS "${field}"`;
  });
  if (options.rowOrder) {
    await db.run(
      `CREATE OR REPLACE VIEW source_rows AS SELECT ${select.join(', ')}, ROW_NUMBER() OVER () AS row_no FROM read_csv(${read.join(', ')})`,
    );
    await db.run('CREATE OR REPLACE VIEW source AS SELECT * FROM source_rows');
    return true;
  }
  await db.run(
    `CREATE OR REPLACE VIEW source AS SELECT ${select.join(', ')} FROM read_csv(${read.join(', ')})`,
  );
  return true;
}

/** Whether a DuckDB error is a cell that a typed read could not convert. */
export function isConversionError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /^(Conversion|Invalid Input) Error/.test(text);
}

/**
 * Creates the view `source` over Parquet files: each field from the column named by --map, or
 * else the column whose name is the field's snake_case name (client_id, order_date, amount).
 */
export async function createParquetSource(
  db: DuckConnection,
  pattern: string,
  fields: Record<string, string[]>,
  map: Record<string, string> | undefined,
  lang: Lang,
  options: { optional?: readonly string[]; rowOrder?: boolean } = {},
): Promise<Map<string, string>> {
  const described = await runQuery(
    db,
    `DESCRIBE SELECT * FROM read_parquet(${literal(pattern)}, union_by_name = true)`,
    { file: pattern, lang },
  );
  const names = described.map((r) => String(r.column_name));
  const select: string[] = [];
  const columns = new Map<string, string>();
  for (const [field, candidates] of Object.entries(fields)) {
    const wanted = map?.[field];
    const found =
      wanted !== undefined
        ? names.find((n) => n === wanted)
        : names.find((n) => candidates.includes(n.toLowerCase()));
    if (found === undefined && wanted === undefined && options.optional?.includes(field)) continue;
    if (found === undefined)
      throw new UsageError(
        tr(lang, {
          en: `${pattern}: no column for ${field}${wanted ? ` (--map ${field}=${wanted})` : ''}; the Parquet columns are ${names.join(', ')}; name it with --map ${field}=COLUMN.`,
          fr: `${pattern} : aucune colonne pour ${field}${wanted ? ` (--map ${field}=${wanted})` : ''} ; les colonnes Parquet sont ${names.join(', ')} ; indiquez-la avec --map ${field}=COLONNE.`,
        }),
      );
    select.push(`"${found.replace(/"/g, '""')}" AS "${field}"`);
    columns.set(field, found);
  }
  if (options.rowOrder) select.push('ROW_NUMBER() OVER (ORDER BY filename, file_row_number) AS row_no');
  const read = `read_parquet(${literal(pattern)}, union_by_name = true${options.rowOrder ? ', filename = true, file_row_number = true' : ''})`;
  await db.run(`CREATE VIEW source AS SELECT ${select.join(', ')} FROM ${read}`);
  return columns;
}

/**
 * Creates the views `source_rows` (every row of the CSV files, as text parsed the way prospect's
 * reader understood the first file, numbered in file order as `row_no`) and `source` (the rows
 * whose numbers could be read: a cell that is not empty and not a number leaves its row out, as
 * the reader rejects it). For client files (segment).
 */
export async function createCsvClientSource(
  db: DuckConnection,
  pattern: string,
  layout: CsvLayout,
  types: Record<string, 'text' | 'number'>,
): Promise<void> {
  const select: string[] = [];
  const bad: string[] = [];
  for (const [field, type] of Object.entries(types)) {
    const col = layout.columns[field];
    if (col === undefined) continue;
    const cell = `"${col.header.replace(/"/g, '""')}"`;
    if (type === 'number') {
      select.push(`${numberExpression(cell, col.decimal)} AS "${field}"`);
      bad.push(`(NULLIF(TRIM(${cell}), '') IS NOT NULL AND ${numberExpression(cell, col.decimal)} IS NULL)`);
    } else {
      select.push(`${cell} AS "${field}"`);
    }
  }
  select.push(`${bad.length === 0 ? 'FALSE' : bad.join(' OR ')} AS bad_number`);
  select.push('ROW_NUMBER() OVER () AS row_no');
  await db.run(
    `CREATE OR REPLACE VIEW source_rows AS SELECT ${select.join(', ')} FROM read_csv(${literal(pattern)}, header = true, all_varchar = true, delim = ${literal(layout.delimiter)}, union_by_name = true)`,
  );
  await db.run(
    'CREATE OR REPLACE VIEW source AS SELECT * EXCLUDE (bad_number) FROM source_rows WHERE NOT bad_number',
  );
}

/**
 * Runs a query and returns its rows as plain objects (BIGINT as bigint, DATE as DuckDB values).
 * With `source` (the files read): a file DuckDB cannot read (a corrupt Parquet file, a CSV row it
 * cannot parse, a value that does not convert) is a DataError (65) naming it, not an internal one.
 */
export async function runQuery(
  db: DuckConnection,
  sql: string,
  source?: { file: string; lang: Lang },
): Promise<Record<string, unknown>[]> {
  try {
    const reader = await db.runAndReadAll(sql);
    return reader.getRowObjectsJS();
  } catch (error) {
    throw toDataError(error, source);
  }
}

/** A DuckDB error about the files read as a DataError naming them; any other as it is. */
function toDataError(error: unknown, source: { file: string; lang: Lang } | undefined): unknown {
  const text = error instanceof Error ? error.message : String(error);
  if (source === undefined || !/^(Invalid Input|IO|Conversion|Invalid) Error/.test(text)) return error;
  const first = text.split('\n')[0] as string;
  return new DataError([
    {
      file: source.file,
      message: tr(source.lang, {
        en: `DuckDB cannot read it (${first}); check that the file is complete and of the kind its name says, or leave out --engine.`,
        fr: `DuckDB ne peut pas le lire (${first}) ; vérifiez que le fichier est complet et du type que dit son nom, ou retirez --engine.`,
      }),
    },
  ]);
}

/**
 * Runs a query and returns the named columns of its result as arrays (BIGINT as bigint, DOUBLE as
 * number, VARCHAR as string), read chunk by chunk through the columnar API: for 200 000 clients
 * a third of the CPU of one object per row (measured), and only the columns asked for.
 */
export async function runColumns<K extends string>(
  db: DuckConnection,
  sql: string,
  names: readonly K[],
  source?: { file: string; lang: Lang },
): Promise<Record<K, unknown[]>> {
  let result: DuckMaterialized;
  try {
    result = await db.run(sql);
  } catch (error) {
    throw toDataError(error, source);
  }
  const all = result.columnNames();
  const out = {} as Record<K, unknown[]>;
  const index = names.map((name) => {
    const i = all.indexOf(name);
    if (i < 0) throw new Error(`--engine duckdb: the SQL has no column ${name}.`);
    out[name] = [];
    return i;
  });
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    names.forEach((name, k) => {
      const target = out[name];
      for (const value of chunk.getColumnValues(index[k] as number)) target.push(value);
    });
  }
  return out;
}

/**
 * Refuses a CSV file that is not UTF-8 (DuckDB reads UTF-8 only): a usage error that says how to
 * convert it, rather than a reading error in the middle of the run.
 */
export function requireUtf8(file: string, encoding: string, lang: Lang): void {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') return;
  throw new UsageError(
    tr(lang, {
      en: `${file}: --engine duckdb reads UTF-8 CSV files and this one is ${encoding}; convert it (iconv -f ${encoding} -t utf-8) or leave out --engine.`,
      fr: `${file} : --engine duckdb lit des fichiers CSV en UTF-8 et celui-ci est en ${encoding} ; convertissez-le (iconv -f ${encoding} -t utf-8) ou retirez --engine.`,
    }),
  );
}
