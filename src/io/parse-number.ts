/**
 * Numbers as people type them in client files: `1234.56`, `1 234,56`, `1.234,56`, `1,234.56`,
 * no-break or narrow no-break spaces as thousands separators, `€`/`EUR`/`$` before or after,
 * `-12`, `(12)`. A lone `1,234` is ambiguous: the decimal mark of the column (or `--decimal`)
 * decides. The parsers return NaN for text they cannot read; `explain*` says why.
 */

import { tr, type Lang } from '../i18n.js';

export type DecimalMark = ',' | '.';

/**
 * The fast path for the common shapes `1234`, `-12`, `1234.56` and `1234,56`, read from the bytes
 * of a cell in place (the reader's byte scanner): a loop instead of regular expressions. NaN when
 * the cell has any other shape (`parseLocaleNumber` decides); otherwise the same number as
 * `parseLocaleNumber` gives.
 */
export function parsePlainNumber(
  bytes: Uint8Array,
  start: number,
  end: number,
  decimal: DecimalMark,
): number {
  const n = end - start;
  if (n === 0 || n > 17) return Number.NaN;
  const negative = bytes[start] === 45; // '-'
  const first = negative ? start + 1 : start;
  if (first === end) return Number.NaN;
  let digits = 0;
  let scale = 0;
  let mark = -1;
  let markChar = 0;
  for (let i = first; i < end; i++) {
    const c = bytes[i] as number;
    if (c >= 48 && c <= 57) {
      digits = digits * 10 + (c - 48);
      if (mark >= 0) scale++;
    } else if ((c === 46 || c === 44) && mark < 0 && i > first && i < end - 1) {
      mark = i; // '.' or ','
      markChar = c;
    } else {
      return Number.NaN;
    }
  }
  if (end - first - (mark >= 0 ? 1 : 0) > 15) return Number.NaN;
  if (mark >= 0) {
    // One mark is the decimal one unless it may group thousands (`1,234`, `1.234`) and the
    // column's decimal mark is the other one: that case goes to the slow path.
    const intLength = mark - first;
    const ambiguous = scale === 3 && intLength <= 3 && bytes[first] !== 48;
    if (ambiguous && markChar !== (decimal === ',' ? 44 : 46)) return Number.NaN;
  }
  // Exact: at most 15 digits is below 2^53, and an exact integer divided by an exact power of
  // ten is correctly rounded, the same double as Number(text).
  const value = scale === 0 ? digits : digits / POWERS_OF_TEN[scale]!;
  return negative ? -value : value;
}

