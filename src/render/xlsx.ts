import { createRequire } from 'node:module';
import type * as ExcelJs from 'exceljs';
import type { Lang } from '../i18n.js';
import { formatCell, type Cell, type Column, type Report, type TableBlock } from './report.js';

/**
 * A report as an Excel workbook (`--format xlsx`): one sheet per table of the report, numbers as
 * numbers with Excel formats (€, %, thousands), dates as date cells, a frozen header row with
 * filters, columns as wide as their content; the report's parameters and notes on a last sheet.
 * Text from the data is written as text cells, never as formulas (a company named `=1+2` stays
 * text). Returns the bytes; writing them is the caller's business.
 *
 * exceljs is loaded on first use, as the reader does (src/io/lazy-require.ts, which render does
 * not import): one copy is loaded either way.
 */
const require = createRequire(import.meta.url);
let excelJs: typeof ExcelJs | undefined;
function loadExcelJs(): typeof ExcelJs {
  return (excelJs ??= require('exceljs') as typeof ExcelJs);
}

/** Excel's number format for a column kind. */
function numberFormat(column: Column): string | undefined {
  const decimals = (n: number): string => (n > 0 ? `.${'0'.repeat(n)}` : '');
  switch (column.kind) {
    case 'integer':
      return '#,##0';
    case 'number':
      return `#,##0${decimals(column.decimals ?? 2)}`;
    case 'money':
      return `#,##0${decimals(column.decimals ?? 0)} "€"`;
    case 'percent':
      return `0${decimals(column.decimals ?? 1)}%`;
    case 'date':
      return 'yyyy-mm-dd';
    default:
      return undefined;
  }
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = (wanted.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Sheet').slice(0, 31);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++)
    name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The value a cell holds: numbers as numbers, ISO dates as dates, texts as text. */
function cellValue(value: Cell, column: Column, lang: Lang): string | number | boolean | Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'object') return value[lang];
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (column.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d));
  }
  return value;
}

function addTable(workbook: ExcelJs.Workbook, name: string, block: TableBlock, lang: Lang): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const { columns, rows } = block;
  sheet.columns = columns.map((c) => {
    const format = numberFormat(c);
    // As wide as the widest of the label and the values shown (as the table shows them).
    let width = c.label[lang].length;
    for (const row of rows) width = Math.max(width, formatCell(row[c.key], c, lang).length);
    return {
      header: c.label[lang],
      key: c.key,
      width: Math.min(60, Math.max(8, width + 2)),
      ...(format === undefined ? {} : { style: { numFmt: format } }),
    };
  });
  for (const row of rows) {
    const values: Record<string, string | number | boolean | Date | null> = {};
    for (const c of columns) values[c.key] = cellValue(row[c.key], c, lang);
    // A string is always written as a text cell: exceljs makes a formula only from { formula }.
    sheet.addRow(values);
  }
  sheet.getRow(1).font = { bold: true };
  if (columns.length > 0)
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: columns.length } };
}

/** The report's scalar JSON entries (file, dates, options) as `key: value` rows. */
function* parameterRows(json: unknown): Generator<[string, string | number | boolean]> {
  if (typeof json !== 'object' || json === null) return;
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (key === 'schemaVersion') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      yield [key, value];
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
      yield [key, value.join(', ')];
  }
}

/** Renders a report as the bytes of an `.xlsx` workbook. */
export async function renderXlsx(report: Report, lang: Lang): Promise<Uint8Array> {
  const ExcelJS = loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'prospect';
  // Fixed dates: the same report gives the same workbook.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  const taken = new Set<string>();
  const parameters = lang === 'fr' ? 'Paramètres' : 'Parameters';
  taken.add(parameters.toLowerCase());
  for (const block of report.blocks) {
    if (block.kind !== 'table') continue;
    // A table without a title takes the report's, its paths cut to the file's name.
    const title = block.title?.[lang] ?? report.title[lang].replace(/\S*[/\\](\S+)/g, '$1');
    addTable(workbook, sheetName(title, taken), block, lang);
  }
  const sheet = workbook.addWorksheet(parameters);
  sheet.columns = [
    { header: lang === 'fr' ? 'Paramètre' : 'Parameter', key: 'key', width: 28 },
    { header: lang === 'fr' ? 'Valeur' : 'Value', key: 'value', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.addRow({ key: lang === 'fr' ? 'rapport' : 'report', value: report.title[lang] });
  for (const [key, value] of parameterRows(report.json)) sheet.addRow({ key, value });
  for (const block of report.blocks) {
    if (block.kind !== 'text') continue;
    for (const line of block.lines) sheet.addRow({ key: block.title?.[lang] ?? '', value: line[lang] });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
