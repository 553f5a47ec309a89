import { createRequire } from 'node:module';
import type * as ExcelJs from 'exceljs';
import type { Writable } from 'node:stream';
import { UsageError } from '../errors.js';
import type { Lang, Texts } from '../i18n.js';
import { formatCell, type Cell, type Column, type Report, type TableBlock } from './report.js';

/**
 * A report as an Excel workbook (`--format xlsx`): one sheet per table of the report, numbers as
 * numbers with Excel formats (€ with cents, %, thousands), dates as date cells, a frozen header
 * row with filters, columns as wide as their content; the report's parameters, notes and the
 * run's warnings on a last sheet. Text from the data is written as text cells, never as formulas
 * (a company named `=1+2` stays text). Returns the bytes; writing them is the caller's business.
 *
 * exceljs is loaded on first use, as the reader does (src/io/lazy-require.ts, which render does
 * not import): one copy is loaded either way.
 */
const require = createRequire(import.meta.url);
let excelJs: typeof ExcelJs | undefined;
function loadExcelJs(): typeof ExcelJs {
  return (excelJs ??= require('exceljs') as typeof ExcelJs);
}

/** Excel's limits: rows of a sheet (with its header), characters of a cell and of a sheet's name. */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_CELL_CHARS = 32_767;
const SHEET_NAME_CHARS = 31;

type CellValue = string | number | boolean | Date | null;

/** What a workbook's writer says about the data it had to change (cut cells). */
export interface XlsxNotes {
  /** Texts longer than a cell holds (32,767 characters), cut: how many. */
  cutCells: number;
}

/**
 * Excel's number format for a kind: integers with thousands, amounts in € with cents, fractions
 * as %, dates as ISO dates. A `number` column whose values are all whole has no decimals.
 */
function numberFormat(kind: Column['kind'], decimals: number | undefined, whole = false): string | undefined {
  const digits = (n: number): string => (n > 0 ? `.${'0'.repeat(n)}` : '');
  switch (kind) {
    case 'integer':
      return '#,##0';
    case 'number':
      return whole ? '#,##0' : `#,##0${digits(decimals ?? 2)}`;
    case 'money':
      return '#,##0.00 "€"';
    case 'percent':
      return `0${digits(decimals ?? 1)}%`;
    case 'date':
      return 'yyyy-mm-dd';
    default:
      return undefined;
  }
}

/**
 * A text as XML 1.0 (and so Excel) accepts it: control characters other than tab and line
 * breaks, U+FFFE/U+FFFF and lone surrogates become U+FFFD (a workbook holding one does not open).
 */
export function toXmlText(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
}

/**
 * A sheet name Excel accepts and a reader can use: the wanted name without []:*?/\ and control
 * characters; when longer than 31 characters, without its parenthesised parts, then cut at a
 * word; unique in the workbook (case-insensitively), by a number after it.
 */
