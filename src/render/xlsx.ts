import { createRequire } from 'node:module';
import type * as ExcelJs from 'exceljs';
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

function addTable(
  workbook: ExcelJs.Workbook,
  name: string,
  block: TableBlock,
  lang: Lang,
  writer: SheetWriter,
): void {
  const { columns, rows } = block;
  if (rows.length + 1 > XLSX_MAX_ROWS)
    throw new UsageError({
      en: `the table "${name}" has ${rows.length} rows, more than a worksheet holds (${XLSX_MAX_ROWS - 1}); use --format csv.`,
      fr: `le tableau « ${name} » a ${rows.length} lignes, plus qu'une feuille n'en contient (${XLSX_MAX_ROWS - 1}) ; utilisez --format csv.`,
    });
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => {
    const whole = rows.every((row) => {
      const v = row[c.key];
      return typeof v !== 'number' || Number.isInteger(v);
    });
    const format = numberFormat(c.kind, c.decimals, whole);
    // As wide as the widest of the label and the values shown (as the table shows them).
    let width = c.label[lang].length;
    for (const row of rows) width = Math.max(width, formatCell(row[c.key], c, lang).length);
    return {
      header: writer.text(c.label[lang]),
      key: c.key,
      width: Math.min(60, Math.max(8, width + 2)),
      ...(format === undefined ? {} : { style: { numFmt: format } }),
    };
  });
  for (const row of rows) {
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
  }
  sheet.getRow(1).font = { bold: true };
  if (columns.length > 0)
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: columns.length } };
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
    addTable(workbook, sheetName(title, taken), block, lang, writer);
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
  if (writer.cutCells > 0) notes?.({ cutCells: writer.cutCells });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
