/**
 * An `.xlsx` sheet as the CSV reader reads it: the workbook is streamed by exceljs (its
 * WorkbookReader), one row at a time, and each row is written as one line of plain CSV (comma,
 * UTF-8) on the line of its sheet row, so that `openTable` reads it through the same path as a
 * CSV file (typed values, mapping, rejects) and line numbers are the rows of the sheet.
 *
 * Excel's typed cells need no locale guessing: a number cell becomes `1234.5` (never an ambiguous
 * `1.234`), a percentage `25%`, a date cell an ISO date, a formula its cached result. Rows above
 * the header (a title) become blank lines; a header on two rows (group labels merged over several
 * columns, sub-labels below) becomes one header of joined labels.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatIsoDay } from '../core/calendar.js';
import { DataError, InputFileError, UsageError } from '../errors.js';
import { tr, type Lang, type Texts } from '../i18n.js';
import { loadExcelJs } from './lazy-require.js';
import type { Readable } from 'node:stream';
import {
  MAX_PART_BYTES,
  MAX_SHARED_STRINGS_BYTES,
  openPartStream,
  readWorkbookSheets,
  WorkbookFileError,
  type SheetEntry,
  type WorkbookParts,
  type WorkbookProblem,
} from './xlsx-zip.js';

/** What the reader found out about a workbook, for `inspect` and notes. */
export interface SheetDetection {
  /** The sheet read. */
  sheet: string;
  /** Every sheet of the workbook, in order. */
  sheets: string[];
  /** The first and last sheet rows of the header (the same row for a one-row header). */
  headerRows: [number, number];
}

/** Bytes of CSV text made from a sheet, as `openTable` reads a file. */
export interface SheetSource {
  next(): Promise<Uint8Array | undefined>;
  close(): void;
  /** Unknown: the CSV made is not the file's size (progress shows rows and bytes read). */
  size: undefined;
  detection: SheetDetection;
}

