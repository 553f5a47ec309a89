import type { CsvData, Cell } from './report.js';

export interface CsvFlavour {
  /** French Excel: `;` separator, decimal comma, UTF-8 BOM (added by the writer). */
  excel?: boolean;
}

const PLAIN_NUMBER = /^[-+]?(\d+([.,]\d+)?|[.,]\d+)([eE][-+]?\d+)?$/;

/**
 * OWASP's CSV injection rule: a text cell that starts with `=`, `+`, `-`, `@`, tab or carriage
 * return is prefixed with `'` so that a spreadsheet shows it as text instead of running it.
 * Numbers (and text that is a plain number, such as `-12.5`) stay numbers.
 */
export function neutraliseCell(text: string): string {
  if (text === '' || PLAIN_NUMBER.test(text)) return text;
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function cellText(value: Cell, excel: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    const text = String(Math.round(value * 1e10) / 1e10);
    return excel ? text.replace('.', ',') : text;
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') return neutraliseCell(value.en);
  return neutraliseCell(value);
}

/** CSV text (RFC 4180, CRLF) for spreadsheets and scripts; the Excel flavour uses `;` and `,`. */
export function renderCsv(data: CsvData, flavour: CsvFlavour = {}): string {
  const excel = flavour.excel ?? false;
  const separator = excel ? ';' : ',';
  const lines = [data.header.map((h) => quote(neutraliseCell(h), separator)).join(separator)];
  for (const row of data.rows)
    lines.push(row.map((v) => quote(cellText(v, excel), separator)).join(separator));
  return lines.join('\r\n') + '\r\n';
}
