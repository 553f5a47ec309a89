import type { CsvData, Cell } from './report.js';

export interface CsvFlavour {
  /** French Excel: `;` separator, decimal comma, UTF-8 BOM (added by the writer). */
  excel?: boolean;
}

const PLAIN_NUMBER = /^[-+]?(\d+([.,]\d+)?|[.,]\d+)([eE][-+]?\d+)?$/;

/** Whether a text starts with `=`, `+`, `-`, `@`, tab or carriage return (OWASP's list). */
function startsLikeFormula(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d;
}

/**
 * OWASP's CSV injection rule: a text cell that starts with `=`, `+`, `-`, `@`, tab or carriage
 * return is prefixed with `'` so that a spreadsheet shows it as text instead of running it.
 * Numbers (and text that is a plain number, such as `-12.5`) stay numbers.
 */
export function neutraliseCell(text: string): string {
  // The first character is checked first: most cells (ids, names, dates) are decided by it alone.
  if (text === '' || !startsLikeFormula(text) || PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}

/** Whether a text cell must be quoted: it holds the separator, a double quote, CR or LF. */
function needsQuotes(text: string, separator: number): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === separator || c === 0x22 || c === 0x0d || c === 0x0a) return true;
  }
  return false;
}

function quote(text: string, separator: number): string {
  return needsQuotes(text, separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A number as CSV text: its shortest text, rounded to 10 decimals and to 15 significant digits.
 * A double's shortest text has up to 17 digits, and those past the 15th are floating-point noise
 * (`0.1 + 0.2` gives 0.30000000000000004, a sum of cents 395319.5900000001): 0.3 and 395319.59
 * are written, and noise around zero (5.6e-17) as 0.
 */
export function numberText(value: number, excel: boolean): string {
  if (!Number.isFinite(value)) return '';
  let text = String(value);
  // Twelve characters hold at most 10 decimals and 11 digits: most numbers stop here.
  if (text.length > 12 && !Number.isInteger(value)) {
    // Below 1e5, 10 decimals are at most 15 digits; from 1e5, 15 digits are at most 10 decimals.
    text = String(Number(Math.abs(value) < 1e5 ? value.toFixed(10) : value.toPrecision(15)));
  }
  return excel ? text.replace('.', ',') : text;
}

/**
 * One cell as CSV text, quoted when needed. Numbers and booleans never need quotes: their text
 * holds only digits, `.` (`,` for Excel, whose separator is `;`), `-`, `+` and `e`.
 */
function cellText(value: Cell, excel: boolean, separator: number): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'number':
      return numberText(value, excel);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return quote(neutraliseCell(value), separator);
    default:
      return quote(neutraliseCell(value.en), separator);
  }
}

/** Lines joined together at a time: see renderCsv. */
const LINES_PER_BLOCK = 2000;

/** CSV text (RFC 4180, CRLF) for spreadsheets and scripts; the Excel flavour uses `;` and `,`. */
export function renderCsv(data: CsvData, flavour: CsvFlavour = {}): string {
  const excel = flavour.excel ?? false;
  const separator = excel ? ';' : ',';
  const code = separator.charCodeAt(0);
  // Each line is built flat by join from one reused array of cell texts (string `+=` would leave a
  // rope of pieces per line). Lines are joined into blocks as they come, so that 200,000 line
  // strings die young instead of being kept, and copied by the garbage collector, until the end.
  const blocks: string[] = [];
  let lines = [data.header.map((h) => quote(neutraliseCell(h), code)).join(separator)];
  const cells: string[] = [];
  for (const row of data.rows) {
    cells.length = 0;
    for (const value of row) cells.push(cellText(value, excel, code));
    lines.push(cells.join(separator));
    if (lines.length === LINES_PER_BLOCK) {
      blocks.push(lines.join('\r\n') + '\r\n');
      lines = [];
    }
  }
  if (lines.length > 0) blocks.push(lines.join('\r\n') + '\r\n');
  return blocks.join('');
}