export interface SheetOptions {
  /** `--sheet NAME`: else the first sheet. */
  sheet?: string;
  /** `--delimiter` and `--encoding`, which a workbook does not need (a note says so). */
  delimiter?: string;
  encoding?: string;
  lang?: Lang;
  /** A note for stderr (in the user's language), when something was read in a way to know. */
  note?: (text: Texts) => void;
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * Whether a path names a workbook: by its extension (`.xlsx`, `.xlsm`, `.xls`), or by its first
 * bytes (a zip archive or an OLE2 file: no CSV starts so).
 */
export function isWorkbook(path: string, firstBytes: Uint8Array): boolean {
  if (/\.(xlsx|xlsm|xls)$/i.test(path)) return true;
  if (firstBytes.length < 4) return false;
  if (firstBytes[0] === 0x50 && firstBytes[1] === 0x4b && firstBytes[2] === 3 && firstBytes[3] === 4)
    return true;
  return OLE.every((b, i) => firstBytes[i] === b);
}

function problemText(problem: WorkbookProblem): Texts {
  switch (problem.kind) {
    case 'xls':
      return {
        en: 'an Excel 97-2003 workbook (.xls), which prospect does not read; open it in Excel and save it as .xlsx or CSV',
        fr: 'un classeur Excel 97-2003 (.xls), que prospect ne lit pas ; ouvrez-le dans Excel et enregistrez-le en .xlsx ou en CSV',
      };
    case 'encrypted':
      return {
        en: 'a password-protected workbook; remove the password in Excel (File > Info > Protect Workbook) or save it as CSV',
        fr: 'un classeur protégé par mot de passe ; retirez le mot de passe dans Excel (Fichier > Informations > Protéger le classeur) ou enregistrez-le en CSV',
      };
    case 'not-zip':
      return {
        en: 'not an .xlsx workbook (an .xlsx file is a zip archive; this one is not); check the file, or give a CSV file',
        fr: "pas un classeur .xlsx (un fichier .xlsx est une archive zip ; celui-ci n'en est pas une) ; vérifiez le fichier, ou donnez un fichier CSV",
      };
    case 'not-workbook':
      return {
        en: 'a zip archive but not an Excel workbook (no sheet in xl/workbook.xml); give an .xlsx saved by Excel, LibreOffice or a CRM',
        fr: 'une archive zip mais pas un classeur Excel (aucune feuille dans xl/workbook.xml) ; donnez un .xlsx enregistré par Excel, LibreOffice ou un CRM',
      };
    case 'bomb': {
      const gb = (problem.uncompressedSize / 1024 ** 3).toFixed(1);
      return {
        en: `${problem.entry} would unpack to ${gb} GB, far more than a sheet's data (a damaged or hostile archive); open it in Excel and save it again, or save it as CSV`,
        fr: `${problem.entry} se décompresserait en ${gb.replace('.', ',')} Go, bien plus que les données d'une feuille (archive abîmée ou malveillante) ; ouvrez-le dans Excel et enregistrez-le à nouveau, ou en CSV`,
      };
    }
    case 'corrupt':
      return damaged(problem.detail);
  }
}

function damaged(detail: string): Texts {
  return {
    en: `the workbook is damaged (${detail}); open it in Excel and save it again, or save it as CSV`,
    fr: `le classeur est abîmé (${detail}) ; ouvrez-le dans Excel et enregistrez-le à nouveau, ou en CSV`,
  };
}

/** A cell made text for the CSV reader, and what Excel said it was. */
interface SheetCell {
  text: string;
  kind: 'text' | 'number' | 'date' | 'other';
}

/** A number as text that every decimal convention reads the same: never `1.234` (ambiguous with
 * a thousands separator), rounded to the 15 digits Excel shows. */
export function formatSheetNumber(n: number): string {
  const text = String(Number(n.toPrecision(15)));
  return /^-?[1-9]\d{0,2}\.\d{3}$/.test(text) ? `${text}0` : text;
}

/** Whether a number format shows a percentage (a `%` outside quotes and brackets). */
function isPercentFormat(format: string | undefined): boolean {
  if (format === undefined) return false;
  return format.replace(/"[^"]*"|\[[^\]]*]|\\./g, '').includes('%');
}

/** Whether a number format shows a date (exceljs's rule: y m d h s outside quotes and brackets). */
function isDateFormat(format: string | undefined): boolean {
  if (format === undefined) return false;
  return /[ymdhsb]/i.test(format.replace(/"[^"]*"|\[[^\]]*]|\\./g, ''));
}

/** Excel's serial day number (1900 or 1904 system) as an ISO date. */
function serialToIso(serial: number, date1904: boolean): string {
  return formatIsoDay(Math.floor(serial - 25569 + (date1904 ? 1462 : 0) + 1e-9));
}

interface Counters {
  lineBreaks: number;
}

function convertCell(
  value: unknown,
  format: string | undefined,
  date1904: boolean,
  counters: Counters,
): SheetCell {
  if (value === null || value === undefined) return { text: '', kind: 'other' };
  if (typeof value === 'string') {
    let text = value;
    if (/[\r\n]/.test(text)) {
      counters.lineBreaks++;
      text = text.replace(/\r\n|[\r\n]/g, ' ');
    }
    return { text, kind: 'text' };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { text: '', kind: 'other' };
    if (isDateFormat(format)) return { text: serialToIso(value, date1904), kind: 'date' };
    if (isPercentFormat(format)) return { text: `${formatSheetNumber(value * 100)}%`, kind: 'number' };
    return { text: formatSheetNumber(value), kind: 'number' };
  }
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', kind: 'other' };
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) return { text: '', kind: 'other' };
    return { text: formatIsoDay(Math.floor(time / 86_400_000)), kind: 'date' };
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      const text = (v.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
      return convertCell(text, format, date1904, counters);
    }
    if ('formula' in v || 'sharedFormula' in v) return convertCell(v.result, format, date1904, counters);
    if ('error' in v) return { text: String(v.error), kind: 'other' };
    if ('text' in v) return convertCell(v.text, format, date1904, counters);
  }
  return { text: String(value as string), kind: 'other' };
}