export function sheetName(wanted: string, taken: Set<string>): string {
  const clean = (s: string): string =>
    toXmlText(s)
      .replace(/[[\]:*?/\\\ufffd]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '');
  let base = clean(wanted);
  if (base.length > SHEET_NAME_CHARS) base = clean(base.replace(/\([^()]*\)?/g, ' ')) || base;
  if (base.length > SHEET_NAME_CHARS) {
    const cut = base.slice(0, SHEET_NAME_CHARS + 1);
    const space = cut.lastIndexOf(' ');
    base = (space >= 12 ? cut.slice(0, space) : cut.slice(0, SHEET_NAME_CHARS)).trim();
  }
  if (base === '') base = 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++)
    name = `${base.slice(0, SHEET_NAME_CHARS - String(i).length - 1).trim()} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

class SheetWriter {
  cutCells = 0;

  /** A text cell: valid XML, at most 32,767 characters (a longer one is cut, and counted). */
  text(value: string): string {
    const text = toXmlText(value);
    if (text.length <= XLSX_MAX_CELL_CHARS) return text;
    this.cutCells++;
    return text.slice(0, XLSX_MAX_CELL_CHARS);
  }

  /** The value a cell holds: numbers as numbers, ISO dates as dates, texts as text. */
  value(value: Cell, column: Column, lang: Lang): CellValue {
    if (value === null || value === undefined || value === '') return null;
    if (typeof value === 'object')
      return 'value' in value && Number.isFinite(value.value) ? value.value : this.text(value[lang]);
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'boolean') return value;
    if (column.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const [y, m, d] = value.split('-').map(Number) as [number, number, number];
      return new Date(Date.UTC(y, m - 1, d));
    }
    // A string is always written as a text cell: exceljs makes a formula only from { formula }.
    return this.text(value);
  }
}

/**
 * The rows of a table, read one at a time by index: a block's array, or rows made on demand (a
 * workbook of a million clients need not hold a million row objects; see `writeXlsx`).
 */
export interface TableRows {
  count: number;
  at(index: number): Record<string, Cell>;
}

function rowsOfBlock(block: TableBlock): TableRows {
  return { count: block.rows.length, at: (i) => block.rows[i] as Record<string, Cell> };
}

/** Rows written between two turns of the event loop by the streaming writer (which zips them). */
const ROWS_PER_TURN = 2000;
/** The XML a streamed sheet may have waiting for the zip before its rows wait. */
const BACKLOG_BYTES = 4 * 1024 * 1024;

async function addTable(
  workbook: ExcelJs.Workbook,
  name: string,
  block: TableBlock,
  rows: TableRows,
  lang: Lang,
  writer: SheetWriter,
  turn: ((sheet: ExcelJs.Worksheet) => Promise<void>) | undefined,
): Promise<void> {
  const streamed = turn !== undefined;
  const { columns } = block;
  if (rows.count + 1 > XLSX_MAX_ROWS)
    throw new UsageError({
      en: `the table "${name}" has ${rows.count} rows, more than a worksheet holds (${XLSX_MAX_ROWS - 1}); use --format csv.`,
      fr: `le tableau « ${name} » a ${rows.count} lignes, plus qu'une feuille n'en contient (${XLSX_MAX_ROWS - 1}) ; utilisez --format csv.`,
    });
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  // Per column: whether every value is whole, and the widest value shown (as the table shows it).
  const whole = columns.map(() => true);
  const widths = columns.map((c) => c.label[lang].length);
  for (let r = 0; r < rows.count; r++) {
    const row = rows.at(r);
    columns.forEach((c, i) => {
      const v = row[c.key];
      if (typeof v === 'number' && !Number.isInteger(v)) whole[i] = false;
      widths[i] = Math.max(widths[i] as number, formatCell(v, c, lang).length);
    });
  }
  sheet.columns = columns.map((c, i) => {
    const format = numberFormat(c.kind, c.decimals, whole[i]);
    return {
      header: writer.text(c.label[lang]),
      key: c.key,
      width: Math.min(60, Math.max(8, (widths[i] as number) + 2)),
      ...(format === undefined ? {} : { style: { numFmt: format } }),
    };
  });
  sheet.getRow(1).font = { bold: true };
  // The filter's range is known before the rows: a streamed sheet writes it at its end.
  if (columns.length > 0)
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.count, column: columns.length } };
  if (streamed) sheet.getRow(1).commit();
  for (let r = 0; r < rows.count; r++) {
    const row = rows.at(r);
    const values: Record<string, CellValue> = {};
    for (const c of columns) values[c.key] = writer.value(row[c.key], c, lang);
    const added = sheet.addRow(values);
    columns.forEach((c, i) => {
      const v = row[c.key];
      // A number shown as text in a mixed column takes its own kind's format.
      if (typeof v === 'object' && v !== null && 'value' in v && Number.isFinite(v.value))
        added.getCell(i + 1).numFmt =
          numberFormat(v.kind, v.decimals, Number.isInteger(v.value)) ?? 'General';
      // A whole number in a column of decimals (3 deals above 62.3 hours) shows no decimals, as
      // the table shows it.
      else if (c.kind === 'number' && typeof v === 'number' && Number.isInteger(v))
        added.getCell(i + 1).numFmt = '#,##0';
    });
    if (streamed) {
      added.commit();
      // let the zip take what was written, so that rows do not pile up in memory
      if ((r + 1) % ROWS_PER_TURN === 0) await turn(sheet);
    }
  }
  if (streamed) sheet.commit();
}

/**
 * The report's JSON entries that are single values (file, dates, options) as `key: value` rows;
 * an object's entries under `key.entry` (one level down), a list of plain values joined.
 */
function* parameterRows(json: unknown, prefix = ''): Generator<[string, string | number | boolean]> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return;
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (key === 'schemaVersion' || key === 'warnings') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      yield [prefix + key, value];
    else if (
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((v) => typeof v === 'string' || typeof v === 'number')
    )
      yield [prefix + key, value.join(', ')];
    else if (prefix === '' && typeof value === 'object' && value !== null && !Array.isArray(value))
      yield* parameterRows(value, `${key}.`);
  }
}

const PARAMETERS: Record<'sheet' | 'key' | 'value' | 'report' | 'note' | 'warning', Texts> = {
  sheet: { en: 'Parameters', fr: 'Paramètres' },
  key: { en: 'Parameter', fr: 'Paramètre' },
  value: { en: 'Value', fr: 'Valeur' },
  report: { en: 'report', fr: 'rapport' },
  note: { en: 'note', fr: 'note' },
  warning: { en: 'warning', fr: 'attention' },
};

/** Fills a workbook (a document or a streaming writer) with the report's sheets. */
async function fillWorkbook(
  workbook: ExcelJs.Workbook,
  report: Report,
  lang: Lang,
  warnings: readonly string[],
  notes: ((what: XlsxNotes) => void) | undefined,
  rowsOf: (block: TableBlock) => TableRows,
  turn: ((sheet: ExcelJs.Worksheet) => Promise<void>) | undefined,
): Promise<void> {
  const writer = new SheetWriter();
  const taken = new Set<string>();
  const parameters = PARAMETERS.sheet[lang];
  taken.add(parameters.toLowerCase());
  for (const block of report.blocks) {
    if (block.kind !== 'table') continue;
    // A table without a title takes the report's, its paths cut to the file's name.
    const title =
      block.sheet?.[lang] ??
      block.title?.[lang] ??
      report.title[lang].replace(/[^\s()]*[/\\]([^\s()/\\]+)/g, '$1');
    await addTable(workbook, sheetName(title, taken), block, rowsOf(block), lang, writer, turn);
  }
  const sheet = workbook.addWorksheet(parameters, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: PARAMETERS.key[lang], key: 'key', width: 28 },
    { header: PARAMETERS.value[lang], key: 'value', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  const add = (key: string, value: string | number | boolean): void => {
    sheet.addRow({ key: writer.text(key), value: typeof value === 'string' ? writer.text(value) : value });
  };
  add(PARAMETERS.report[lang], report.title[lang]);
  for (const [key, value] of parameterRows(report.json)) add(key, value);
  for (const block of report.blocks) {
    if (block.kind !== 'text') continue;
    for (const line of block.lines) add(block.title?.[lang] ?? PARAMETERS.note[lang], line[lang]);
  }
  for (const warning of warnings) add(PARAMETERS.warning[lang], warning);
  if (turn !== undefined) sheet.commit();
  if (writer.cutCells > 0) notes?.({ cutCells: writer.cutCells });
}

/**
 * Renders a report as the bytes of an `.xlsx` workbook; `warnings` (the run's, in its language)
 * go on the parameters sheet, and `notes` receives what had to be changed in the data.
 * Throws UsageError (64) for a table longer than a worksheet.
 */
export async function renderXlsx(
  report: Report,
  lang: Lang,
  warnings: readonly string[] = [],
  notes?: (what: XlsxNotes) => void,
): Promise<Uint8Array> {
  const ExcelJS = loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'prospect';
  // Fixed dates: the same report gives the same workbook.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  await fillWorkbook(workbook, report, lang, warnings, notes, rowsOfBlock, undefined);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/**
 * The workbook of `renderXlsx` (the same sheets, cells, formats and widths), written as it is
 * made to `sink` through exceljs's streaming writer: each row goes to the zip when it is added,
 * so memory holds a row, not the sheet. `rowsOf` gives a table's rows one at a time (a block's
 * own array by default), so that a caller with a million clients need not make a million row
 * objects. Resolves when the last byte was handed to `sink`. Throws UsageError (64) for a table
 * longer than a worksheet, before anything is written.
 */
export async function writeXlsx(
  report: Report,
  lang: Lang,
  sink: Writable,
  warnings: readonly string[] = [],
  notes?: (what: XlsxNotes) => void,
  rowsOf: (block: TableBlock) => TableRows | undefined = () => undefined,
): Promise<void> {
  for (const block of report.blocks) {
    if (block.kind !== 'table') continue;
    const count = (rowsOf(block) ?? rowsOfBlock(block)).count;
    if (count + 1 > XLSX_MAX_ROWS)
      throw new UsageError({
        en: `a table of the report has ${count} rows, more than a worksheet holds (${XLSX_MAX_ROWS - 1}); use --format csv.`,
        fr: `un tableau du rapport a ${count} lignes, plus qu'une feuille n'en contient (${XLSX_MAX_ROWS - 1}) ; utilisez --format csv.`,
      });
  }
  const ExcelJS = loadExcelJs();
  // A sink that fails (a full disk) stops the rows at the next turn, and the commit at once.
  let failure: Error | undefined;
  let failed: (error: Error) => void = () => undefined;
  const stopped = new Promise<never>((_, fail) => (failed = fail));
  stopped.catch(() => undefined);
  const finished = new Promise<void>((done) => sink.once('finish', done));
  sink.once('error', (error: Error) => {
    failure = error;
    failed(error);
  });
  const turn = async (sheet: ExcelJs.Worksheet): Promise<void> => {
    // exceljs hands a sheet's XML to the zip without waiting for it (exceljs 4.4: the sheet's
    // buffer writes to the PassThrough archiver reads, whatever its backlog): wait while that
    // backlog is over a few megabytes, else a fast producer piles the sheet up in memory.
    // (a readable-stream 2 PassThrough: its backlog is `_writableState.length`).
    const pipe = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as
      | {
          writableLength?: number;
          _writableState?: { length?: number };
          once?: (event: string, listener: () => void) => void;
          removeListener?: (event: string, listener: () => void) => void;
        }
      | undefined;
    const backlog = (): number => pipe?.writableLength ?? pipe?._writableState?.length ?? 0;
    await new Promise((done) => setImmediate(done));
    while (failure === undefined && backlog() > BACKLOG_BYTES)
      await new Promise<void>((done) => {
        const go = (): void => {
          clearTimeout(timer);
          pipe?.removeListener?.('drain', go);
          done();
        };
        const timer = setTimeout(go, 50); // the next look, should no drain come
        pipe?.once?.('drain', go);
      });
    if (failure !== undefined) throw failure;
  };
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    // Inline strings: a shared-strings table would hold every id until the end.
    useSharedStrings: false,
  });
  workbook.creator = 'prospect';
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  await fillWorkbook(
    workbook,
    report,
    lang,
    warnings,
    notes,
    (block) => rowsOf(block) ?? rowsOfBlock(block),
    turn,
  );
  await Promise.race([workbook.commit(), stopped]);
  await Promise.race([finished, stopped]);
}
