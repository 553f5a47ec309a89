/**
 * The one entry through which every analysis command reads a CSV file (see table-contract.md):
 * encodings, separators, locale numbers and dates, column mapping, rejects with line and reason.
 * Streamed: memory holds a sample of the first rows and the batch in progress, never the file.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { normaliseMaturity, normaliseStatus } from '../core/status.js';
import { DataError, inBoth, InputFileError, UsageError, type InputProblem } from '../errors.js';
import { tr, type Lang, type Texts } from '../i18n.js';
import { fieldLabel, formatRowCounts } from '../render/words.js';
import type { Context, Io } from './context.js';
import type { ReadProgress } from './progress.js';
import { rejectsFileFor, type RejectsPart } from './rejects-file.js';
import { runFilesOf } from './run-files.js';
import { openParquetInput } from './read-parquet.js';
import {
  CellCutter,
  CsvScanner,
  detectDelimiter,
  FieldTooLongError,
  RAW,
  fieldText,
  RecordScanner,
  recordCells,
  scanCsv,
  type RecordLane,
  type RecordView,
} from './csv-scanner.js';
import { Columns, isAsciiSpace, PENDING_KEY, PlainRecords, type LaneField } from './column-batch.js';
import { hashBytes, KeyTable } from './key-table.js';
import { growTypedArray } from '../core/typed-arrays.js';
import { checkEncodingLabel, guessEncoding, TextStreamDecoder, type EncodingName } from './decode-text.js';
import { readColumnsFile } from './read-columns-file.js';
import {
  closestHeaders,
  canonicalField,
  exampleHeaders,
  FIELD_SYNONYMS,
  isNearHeader,
  mapColumnsExplained,
  type ColumnChoice,
} from './map-columns.js';
import {
  crmProfileIds,
  detectCrmProfile,
  findCrmProfile,
  profileColumns,
  type CrmProfile,
} from './crm-profiles.js';
import { isFooterMarker, isTotalRow, isTrailerRow, startsWithTotalWord } from './report-footers.js';
import { recordWarning, warn } from './warnings.js';
import { openWorkbookInput, type SheetDetection } from './read-xlsx.js';
import { FILE_KINDS, projectHeaders, type FileKind, type ProjectSettings } from './project-file.js';
import { detectDateOrder, explainDate, parseDateBytes, parseDateText, type DateOrder } from './parse-date.js';
import {
  detectDecimalMark,
  explainNumber,
  explainRate,
  parseLocaleNumber,
  parsePlainNumber,
  parseRateText,
  type DecimalMark,
} from './parse-number.js';
import { AmountRange, MONEY_FIELDS } from './amount-range.js';
import { recordInputRows, type InputKind } from './row-counts.js';
import {
  compileWhere,
  isWhereTarget,
  whereFlags,
  whereTargetName,
  type RowFilter,
  type WhereClause,
} from './where-filter.js';

export type { DecimalMark } from './parse-number.js';
export type { DateOrder } from './parse-date.js';

/**
 * How a field's cells are read. `status` gives `client`/`former`/`prospect`/`lead` (or the text as
 * written when it is none of them); `maturity` gives `arid`/`latent`/`active` (else the row is
 * rejected); `date` an integer day number; `rate` a fraction.
 */
export type FieldType = 'text' | 'number' | 'rate' | 'date' | 'integer' | 'status' | 'maturity';

export interface FieldSpec {
  /** Canonical field name (clientId, revenue, orderDate, amount, status...) or a header's name. */
  field: string;
  type: FieldType;
  /** `true`: the column must exist (else a DataError listing required fields and closest
   * headers) and every row must have a value (else the row is rejected). `'column'`: the column
   * must exist, empty cells are allowed (null). */
  required?: boolean | 'column';
  /** Values must not repeat (client ids in a client file): later repeats are rejected. */
  unique?: boolean;
  /** A number field holding money: rounded to the cent and kept in exact range (amount-range.ts).
   * Default: true for the number fields amount, revenue, margin and potential. */
  money?: boolean;
}

export interface ReadOptions {
  /** The run's language: reject reasons, the `.xlsx` reader's notes (English when absent). */
  lang?: Lang;
  encoding?: string;
  delimiter?: string;
  decimal?: DecimalMark;
  dateFormat?: DateOrder;
  /** field -> header, from `--map` (wins over `columnsFile`). */
  map?: Record<string, string>;
  /** A YAML mapping file (`--columns`): `field: Header` lines, or under a `columns:` key. */
  columnsFile?: string;
  /** A CRM profile forced by `--crm` (crm-profiles.ts); else detected from the headers. */
  crm?: string;
  strict?: boolean;
  rejectsFile?: string;
  /** The project file (prospect.yaml): its column headers (the kind's first) map the fields that
   * `--map` and `--columns` leave unset, where the file has them; its sheet of the kind is read
   * unless `--sheet` names one. */
  project?: ProjectSettings;
  /** `--sheet NAME`: the sheet of an `.xlsx` workbook (else the first). */
  sheet?: string;
  /** A note on stderr, for what the `.xlsx` reader tells (in `lang`). */
  note?: (text: Texts) => void;
  /** Makes the progress display of a read (given the file's name as messages show it), or
   * undefined for none; told after every chunk, stopped when the rows are read. */
  progress?: (name: string) => ReadProgress | undefined;
  /** What the file is, for the `inputs` of the JSON output (src/io/row-counts.ts); default `table`. */
  kind?: InputKind;
  /** `--where`, `--from`, `--to` (where-filter.ts): rows of the run's main file (the first file
   * read with them) that fail a clause are counted as filtered, neither used nor rejected. */
  where?: readonly WhereClause[];
  /** Tests only: the size of the chunks a file is read in (default 64 KiB), to put chunk
   * boundaries anywhere. The result must not depend on it. */
  chunkBytes?: number;
}

/**
 * Rows as columns, the fast way through millions of rows: typed arrays, one entry per row used
 * (rejected rows are left out). Valid until the next batch is asked for: the arrays are reused.
 */
export interface ColumnBatch {
  /** Rows in the batch; the arrays may be longer, read the first `length` entries. */
  readonly length: number;
  /** The 1-based line where each row starts. */
  readonly lines: Int32Array;
  /** A number, integer, rate or date field (dates as day numbers): NaN for an empty cell. */
  numbers(field: string): Float64Array;
  /** A text field (status, maturity: the normalised value): the key of each row's text in
   * `keyTexts(field)`, -1 for an empty cell. */
  keys(field: string): Int32Array;
  /** The text of row `i` of a field read with `texts` (see `columnBatches`), null when empty:
   * made from the row's bytes, not interned. */
  text(field: string, i: number): string | null;
}

/** How `columnBatches` reads its fields. */
export interface ColumnOptions {
  /** Text fields read as texts (`ColumnBatch.text`), not interned as keys: columns of texts
   * that seldom repeat (e-mails), whose keys would keep every distinct text. */
  texts?: readonly string[];
}

/** A parsed cell: number for number/rate/integer, a day number for dates, null when empty. */
export type Value = string | number | null;

export interface ParsedRow {
  /** 1-based physical line where the record starts. */
  line: number;
  /** The spec's fields, parsed. (Field names `__proto__`, `constructor`, `prototype` are refused
   * by openTable; headers never become keys.) */
  values: Record<string, Value>;
  /** Every cell as read (for per-row output). */
  cells: string[];
}

/** What the reader found out about the file, for `inspect` and notes. */
export interface Detection {
  encoding: EncodingName;
  encodingSource: 'flag' | 'detected';
  delimiter: string;
  delimiterSource: 'flag' | 'detected';
  /** The file's decimal mark (columns may each have their own when they show it). */
  decimal: DecimalMark;
  decimalSource: 'flag' | 'detected' | 'default';
  dateOrder: DateOrder;
  dateOrderSource: 'flag' | 'detected' | 'default';
  /** Per mapped field: the decimal mark / date order used for its column. */
  fieldDecimal: Map<string, DecimalMark>;
  fieldDateOrder: Map<string, DateOrder>;
  /** For an `.xlsx` file: the sheet read and where its header was found. */
  sheet?: SheetDetection;
}

export interface Counts {
  read: number;
  used: number;
  rejected: number;
  /** Rows left out on purpose by the command (`setAside`); present only when some were. */
  setAside?: number;
  /** Rows left out by `--where`/`--from`/`--to`; present when the file is filtered. */
  filtered?: number;
  /** Report footers and blank rows (`Total`, `Confidential Information...`, `;;;;`): not data,
   * not rejections. read = used + rejected + skipped. */
  skipped: number;
}

export interface Rejection {
  line: number;
  column?: number;
  reason: string;
}

export interface TableReader {
  /** The path as given (`-` for stdin). */
  /** What the file is (ReadOptions.kind); a command may set it once it knows (orders or clients). */
  kind: InputKind;
  path: string;
  /** The name used in messages (`<stdin>` for `-`). */
  name: string;
  headers: string[];
  /** field -> column index of the mapped header (only the spec's fields that were found). */
  fieldColumns: Map<string, number>;
  /** The fields that several headers claimed, and the header taken (noted by `finish`). */
  choices: readonly ColumnChoice[];
  /** The CRM whose export this is (forced by `--crm`, or detected from the headers), if any. */
  profile: CrmProfile | undefined;
  detection: Detection;
  /** The first data records as read (up to a few thousand), for `inspect`. */
  sample: readonly string[][];
  /** The rows in batches (arrays), the fast way: one `await` per batch, not per row. Once only. */
  batches(): AsyncIterable<ParsedRow[]>;
  /** Calls `onRow` synchronously for every row. Once only. */
  forEachRow(onRow: (row: ParsedRow) => void): Promise<void>;
  /** Row by row (convenient, slower on millions of rows). Once only. */
  rows(): AsyncIterable<ParsedRow>;
  /** The given fields as columns, the fastest way (no object per row); texts are interned as
   * keys. Only these fields are read and checked. Once only. */
  columnBatches(fields: readonly string[], options?: ColumnOptions): AsyncIterable<ColumnBatch>;
  /** The texts of a field read by `columnBatches`, by key (a text seen only on rows rejected
   * later may be there too: use the keys the batches hold). */
  keyTexts(field: string): readonly string[];
  /** Rejects a row the command refuses (after the reader accepted it). */
  reject(row: ParsedRow, reason: string, column?: number): void;
  /** Rejects row `i` of a column batch. */
  rejectRow(batch: ColumnBatch, i: number, reason: string, column?: number): void;
  /** The cells of row `i` of a column batch as the row path gives them, read again from its
   * bytes (for the few rows a command shows, say). */
  cellsOfRow(batch: ColumnBatch, i: number): string[];
  counts(): Counts;
  /** The first rejections (up to 20), for messages. */
  firstRejections(): readonly Rejection[];
  /** What the reader guessed or noticed that a user should know (an encoding guess, a
   * duplicate header), in both languages: `finish` prints them; JSON reports can carry them. */
  warnings(): readonly Texts[];
  /**
   * A valid row the command leaves out on purpose (dated outside the period it covers): neither
   * used nor rejected (not in `--rejects`); `finish` counts such rows apart, named by `why`
   * (a phrase that fits one row or many: "dated outside the period 2027-01-04 - 2027-03-31"), with their first lines.
   */
  setAside(row: ParsedRow, why: Texts): void;
  /** Writes `--rejects` (atomically) and prints "N rows read, N used, N rejected" on stderr. */
  finish(ctx: Context): void;
  /** Drops a half-written `--rejects` temporary file; a no-op after `finish`. */
  discard(): void;
}