/** One row of the sheet: its number and its cells (index 0 = column A). */
interface SheetRow {
  number: number;
  cells: SheetCell[];
}

function filled(row: SheetRow): number {
  let n = 0;
  for (const c of row.cells) if (c.text.trim() !== '') n++;
  return n;
}

function lastFilled(row: SheetRow): number {
  for (let i = row.cells.length - 1; i >= 0; i--) if ((row.cells[i]?.text ?? '').trim() !== '') return i;
  return -1;
}

/** A row of labels: texts only (a year typed as a number, `2025`, is a label too). */
function isLabelRow(row: SheetRow): boolean {
  return row.cells.every(
    (c) => c.text.trim() === '' || c.kind === 'text' || (c.kind === 'number' && /^(19|20)\d\d$/.test(c.text)),
  );
}

const cellText = (row: SheetRow | undefined, i: number): string => (row?.cells[i]?.text ?? '').trim();

/** Where the header is among the first rows, and its labels. */
export interface HeaderFound {
  /** Index in the rows given of the first header row, and of the last (the same, or the next). */
  first: number;
  last: number;
  labels: string[];
}

/**
 * Finds the header among the first non-empty rows of a sheet. The header is the first row of
 * labels only (no number or date cell) that fills at least two cells, at least half as many as
 * the fullest row, and reaches at least 4/5 of the widest row's last column: a title above it (one
 * or two cells, maybe merged across) is skipped. The next row
 * completes it when it holds sub-labels only under group labels: a group label is followed by
 * empty cells (the rest of its merged span), the row below has a label under the group's first
 * column and is empty under every column that stands alone (labels merged down over two rows).
 * Then each column's label is its group's label and its own, joined by a space.
 */
export function findHeader(rows: readonly SheetRow[]): HeaderFound {
  const fullest = Math.max(0, ...rows.map(filled));
  const widest = Math.max(0, ...rows.map(lastFilled)) + 1;
  let first = rows.findIndex(
    (r) =>
      isLabelRow(r) && filled(r) >= 2 && filled(r) * 2 >= fullest && (lastFilled(r) + 1) * 5 >= widest * 4,
  );
  if (first < 0) first = rows.findIndex((r) => filled(r) > 0);
  if (first < 0) return { first: 0, last: 0, labels: [] };
  const top = rows[first] as SheetRow;
  const width = Math.max(...rows.map(lastFilled)) + 1;
  // Each column's group: the index of the label at or before it in the top row.
  const group: number[] = [];
  let current = -1;
  for (let i = 0; i < width; i++) {
    if (cellText(top, i) !== '') current = i;
    group.push(current);
  }
  const spans = new Set<number>(); // group labels followed by at least one empty cell
  for (let i = 0; i < width; i++)
    if (cellText(top, i) === '' && (group[i] as number) >= 0) spans.add(group[i] as number);
  const below = rows[first + 1];
  let twoRows = false;
  if (
    below !== undefined &&
    below.number === top.number + 1 &&
    spans.size > 0 &&
    isLabelRow(below) &&
    filled(below) > 0
  ) {
    twoRows = true;
    for (let i = 0; i < width && twoRows; i++) {
      const g = group[i] as number;
      const inSpan = g >= 0 && spans.has(g);
      if (!inSpan && cellText(below, i) !== '') twoRows = false; // under a lone label: must be empty
    }
    for (const g of spans) if (cellText(below, g) === '') twoRows = false;
  }
  const labels: string[] = [];
  for (let i = 0; i < width; i++) {
    const own = cellText(top, i);
    if (!twoRows) {
      labels.push(own);
      continue;
    }
    const g = group[i] as number;
    const sub = cellText(below, i);
    const head = g >= 0 && spans.has(g) ? cellText(top, g) : own;
    labels.push(sub === '' ? head : head === '' ? sub : `${head} ${sub}`);
  }
  return { first, last: twoRows ? first + 1 : first, labels };
}

