import type { DateOrder } from './parse-date.js';
import { parseDateText } from './parse-date.js';
import { detectDecimalMark, parseLocaleNumber, parseRateText, type DecimalMark } from './parse-number.js';
import { fieldOfHeader } from './map-columns.js';

/** What `inspect` says of a column. */
export type ColumnKind = 'empty' | 'integer' | 'number' | 'rate' | 'date' | 'text';

export interface ColumnProfile {
  index: number;
  header: string;
  /** The canonical field the header maps to, if any. */
  field: string | null;
  kind: ColumnKind;
  /** How many sample cells are filled. */
  filled: number;
  /** Filled cells that do not read as the kind (a number column with `n.c.`). */
  unreadable: number;
  /** Up to three distinct sample values, as read. */
  samples: string[];
}

/**
 * The kind of each column from the sample: `date` when at least 95 % of the filled cells are
 * dates, `rate` when they are percentages, `integer`/`number` when they are numbers, `text`
 * otherwise; the cells that do not fit are counted as unreadable.
 */
export function profileColumns(
  headers: readonly string[],
  sample: readonly (readonly string[])[],
  decimal: DecimalMark,
  dateOrder: DateOrder,
): ColumnProfile[] {
  return headers.map((header, index) => {
    const cells: string[] = [];
    for (const r of sample) {
      const c = (r[index] ?? '').trim();
      if (c !== '') cells.push(c);
    }
    let columnDecimal = decimal;
    let comma = 0;
    let dot = 0;
    for (const c of cells) {
      const m = detectDecimalMark(c);
      if (m === ',') comma++;
      else if (m === '.') dot++;
    }
    if (comma > dot) columnDecimal = ',';
    else if (dot > comma) columnDecimal = '.';
    const isDate = (c: string): boolean => !Number.isNaN(parseDateText(c, dateOrder));
    const isRate = (c: string): boolean =>
      c.endsWith('%') && !Number.isNaN(parseRateText(c, columnDecimal, false));
    const isNumber = (c: string): boolean => !Number.isNaN(parseLocaleNumber(c, columnDecimal));
    const isInteger = (c: string): boolean => Number.isInteger(parseLocaleNumber(c, columnDecimal));
    const misses = (test: (c: string) => boolean): number => cells.filter((c) => !test(c)).length;
    const fits = (bad: number): boolean => bad <= cells.length * 0.05;
    let kind: ColumnKind = 'text';
    let unreadable = 0;
    if (cells.length === 0) kind = 'empty';
    else {
      const candidates: [ColumnKind, (c: string) => boolean][] = [
        ['date', isDate],
        ['rate', isRate],
        ['integer', isInteger],
        ['number', isNumber],
      ];
      for (const [k, test] of candidates) {
        const bad = misses(test);
        if (fits(bad)) {
          kind = k;
          unreadable = bad;
          break;
        }
      }
    }
    const samples: string[] = [];
    for (const c of cells) {
      if (samples.length >= 3) break;
      if (!samples.includes(c)) samples.push(c.length > 30 ? `${c.slice(0, 29)}…` : c);
    }
    return {
      index,
      header,
      field: fieldOfHeader(header) ?? null,
      kind,
      filled: cells.length,
      unreadable,
      samples,
    };
  });
}