/** A record of separators only (`;;;;`): Excel's blank rows after the data, skipped. The same
 * test as the plain-record lane's, so that both ways of reading agree. */
function isBlankRecord(v: RecordView): boolean {
  return v.count > 1 && v.problem === undefined && v.end - v.start === v.count - 1;
}

/** Fields that commands read besides the canonical ones (an activity's `date` and `type`). */
const OTHER_FIELDS: ReadonlySet<string> = new Set(['date', 'type']);

/** Names that would reach Object.prototype through a plain object. */
const RESERVED_FIELDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const PREFIX_BYTES = 256 * 1024;
const CHUNK_BYTES = 64 * 1024; // a batch of rows dies young (see table-contract.md)
const MAX_SAMPLE_RECORDS = 2000;
const FIRST_REJECTIONS = 20;

interface ColumnParser {
  field: string;
  index: number;
  header: string;
  type: FieldType;
  required: boolean;
  unique: Map<string, number> | undefined;
  decimal: DecimalMark;
  dateOrder: DateOrder;
  percentScale: boolean;
  /** status/maturity: the normalised value of each distinct text seen (few distinct values). */
  cache: Map<string, string | undefined> | undefined;
  /** Money: each amount rounded to the cent, their sum kept in exact range. */
  amounts: AmountRange | undefined;
}

/**
 * A string that does not share memory with the text it was cut from: concatenation, then a
 * slice, makes V8 flatten into a new string of its own length.
 */
export function copyString(text: string): string {
  return (' ' + text).slice(1);
}

function describeSource(path: string): string {
  return path === '-' ? '<stdin>' : path;
}

/** The chunks of bytes of a file (or stdin), and its size in bytes when it is a regular file. */
interface Source {
  /** The next chunk, or undefined at the end (the file is closed then). */
  next(): Promise<Uint8Array | undefined>;
  /** Closes the file before its end (a no-op after it). */
  close(): void;
  size: number | undefined;
}

function openError(path: string, error: unknown): InputFileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT')
    return new InputFileError({
      en: `${path}: no such file; expected an existing file; check the path.`,
      fr: `${path} : fichier introuvable ; attendu : un fichier existant ; vérifiez le chemin.`,
    });
  if (code === 'EACCES')
    return new InputFileError({
      en: `${path}: permission denied; expected a readable file; check the file's rights.`,
      fr: `${path} : accès refusé ; attendu : un fichier lisible ; vérifiez les droits du fichier.`,
    });
  return new InputFileError({
    en: `${path}: cannot read the file (${(error as Error).message}).`,
    fr: `${path} : lecture du fichier impossible (${(error as Error).message}).`,
  });
}

function openSource(path: string, io: Io, chunkBytes = CHUNK_BYTES): Source {
  runFilesOf(io).addInput(io, path); // no output of the run may be written over it
  if (path === '-') {
    if (io.stdinIsTTY)
      throw new UsageError({
        en: '-: stdin is a terminal; pipe a CSV file into prospect, or give its path.',
        fr: '- : l’entrée standard est un terminal ; envoyez un fichier CSV à prospect par un tube, ou donnez son chemin.',
      });
    const iterator = io.stdin[Symbol.asyncIterator]() as AsyncIterator<unknown>;
    return {
      size: undefined,
      next: async () => {
        try {
          const r = await iterator.next();
          return r.done ? undefined : toBytes(r.value);
        } catch (error) {
          throw readError('<stdin>', error);
        }
      },
      close: () => undefined,
    };
  }
  const full = resolve(io.cwd, path);
  let fd: number | undefined;
  let size: number | undefined;
  try {
    const stats = statSync(full);
    if (stats.isDirectory())
      throw new InputFileError({
        en: `${path}: is a directory; expected a CSV file.`,
        fr: `${path} : est un dossier ; attendu : un fichier CSV.`,
      });
    size = stats.isFile() ? stats.size : undefined;
    fd = openSync(full, 'r');
  } catch (error) {
    throw error instanceof InputFileError ? error : openError(path, error);
  }
  const close = (): void => {
    if (fd === undefined) return;
    closeSync(fd);
    fd = undefined;
  };
  return {
    size,
    // Read synchronously: the reader has nothing else to do meanwhile, and waiting for the
    // thread pool between chunks left the main thread idle about 3 % of the time (measured).
    next: async () => {
      if (fd === undefined) return undefined;
      const chunk = Buffer.allocUnsafe(chunkBytes);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunkBytes, null);
      } catch (error) {
        close();
        throw readError(path, error);
      }
      if (n === 0) {
        close();
        return undefined;
      }
      return n === chunkBytes ? chunk : chunk.subarray(0, n);
    },
    close,
  };
}

/** Pushes text into a scanner; a record beyond the limit becomes a DataError naming the file. */
function pushChecked<T>(scanner: { push(chunk: T): void }, chunk: T, name: string): void {
  try {
    scanner.push(chunk);
  } catch (error) {
    if (error instanceof FieldTooLongError)
      throw new DataError([{ file: name, line: error.line, message: error.message }]);
    throw error;
  }
}

function readError(path: string, error: unknown): InputFileError {
  const message = error instanceof Error ? error.message : String(error);
  return new InputFileError({
    en: `${path}: cannot read the file (${message}); check the path and its permissions.`,
    fr: `${path} : lecture du fichier impossible (${message}) ; vérifiez le chemin et les droits.`,
  });
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  return Buffer.from(String(chunk), 'utf8');
}

/** The decimal mark most cells show, or undefined. */
const DIGIT = /\d/;
const MARK = /[.,]/;
function voteDecimal(cells: Iterable<string>): DecimalMark | undefined {
  let comma = 0;
  let dot = 0;
  for (const cell of cells) {
    // Without a mark or a digit no cell shows one (most cells of a sample: looked at cheaply).
    if (!MARK.test(cell) || !DIGIT.test(cell) || !Number.isNaN(parseDateText(cell, 'dmy'))) continue;
    const mark = detectDecimalMark(cell);
    if (mark === undefined || Number.isNaN(parseLocaleNumber(cell, mark))) continue;
    if (mark === ',') comma++;
    else dot++;
  }
  if (comma === 0 && dot === 0) return undefined;
  return comma > dot ? ',' : '.';
}

function voteDateOrder(cells: Iterable<string>): DateOrder | undefined {
  let dmy = 0;
  let mdy = 0;
  for (const cell of cells) {
    if (!DIGIT.test(cell)) continue; // not a date: looked at cheaply
    const order = detectDateOrder(cell);
    if (order === 'dmy') dmy++;
    else if (order === 'mdy') mdy++;
  }
  if (dmy === 0 && mdy === 0) return undefined;
  return mdy > dmy ? 'mdy' : 'dmy';
}

function* columnCells(records: readonly string[][], index: number): Generator<string> {
  for (const r of records) {
    const cell = r[index];
    if (cell !== undefined) yield cell.trim();
  }
}

function* allCells(records: readonly string[][]): Generator<string> {
  for (const r of records) for (const cell of r) yield cell.trim();
}

const CHOICE_RULES: Record<ColumnChoice['rule'], Texts> = {
  year: { en: 'the latest year', fr: "l'année la plus récente" },
  tax: { en: 'before tax over after tax', fr: 'le hors taxes avant le TTC' },
  spelling: { en: 'the closest spelling', fr: "l'intitulé le plus proche" },
  position: { en: 'the leftmost column', fr: 'la colonne la plus à gauche' },
};

/** `revenue: "CA 2025" taken, not "CA 2024" (the latest year); --map revenue="CA 2024" to change`. */
export function describeChoice(c: ColumnChoice): Texts {
  const others = c.others.map((h) => `"${h}"`).join(', ');
  const rule = CHOICE_RULES[c.rule];
  const alt = c.others[0] ?? '';
  return {
    en: `${c.field}: "${c.chosen}" taken, not ${others} (${rule.en}); --map ${c.field}="${alt}" to take the other`,
    fr: `${c.field} : « ${c.chosen} » retenu, pas ${c.others.map((h) => `« ${h} »`).join(', ')} (${rule.fr}) ; --map ${c.field}="${alt}" pour prendre l'autre`,
  };
}

/** field -> header from `--columns FILE`, then `--map` (which wins). */
function buildOverrides(options: ReadOptions, io: Io): Map<string, string> {
  const overrides = new Map<string, string>();
  const fromFile =
    options.columnsFile === undefined ? new Map<string, string>() : readColumnsFile(options.columnsFile, io);
  for (const [field, header] of fromFile) overrides.set(canonicalField(field) ?? field, header);
  for (const [field, header] of Object.entries(options.map ?? {})) {
    overrides.set(canonicalField(field) ?? field, header);
  }
  return overrides;
}

/**
 * A note for each field read from a header that the file has more than once (same text, case
 * aside): which column is used (the first, unless --map or --columns chose another).
 */
function duplicateHeaderNotes(
  name: string,
  line: number,
  headers: readonly string[],
  fieldColumns: ReadonlyMap<string, number>,
): Texts[] {
  const notes: Texts[] = [];
  for (const [field, index] of fieldColumns) {
    const key = (headers[index] ?? '').toLowerCase();
    const same: number[] = [];
    headers.forEach((h, i) => {
      if (h.toLowerCase() === key) same.push(i + 1);
    });
    if (same.length < 2) continue;
    const header = headers[index] ?? '';
    const columns = same.join(', ');
    notes.push({
      en: `${name}:${line}: the header "${header}" is in columns ${columns}; ${field} is read from column ${index + 1}, the others are not used`,
      fr: `${name}:${line} : l'en-tête « ${header} » est en colonnes ${columns} ; ${field} est lu dans la colonne ${index + 1}, les autres ne sont pas utilisées`,
    });
  }
  return notes;
}

/**
 * The project file's headers (prospect.yaml): for a field of the spec that neither `--map` nor
 * `--columns` names, the first of its headers that the file has (any case) becomes its mapping;
 * when it has none, a note says so and the usual header matching decides.
 */
function addProjectHeaders(
  overrides: Map<string, string>,
  options: ReadOptions,
  spec: readonly FieldSpec[],
  headers: readonly string[],
  name: string,
): void {
  if (options.project === undefined) return;
  const kind = (FILE_KINDS as readonly string[]).includes(options.kind ?? '')
    ? (options.kind as FileKind)
    : undefined;
  const project = projectHeaders(options.project, kind);
  for (const [field, candidates] of Object.entries(project)) {
    const canonical = canonicalField(field) ?? field;
    if (overrides.has(canonical) || !spec.some((s) => s.field === canonical)) continue;
    const found = candidates
      .map((c) => headers.find((h) => h.toLowerCase() === c.trim().toLowerCase()))
      .find((h) => h !== undefined);
    if (found !== undefined) overrides.set(canonical, found);
    else
      options.note?.({
        en: `${name}: no header ${candidates.map((c) => `"${c}"`).join(' or ')} for ${canonical} (from the project file); the usual header names are used`,
        fr: `${name} : pas d'en-tête ${candidates.map((c) => `"${c}"`).join(' ou ')} pour ${canonical} (fichier de projet) ; les noms d'en-tête habituels servent`,
      });
  }
}

