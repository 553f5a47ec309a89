import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One row of fixtures/cdnow/cdnow_sample_summary.csv (the papers' calibration summary, in weeks). */
export interface CdnowSummaryRow {
  id: string;
  x: number;
  tx: number;
  T: number;
  zbar: number;
}

export const CDNOW_DIR = fileURLToPath(new URL('../../fixtures/cdnow/', import.meta.url));

/** Reads the CDNOW summary fixture (2,357 clients). */
export function readCdnowSummary(): CdnowSummaryRow[] {
  const text = readFileSync(`${CDNOW_DIR}cdnow_sample_summary.csv`, 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [id, x, tx, T, zbar] = line.split(',');
      return { id: id as string, x: Number(x), tx: Number(tx), T: Number(T), zbar: Number(zbar) };
    });
}

/** Reads the CDNOW order fixture: sample id, day number (UTC), amount. */
export function readCdnowOrders(): { id: string; day: number; amount: number; line: number }[] {
  const text = readFileSync(`${CDNOW_DIR}CDNOW_sample.txt`, 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line, i) => {
      const [, id, date, , amount] = line.trim().split(/\s+/);
      const d = date as string;
      const day =
        Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))) / 86_400_000;
      return { id: String(Number(id)), day, amount: Number(amount), line: i + 1 };
    });
}