function csvCell(text: string): string {
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** How many non-empty rows are read before the header is chosen. */
const HEADER_WINDOW = 30;
const CHUNK_CHARS = 64 * 1024;

/** The parts of exceljs's WorkbookReader (4.x) used here: its methods for each part. */
interface ReaderInternals {
  sharedStrings: unknown[] | undefined;
  properties: { model?: { date1904?: boolean } } | undefined;
  _parseStyles(stream: Readable): Promise<void>;
  _parseSharedStrings(stream: Readable): AsyncGenerator<unknown>;
  _parseWorkbook(stream: Readable): Promise<void>;
  _parseWorksheet(
    iterator: AsyncIterable<unknown>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: AsyncIterable<RowLike> }>;
}

interface RowLike {
  number: number;
  eachCell(options: { includeEmpty: boolean }, callback: (cell: CellLike, column: number) => void): void;
}

interface CellLike {
  value: unknown;
  numFmt?: string;
}

/**
 * Opens sheet `options.sheet` (else the first) of the workbook at `path` as CSV bytes. Throws
 * DataError (65) for a file that is no readable workbook, UsageError (64) for an unknown
 * `--sheet`, InputFileError (66) when the file cannot be read.
 */
export async function openSheetSource(
  path: string,
  name: string,
  cwd: string,
  size: number,
  options: SheetOptions,
): Promise<SheetSource> {
  const lang = options.lang ?? 'en';
  const fail = (text: Texts): DataError => new DataError([{ file: name, message: tr(lang, text) }]);
  const full = resolve(cwd, path);
  let workbook: WorkbookParts;
  try {
    workbook = readWorkbookSheets(full, size);
  } catch (error) {
    if (error instanceof WorkbookFileError) throw fail(problemText(error.problem));
    // A system error (EACCES, EIO...) is the file's; anything else (an offset out of range in a
    // damaged directory) is the content's.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && /^E[A-Z]+$/.test(code))
      throw new InputFileError({
        en: `${name}: cannot read the file (${(error as Error).message}); check the path and its permissions.`,
        fr: `${name} : lecture du fichier impossible (${(error as Error).message}) ; vérifiez le chemin et les droits.`,
      });
    throw fail(damaged((error as Error).message.split('\n')[0] ?? ''));
  }
  const sheets = workbook.sheets;
  const names = sheets.map((s) => s.name);
  const listed = names.map((n) => `"${n}"`).join(', ');
  let target = sheets[0] as SheetEntry;
  if (options.sheet !== undefined) {
    const wanted = options.sheet.trim();
    const found =
      sheets.find((s) => s.name === wanted) ??
      sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    if (found === undefined)
      throw new UsageError(
        tr(lang, {
          en: `--sheet "${options.sheet}": ${name} has no such sheet; its sheets: ${listed}.`,
          fr: `--sheet "${options.sheet}" : ${name} n'a pas de feuille de ce nom ; ses feuilles : ${listed}.`,
        }),
      );
    target = found;
  }
  if (target.partNumber === undefined)
    throw fail({
      en: `sheet "${target.name}" is a chart sheet or is stored in a way prospect cannot read; choose another with --sheet (sheets: ${listed})`,
      fr: `la feuille "${target.name}" est une feuille de graphique ou est enregistrée d'une façon que prospect ne lit pas ; choisissez-en une autre avec --sheet (feuilles : ${listed})`,
    });
  const part = target.partNumber;
  const wantedName = target.name;

  const counters: Counters = { lineBreaks: 0 };

  // exceljs's streamed reader, driven part by part (its own zip reading leaves a damaged part
  // waiting forever, reads the parts in the archive's order, which may put the styles after the
  // sheet, and cuts characters between chunks): the styles (dates are numbers with a date
  // format), the shared strings, the workbook (its 1904 date system), then the sheet.
  const reader = new (loadExcelJs().stream.xlsx.WorkbookReader)(full, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as ReaderInternals;
  const streams: Readable[] = [];
  const open = (partName: string, limit: number): Readable | undefined => {
    const found = workbook.parts.get(partName);
    if (found === undefined) return undefined;
    const stream = openPartStream(full, found, limit);
    streams.push(stream);
    return stream;
  };

  async function* sheetRows(): AsyncGenerator<SheetRow> {
    const styles = open('xl/styles.xml', MAX_PART_BYTES);
    if (styles !== undefined) await reader._parseStyles(styles);
    const shared = open('xl/sharedStrings.xml', MAX_SHARED_STRINGS_BYTES);
    if (shared === undefined) reader.sharedStrings = [];
    else for await (const _ of reader._parseSharedStrings(shared)) void _;
    await reader._parseWorkbook(open('xl/workbook.xml', MAX_PART_BYTES) as Readable);
    const use1904 = Boolean(reader.properties?.model?.date1904);
    const data = open(`xl/worksheets/sheet${part}.xml`, MAX_PART_BYTES) as Readable;
    const sheet = reader._parseWorksheet(data, part).next().value?.value;
    if (sheet === undefined) return;
    for await (const row of sheet) {
      const cells: SheetCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell: CellLike, column: number) => {
        while (cells.length < column - 1) cells.push({ text: '', kind: 'other' });
        cells[column - 1] = convertCell(cell.value, cell.numFmt, use1904, counters);
      });
      yield { number: row.number, cells };
    }
  }

  const rows = sheetRows();
  const nextRow = async (): Promise<SheetRow | undefined> => {
    try {
      const r = await rows.next();
      return r.done ? undefined : r.value;
    } catch (error) {
      if (error instanceof WorkbookFileError) throw fail(problemText(error.problem));
      const detail = ((error as Error).message ?? String(error)).split('\n')[0]?.slice(0, 200) ?? '';
      throw fail(damaged(detail));
    }
  };

  // The header: among the first non-empty rows.
  const head: SheetRow[] = [];
  let ended = false;
  while (head.length < HEADER_WINDOW) {
    const row = await nextRow();
    if (row === undefined) {
      ended = true;
      break;
    }
    if (filled(row) > 0) head.push(row);
  }
  const found = findHeader(head);
  const headerTop = head[found.first];
  const headerBottom = head[found.last];
  const detection: SheetDetection = {
    sheet: wantedName,
    sheets: names,
    headerRows: [headerTop?.number ?? 1, headerBottom?.number ?? 1],
  };
  const width = Math.max(found.labels.length, ...head.map((r) => lastFilled(r) + 1));
  if (sheets.length > 1 && options.sheet === undefined)
    options.note?.({
      en: `${name}: reading sheet "${wantedName}", the first of ${sheets.length} (${listed}); --sheet NAME reads another`,
      fr: `${name} : lecture de la feuille "${wantedName}", la première des ${sheets.length} (${listed}) ; --sheet NOM en lit une autre`,
    });
  const [top, bottom] = detection.headerRows;
  if (top > 1 || bottom > top) {
    const above = top - 1;
    const en = [
      bottom > top
        ? `header on rows ${top}-${bottom} (labels of merged cells joined)`
        : `header on row ${top}`,
      above > 0 ? `${above === 1 ? 'row 1' : `rows 1-${above}`} above it skipped` : '',
    ].filter((s) => s !== '');
    const fr = [
      bottom > top
        ? `en-tête sur les lignes ${top} à ${bottom} (libellés des cellules fusionnées joints)`
        : `en-tête sur la ligne ${top}`,
      above > 0
        ? `${above === 1 ? 'ligne 1 au-dessus ignorée' : `lignes 1 à ${above} au-dessus ignorées`}`
        : '',
    ].filter((s) => s !== '');
    options.note?.({ en: `${name}: ${en.join(', ')}`, fr: `${name} : ${fr.join(', ')}` });
  }

  // The CSV text: each row on the line of its sheet row; blank lines for the rows above the
  // header, for its second row and for missing or empty rows (the reader skips blank lines).
  let line = 1;
  let text = '';
  const put = (number: number, cells: readonly string[]): void => {
    if (number > line) text += '\n'.repeat(number - line);
    text += cells.map(csvCell).join(',') + '\n';
    line = number + 1;
  };
  const putRow = (row: SheetRow): void => {
    if (row.number < line) return; // rows out of order: never in a valid sheet
    if (filled(row) === 0) return;
    const cells: string[] = [];
    const n = Math.max(width, lastFilled(row) + 1);
    for (let i = 0; i < n; i++) cells.push(row.cells[i]?.text ?? '');
    put(row.number, cells);
  };
  if (headerTop !== undefined) {
    const labels = [...found.labels];
    while (labels.length < width) labels.push('');
    put(headerTop.number, labels);
    if (bottom > top) {
      text += '\n'.repeat(bottom - top);
      line = bottom + 1;
    }
  }
  for (const row of head.slice(found.last + 1)) putRow(row);

  let closed = false;
  let noted = false;
  const finish = (): void => {
    if (noted) return;
    noted = true;
    if (counters.lineBreaks > 0)
      options.note?.({
        en: `${name}: ${counters.lineBreaks} ${counters.lineBreaks === 1 ? 'cell holds' : 'cells hold'} line breaks, read as spaces`,
        fr: `${name} : ${counters.lineBreaks} ${counters.lineBreaks === 1 ? 'cellule contient' : 'cellules contiennent'} des retours à la ligne, lus comme des espaces`,
      });
  };
  return {
    size: undefined,
    detection,
    next: async () => {
      while (!ended && !closed && text.length < CHUNK_CHARS) {
        const row = await nextRow();
        if (row === undefined) {
          ended = true;
          break;
        }
        putRow(row);
      }
      if (text === '') {
        finish();
        return undefined;
      }
      const chunk = Buffer.from(text, 'utf8');
      text = '';
      return chunk;
    },
    close: () => {
      if (closed) return;
      closed = true;
      for (const stream of streams) stream.destroy();
    },
  };
}