/**
 * Opens a CSV file (or `-` for stdin) and reads enough to know its encoding, separator, header,
 * conventions and column mapping. Throws InputFileError (66) when the file cannot be read,
 * DataError (65) when it is empty or a required column is missing, UsageError (64) for a bad
 * `--encoding`.
 */
export async function openTable(
  path: string,
  spec: readonly FieldSpec[],
  options: ReadOptions,
  io: Io,
): Promise<TableReader> {
  for (const s of spec) {
    if (RESERVED_FIELDS.has(s.field))
      throw new UsageError({
        en: `"${s.field}" cannot name a field; choose another name.`,
        fr: `« ${s.field} » ne peut pas nommer un champ ; choisissez un autre nom.`,
      });
  }
  const forced = options.crm === undefined ? undefined : findCrmProfile(options.crm);
  if (options.crm !== undefined && forced === undefined) {
    throw new UsageError({
      en: `--crm: "${options.crm}" is not a CRM prospect knows; expected one of ${crmProfileIds().join(', ')}.`,
      fr: `--crm : « ${options.crm} » n’est pas un CRM connu de prospect ; attendu : l’un de ${crmProfileIds().join(', ')}.`,
    });
  }
  for (const field of Object.keys(options.map ?? {})) {
    const canonical = canonicalField(field);
    if (canonical === undefined && !OTHER_FIELDS.has(field) && !spec.some((s) => s.field === field)) {
      const known = [...FIELD_SYNONYMS.keys()].join(', ');
      const own = spec.map((s) => s.field).join(', ');
      throw new UsageError({
        en: `--map: "${field}" is not a field; expected one of ${known}${spec.length > 0 ? `, or ${own}` : ''}.`,
        fr: `--map : « ${field} » n’est pas un champ ; attendu : l’un de ${known}${spec.length > 0 ? `, ou ${own}` : ''}.`,
      });
    }
  }
  const name = describeSource(path);
  // An .xlsx sheet comes as CSV text (comma, UTF-8) read the same way: see read-xlsx.ts.
  const kindSheet = options.project?.kinds[options.kind as FileKind]?.sheet;
  const sheetOptions =
    options.sheet === undefined && kindSheet !== undefined ? { ...options, sheet: kindSheet } : options;
  // A Parquet file comes as CSV text too, its typed values in one convention: see read-parquet.ts.
  const parquet = await openParquetInput(path, name, io.cwd, options.lang ?? 'en');
  if (parquet !== undefined) {
    runFilesOf(io).addInput(io, path);
    options = { ...options, delimiter: ',', encoding: 'utf-8', decimal: '.', dateFormat: 'ymd' };
  }
  const sheet = parquet === undefined ? await openWorkbookInput(path, name, io.cwd, sheetOptions) : undefined;
  if (sheet !== undefined) options = { ...options, delimiter: ',', encoding: 'utf-8' };
  const source = sheet ?? parquet ?? openSource(path, io, options.chunkBytes);
  const size = source.size;
  try {
    let bytesRead = 0;
    const next = async (): Promise<Uint8Array | undefined> => {
      const bytes = await source.next();
      if (bytes !== undefined) bytesRead += bytes.length;
      return bytes;
    };

    // 1. The first bytes: encoding.
    const prefixChunks: Uint8Array[] = [];
    let prefixBytes = 0;
    let ended = false;
    while (prefixBytes < PREFIX_BYTES) {
      const chunk = await next();
      if (chunk === undefined) {
        ended = true;
        break;
      }
      prefixChunks.push(chunk);
      prefixBytes += chunk.length;
    }
    // Every byte read while sampling is kept: the rows are read from the first line again, so that
    // the sample and the rest go through one path.
    const replay: Uint8Array[] = [...prefixChunks];
    const firstBytes = Buffer.concat(prefixChunks);
    const forcedEncoding = options.encoding === undefined ? undefined : checkEncodingLabel(options.encoding);
    const guess = forcedEncoding === undefined ? guessEncoding(firstBytes, ended, name) : undefined;
    const encoding = forcedEncoding ?? guess?.encoding ?? 'utf-8';
    const warnings: Texts[] = [];
    if (guess?.note !== undefined) {
      if (options.strict)
        throw new DataError([
          {
            file: name,
            line: 1,
            ...inBoth({
              en: `${guess.note.en} (--strict refuses a guess)`,
              fr: `${guess.note.fr} (--strict refuse une supposition)`,
            }),
          },
        ]);
      warnings.push(guess.note);
    }
    const makeDecoder = (countLines: boolean): TextStreamDecoder =>
      new TextStreamDecoder(encoding, forcedEncoding !== undefined, name, {
        strict: options.strict === true,
        countLines,
      });
    const decoder = makeDecoder(true);

    // 2. The sample: header and first records (the separator comes from the first lines).
    let text = decoder.decode(firstBytes);
    // Each piece is looked at once for a line break (not the whole text again: a long first line
    // would cost its square).
    let lineBreak = /[\r\n]/.test(text);
    while (!ended && (text.length < PREFIX_BYTES || !lineBreak)) {
      const chunk = await next();
      if (chunk === undefined) {
        ended = true;
        break;
      }
      replay.push(chunk);
      const piece = decoder.decode(chunk);
      text += piece;
      if (!lineBreak) lineBreak = /[\r\n]/.test(piece);
      if (text.length > 64 * 1024 * 1024) break;
    }
    if (ended) text += decoder.end();
    const delimiter = options.delimiter ?? detectDelimiter(text);

    const sample: { cells: string[]; line: number; problem?: string }[] = [];
    const scanner = new CsvScanner(delimiter, (cells, line, problem) => {
      sample.push(problem === undefined ? { cells, line } : { cells, line, problem });
    });
    const scan = (chunkText: string): void => pushChecked(scanner, chunkText, name);
    scan(text);
    text = '';
    while (!ended && sample.length < MAX_SAMPLE_RECORDS + 1) {
      const chunk = await next();
      if (chunk === undefined) {
        ended = true;
        break;
      }
      replay.push(chunk);
      scan(decoder.decode(chunk));
    }
    if (ended) {
      scan(decoder.end());
      scanner.end();
    }
    warnings.push(...decoder.notes);
    const headerRecord = sample.shift();
    if (headerRecord === undefined) {
      throw new DataError(
        [
          {
            file: name,
            line: 1,
            message: 'the file is empty; expected a header line, then one line per row',
            texts: {
              en: 'the file is empty; expected a header line, then one line per row',
              fr: 'le fichier est vide ; attendu : une ligne d’en-têtes, puis une ligne par enregistrement',
            },
          },
        ],
        undefined,
      );
    }
    const headers = headerRecord.cells.map((h) => h.trim());
    const sampleCells = sample.map((r) => r.cells);

    // 3. Columns: --map and --columns, then the CRM profile's own columns, then the spellings.
    const overrides = buildOverrides(options, io);
    addProjectHeaders(overrides, options, spec, headers, name);
    const profile = forced ?? detectCrmProfile(headers);
    const merged = new Map(overrides);
    if (profile !== undefined) {
      for (const [field, header] of profileColumns(
        profile,
        headers,
        spec.map((s) => s.field),
      )) {
        if (!merged.has(field)) merged.set(field, header);
      }
    }
    const { columns: fieldColumns, choices } = mapColumnsExplained(
      headers,
      spec.map((s) => s.field),
      merged,
    );
    const problems: InputProblem[] = [];
    const unusedMaps: [string, string][] = [];
    for (const [field, header] of overrides) {
      const s = spec.find((x) => x.field === field);
      if (s === undefined) continue;
      if (!fieldColumns.has(field) && !s.required && !isNearHeader(header, headers)) {
        // --map applies to every file of a run: a file without that header does without the field.
        unusedMaps.push([field, header]);
        const found = mapColumnsExplained(headers, [field], new Map()).columns.get(field);
        if (found !== undefined && !fieldColumns.has(field) && ![...fieldColumns.values()].includes(found))
          fieldColumns.set(field, found);
        continue;
      }
      if (!fieldColumns.has(field)) {
        const near = closestHeaders(header, headers)
          .map((h) => `"${h}"`)
          .join(', ');
        const en = `no header "${header}" for ${field} (asked by --map or --columns); closest headers: ${near}`;
        problems.push({
          file: name,
          line: headerRecord.line,
          message: en,
          texts: {
            en,
            fr: `pas d’en-tête « ${header} » pour ${fieldLabel(field, 'fr')} (demandé par --map ou --columns) ; en-têtes les plus proches : ${near}`,
          },
        });
      }
    }
    const required = spec.filter((s) => s.required).map((s) => s.field);
    for (const s of spec) {
      if (!s.required || fieldColumns.has(s.field) || overrides.has(s.field)) continue;
      const near = closestHeaders(s.field, headers)
        .map((h) => `"${h}"`)
        .join(', ');
      const examples = exampleHeaders(s.field)
        .map((h) => `"${h}"`)
        .join(', ');
      const en = `no column for ${s.field} (a header such as ${examples}); closest headers: ${near}; name it with --map ${s.field}="Header" or --columns FILE`;
      problems.push({
        file: name,
        line: headerRecord.line,
        message: en,
        texts: {
          en,
          fr: `aucune colonne pour ${fieldLabel(s.field, 'fr')} (un en-tête comme ${examples}) ; en-têtes les plus proches : ${near} ; nommez-la avec --map ${s.field}="En-tête" ou --columns FICHIER`,
        },
      });
    }
    if (problems.length > 0) {
      throw new DataError(problems, {
        en: `${name}: missing columns; required: ${required.join(', ')}.`,
        fr: `${name} : colonnes manquantes ; requis : ${required.map((f) => fieldLabel(f, 'fr')).join(', ')}.`,
      });
    }
    warnings.push(...duplicateHeaderNotes(name, headerRecord.line, headers, fieldColumns));

    // 4. Conventions: the flags, else what the sample shows, else the defaults.
    const fileDecimal = voteDecimal(allCells(sampleCells));
    const decimal: DecimalMark = options.decimal ?? fileDecimal ?? (delimiter === ';' ? ',' : '.');
    const fileOrder = voteDateOrder(allCells(sampleCells));
    const dateOrder: DateOrder = options.dateFormat ?? fileOrder ?? 'dmy';
    const detection: Detection = {
      encoding: decoder.encoding,
      encodingSource: forcedEncoding === undefined ? 'detected' : 'flag',
      delimiter,
      delimiterSource: options.delimiter === undefined ? 'detected' : 'flag',
      decimal,
      decimalSource:
        options.decimal !== undefined ? 'flag' : fileDecimal !== undefined ? 'detected' : 'default',
      dateOrder,
      dateOrderSource:
        options.dateFormat !== undefined ? 'flag' : fileOrder !== undefined ? 'detected' : 'default',
      fieldDecimal: new Map(),
      fieldDateOrder: new Map(),
      ...(sheet === undefined ? {} : { sheet: sheet.detection }),
    };
    const parsers: ColumnParser[] = [];
    for (const s of spec) {
      const index = fieldColumns.get(s.field);
      if (index === undefined) continue;
      const cells = [...columnCells(sampleCells, index)];
      const columnDecimal = options.decimal ?? voteDecimal(cells) ?? decimal;
      const columnOrder = options.dateFormat ?? voteDateOrder(cells) ?? dateOrder;
      if (s.type === 'number' || s.type === 'rate' || s.type === 'integer')
        detection.fieldDecimal.set(s.field, columnDecimal);
      if (s.type === 'date') detection.fieldDateOrder.set(s.field, columnOrder);
      const header = headers[index] ?? '';
      const percentScale =
        s.type === 'rate' &&
        (/%|percent|pourcent/i.test(header) ||
          cells.some((c) => c !== '' && !c.endsWith('%') && parseLocaleNumber(c, columnDecimal) > 1));
      parsers.push({
        field: s.field,
        index,
        header,
        type: s.type,
        required: s.required === true,
        unique: s.unique ? new Map() : undefined,
        decimal: columnDecimal,
        dateOrder: columnOrder,
        percentScale,
        cache: s.type === 'status' || s.type === 'maturity' ? new Map() : undefined,
        amounts:
          s.type === 'number' && (s.money ?? MONEY_FIELDS.has(s.field))
            ? new AmountRange(name, header, index + 1)
            : undefined,
      });
    }

    let filter: RowFilter | undefined;
    if (options.where !== undefined && options.where.length > 0) {
      if (isWhereTarget(io, path, name)) {
        const overridesAll = new Map(merged);
        filter = compileWhere(options.where, {
          name,
          headers,
          fieldColumns,
          fieldTypes: new Map(spec.map((s) => [s.field, s.type])),
          overrides: overridesAll,
          sample: sampleCells,
          lang: options.lang ?? 'en',
          conventions: (index) => {
            const parser = parsers.find((p) => p.index === index);
            if (parser !== undefined)
              return {
                decimal: parser.decimal,
                dateOrder: parser.dateOrder,
                percentScale: parser.percentScale,
              };
            const cells = [...columnCells(sampleCells, index)];
            return {
              decimal: options.decimal ?? voteDecimal(cells) ?? decimal,
              dateOrder: options.dateFormat ?? voteDateOrder(cells) ?? dateOrder,
              percentScale: /%|percent|pourcent/i.test(headers[index] ?? ''),
            };
          },
        });
      } else {
        const flags = whereFlags(options.where);
        const main = whereTargetName(io) ?? '';
        warnings.push({
          en: `${flags} filter${options.where.length > 1 ? '' : 's'} ${main} (the command's main file), not ${name}.`,
          fr: `${flags} filtre${options.where.length > 1 ? 'nt' : ''} ${main} (le fichier principal de la commande), pas ${name}.`,
        });
      }
    }

    return new StreamingTable({
      filter,
      path,
      name,
      headers,
      fieldColumns,
      choices,
      profile,
      unusedMaps,
      detection,
      sample: sample,
      parsers,
      options,
      io,
      replay,
      ended,
      size,
      bytesRead: () => bytesRead,
      next,
      close: () => source.close(),
      decoder: () => makeDecoder(false),
      warnings,
      onDisk: sheet === undefined && parquet === undefined && path !== '-' && size !== undefined,
      chunkBytes: options.chunkBytes ?? CHUNK_BYTES,
    });
  } catch (error) {
    // Close the file on a missing column, an empty file...: the caller never gets the reader.
    source.close();
    throw error;
  }
}

