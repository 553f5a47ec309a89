/**
 * Parquet input for the built-in reader (hyparquet: pure JavaScript, no native code): a `.parquet`
 * file becomes CSV text (comma, UTF-8) that `openTable` reads as it reads any file, so the column
 * mapping, the row accounting and the notes are the same. Typed columns need no guessing: numbers
 * and decimals are written as the `.xlsx` reader writes them (a dot, never an ambiguous `1.234`),
 * dates and timestamps as ISO text. Row N of the file is line N + 1 of the CSV (line 1: header).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatIsoDay } from '../core/calendar.js';
import { DataError, InputFileError } from '../errors.js';
import { tr, type Lang } from '../i18n.js';
import { formatSheetNumber } from './read-xlsx.js';

const MAGIC = 'PAR1';

/** Bytes of CSV text made from a Parquet file, as `openTable` reads a file. */
export interface ParquetSource {
  next(): Promise<Uint8Array | undefined>;
  close(): void;
  /** The CSV made is not the file's size (progress shows rows and bytes read). */
  size: undefined;
}

/** Whether a path names a Parquet file: by its extension, or by its first bytes (`PAR1`). */
export function isParquetFile(path: string, first: Uint8Array): boolean {
  return /\.parquet$/i.test(path) || Buffer.from(first.subarray(0, 4)).toString('latin1') === MAGIC;
}

/** A CSV cell: quoted when it holds a comma, a quote, a line break or outer spaces. */
function csvCell(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Two digits. */
const two = (n: number): string => String(n).padStart(2, '0');

/** A timestamp as ISO text in UTC: the date alone at midnight, else `YYYY-MM-DD HH:MM:SS`. */
function formatTimestamp(millis: number): string {
  const d = new Date(millis);
  if (Number.isNaN(d.getTime())) return '';
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 && d.getUTCMilliseconds() === 0
    ? date
    : `${date} ${two(h)}:${two(m)}:${two(s)}`;
}

/** A Parquet value as the text of a CSV cell (typed values need no locale). */
export function formatParquetValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? formatSheetNumber(value) : '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return formatTimestamp(value.getTime());
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** Dates and timestamps as ISO text straight away (no Date objects, no time zone). */
const PARSERS = {
  dateFromDays: (days: number): string => formatIsoDay(days),
  timestampFromMilliseconds: (ms: bigint): string => formatTimestamp(Number(ms)),
  timestampFromMicroseconds: (us: bigint): string => formatTimestamp(Number(us / 1000n)),
  timestampFromNanoseconds: (ns: bigint): string => formatTimestamp(Number(ns / 1000000n)),
};

/**
 * The CSV source for `path` when it names a Parquet file (by extension or first bytes), else
 * undefined. Read one row group at a time. A file that is no readable Parquet file (damaged,
 * truncated, an unsupported compression) is a DataError (65) that says so.
 */
export async function openParquetInput(
  path: string,
  name: string,
  cwd: string,
  lang: Lang,
): Promise<ParquetSource | undefined> {
  if (path === '-') return undefined;
  const full = resolve(cwd, path);
  let first: Buffer;
  try {
    if (!statSync(full).isFile()) return undefined;
    const fd = openSync(full, 'r');
    try {
      first = Buffer.alloc(4);
      first = first.subarray(0, readSync(fd, first, 0, 4, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined; // the CSV reader says why the file cannot be opened
  }
  if (!isParquetFile(path, first)) return undefined;
  const damaged = (error: unknown): DataError =>
    new DataError([
      {
        file: name,
        message: tr(lang, {
          en: `not a readable Parquet file (${(error as Error).message ?? String(error)}); check that the file is complete (export it again), or give it as CSV`,
          fr: `fichier Parquet illisible (${(error as Error).message ?? String(error)}) ; vérifiez que le fichier est complet (exportez-le à nouveau), ou donnez-le en CSV`,
        }),
      },
    ]);
  const hyparquet = await import('hyparquet');
  let file: Awaited<ReturnType<typeof hyparquet.asyncBufferFromFile>>;
  try {
    file = await hyparquet.asyncBufferFromFile(full);
  } catch (error) {
    throw new InputFileError({
      en: `${name}: cannot read the file (${(error as Error).message}).`,
      fr: `${name} : impossible de lire le fichier (${(error as Error).message}).`,
    });
  }
  let metadata: Awaited<ReturnType<typeof hyparquet.parquetMetadataAsync>>;
  try {
    metadata = await hyparquet.parquetMetadataAsync(file);
  } catch (error) {
    throw damaged(error);
  }
  const columns = hyparquet.parquetSchema(metadata).children.map((c) => c.element.name);
  const groups: [number, number][] = [];
  let start = 0;
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows);
    groups.push([start, end]);
    start = end;
  }
  let headerSent = false;
  let next = 0;
  let closed = false;
  return {
    size: undefined,
    async next() {
      if (closed) return undefined;
      if (!headerSent) {
        headerSent = true;
        return Buffer.from(`${columns.map(csvCell).join(',')}\n`, 'utf8');
      }
      for (;;) {
        const range = groups[next++];
        if (range === undefined) return undefined;
        const text = await readGroup(range);
        if (text !== '') return Buffer.from(text, 'utf8');
      }
    },
    close() {
      closed = true;
    },
  };

  async function readGroup(range: [number, number]): Promise<string> {
    let rows: unknown[][] = [];
    try {
      await hyparquet.parquetRead({
        file,
        metadata,
        columns,
        rowStart: range[0],
        rowEnd: range[1],
        parsers: PARSERS,
        onComplete: (r: unknown[][]) => {
          rows = r;
        },
      });
    } catch (error) {
      throw damaged(error);
    }
    let text = '';
    for (const row of rows) text += `${row.map((v) => csvCell(formatParquetValue(v))).join(',')}\n`;
    return text;
  }
}
