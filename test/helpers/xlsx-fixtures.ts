import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

/** A cell as Excel types it: text, number, date (a real date cell), or empty. */
export type TypedCell = string | number | Date | null;

/**
 * The records of a French Excel CSV (Windows-1252, `;`, CRLF, no quoted fields in our fixtures),
 * split by hand: an independent reading, not the tool's.
 */
export function readFrenchCsv(path: string): string[][] {
  // Latin-1 and the euro sign: the only Windows-1252 character of 0x80-0x9f in our fixtures
  // (Node's TextDecoder, built with small ICU, reads 0x80 as U+0080).
  const text = readFileSync(path).toString('latin1').replace(/\x80/g, '€');
  return text
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => line.split(';'));
}

/**
 * A French cell as Excel would hold it once typed in: `97 367,57` and `5 501,88 €` (no-break
 * spaces) are numbers, `17/08/2026` a date, anything else (ids, phones `03 72 75 25 20`, `n.c.`)
 * text; empty cells stay empty.
 */
export function typeFrenchCell(cell: string): TypedCell {
  const t = cell.trim();
  if (t === '') return null;
  const date = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t);
  if (date) return new Date(Date.UTC(Number(date[3]), Number(date[2]) - 1, Number(date[1])));
  const number = /^(-?\d{1,3}(?:\u00a0\d{3})*)(?:,(\d+))?(?:\u00a0€)?$/.exec(t);
  if (number) return Number(`${(number[1] as string).replace(/\u00a0/g, '')}.${number[2] ?? '0'}`);
  return t;
}

export interface SheetSpec {
  name: string;
  rows: TypedCell[][];
  /** Ranges to merge, such as `A1:F1`. */
  merges?: string[];
  /** A number format per column letter (`{ C: '0%' }`) for the rows from `formatFrom` on. */
  formats?: Record<string, string>;
  formatFrom?: number;
}

/** Writes a workbook with exceljs (not the tool's writer). Dates get the format dd/mm/yyyy. */
export async function writeWorkbook(path: string, sheets: SheetSpec[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    spec.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value === null) return;
        const cell = sheet.getCell(r + 1, c + 1);
        cell.value = value;
        if (value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
      });
    });
    for (const range of spec.merges ?? []) sheet.mergeCells(range);
    for (const [column, format] of Object.entries(spec.formats ?? {})) {
      for (let r = spec.formatFrom ?? 2; r <= spec.rows.length; r++)
        sheet.getCell(`${column}${r}`).numFmt = format;
    }
  }
  await workbook.xlsx.writeFile(path);
}