interface TableInit {
  /** The rows' filter (--where, --from, --to), when this file is filtered. */
  filter: RowFilter | undefined;
  path: string;
  name: string;
  headers: string[];
  fieldColumns: Map<string, number>;
  choices: ColumnChoice[];
  profile: CrmProfile | undefined;
  unusedMaps: [string, string][];
  detection: Detection;
  sample: { cells: string[]; line: number; problem?: string }[];
  parsers: ColumnParser[];
  options: ReadOptions;
  io: Io;
  /** The bytes read while sampling, to be scanned again. */
  replay: Uint8Array[];
  ended: boolean;
  /** The file's size in bytes (undefined for stdin), and the bytes read so far, for progress. */
  size: number | undefined;
  bytesRead: () => number;
  next: () => Promise<Uint8Array | undefined>;
  /** Closes the file when the rows are not read to the end. */
  close: () => void;
  /** A fresh decoder for the rows (bytes from the first one again). */
  decoder: () => TextStreamDecoder;
  /** What the opening found that a user should know (an encoding guess, a duplicate header). */
  warnings: Texts[];
  /** A part of the file read by a worker thread (src/io/parallel), not the whole file. */
  part?: PartRead;
  /** The bytes come from a file on disk, not stdin, a workbook or Parquet. */
  onDisk?: boolean;
  chunkBytes?: number;
}

/**
 * A part of a file read by a worker thread (src/io/parallel): it starts at a record start on line
 * `line`, without the header; its rejections go to `rejected` (the main thread replays them in
 * order); unless it is the last part, the record in progress where its bytes end is left to the
 * next part, and `ended` is told its bytes (see RecordScanner.pendingBytes) and line.
 */
export interface PartRead {
  line: number;
  last: boolean;
  rejected: (cells: string[], line: number, reason: string, column: number | undefined) => void;
  ended: (pending: number | undefined, line: number) => void;
}

/** One batch of a part read by a worker thread, as it reaches the main thread. */
export interface PartWindow {
  /** The part (1, 2...): keys are the part's own until mapped. */
  part: number;
  length: number;
  lines: Int32Array;
  /** Per number field (columnBatches' order), per text field: the part's keys, -1 when empty. */
  numeric: Float64Array[];
  keyed: Int32Array[];
  /** Per text field: the texts of the part's keys new since its last batch, in key order, as
   * UTF-8 bytes and the end of each. */
  texts: { bytes: Uint8Array; ends: Int32Array }[];
  /** The rows the reader rejected, in order, before this batch. */
  rejections: { cells: string[]; line: number; reason: string; column: number | undefined }[];
  /** Records read and skipped (totals, blank rows) since the last batch. */
  read: number;
  skipped: number;
  /** With --rejects: each row's record (for rejectRow), as bytes and the end of each. */
  spans: { bytes: Uint8Array; ends: Int32Array } | undefined;
  /** On the first batch handed over: per text field, the distinct texts of all the parts (at most). */
  expectedTexts?: number[];
}

/**
 * Where the main thread hands a read by columns over to worker threads: once `at` bytes of the file
 * are read, `take` is told the bytes of the record in progress and its line (where the next part
 * must begin) and whether the decoding is as it began; it gives the parts' batches in file order,
 * or undefined when a part cannot be used (the main thread reads on, as with one thread).
 */
export interface Handover {
  at: number;
  take(
    pending: number | undefined,
    line: number,
    clean: boolean,
  ): Promise<AsyncIterable<PartWindow> | undefined>;
}

/** What src/io/parallel needs to know of a reader to read it in parts. */
export interface PartSource {
  path: string;
  size: number | undefined;
  /** Bytes read while opening (the parts start after them). */
  bytesRead: number;
  chunkBytes: number;
  /** Whether `columnBatches(fields)` can be read in parts: a CSV file in UTF-8 not read yet, no
   * --where on it, number, date and (not unique) text fields. */
  fits(fields: readonly string[]): boolean;
  config: PartConfig;
}

/** A reader's settings, sent to a worker thread (structured-clone safe). */
export interface PartConfig {
  name: string;
  headers: string[];
  delimiter: string;
  encoding: EncodingName;
  forcedEncoding: boolean;
  lang: Lang | undefined;
  rejects: boolean;
  parsers: {
    field: string;
    index: number;
    header: string;
    type: FieldType;
    required: boolean;
    decimal: DecimalMark;
    dateOrder: DateOrder;
    percentScale: boolean;
    /** An amount of money (rounded to the cent, kept in range: AmountRange). */
    money: boolean;
  }[];
}

/**
 * A number or date cell of the usual shapes (plain numbers, ISO and `dd/mm/yyyy` dates) read in
 * place from its bytes; NaN for any other shape or type (the string way decides).
 */
function readInPlace(p: ColumnParser, src: Uint8Array, s: number, e: number): number {
  if (p.type === 'number') return parsePlainNumber(src, s, e, p.decimal);
  if (p.type === 'date') return parseDateBytes(src, s, e, p.dateOrder);
  return Number.NaN;
}

const NO_BYTES = Buffer.alloc(0);
/** A field read into columns: its parser and where its values go. */
interface ColumnSlot {
  parser: ColumnParser;
  numeric: boolean;
  index: number;
  table: KeyTable | undefined;
  /** A unique field: per key, the line of the row that holds it (0: none yet). */
  firstLines: Int32Array | undefined;
  /** A status or maturity taken by the plain-record lane: the texts as written (trimmed), and
   * per such text 0 (not looked at yet), the key of its value in `table` + 1, or -1 (rejected,
   * the reason in `rawReasons`). */
  raw: KeyTable | undefined;
  normal: Int32Array;
  rawReasons: Map<number, string> | undefined;
  /** A text field read as texts (ColumnOptions.texts): its spans are left as they are (PENDING_KEY). */
  spansOnly: boolean;
}

/** A key of a status or maturity that cannot be read: KEY_REFUSED - the key of its text as written. */
const KEY_REFUSED = -3;

/**
 * A read by columns in progress. Rows taken by the plain-record lane have their texts interned and
 * their unique values and statuses checked when the batch is settled (at the end of a chunk, or
 * before the scanner hands the reader a record: so that rows are rejected in the file's order).
 */
interface ColumnRead {
  slots: ColumnSlot[];
  columns: Columns;
  /** Rows below these are interned / checked. */
  interned: number;
  checked: number;
  /** Whether some slot has checks left to the settling (a unique field, a status or maturity). */
  checks: boolean;
}

/** Row `row` of the batch is used: its value of a unique field is taken, on `line`. */
function claimKey(slot: ColumnSlot, batch: Columns, row: number, line: number): void {
  const key = (batch.keyed[slot.index] as Int32Array)[row] as number;
  if (key < 0) return;
  let lines = slot.firstLines as Int32Array;
  if (key >= lines.length) lines = slot.firstLines = growTypedArray(lines, key + 1);
  lines[key] = line;
}

class StreamingTable implements TableReader {
  readonly path: string;
  readonly name: string;
  kind: InputKind;
  readonly headers: string[];
  readonly fieldColumns: Map<string, number>;
  readonly choices: readonly ColumnChoice[];
  readonly profile: CrmProfile | undefined;
  readonly detection: Detection;
  readonly sample: readonly string[][];
  private readonly parsers: ColumnParser[];
  private readonly template: Record<string, Value>;
  private readonly init: TableInit;
  private readonly keyTables = new Map<string, KeyTable>();
  private read = 0;
  private rejected = 0;
  /** Report footers and blank rows, skipped; and whether a footer block has begun. */
  private skipped = 0;
  private inFooter = false;
  private first: Rejection[] = [];
  /** Rows set aside by the command, by reason (`why.en`): the reason, the count, the first lines. */
  private readonly aside = new Map<string, { why: Texts; count: number; lines: number[] }>();
  private asideCount = 0;
  /** Rows left out by the filter (--where...). */
  private filtered = 0;
  private consumed = false;
  private finished = false;
  private rejects: RejectsPart | undefined;
  private progress: ReadProgress | undefined;
  /** The records read by the plain-record lane (column reading), counted there. */
  private lane: PlainRecords | undefined;
  /** The read by columns in progress, if any. */
  private columnRead: ColumnRead | undefined;
  /** Where worker threads take over (src/io/parallel), and the parts' batches once they have. */
  handover: Handover | undefined;
  private parts: AsyncIterable<PartWindow> | undefined;
  private readonly cutter = new CellCutter(true);
  /** The cell found by `locate`: `src[s..e)`. */
  private src: Buffer = NO_BYTES;
  private s = 0;
  private e = 0;
  /** Why the last `cellValue` returned undefined. */
  private reason = '';

