import { describe, expect, it } from 'vitest';
import { computeDayNumber, formatIsoDay } from '../core/calendar.js';
import { detectDateOrder, explainDate, parseDateBytes, parseDateText, parseIsoDay } from './parse-date.js';
import { parseDayFlag } from './parse-day-flag.js';
import { parseAsOf } from '../commands/client-input.js';

// Day numbers by hand: 1970-01-01 is 0; 2026-01-01 is 56*365 + 14 leap days (1972..2024) =
// 20 454; Jan..Oct 2026 add 304 days and the 22nd adds 21: 2026-11-22 is 20 779. The loop below
// checks every day of 1999-2030 against Date.UTC, an independent implementation.
describe('computeDayNumber', () => {
  it.each([
    [1970, 1, 1, 0],
    [1970, 1, 2, 1],
    [1969, 12, 31, -1],
    [2000, 3, 1, 11017], // 30 years = 10 950 + 7 leap days (72..96) = 10 957 to 2000-01-01, + 31 + 29
    [2026, 11, 22, 20779],
  ])('%i-%i-%i is day %i', (y, m, d, expected) => {
    expect(computeDayNumber(y, m, d)).toBe(expected);
  });

  it('agrees with Date.UTC on every day of 1999-2030 (an independent reference)', () => {
    for (let t = Date.UTC(1999, 0, 1); t <= Date.UTC(2030, 11, 31); t += 86_400_000) {
      const d = new Date(t);
      expect(computeDayNumber(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(t / 86_400_000);
    }
  });

  it('the ISO fast path agrees with Date.UTC on every day of 1896-2204 (cache edges included)', () => {
    for (let t = Date.UTC(1896, 0, 1); t <= Date.UTC(2204, 11, 31); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      // Dates before 1900 are refused (FIRST_YEAR).
      expect(parseDateText(iso, 'dmy')).toBe(t < Date.UTC(1900, 0, 1) ? Number.NaN : t / 86_400_000);
    }
  });

  it('formatIsoDay inverts it', () => {
    expect(formatIsoDay(20779)).toBe('2026-11-22');
  });
});

const D_2026_11_22 = 20779;

describe('parseDateText', () => {
  it.each([
    ['2026-11-22', 'dmy', D_2026_11_22],
    ['2026-11-22T14:30:00', 'dmy', D_2026_11_22],
    ['2026-11-22 14:30', 'dmy', D_2026_11_22],
    ['2026-11-22T14:30:00.123Z', 'mdy', D_2026_11_22],
    ['2026-11-22T23:30:00+01:00', 'dmy', D_2026_11_22], // the calendar date as written
    ['2026/11/22', 'dmy', D_2026_11_22],
    ['22/11/2026', 'dmy', D_2026_11_22],
    ['22.11.2026', 'dmy', D_2026_11_22],
    ['22-11-2026', 'dmy', D_2026_11_22],
    ['22/11/26', 'dmy', D_2026_11_22],
    ['22/11/2026 09:15', 'dmy', D_2026_11_22],
    ['11/22/2026', 'mdy', D_2026_11_22],
    ['1/2/2026', 'dmy', computeDayNumber(2026, 2, 1)],
    ['1/2/2026', 'mdy', computeDayNumber(2026, 1, 2)],
    ['29/02/2024', 'dmy', computeDayNumber(2024, 2, 29)],
    ['01/01/95', 'dmy', computeDayNumber(1995, 1, 1)], // Excel's pivot: 30-99 -> 19xx
    ['01/01/29', 'dmy', computeDayNumber(2029, 1, 1)],
    [' 2026-11-22 ', 'dmy', D_2026_11_22],
  ])('%j (%s) is day %i', (text, order, expected) => {
    expect(parseDateText(text, order as 'dmy' | 'mdy')).toBe(expected);
  });

  it.each([
    ['31/02/2026', 'dmy', '"31/02/2026" is not a date: February 2026 has 28 days'],
    ['29/02/2025', 'dmy', '"29/02/2025" is not a date: February 2025 has 28 days'],
    ['2026-02-30', 'dmy', '"2026-02-30" is not a date: February 2026 has 28 days'],
    ['31/04/2026', 'dmy', '"31/04/2026" is not a date: April 2026 has 30 days'],
    [
      '11/22/2026',
      'dmy',
      '"11/22/2026" is not a date: no month 22 (read day first; use --date-format mdy if the file writes the month first)',
    ],
    [
      '22/11/2026',
      'mdy',
      '"22/11/2026" is not a date: no month 22 (read month first; use --date-format dmy if the file writes the day first)',
    ],
    ['2026-13-01', 'dmy', '"2026-13-01" is not a date: no month 13'],
    ['00/01/2026', 'dmy', '"00/01/2026" is not a date: no day 0'],
    ['2026-11-22T25:00', 'dmy', '"2026-11-22T25:00" is not a date: the time of day is out of range'],
    [
      'tomorrow',
      'dmy',
      '"tomorrow" is not a date: expected a date such as 2026-11-22, 22/11/2026, 22.11.2026 or 22/11/26',
    ],
    [
      '22/11/2026',
      'ymd',
      '"22/11/2026" is not a date: expected an ISO date such as 2026-11-22 (--date-format ymd)',
    ],
    [
      '22/11/226',
      'dmy',
      '"22/11/226" is not a date: expected a date such as 2026-11-22, 22/11/2026, 22.11.2026 or 22/11/26',
    ],
  ])('%j (%s) is refused: %s', (text, order, message) => {
    expect(parseDateText(text, order as 'dmy' | 'mdy' | 'ymd')).toBeNaN();
    expect(explainDate(text, order as 'dmy' | 'mdy' | 'ymd')).toBe(message);
  });
});

describe('detectDateOrder', () => {
  it.each([
    ['22/11/2026', 'dmy'],
    ['11/22/2026', 'mdy'],
    ['05/06/2026', undefined],
    ['2026-11-22', undefined],
    ['22/22/2026', undefined],
  ])('%j says %s', (text, order) => {
    expect(detectDateOrder(text)).toBe(order);
  });
});

describe('parseIsoDay (bytes, in place)', () => {
  const day = (text: string): number => {
    const bytes = Buffer.from(`;${text};`);
    return parseIsoDay(bytes, 1, bytes.length - 1);
  };

  it('agrees with the calendar on every day from 1899 to 2201, and refuses impossible days', () => {
    // Walk the days with Date (an independent reference) across the table's edges (1900, 2199).
    for (let ms = Date.UTC(1899, 11, 1); ms <= Date.UTC(2201, 0, 31); ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      expect(day(iso)).toBe(ms < Date.UTC(1900, 0, 1) ? Number.NaN : ms / 86_400_000);
    }
    for (const bad of ['2026-02-29', '2100-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-01-00'])
      expect(day(bad)).toBeNaN();
    expect(day('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    expect(day('2000-02-29')).toBe(Date.UTC(2000, 1, 29) / 86_400_000);
  });

  it('leaves other shapes to parseDateText', () => {
    for (const other of [
      '2026-1-05',
      '2026/01/05',
      '05/01/2026',
      '2026-01-0x',
      ' 2026-01-05',
      '2026-01-05T10:00',
    ])
      expect(day(other)).toBeNaN();
  });
});

describe('parseDateBytes (day first or month first, in place)', () => {
  const read = (text: string, order: 'dmy' | 'mdy' | 'ymd'): number => {
    const bytes = Buffer.from(`;${text};`);
    return parseDateBytes(bytes, 1, bytes.length - 1, order);
  };
  const pad = (n: number): string => String(n).padStart(2, '0');

  it('gives the day of every date of 1899-2201 written dd/mm/yyyy, mm/dd/yyyy, dd.mm.yyyy or dd-mm-yyyy', () => {
    for (let ms = Date.UTC(1899, 11, 1); ms <= Date.UTC(2201, 0, 31); ms += 86_400_000) {
      const d = new Date(ms);
      const [y, m, day] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
      const want = ms < Date.UTC(1900, 0, 1) ? Number.NaN : ms / 86_400_000; // before 1900: refused
      expect(read(`${day}/${m}/${y}`, 'dmy')).toBe(want);
      expect(read(`${m}/${day}/${y}`, 'mdy')).toBe(want);
    }
    expect(read('31.12.2026', 'dmy')).toBe(Date.UTC(2026, 11, 31) / 86_400_000);
    expect(read('31-12-2026', 'dmy')).toBe(Date.UTC(2026, 11, 31) / 86_400_000);
  });

  it('agrees with parseDateText on impossible and other shapes (NaN: the text way decides)', () => {
    for (const [text, order] of [
      ['31/02/2026', 'dmy'],
      ['13/13/2026', 'dmy'],
      ['12/31/2026', 'dmy'],
      ['00/01/2026', 'dmy'],
      ['31/12/2026', 'mdy'],
      ['31/12/2026', 'ymd'],
      ['31/12-2026', 'dmy'],
      ['1/2/2026', 'dmy'],
      ['01/02/26', 'dmy'],
    ] as const) {
      expect(read(text, order)).toBeNaN();
    }
    // Where the bytes give up, the text way may still read the cell (short forms):
    expect(parseDateText('1/2/2026', 'dmy')).toBe(Date.UTC(2026, 1, 1) / 86_400_000);
    expect(parseDateText('31/02/2026', 'dmy')).toBeNaN();
  });
});

describe('years before 1900 (issue 17: cells and --as-of follow one rule)', () => {
  it.each(['0000-01-01', '0001-05-01', '1899-12-31', '01/05/0001', '31/12/1899'])(
    '%s is refused, with its reason',
    (text) => {
      expect(parseDateText(text, 'dmy')).toBeNaN();
      expect(explainDate(text, 'dmy')).toMatch(/is before 1900; expected a date from 1900-01-01 on$/);
    },
  );

  it('1900-01-01 is the first day read (day -25567, by Date.UTC)', () => {
    expect(parseDateText('1900-01-01', 'dmy')).toBe(Date.UTC(1900, 0, 1) / 86_400_000);
    expect(Date.UTC(1900, 0, 1) / 86_400_000).toBe(-25567);
  });

  it('--as-of and other date flags refuse the same years', () => {
    expect(() => parseDayFlag('--as-of', '0001-01-01')).toThrow(
      '--as-of: "0001-01-01" is before 1900; expected a date from 1900-01-01 on.',
    );
    expect(() => parseAsOf('0000-01-01')).toThrow(
      '--as-of: "0000-01-01" is before 1900; expected a date from 1900-01-01 on.',
    );
    expect(parseDayFlag('--as-of', '1900-01-01')).toBe(-25567);
    expect(parseAsOf('1900-01-01').day).toBe(-25567);
  });
});
