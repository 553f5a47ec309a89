import { computeDayNumber } from '../core/calendar.js';
import { MONTH_NAMES, tr, type Lang } from '../i18n.js';
/**
 * Dates as client files write them: ISO `2026-11-22` (with or without a time), `22/11/2026`,
 * `22.11.2026`, `22-11-2026`, `22/11/26`; day first by default, month first when told. Read as an
 * integer day number (days since 1970-01-01); `31/02/2026` is an error, never March.
 */

/**
 * The first year a date may have, in a cell or a date flag (`--as-of`): years before it are
 * typing mistakes (`0001-05-01`, `0026-...`), not sales. Years have four digits, so the last is 9999.
 */
export const FIRST_YEAR = 1900;

/** The order of the parts in `a/b/c` dates: day first, month first, or ISO only. */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

const ISO =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const PARTS =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[T ]+(\d{1,2})[:h](\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?$/;

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A two-digit year as Excel reads it: 00-29 -> 2000-2029, 30-99 -> 1930-1999. */
function fullYear(text: string): number {
  const y = Number(text);
  if (text.length === 4) return y;
  return y < 30 ? 2000 + y : 1900 + y;
}

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  iso: boolean;
}

function splitDate(text: string, order: DateOrder): DateParts | string {
  const t = text.trim();
  const iso = ISO.exec(t);
  if (iso) {
    return {
      year: Number(iso[1]),
      month: Number(iso[2]),
      day: Number(iso[3]),
      hour: Number(iso[4] ?? 0),
      minute: Number(iso[5] ?? 0),
      second: Number(iso[6] ?? 0),
      iso: true,
    };
  }
  const m = PARTS.exec(t);
  if (!m) return 'expected a date such as 2026-11-22, 22/11/2026, 22.11.2026 or 22/11/26';
  if (order === 'ymd') return 'expected an ISO date such as 2026-11-22 (--date-format ymd)';
  const a = Number(m[1]);
  const b = Number(m[3]);
  return {
    year: fullYear(m[4] ?? ''),
    month: order === 'mdy' ? a : b,
    day: order === 'mdy' ? b : a,
    hour: Number(m[5] ?? 0),
    minute: Number(m[6] ?? 0),
    second: Number(m[7] ?? 0),
    iso: false,
  };
}

function checkParts(p: DateParts, order: DateOrder): string | undefined {
  if (p.year < FIRST_YEAR)
    return `year ${p.year} is before ${FIRST_YEAR}; expected a date from ${FIRST_YEAR}-01-01 on`;
  if (p.month < 1 || p.month > 12) {
    const hint = p.iso
      ? ''
      : order === 'dmy'
        ? ' (read day first; use --date-format mdy if the file writes the month first)'
        : order === 'mdy'
          ? ' (read month first; use --date-format dmy if the file writes the day first)'
          : '';
    return `no month ${p.month}${hint}`;
  }
  const max = daysInMonth(p.year, p.month);
  if (p.day < 1 || p.day > max) {
    return p.day < 1 ? `no day ${p.day}` : `${MONTH_NAMES.en[p.month - 1]} ${p.year} has ${max} days`;
  }
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return 'the time of day is out of range';
  return undefined;
}

/** The number written by the digits `bytes[at..at + count)`, or -1 when one is not a digit. */
function digitsAt(bytes: Uint8Array, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = (bytes[i] as number) - 48;
    if (d >>> 0 > 9) return -1; // as an unsigned number, at most 9 only for a digit
    n = n * 10 + d;
  }
  return n;
}

/**
 * `2026-11-22` read from the bytes of a cell in place, without a regular expression (the usual
 * case in the reader's byte scanner). NaN for any other shape or an impossible date
 * (`parseDateText` decides).
 */