  constructor(init: TableInit) {
    this.init = init;
    this.path = init.path;
    this.name = init.name;
    this.kind = init.options.kind ?? 'table';
    this.headers = init.headers;
    this.fieldColumns = init.fieldColumns;
    this.choices = init.choices;
    this.profile = init.profile;
    this.detection = init.detection;
    this.sample = init.sample.map((r) => r.cells);
    this.parsers = init.parsers;
    this.template = {};
    for (const p of init.parsers) this.template[p.field] = null;
  }

  /**
   * A trimmed, non-empty cell read as its column says, or undefined (the reason in `this.reason`).
   */
  private cellValue(p: ColumnParser, cell: string): Value | undefined {
    switch (p.type) {
      case 'text':
        // A copy, not a slice: V8 keeps a sliced string's whole parent (a chunk of the file)
        // alive, so a command keeping ids would keep the file. Short strings (< 13 characters)
        // are copies already.
        return cell.length < 13 ? cell : copyString(cell);
      case 'number':
      case 'integer': {
        const n = parseLocaleNumber(cell, p.decimal);
        if (Number.isNaN(n)) {
          this.reason = this.inColumn(p, explainNumber(cell, this.lang));
          return undefined;
        }
        if (p.type === 'integer' && !Number.isInteger(n)) {
          this.reason = this.inColumn(
            p,
            tr(this.lang, {
              en: `"${cell}" is not a whole number; expected a count such as 12`,
              fr: `« ${cell} » n’est pas un nombre entier ; attendu : un effectif comme 12`,
            }),
          );
          return undefined;
        }
        return n;
      }
      case 'rate': {
        const n = parseRateText(cell, p.decimal, p.percentScale);
        if (Number.isNaN(n)) {
          this.reason = this.inColumn(p, explainRate(cell, this.lang));
          return undefined;
        }
        if (n < 0 || n > 1) {
          this.reason = this.inColumn(
            p,
            tr(this.lang, {
              en: `"${cell}" is out of range; expected a rate from 0 to 100 %`,
              fr: `« ${cell} » est hors limites ; attendu : un taux de 0 à 100 %`,
            }),
          );
          return undefined;
        }
        return n;
      }
      case 'date': {
        const n = parseDateText(cell, p.dateOrder);
        if (Number.isNaN(n)) {
          this.reason = this.inColumn(p, explainDate(cell, p.dateOrder, this.lang));
          return undefined;
        }
        return n;
      }
      case 'status': {
        let status = p.cache?.get(cell);
        if (status === undefined) {
          status = normaliseStatus(cell) ?? copyString(cell);
          if (p.cache !== undefined && p.cache.size < 10_000) p.cache.set(cell, status);
        }
        return status;
      }
      case 'maturity': {
        let m = p.cache?.get(cell);
        if (m === undefined && !p.cache?.has(cell)) {
          m = normaliseMaturity(cell);
          if (p.cache !== undefined && p.cache.size < 10_000) p.cache.set(cell, m);
        }
        if (m === undefined) {
          this.reason = this.inColumn(
            p,
            tr(this.lang, {
              en: `"${cell}" is not a maturity; expected arid, latent or active (arides, latents, actifs)`,
              fr: `« ${cell} » n’est pas une maturité ; attendu : aride, latent ou actif (arid, latent, active)`,
            }),
          );
          return undefined;
        }
        return m;
      }
    }
  }

  /** The reject reasons' language. */
  private get lang(): Lang {
    return this.init.options.lang ?? 'en';
  }

  /** A reason about one cell, after its column's header. */
  private inColumn(p: ColumnParser, why: string): string {
    return tr(this.lang, { en: `column "${p.header}": ${why}`, fr: `colonne « ${p.header} » : ${why}` });
  }

  private emptyReason(p: ColumnParser): string {
    return this.inColumn(
      p,
      tr(this.lang, {
        en: `${fieldLabel(p.field, 'en')} is empty; expected a value`,
        fr: `${fieldLabel(p.field, 'fr')} est vide ; attendu : une valeur`,
      }),
    );
  }

  /**
   * Finds field `index` of `v` without the white space around it (as `String.trim` would), in
   * `this.src[this.s..this.e)`: in place for a usual field; decoded, trimmed and encoded again for
   * a field with doubled quotes or a non-ASCII character at an end (a no-break space, say).
   */
  private locate(v: RecordView, index: number): void {
    if (index >= v.count) {
      this.src = NO_BYTES;
      this.s = 0;
      this.e = 0;
      return;
    }
    const bytes = v.bytes;
    let s = v.starts[index] as number;
    let e = v.ends[index] as number;
    if (v.kinds[index] !== RAW) {
      while (s < e && isAsciiSpace(bytes[s] as number)) s++;
      while (e > s && isAsciiSpace(bytes[e - 1] as number)) e--;
      if (s === e || ((bytes[s] as number) < 0x80 && (bytes[e - 1] as number) < 0x80)) {
        this.src = bytes;
        this.s = s;
        this.e = e;
        return;
      }
    }
    this.src = Buffer.from(fieldText(v, index).trim(), 'utf8');
    this.s = 0;
    this.e = this.src.length;
  }

  /** The located cell as a number, integer, rate or date field reads it; NaN (and `this.reason`) when it is not one. */
  private readNumber(p: ColumnParser): number {
    const { src, s, e } = this;
    const n = readInPlace(p, src, s, e);
    if (n === n) return n; // the usual shapes, read in place
    const value = this.cellValue(p, src.toString('utf8', s, e));
    return typeof value === 'number' ? value : Number.NaN;
  }

  /** A record with another number of fields than the header (extra empty fields are fine), or undefined. */
  private widthProblem(v: RecordView): string | undefined {
    const width = this.headers.length;
    if (v.count === width) return undefined;
    if (v.count > width) {
      let extraEmpty = true;
      for (let i = width; extraEmpty && i < v.count; i++) if (fieldText(v, i) !== '') extraEmpty = false;
      if (extraEmpty) return undefined;
    }
    return `expected ${width} fields (as the header), found ${v.count}; a separator inside an unquoted value, or a missing one?`;
  }

  /** The reason to reject a record as a whole (broken, wrong width), or undefined. */
  private recordProblem(v: RecordView): string | undefined {
    return v.problem ?? this.widthProblem(v);
  }

  /** A report's total row (`Total;;;12 500`): counted as skipped. The plain-record lane leaves
   * records that begin with a total's word to this test. */
  private isTotalRecord(v: RecordView, cells?: string[]): boolean {
    if (v.count === 0 || !startsWithTotalWord(v.bytes, v.starts[0] as number, v.ends[0] as number))
      return false;
    if (!isTotalRow(cells ?? recordCells(v))) return false;
    this.skipped++;
    return true;
  }

  /** Why a row is rejected when its value `cell` of a unique field was first seen on line `seen`. */
  private duplicateReason(p: ColumnParser, cell: string, seen: number): string {
    return tr(this.lang, {
      en: `duplicate ${fieldLabel(p.field, 'en')} "${cell}" (first on line ${seen}); expected each once`,
      fr: `${fieldLabel(p.field, 'fr')} « ${cell} » en double (déjà en ligne ${seen}) ; attendu : une seule fois`,
    });
  }

  /** Parses one record into a row, or rejects it and returns undefined. */
  private parseRecord(v: RecordView): ParsedRow | undefined {
    this.read++;
    const line = v.line;
    const cells = this.cutter.cells(v);
    if (this.isTotalRecord(v, cells)) return undefined;
    if (isBlankRecord(v)) {
      this.skipped++;
      return undefined;
    }
    const problem = this.recordProblem(v);
    if (problem !== undefined) return this.rejectCells(cells, line, problem);
    // A copy of a template holding every field (null): all rows share one shape, and the stores
    // below hit existing properties. Field names are checked in openTable (no __proto__).
    const values: Record<string, Value> = { ...this.template };
    // The unique values of the row, taken only once the whole row is read: a row rejected for
    // another field leaves its id to the next row that has it (the first usable row wins).
    let uniqueKeys: [Map<string, number>, string][] | undefined;
    for (const p of this.parsers) {
      const cell = (cells[p.index] ?? '').trim();
      if (cell === '') {
        if (p.required) return this.rejectCells(cells, line, this.emptyReason(p), p.index + 1);
        values[p.field] = null;
        continue;
      }
      let value: Value | undefined;
      if (p.type === 'number' || p.type === 'date') {
        this.locate(v, p.index); // the usual numbers and dates read in place from the bytes
        const n = readInPlace(p, this.src, this.s, this.e);
        value = n === n ? n : this.cellValue(p, cell);
      } else {
        value = this.cellValue(p, cell);
      }
      if (value === undefined) return this.rejectCells(cells, line, this.reason, p.index + 1);
      if (p.unique !== undefined) {
        const key = String(value);
        const seen = p.unique.get(key);
        if (seen !== undefined)
          return this.rejectCells(cells, line, this.duplicateReason(p, cell, seen), p.index + 1);
        (uniqueKeys ??= []).push([p.unique, key]);
      }
      values[p.field] = p.amounts !== undefined ? p.amounts.take(value as number, line) : value;
    }
    const filter = this.init.filter;
    if (filter !== undefined && !filter.test((i) => cells[i] ?? '')) {
      if (filter.problem !== undefined)
        return this.rejectCells(cells, line, filter.problem.reason, filter.problem.column);
      this.filtered++;
      return undefined;
    }
    if (uniqueKeys !== undefined) for (const [seen, key] of uniqueKeys) seen.set(key, line);
    return { line, values, cells };
  }