/**
 * The sheet source for `path` when it names a workbook (by extension or first bytes), else
 * undefined (a CSV file, stdin, or a path that the CSV reader will report as missing).
 */
export async function openWorkbookInput(
  path: string,
  name: string,
  cwd: string,
  options: SheetOptions,
): Promise<SheetSource | undefined> {
  if (path === '-') return undefined;
  const full = resolve(cwd, path);
  let size: number;
  let first: Buffer;
  try {
    const stats = statSync(full);
    if (!stats.isFile()) return undefined;
    size = stats.size;
    const fd = openSync(full, 'r');
    try {
      first = Buffer.alloc(8);
      first = first.subarray(0, readSync(fd, first, 0, 8, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined; // the CSV reader says why the file cannot be opened
  }
  if (!isWorkbook(path, first)) {
    if (options.sheet !== undefined)
      options.note?.({
        en: `${name}: --sheet is for .xlsx workbooks; not used for this CSV file`,
        fr: `${name} : --sheet sert aux classeurs .xlsx ; non utilisé pour ce fichier CSV`,
      });
    return undefined;
  }
  const unused = [
    options.delimiter === undefined ? '' : '--delimiter',
    options.encoding === undefined ? '' : '--encoding',
  ]
    .filter((f) => f !== '')
    .join(', ');
  if (unused !== '')
    options.note?.({
      en: `${name}: ${unused} not used (a workbook's cells need no separator or encoding)`,
      fr: `${name} : ${unused} non utilisé${unused.includes(',') ? 's' : ''} (les cellules d'un classeur n'ont ni séparateur ni encodage)`,
    });
  return openSheetSource(path, name, cwd, size, options);
}
