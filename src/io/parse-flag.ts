import { UsageError } from '../errors.js';

/** A finite number from a flag, in plain or French notation (`20000`, `20 000`, `1,5`). */
export function parseFlagNumber(flag: string, text: string, expected: string): number {
  const clean = text
    .trim()
    .replace(/[\s\u00a0\u202f_]/g, '')
    .replace(/€$/, '')
    .replace(',', '.');
  const value = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(clean) ? Number(clean) : Number.NaN;
  if (!Number.isFinite(value)) {
    throw new UsageError(`${flag}: "${text}" is not a number; expected ${expected}.`);
  }
  return value;
}

/** A number > 0 (or >= 0 with `allowZero`). */
export function parsePositive(flag: string, text: string, expected: string, allowZero = false): number {
  const value = parseFlagNumber(flag, text, expected);
  if (value < 0 || (!allowZero && value === 0)) {
    throw new UsageError(
      `${flag}: "${text}" must be ${allowZero ? 'zero or more' : 'above zero'}; expected ${expected}.`,
    );
  }
  return value;
}

/**
 * A rate given as a percentage or a fraction, returned as a fraction: `6`, `6%`, `6 %` and
 * `0.06` all give 0.06. A value below 1 without a `%` is a fraction; from 1 up, a percentage.
 * Must be above 0 and at most 100 %.
 */
export function parseRate(flag: string, text: string): number {
  const trimmed = text.trim();
  const percent = /%$/.test(trimmed);
  const number = parseFlagNumber(flag, trimmed.replace(/\s*%$/, ''), 'a rate such as 6, 6% or 0.06');
  const fraction = percent || number >= 1 ? number / 100 : number;
  if (!(fraction > 0) || fraction > 1) {
    throw new UsageError(
      `${flag}: "${text}" is out of range; expected a rate above 0 and at most 100% (6, 6% or 0.06).`,
    );
  }
  return fraction;
}

/** A range `MIN-MAX` of rates (`4-10`, `4%-10%`, `0.04-0.1`) as fractions. */
export function parseRateRange(flag: string, text: string): { min: number; max: number } {
  const m = /^\s*([^-]+?)\s*-\s*([^-]+?)\s*$/.exec(text);
  if (!m) throw new UsageError(`${flag}: "${text}" is not a range; expected MIN-MAX such as 3-17.`);
  const min = parseRate(flag, m[1] ?? '');
  const max = parseRate(flag, m[2] ?? '');
  if (min > max)
    throw new UsageError(`${flag}: "${text}" has its minimum above its maximum; expected MIN-MAX.`);
  return { min, max };
}

/** A range `MIN-MAX` of positive numbers (`1-13`). */
export function parseNumberRange(flag: string, text: string): { min: number; max: number } {
  const m = /^\s*([^-]+?)\s*-\s*([^-]+?)\s*$/.exec(text);
  if (!m) throw new UsageError(`${flag}: "${text}" is not a range; expected MIN-MAX such as 1-13.`);
  const min = parsePositive(flag, m[1] ?? '', 'a number above zero');
  const max = parsePositive(flag, m[2] ?? '', 'a number above zero');
  if (min > max)
    throw new UsageError(`${flag}: "${text}" has its minimum above its maximum; expected MIN-MAX.`);
  return { min, max };
}