  /**
   * Parses one record into the columns of `batch`, or rejects it. Numbers and ISO dates are read
   * in place from the bytes, texts are interned from them: no string is made for a usual row.
   */
  private parseColumns(v: RecordView, slots: readonly ColumnSlot[], batch: Columns): void {
    // The lane's rows before this record are checked first: rejections stay in the file's order.
    const cr = this.columnRead as ColumnRead;
    if (cr.checks && cr.checked < batch.length) this.settle(cr);
    this.read++;
    if (this.isTotalRecord(v)) return;
    if (isBlankRecord(v)) {
      this.skipped++;
      return;
    }
    if (v.problem !== undefined || v.count !== this.headers.length) {
      const problem = this.recordProblem(v);
      if (problem !== undefined) {
        this.rejectCells(recordCells(v), v.line, problem);
        return;
      }
    }
    batch.reserve();
    const row = batch.length;
    const { bytes, starts, ends, kinds, count } = v;
    /** The unique values of the row, taken once the row is used (the first usable row wins). */
    let claims: ColumnSlot[] | undefined;
    for (let f = 0; f < slots.length; f++) {
      const slot = slots[f] as ColumnSlot;
      const p = slot.parser;
      const index = p.index;
      // The cell without the white space around it, in place: `locate` inlined (calling it, which
      // goes through fields of `this`, makes reading by columns about 10 % slower, measured).
      let src = bytes;
      let s = 0;
      let e = 0;
      if (index < count) {
        s = starts[index] as number;
        e = ends[index] as number;
        while (s < e && isAsciiSpace(bytes[s] as number)) s++;
        while (e > s && isAsciiSpace(bytes[e - 1] as number)) e--;
        if (
          kinds[index] === RAW ||
          (s < e && ((bytes[s] as number) >= 0x80 || (bytes[e - 1] as number) >= 0x80))
        ) {
          this.locate(v, index);
          src = this.src;
          s = this.s;
          e = this.e;
        }
      }
      if (s === e) {
        if (p.required) {
          this.rejectCells(recordCells(v), v.line, this.emptyReason(p), index + 1);
          return;
        }
        if (slot.numeric) (batch.numeric[slot.index] as Float64Array)[row] = Number.NaN;
        else (batch.keyed[slot.index] as Int32Array)[row] = -1;
        continue;
      }
      if (p.type === 'text') {
        if (slot.firstLines !== undefined) {
          const key = (slot.table as KeyTable).intern(src, s, e);
          const seen = key < slot.firstLines.length ? (slot.firstLines[key] as number) : 0;
          if (seen !== 0) {
            const cell = (slot.table as KeyTable).textOf(key);
            this.rejectCells(recordCells(v), v.line, this.duplicateReason(p, cell, seen), index + 1);
            return;
          }
          (batch.keyed[slot.index] as Int32Array)[row] = key;
          (claims ??= []).push(slot);
        } else if (src === bytes) {
          // Interned with the whole batch (see internBatch); -2 until then.
          (batch.keyed[slot.index] as Int32Array)[row] = PENDING_KEY;
          (batch.hashes[slot.index] as Int32Array)[row] = hashBytes(src, s, e);
          (batch.textStarts[slot.index] as Int32Array)[row] = s;
          (batch.textEnds[slot.index] as Int32Array)[row] = e;
        } else {
          (batch.keyed[slot.index] as Int32Array)[row] = (slot.table as KeyTable).intern(src, s, e);
        }
        continue;
      }
      if (slot.numeric) {
        let n = readInPlace(p, src, s, e);
        if (n !== n) {
          this.src = src;
          this.s = s;
          this.e = e;
          n = this.readNumber(p);
          if (Number.isNaN(n)) {
            this.rejectCells(recordCells(v), v.line, this.reason, index + 1);
            return;
          }
        }
        (batch.numeric[slot.index] as Float64Array)[row] = n;
        continue;
      }
      // status, maturity: the normalised text, interned.
      const value = this.cellValue(p, src.toString('utf8', s, e));
      if (value === undefined) {
        this.rejectCells(recordCells(v), v.line, this.reason, index + 1);
        return;
      }
      const text = Buffer.from(String(value), 'utf8');
      (batch.keyed[slot.index] as Int32Array)[row] = (slot.table as KeyTable).intern(text, 0, text.length);
    }
    const filter = this.init.filter;
    if (filter !== undefined && !filter.test((i) => (i < v.count ? fieldText(v, i) : ''))) {
      if (filter.problem !== undefined)
        this.rejectCells(recordCells(v), v.line, filter.problem.reason, filter.problem.column);
      else this.filtered++;
      return;
    }
    if (claims !== undefined) for (const slot of claims) claimKey(slot, batch, row, v.line);
    batch.lines[row] = v.line;
    batch.sources[row] = bytes;
    batch.spanStarts[row] = v.start;
    batch.spanEnds[row] = v.end;
    batch.length = row + 1;
    if (cr.checks) cr.checked = row + 1;
  }

  /**
   * Interns the texts of the rows not interned yet, then checks the lane's rows not checked yet
   * (a unique value seen before, a maturity that is none), rejecting them in order and closing
   * the gaps they leave.
   */
  private settle(cr: ColumnRead): void {
    const batch = cr.columns;
    if (cr.interned < batch.length) this.internBatch(batch, cr.slots, cr.interned);
    cr.interned = batch.length;
    if (!cr.checks || cr.checked === batch.length) return;
    const checked = cr.slots.filter((slot) => slot.firstLines !== undefined || slot.raw !== undefined);
    let kept = cr.checked;
    for (let row = cr.checked; row < batch.length; row++) {
      const line = batch.lines[row] as number;
      let reason: string | undefined;
      let column = 0;
      for (const slot of checked) {
        const key = (batch.keyed[slot.index] as Int32Array)[row] as number;
        if (key <= KEY_REFUSED) {
          reason = slot.rawReasons?.get(KEY_REFUSED - key);
        } else if (slot.firstLines !== undefined && key >= 0 && key < slot.firstLines.length) {
          const seen = slot.firstLines[key] as number;
          if (seen !== 0)
            reason = this.duplicateReason(slot.parser, (slot.table as KeyTable).textOf(key), seen);
        }
        if (reason !== undefined) {
          column = slot.parser.index + 1;
          break;
        }
      }
      if (reason !== undefined) {
        this.rejectCells(this.cellsOfRow(batch, row), line, reason, column);
        continue;
      }
      for (const slot of checked) if (slot.firstLines !== undefined) claimKey(slot, batch, row, line);
      if (kept !== row) batch.moveRow(row, kept);
      kept++;
    }
    batch.length = kept;
    cr.checked = kept;
    cr.interned = kept;
  }

  /** The cells of row `i` of a batch, read again from its bytes. */
  cellsOfRow(columns: ColumnBatch, i: number): string[] {
    const batch = columns as Columns;
    const span = (batch.sources[i] ?? NO_BYTES).toString('utf8', batch.spanStarts[i], batch.spanEnds[i]);
    return scanCsv(span, this.detection.delimiter)[0]?.cells ?? [''];
  }

  /** The key of the value of a status or maturity text as written (`raw` key), or KEY_REFUSED - rawKey. */
  private normalKey(slot: ColumnSlot, rawKey: number): number {
    if (rawKey >= slot.normal.length) slot.normal = growTypedArray(slot.normal, rawKey + 1);
    let known = slot.normal[rawKey] as number;
    if (known === 0) {
      const value = this.cellValue(slot.parser, (slot.raw as KeyTable).textOf(rawKey));
      if (value === undefined) {
        (slot.rawReasons ??= new Map()).set(rawKey, this.reason);
        known = -1;
      } else {
        const text = Buffer.from(String(value), 'utf8');
        known = (slot.table as KeyTable).intern(text, 0, text.length) + 1;
      }
      slot.normal[rawKey] = known;
    }
    return known > 0 ? known - 1 : KEY_REFUSED - rawKey;
  }

  /**
   * Interns the texts of a full batch: every slot first (independent reads, in parallel), then
   * each lookup, which finds its slot in the cache.
   */
  private internBatch(batch: Columns, slots: readonly ColumnSlot[], first = 0): void {
    for (const slot of slots) {
      if (slot.numeric || slot.spansOnly || (slot.parser.type !== 'text' && slot.raw === undefined)) continue;
      const raw = slot.raw;
      const table = raw ?? (slot.table as KeyTable);
      const keys = batch.keyed[slot.index] as Int32Array;
      const hashes = batch.hashes[slot.index] as Int32Array;
      const starts = batch.textStarts[slot.index] as Int32Array;
      const ends = batch.textEnds[slot.index] as Int32Array;
      // By blocks small enough for their slots to stay in the cache until they are used.
      for (let from = first; from < batch.length; from += 256) {
        const to = Math.min(from + 256, batch.length);
        table.touch(hashes, from, to);
        for (let row = from; row < to; row++) {
          if (keys[row] !== PENDING_KEY) continue;
          const source = batch.sources[row] as Buffer;
          const h = hashes[row] as number;
          const key = table.internHashed(h, source, starts[row] as number, ends[row] as number);
          if (raw === undefined) {
            keys[row] = key;
          } else {
            // A status or maturity: its value's key, known after the first row that has the text.
            const known = key < slot.normal.length ? (slot.normal[key] as number) : 0;
            keys[row] = known > 0 ? known - 1 : this.normalKey(slot, key);
          }
        }
      }
    }
  }

  private rejectCells(cells: string[], line: number, reason: string, column?: number): undefined {
    if (this.init.part !== undefined) {
      this.init.part.rejected(cells, line, reason, column); // judged by the main thread, in order
      return undefined;
    }
    // A report's footer (a total, a confidentiality line, "Generated By", and every short line
    // after them) and blank rows are not data: skipped, not rejected.
    // (A column batch's row rejected without --rejects comes without its cells: not judged.)
    if (cells.length > 0 && isFooterMarker(cells)) this.inFooter = true;
    if (cells.length > 0 && (this.inFooter || isTrailerRow(cells))) {
      this.skipped++;
      return undefined;
    }
    this.rejected++;
    const rejection: Rejection = column === undefined ? { line, reason } : { line, column, reason };
    if (this.init.options.strict) {
      this.discard();
      throw new DataError([{ file: this.name, line, column, message: reason }], {
        en: `${this.name}: --strict stops at the first row that cannot be used.`,
        fr: `${this.name} : --strict s’arrête à la première ligne inutilisable.`,
      });
    }
    if (this.first.length < FIRST_REJECTIONS) this.first.push(rejection);
    if (this.init.options.rejectsFile !== undefined) this.writeReject(cells, line, reason);
    return undefined;
  }

  reject(row: ParsedRow, reason: string, column?: number): void {
    this.rejectCells(row.cells, row.line, reason, column);
  }

  rejectRow(batch: ColumnBatch, i: number, reason: string, column?: number): void {
    const b = batch as Columns;
    const span = (b.sources[i] ?? NO_BYTES).toString('utf8', b.spanStarts[i], b.spanEnds[i]);
    const cells =
      this.init.options.rejectsFile === undefined
        ? []
        : (scanCsv(span, this.detection.delimiter)[0]?.cells ?? ['']);
    this.rejectCells(cells, b.lines[i] as number, reason, column);
  }

  private rejectsDelimiter(): string {
    return this.detection.delimiter;
  }

  private writeReject(cells: string[], line: number, reason: string): void {
    this.rejectsPart().add(line, reason, cells);
  }

  /** This input's share of the run's `--rejects` file (one file, whatever reader names it). */
  private rejectsPart(): RejectsPart {
    if (this.rejects === undefined) {
      this.rejects = rejectsFileFor(this.init.io, this.init.options.rejectsFile ?? '').part(() => ({
        name: this.name,
        headers: this.headers,
        delimiter: this.detection.delimiter,
        utf8: this.detection.encoding === 'utf-8',
      }));
    }
    return this.rejects;
  }