export function parseIsoDay(bytes: Uint8Array, start: number, end: number): number {
  if (end - start !== 10 || bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return Number.NaN;
  const year = digitsAt(bytes, start, 4);
  const month = digitsAt(bytes, start + 5, 2);
  const day = digitsAt(bytes, start + 8, 2);
  return year < 0 || month < 0 || day < 0 ? Number.NaN : dayFromTable(year, month, day);
}

/**
 * The usual date shapes read in place from the bytes of a cell: ISO `2026-11-22`, and
 * `22/11/2026` (or `.`, `-`) day first, or month first for `mdy`. NaN for any other shape or an
 * impossible date (`parseDateText` decides): the same day number as `parseDateText` otherwise.
 */
export function parseDateBytes(bytes: Uint8Array, start: number, end: number, order: DateOrder): number {
  const iso = parseIsoDay(bytes, start, end);
  if (iso === iso || order === 'ymd' || end - start !== 10) return iso;
  const sep = bytes[start + 2] as number;
  if ((sep !== 47 && sep !== 46 && sep !== 45) || bytes[start + 5] !== sep) return Number.NaN; // / . -
  const a = digitsAt(bytes, start, 2);
  const b = digitsAt(bytes, start + 3, 2);
  const year = digitsAt(bytes, start + 6, 4);
  if (a < 0 || b < 0 || year < 0) return Number.NaN;
  return order === 'mdy' ? dayFromTable(year, a, b) : dayFromTable(year, b, a);
}

/** The day number of a year, month and day, or NaN when the day does not exist. */
function dayFromTable(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || year < FIRST_YEAR) return Number.NaN;
  const at = (year - FIRST_TABLE_YEAR) * 12 + month - 1;
  if (at < 0 || at >= TABLE_MONTHS) {
    return day > daysInMonth(year, month) ? Number.NaN : computeDayNumber(year, month, day);
  }
  if (monthLengths === undefined) buildMonthTables();
  return day > (monthLengths?.[at] as number) ? Number.NaN : (monthFirstDays?.[at] as number) + day - 1;
}

/**
 * Day number of the first of each month and length of each month, 1900-2199 (a fast path), built
 * by the first date read: built at import, its 3,600 months cost every command that loads this
 * file, `plan --objective` included, some 15 M instructions of start-up (docs/speed.md).
 */
const FIRST_TABLE_YEAR = 1900;
const TABLE_MONTHS = 300 * 12;
let monthFirstDays: Int32Array | undefined;
let monthLengths: Uint8Array | undefined;
function buildMonthTables(): void {
  const firstDays = new Int32Array(TABLE_MONTHS);
  const lengths = new Uint8Array(TABLE_MONTHS);
  for (let y = 0; y < 300; y++) {
    for (let m = 1; m <= 12; m++) {
      firstDays[y * 12 + m - 1] = computeDayNumber(FIRST_TABLE_YEAR + y, m, 1);
      lengths[y * 12 + m - 1] = daysInMonth(FIRST_TABLE_YEAR + y, m);
    }
  }
  monthFirstDays = firstDays;
  monthLengths = lengths;
}

/** The day number of a date cell, or NaN when it is not a valid date. */
export function parseDateText(text: string, order: DateOrder): number {
  const p = splitDate(text, order);
  if (typeof p === 'string' || checkParts(p, order) !== undefined) return Number.NaN;
  return computeDayNumber(p.year, p.month, p.day);
}

/** Why a cell is not a date, for a reject reason. */
export function explainDate(text: string, order: DateOrder, lang: Lang = 'en'): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  const p = splitDate(text, order);
  const why = typeof p === 'string' ? p : (checkParts(p, order) ?? 'not a date');
  return tr(lang, {
    en: `"${shown}" is not a date: ${why}`,
    fr: `« ${shown} » n’est pas une date : ${whyInFrench(why)}`,
  });
}

/** The French of the reasons `splitDate` and `checkParts` give (written in English there). */
function whyInFrench(why: string): string {
  let m: RegExpExecArray | null;
  if (why.startsWith('expected a date such as'))
    return 'attendu : une date comme 2026-11-22, 22/11/2026, 22.11.2026 ou 22/11/26';
  if (why.startsWith('expected an ISO date'))
    return 'attendu : une date ISO comme 2026-11-22 (--date-format ymd)';
  if ((m = /^no month (-?\d+)(.*)$/.exec(why))) {
    const hint = m[2]?.includes('day first')
      ? ' (lu jour d’abord ; --date-format mdy si le fichier écrit le mois d’abord)'
      : m[2]?.includes('month first')
        ? ' (lu mois d’abord ; --date-format dmy si le fichier écrit le jour d’abord)'
        : '';
    return `pas de mois ${m[1]}${hint}`;
  }
  if ((m = /^no day (-?\d+)$/.exec(why))) return `pas de jour ${m[1]}`;
  if ((m = /^(\w+) (\d+) has (\d+) days$/.exec(why))) {
    const fr = MONTH_NAMES.fr[MONTH_NAMES.en.indexOf(m[1] ?? '')];
    return `${fr ?? m[1]} ${m[2]} a ${m[3]} jours`;
  }
  if (why === 'the time of day is out of range') return 'l’heure est hors limites';
  return 'pas une date';
}

/**
 * What a `a/b/yyyy` cell says about the order: a first part above 12 means day first, a second
 * part above 12 month first; `undefined` when it does not tell (ISO, `05/06/2026`, text).
 */
export function detectDateOrder(text: string): 'dmy' | 'mdy' | undefined {
  const m = PARTS.exec(text.trim());
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[3]);
  if (a > 12 && b <= 12) return 'dmy';
  if (b > 12 && a <= 12) return 'mdy';
  return undefined;
}