/** 10^0 to 10^15, exact doubles. */
export const POWERS_OF_TEN = [
  1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

const SHAPE =
  /^([-\u2212+])?\s*(€|eur|\$|usd|£|gbp|chf)?\s*([-\u2212+])?\s*(\d[\d\s\u00a0\u202f\u2009'.,]*?)\s*(€|eur|\$|usd|£|gbp|chf)?\s*$/i;
const GROUP_SPACE = /[\s\u00a0\u202f\u2009']/;
const SCIENTIFIC = /^[-+]?\d+(?:[.,]\d+)?[eE][-+]?\d+$/;

interface Digits {
  negative: boolean;
  body: string;
}

/** No amount is longer; longer text is refused before any regular expression sees it. */
const MAX_NUMBER_CHARS = 64;

function splitSignAndCurrency(text: string): Digits | undefined {
  if (text.length > MAX_NUMBER_CHARS) return undefined;
  let t = text.trim();
  let negative = false;
  if (t.startsWith('(') && t.endsWith(')')) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  const m = SHAPE.exec(t);
  if (!m) return undefined;
  const [, sign1, cur1, sign2, body, cur2] = m;
  if (sign1 !== undefined && sign2 !== undefined) return undefined;
  if (cur1 !== undefined && cur2 !== undefined) return undefined;
  const sign = sign1 ?? sign2;
  if (sign !== undefined && sign !== '+') {
    if (negative) return undefined;
    negative = true;
  }
  if (body === undefined || !/\d$/.test(body)) return undefined;
  return { negative, body };
}

/**
 * Which mark is the decimal one in a digits body, when the body itself says so: both marks (the
 * last one), one mark repeated (the other one: `1,234,567`), one mark not followed by exactly
 * three digits, or after more than three digits, a leading zero or space grouping. `ambiguous`
 * for `1,234` and `1.234`; `none` without marks.
 */
function markOf(body: string): DecimalMark | 'ambiguous' | 'none' {
  const comma = body.indexOf(',');
  const dot = body.indexOf('.');
  if (comma < 0 && dot < 0) return 'none';
  if (comma >= 0 && dot >= 0) return body.lastIndexOf(',') > body.lastIndexOf('.') ? ',' : '.';
  const mark: DecimalMark = comma >= 0 ? ',' : '.';
  const first = comma >= 0 ? comma : dot;
  if (body.lastIndexOf(mark) !== first) return mark === ',' ? '.' : ',';
  if (GROUP_SPACE.test(body)) return mark;
  const intPart = body.slice(0, first);
  const fraction = body.slice(first + 1);
  if (fraction.length !== 3 || intPart.length > 3 || intPart.startsWith('0')) return mark;
  return 'ambiguous';
}

const DIGITS = /^\d+$/;
const GROUP_HEAD = /^\d{1,3}$/;
const GROUP = /^\d{3}$/;
const SPLIT_SPACES = /[\s\u00a0\u202f\u2009']/;
const SPLIT_SPACES_DOT = /[\s\u00a0\u202f\u2009'.]/;
const SPLIT_SPACES_COMMA = /[\s\u00a0\u202f\u2009',]/;

function readBody(body: string, decimal: DecimalMark): number {
  let mark = markOf(body);
  if (mark === 'ambiguous') mark = decimal;
  let intPart = body;
  let fraction = '';
  if (mark !== 'none') {
    const at = body.lastIndexOf(mark);
    if (at >= 0) {
      if (body.indexOf(mark) !== at) return Number.NaN;
      intPart = body.slice(0, at);
      fraction = body.slice(at + 1);
      if (!DIGITS.test(fraction)) return Number.NaN;
    }
  }
  const split = mark === ',' ? SPLIT_SPACES_DOT : mark === '.' ? SPLIT_SPACES_COMMA : SPLIT_SPACES;
  const groups = intPart.split(split);
  if (groups.length > 1) {
    const [head, ...rest] = groups;
    if (head === undefined || !GROUP_HEAD.test(head) || rest.some((g) => !GROUP.test(g))) return Number.NaN;
  } else if (!DIGITS.test(intPart)) {
    return Number.NaN;
  }
  return Number(fraction === '' ? groups.join('') : `${groups.join('')}.${fraction}`);
}

/**
 * A number from a cell, or NaN. `decimal` settles the ambiguous `1,234` / `1.234` (a mark
 * followed by exactly three digits after one to three digits): with `,` it is 1.234, with `.`
 * 1234. Everything else is read the same whatever `decimal` says.
 */
export function parseLocaleNumber(text: string, decimal: DecimalMark): number {
  const value = readLocaleNumber(text, decimal);
  return Math.abs(value) < MAX_MAGNITUDE ? value : Number.NaN;
}

/**
 * Beyond 10^15 a double no longer holds every whole unit (and `1e400` is Infinity): such a cell
 * is refused rather than carried into sums as Infinity or NaN.
 */
export const MAX_MAGNITUDE = 1e15;

function readLocaleNumber(text: string, decimal: DecimalMark): number {
  const trimmed = text.trim();
  if (SCIENTIFIC.test(trimmed)) return Number(trimmed.replace(',', '.'));
  const parts = splitSignAndCurrency(text);
  if (parts === undefined) return Number.NaN;
  const value = readBody(parts.body, decimal);
  return parts.negative ? -value : value;
}

/**
 * The decimal mark that a cell shows without doubt (`12,5` -> `,`; `1,234.5` -> `.`;
 * `1.234.567` -> `,`), or `undefined` when it shows none (`1234`, `1,234`, text).
 */
export function detectDecimalMark(text: string): DecimalMark | undefined {
  const parts = splitSignAndCurrency(text);
  if (parts === undefined) return undefined;
  const mark = markOf(parts.body);
  return mark === ',' || mark === '.' ? mark : undefined;
}

/** Why a cell is not a number, for a reject reason. */
export function explainNumber(text: string, lang: Lang = 'en'): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  if (/%\s*$/.test(text))
    return tr(lang, {
      en: `"${shown}" is a percentage; expected an amount such as 1234.56 or 1 234,56`,
      fr: `« ${shown} » est un pourcentage ; attendu : un montant comme 1234.56 ou 1 234,56`,
    });
  const value = readLocaleNumber(text, '.');
  if (!Number.isNaN(value) && !(Math.abs(value) < MAX_MAGNITUDE)) {
    return tr(lang, {
      en: `"${shown}" is too large; expected an amount below 10^15`,
      fr: `« ${shown} » est trop grand ; attendu : un montant sous 10^15`,
    });
  }
  return tr(lang, {
    en: `"${shown}" is not a number; expected an amount such as 1234.56, 1 234,56 or 1,234.56`,
    fr: `« ${shown} » n’est pas un nombre ; attendu : un montant comme 1234.56, 1 234,56 ou 1,234.56`,
  });
}

/**
 * A rate as a fraction, or NaN: `6 %` and `6%` give 0.06 always; a bare number is a fraction
 * (`0.06`) unless `percentScale` says the column holds percentages (`6` -> 0.06).
 */
export function parseRateText(text: string, decimal: DecimalMark, percentScale: boolean): number {
  const t = text.trim();
  if (t.endsWith('%')) return parseLocaleNumber(t.slice(0, -1), decimal) / 100;
  const value = parseLocaleNumber(t, decimal);
  return percentScale ? value / 100 : value;
}

/** Why a cell is not a rate. */
export function explainRate(text: string, lang: Lang = 'en'): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  return tr(lang, {
    en: `"${shown}" is not a rate; expected 6 %, 6% or 0.06`,
    fr: `« ${shown} » n’est pas un taux ; attendu : 6 %, 6% ou 0,06`,
  });
}