  /**
   * Scans the whole table once, from the first line (the text kept while sampling, then the rest
   * of the file), handing each data record to `onRecord` (or to `lane` first, when given); yields
   * whatever `take` has after each chunk.
   */
  private async *scanAll<B>(
    onRecord: (v: RecordView) => void,
    take: () => B | undefined,
    lane?: RecordLane,
  ): AsyncGenerator<B> {
    if (this.consumed) throw new Error('the rows of a table can be read once');
    this.consumed = true;
    const part = this.init.part;
    let header = part === undefined;
    const scanner = new RecordScanner(this.detection.delimiter, (v) => {
      if (header) {
        header = false;
        scanner.lane = lane; // the data records only
      } else {
        onRecord(v);
      }
    });
    if (part !== undefined) {
      scanner.startAt(part.line);
      scanner.lane = lane;
    }
    const { replay } = this.init;
    const decoder = this.init.decoder();
    const progress = this.init.options.progress?.(this.name);
    this.progress = progress;
    try {
      for (let piece = replay.shift(); piece !== undefined; piece = replay.shift()) {
        decoder.lineBase = scanner.currentLine;
        pushChecked(scanner, decoder.decodeBytes(piece), this.name);
        const batch = take();
        if (batch !== undefined) yield batch;
      }
      let ended = this.init.ended;
      if (ended) {
        decoder.lineBase = scanner.currentLine;
        pushChecked(scanner, decoder.endBytes(), this.name);
        scanner.end();
      }
      while (!ended) {
        const handover = this.handover;
        if (handover !== undefined && this.init.bytesRead() >= handover.at) {
          this.handover = undefined;
          const clean = decoder.encoding === this.detection.encoding && decoder.notes.length === 0;
          this.parts = await handover.take(scanner.pendingBytes(), scanner.recordLine, clean);
          if (this.parts !== undefined) {
            this.init.close(); // the parts read the rest
            break;
          }
        }
        const chunk = await this.init.next();
        decoder.lineBase = scanner.currentLine;
        if (chunk === undefined) {
          ended = true;
          if (part !== undefined && !part.last) {
            part.ended(scanner.pendingBytes(), scanner.recordLine); // the next part's record
            break;
          }
          pushChecked(scanner, decoder.endBytes(), this.name);
          scanner.end();
        } else {
          pushChecked(scanner, decoder.decodeBytes(chunk), this.name);
        }
        progress?.update(this.init.bytesRead(), this.init.size, this.readCount());
        const batch = take();
        if (batch !== undefined) yield batch;
      }
      const last = take();
      if (last !== undefined) yield last;
      this.detection.encoding = decoder.encoding;
      for (const note of decoder.notes) {
        if (!this.init.warnings.some((w) => w.en === note.en)) this.init.warnings.push(note);
      }
    } finally {
      progress?.stop();
    }
  }

  async *batches(): AsyncGenerator<ParsedRow[]> {
    let batch: ParsedRow[] = [];
    const onRecord = (v: RecordView): void => {
      const row = this.parseRecord(v);
      if (row !== undefined) batch.push(row);
    };
    const take = (): ParsedRow[] | undefined => {
      if (batch.length === 0) return undefined;
      const full = batch;
      batch = [];
      return full;
    };
    yield* this.scanAll(onRecord, take);
  }

  async *columnBatches(fields: readonly string[], options: ColumnOptions = {}): AsyncGenerator<ColumnBatch> {
    // Texts read as texts need each row's bytes: not sent by the reading workers (src/io/parallel).
    if ((options.texts ?? []).length > 0) this.handover = undefined;
    const slots: ColumnSlot[] = [];
    const places = new Map<string, { numeric: boolean; index: number; table: KeyTable | undefined }>();
    let numericCount = 0;
    let keyedCount = 0;
    for (const field of fields) {
      const parser = this.parsers.find((p) => p.field === field);
      if (parser === undefined) throw new Error(`columnBatches: ${field} is not a field of the file`);
      if (parser.unique !== undefined && parser.type !== 'text')
        throw new Error(`columnBatches: ${field} is unique; read it by rows`);
      const numeric = parser.type !== 'text' && parser.type !== 'status' && parser.type !== 'maturity';
      const index = numeric ? numericCount++ : keyedCount++;
      let table: KeyTable | undefined;
      if (!numeric) {
        // A unique field (ids): a text per row, kept as bytes, with room for the rows expected.
        // Another (the client ids of orders): room for one text in eight rows, so that 200,000
        // clients in 5 million orders are placed once, not again at each of eight doublings
        // (untouched room costs address space, not memory).
        table = new KeyTable(
          parser.unique === undefined
            ? { expected: Math.ceil(this.expectedRows() / 8) }
            : { expected: this.expectedRows(), textsOnDemand: true },
        );
        this.keyTables.set(field, table);
      }
      const coded = parser.type === 'status' || parser.type === 'maturity';
      slots.push({
        parser,
        numeric,
        index,
        table,
        firstLines:
          parser.unique === undefined ? undefined : new Int32Array(Math.max(1024, this.expectedRows())),
        raw: coded ? new KeyTable() : undefined,
        normal: new Int32Array(coded ? 64 : 0),
        rawReasons: undefined,
        spansOnly:
          parser.type === 'text' && parser.unique === undefined && options.texts?.includes(field) === true,
      });
      places.set(field, { numeric, index, table });
    }
    const columns = new Columns(places, numericCount, keyedCount);
    const cr: ColumnRead = {
      slots,
      columns,
      interned: 0,
      checked: 0,
      checks: slots.some((slot) => slot.firstLines !== undefined || slot.raw !== undefined),
    };
    this.columnRead = cr;
    this.lane = this.plainRecords(slots, columns);
    const batches = this.scanAll(
      (v) => this.parseColumns(v, slots, columns),
      () => {
        this.settle(cr);
        if (columns.length === 0) return undefined;
        for (const { parser, index } of slots)
          parser.amounts?.takeAll(columns.numeric[index] as Float64Array, columns.lines, columns.length);
        return columns;
      },
      this.lane,
    );
    for await (const batch of batches) {
      yield batch;
      batch.clear();
      cr.interned = 0;
      cr.checked = 0;
    }
    if (this.parts !== undefined) {
      for await (const batch of this.mergeParts(this.parts, slots, columns)) {
        yield batch;
        batch.clear();
      }
    }
  }

  /**
   * The batches of the parts read by worker threads, in file order, as one thread would have made
   * them: their rejections judged here in order, their keys mapped to this reader's (new texts
   * interned in the order the part met them: first seen, first key), their amounts checked.
   */
  private async *mergeParts(
    parts: AsyncIterable<PartWindow>,
    slots: readonly ColumnSlot[],
    columns: Columns,
  ): AsyncGenerator<Columns> {
    const keyed = slots.filter((slot) => !slot.numeric);
    let part = -1;
    let maps: Int32Array[] = [];
    let mapped: number[] = [];
    for await (const w of parts) {
      if (w.part !== part) {
        part = w.part;
        maps = keyed.map(() => new Int32Array(1024));
        mapped = keyed.map(() => 0);
      }
      // Room for every text of the parts at once (their counts come with the first batch).
      if (w.expectedTexts !== undefined)
        for (const slot of keyed) {
          const table = slot.table as KeyTable;
          table.reserve(table.size + (w.expectedTexts[slot.index] as number));
        }
      for (const r of w.rejections) this.rejectCells(r.cells, r.line, r.reason, r.column);
      this.read += w.read;
      this.skipped += w.skipped;
      for (let k = 0; k < keyed.length; k++) {
        const slot = keyed[k] as ColumnSlot;
        const table = slot.table as KeyTable;
        const { bytes, ends } = w.texts[slot.index] as { bytes: Uint8Array; ends: Int32Array };
        const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
        let map = maps[k] as Int32Array;
        let next = mapped[k] as number;
        if (next + ends.length > map.length) map = maps[k] = growTypedArray(map, next + ends.length);
        let start = 0;
        for (let j = 0; j < ends.length; j++) {
          const end = ends[j] as number;
          map[next++] = table.intern(source, start, end);
          start = end;
        }
        mapped[k] = next;
        const keys = w.keyed[slot.index] as Int32Array;
        for (let i = 0; i < w.length; i++) {
          const key = keys[i] as number;
          if (key >= 0) keys[i] = map[key] as number;
        }
      }
      this.progress?.update(this.init.bytesRead(), this.init.size, this.readCount());
      if (w.length === 0) continue;
      columns.length = w.length;
      columns.lines = w.lines as Columns['lines'];
      for (const slot of slots) {
        if (slot.numeric) columns.numeric[slot.index] = w.numeric[slot.index] as Float64Array;
        else columns.keyed[slot.index] = w.keyed[slot.index] as Int32Array;
      }
      if (w.spans !== undefined) {
        const source = Buffer.from(w.spans.bytes.buffer, w.spans.bytes.byteOffset, w.spans.bytes.length);
        if (columns.spanStarts.length < w.length) {
          columns.spanStarts = new Int32Array(w.length);
          columns.spanEnds = new Int32Array(w.length);
        }
        let start = 0;
        for (let i = 0; i < w.length; i++) {
          columns.sources[i] = source;
          columns.spanStarts[i] = start;
          columns.spanEnds[i] = start = w.spans.ends[i] as number;
        }
      }
      for (const { parser, index } of slots)
        parser.amounts?.takeAll(columns.numeric[index] as Float64Array, columns.lines, columns.length);
      yield columns;
    }
  }

  /** The lane for plain records (see column-batch.ts), when it reads every field asked for. */
  private plainRecords(slots: readonly ColumnSlot[], columns: Columns): PlainRecords | undefined {
    if (this.init.filter !== undefined) return undefined; // every record through parseColumns
    const fields: LaneField[] = [];
    for (const { parser: p, index, spansOnly } of slots) {
      if (
        p.type !== 'text' &&
        p.type !== 'number' &&
        p.type !== 'date' &&
        p.type !== 'status' &&
        p.type !== 'maturity'
      )
        return undefined;
      fields.push({
        column: p.index,
        // A status or maturity is taken as written; the settling reads it (see normalKey).
        type: p.type === 'status' || p.type === 'maturity' ? 'text' : spansOnly ? 'span' : p.type,
        slot: index,
        required: p.required,
        decimal: p.decimal,
        dateOrder: p.dateOrder,
      });
    }
    const delimiter = this.detection.delimiter.charCodeAt(0);
    return new PlainRecords(delimiter, this.headers.length, fields, columns);
  }

  /** About how many rows the file has, from its size and the sample's records (0 for stdin), up
   * to two million (a sample unlike the rest must not make room for far more; beyond, tables grow). */
  private expectedRows(): number {
    const { size, sample } = this.init;
    if (size === undefined || sample.length === 0) return 0;
    let chars = 0;
    for (const r of sample) for (const cell of r.cells) chars += cell.length + 1;
    return Math.min(1 << 21, Math.ceil(size / Math.max(1, chars / sample.length)));
  }

  /** See the function partSource. */
  partSource(): PartSource | undefined {
    const { init } = this;
    if (init.onDisk !== true || init.size === undefined || this.consumed) return undefined;
    const encoding = this.detection.encoding;
    if (encoding !== 'utf-8' && encoding !== 'utf-8-bom') return undefined;
    const parsers = this.parsers;
    return {
      path: resolve(init.io.cwd, init.path),
      size: init.size,
      bytesRead: init.bytesRead(),
      chunkBytes: init.chunkBytes ?? CHUNK_BYTES,
      fits: (fields) =>
        init.filter === undefined &&
        fields.every((field) => {
          const p = parsers.find((x) => x.field === field);
          return (
            p !== undefined &&
            (p.type === 'number' || p.type === 'date' || (p.type === 'text' && p.unique === undefined))
          );
        }),
      config: {
        name: this.name,
        headers: this.headers,
        delimiter: this.detection.delimiter,
        encoding,
        forcedEncoding: this.detection.encodingSource === 'flag',
        lang: init.options.lang,
        rejects: init.options.rejectsFile !== undefined,
        parsers: parsers.map((p) => ({
          field: p.field,
          index: p.index,
          header: p.header,
          type: p.type,
          required: p.required,
          decimal: p.decimal,
          dateOrder: p.dateOrder,
          percentScale: p.percentScale,
          money: p.amounts !== undefined,
        })),
      },
    };
  }

  /** See the function takePart. */
  takePart(part: {
    rejections: PartWindow['rejections'];
    read: number;
    skipped: number;
    amounts: { field: string; absoluteCents: number }[];
  }): { field: string; range: AmountRange; absoluteCents: number } | undefined {
    for (const a of part.amounts) {
      const range = this.parsers.find((p) => p.field === a.field)?.amounts;
      if (range !== undefined && !range.add(a.absoluteCents))
        return { field: a.field, range, absoluteCents: a.absoluteCents };
    }
    for (const r of part.rejections) this.rejectCells(r.cells, r.line, r.reason, r.column);
    this.read += part.read;
    this.skipped += part.skipped;
    return undefined;
  }

  /** See the function internTexts. */
  internTexts(field: string, bytes: Uint8Array, ends: Int32Array): Int32Array {
    const table = this.keyTables.get(field);
    if (table === undefined) throw new Error(`internTexts: ${field} was not read as keys`);
    table.reserve(table.size + ends.length);
    const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const keys = new Int32Array(ends.length);
    let start = 0;
    for (let j = 0; j < ends.length; j++) {
      const end = ends[j] as number;
      keys[j] = table.intern(source, start, end);
      start = end;
    }
    return keys;
  }

  keyTexts(field: string): readonly string[] {
    const table = this.keyTables.get(field);
    if (table === undefined) throw new Error(`keyTexts: ${field} was not read as keys`);
    return table.texts;
  }

  async forEachRow(onRow: (row: ParsedRow) => void): Promise<void> {
    for await (const batch of this.batches()) for (const row of batch) onRow(row);
  }

  async *rows(): AsyncGenerator<ParsedRow> {
    for await (const batch of this.batches()) yield* batch;
  }

  private readCount(): number {
    return this.read + (this.lane?.rows ?? 0);
  }

  counts(): Counts {
    const read = this.readCount();
    const counts: Counts = {
      read,
      used: read - this.rejected - this.asideCount - this.skipped - this.filtered,
      rejected: this.rejected,
      skipped: this.skipped,
    };
    if (this.asideCount > 0) counts.setAside = this.asideCount;
    if (this.init.filter !== undefined) counts.filtered = this.filtered;
    return counts;
  }

  setAside(row: ParsedRow, why: Texts): void {
    let entry = this.aside.get(why.en);
    if (entry === undefined) this.aside.set(why.en, (entry = { why, count: 0, lines: [] }));
    entry.count++;
    this.asideCount++;
    if (entry.lines.length < 5) entry.lines.push(row.line);
  }

  firstRejections(): readonly Rejection[] {
    return this.first;
  }

  warnings(): readonly Texts[] {
    return this.init.warnings;
  }

  finish(ctx: Context): void {
    if (this.finished) return;
    this.progress?.stop();
    const target = this.init.options.rejectsFile;
    if (target !== undefined) {
      try {
        this.rejectsPart().done();
      } catch (error) {
        this.discard();
        throw error;
      }
    }
    this.finished = true;
    const warning = tr(ctx.lang, { en: 'prospect: warning: ', fr: 'prospect : attention : ' });
    for (const w of this.init.warnings) ctx.note(`${warning}${tr(ctx.lang, w)}`);
    for (const c of this.choices) warn(ctx, 'column-choice', describeChoice(c));
    for (const [field, header] of this.init.unusedMaps) {
      ctx.note(
        tr(ctx.lang, {
          en: `prospect: ${this.name} has no header "${header}" (--map ${field}); ${field} ${this.fieldColumns.has(field) ? `is read from "${this.headers[this.fieldColumns.get(field) ?? 0] ?? ''}"` : 'is not read from it'}.`,
          fr: `prospect : ${this.name} n'a pas d'en-tête « ${header} » (--map ${field}) ; ${field} ${this.fieldColumns.has(field) ? `est lu dans « ${this.headers[this.fieldColumns.get(field) ?? 0] ?? ''} »` : "n'y est pas lu"}.`,
        }),
      );
    }
    const { read, used, rejected, skipped, setAside, filtered } = this.counts();
    const leftOut =
      filtered === undefined && setAside === undefined ? undefined : (filtered ?? 0) + (setAside ?? 0);
    const warnings = this.init.warnings.map((w) => tr(ctx.lang, w));
    recordInputRows(ctx, {
      file: this.name,
      kind: this.kind,
      read,
      used,
      rejected,
      skipped,
      ...(leftOut !== undefined ? { filtered: leftOut } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
    });
    const skippedText =
      skipped === 0
        ? { en: '', fr: '' }
        : {
            en: `, ${skipped} skipped (report footer or blank line${skipped > 1 ? 's' : ''})`,
            fr: `, ${skipped} ignorée${skipped > 1 ? 's' : ''} (pied de rapport ou ligne${skipped > 1 ? 's' : ''} vide${skipped > 1 ? 's' : ''})`,
          };
    const filteredText =
      filtered === undefined
        ? { en: '', fr: '' }
        : {
            en: `, ${filtered} filtered out (${whereFlags(this.init.options.where ?? [])})`,
            fr: `, ${filtered} écartée${filtered > 1 ? 's' : ''} (${whereFlags(this.init.options.where ?? [])})`,
          };
    ctx.note(
      tr(ctx.lang, {
        en: `${this.name}: ${formatRowCounts({ read, used, rejected }, 'en')}${filteredText.en}${skippedText.en}`,
        fr: `${this.name} : ${formatRowCounts({ read, used, rejected }, 'fr')}${filteredText.fr}${skippedText.fr}`,
      }),
    );
    if (skipped > 0) {
      recordWarning(ctx, 'rows-skipped', {
        en: `${this.name}: ${skippedText.en.slice(2)}`,
        fr: `${this.name} : ${skippedText.fr.slice(2)}`,
      });
    }
    for (const { why, count, lines } of this.aside.values()) {
      const more = count > lines.length ? ', ...' : '';
      ctx.note(
        tr(ctx.lang, {
          en: `  ${count} ${count === 1 ? 'row' : 'rows'} not used, ${why.en} (${count === 1 ? 'line' : 'lines'} ${lines.join(', ')}${more})`,
          fr: `  ${count} ${count === 1 ? 'ligne non utilisée' : 'lignes non utilisées'}, ${why.fr} (${count === 1 ? 'ligne' : 'lignes'} ${lines.join(', ')}${more})`,
        }),
      );
    }
    if (rejected > 0) {
      const shown = this.first.slice(0, 5);
      for (const r of shown) {
        const where = r.column === undefined ? `${r.line}` : `${r.line}:${r.column}`;
        ctx.note(`  ${this.name}:${where}: ${r.reason}`);
      }
      if (target === undefined) {
        ctx.note(
          tr(ctx.lang, {
            en: `  (--rejects FILE keeps every rejected row with its line and reason)`,
            fr: `  (--rejects FICHIER garde chaque ligne rejetée avec son numéro et sa raison)`,
          }),
        );
      } else if (rejected > shown.length) {
        ctx.note(
          tr(ctx.lang, {
            en: `  ... and ${rejected - shown.length} more in ${target}`,
            fr: `  ... et ${rejected - shown.length} autres dans ${target}`,
          }),
        );
      }
    }
  }

  discard(): void {
    this.progress?.stop();
    this.init.close();
    if (!this.finished) this.rejects?.discard();
    this.rejects = undefined;
  }
}

/**
 * How `reader` can be read in parts by worker threads (src/io/parallel), or undefined when it
 * cannot: stdin, a workbook, Parquet, an encoding other than UTF-8, rows already read.
 */
export function partSource(reader: TableReader): PartSource | undefined {
  if (!(reader instanceof StreamingTable)) return undefined;
  return reader.partSource();
}

/**
 * Adds a part read by another thread (with its totals: docs/threads.md) to `reader`, in file
 * order: the sums of its amounts to the reader's ranges, then its rejections (judged as the
 * reader's own: footers, --strict, --rejects) and counts. When the amounts of a field would reach
 * the limit of its range (AmountRange), nothing is added and that range is returned, with the
 * part's sum, for the caller to find the line (by reading the part again from the range).
 */
export function takePart(
  reader: TableReader,
  part: Parameters<StreamingTable['takePart']>[0],
): { field: string; range: AmountRange; absoluteCents: number } | undefined {
  return (reader as StreamingTable).takePart(part);
}

/** Interns the texts (UTF-8 `bytes`, the end of each) in `reader`'s keys of `field`, in order; their keys. */
export function internTexts(
  reader: TableReader,
  field: string,
  bytes: Uint8Array,
  ends: Int32Array,
): Int32Array {
  return (reader as StreamingTable).internTexts(field, bytes, ends);
}

/**
 * A reader of one part of a file, in a worker thread (src/io/parallel): the settings are the main
 * thread's reader's (`config`), the bytes come from `next` (the part's, from a record start).
 */
export function openPart(
  config: PartConfig,
  part: PartRead,
  next: () => Promise<Uint8Array | undefined>,
  close: () => void,
  amounts?: ReadonlyMap<string, AmountRange>,
): TableReader {
  const encoding: EncodingName = config.encoding === 'utf-8-bom' ? 'utf-8' : config.encoding;
  const parsers: ColumnParser[] = config.parsers.map(({ money: _, ...p }) => ({
    ...p,
    unique: undefined,
    cache: undefined,
    // Rounded by the part's own range when given (its sum checked by the main thread, in file
    // order: takePart), else checked by the main thread row by row.
    amounts: amounts?.get(p.field),
  }));
  return new StreamingTable({
    filter: undefined,
    path: config.name,
    name: config.name,
    headers: config.headers,
    fieldColumns: new Map(parsers.map((p) => [p.field, p.index])),
    choices: [],
    profile: undefined,
    unusedMaps: [],
    detection: {
      encoding,
      encodingSource: config.forcedEncoding ? 'flag' : 'detected',
      delimiter: config.delimiter,
      delimiterSource: 'flag',
      decimal: '.',
      decimalSource: 'flag',
      dateOrder: 'dmy',
      dateOrderSource: 'flag',
      fieldDecimal: new Map(),
      fieldDateOrder: new Map(),
    },
    sample: [],
    parsers,
    options: { lang: config.lang, ...(config.rejects ? { rejectsFile: '-' } : {}) },
    io: undefined as unknown as Io, // never used: rejections go to `part.rejected`
    replay: [],
    ended: false,
    size: undefined,
    bytesRead: () => 0,
    next,
    close,
    decoder: () =>
      new TextStreamDecoder(encoding, config.forcedEncoding, config.name, {
        strict: false,
        countLines: false,
      }),
    warnings: [],
    part,
  });
}
