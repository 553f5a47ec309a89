import { UsageError } from '../errors.js';
import { expectedTexts, parseFlagNumber, parsePositive } from '../io/parse-flag.js';
import { FIRST_YEAR } from '../io/parse-date.js';
import type { TableReader } from '../io/read-table.js';

/** Which shape the input has: one row per order, or one row per client. */
export type InputShape = 'orders' | 'clients';

/** The shape forced by `--orders` / `--clients`, or detected: an order-date column means orders. */
export function detectShape(reader: TableReader, flags: { orders?: boolean; clients?: boolean }): InputShape {
  if (flags.orders && flags.clients)
    throw new UsageError({
      en: '--orders and --clients contradict each other; give one of them.',
      fr: '--orders et --clients se contredisent ; donnez l’un des deux.',
    });
  if (flags.orders) return 'orders';
  if (flags.clients) return 'clients';
  return reader.fieldColumns.has('orderDate') ? 'orders' : 'clients';
}

/** The first of `fields` that the file has. */
export function firstPresent(reader: TableReader, fields: readonly string[]): string | undefined {
  return fields.find((f) => reader.fieldColumns.has(f));
}

/** `--thresholds 80,95` (percentages, or fractions below 1) as ascending fractions. */
export function parseThresholds(text: string): number[] {
  const parts = text.split(/[;,\s]+/).filter((p) => p !== '');
  const values = parts.map((p) => {
    const v = parseFlagNumber('--thresholds', p.replace(/%$/, ''), 'percentages such as 80,95');
    return p.endsWith('%') || v >= 1 ? v / 100 : v;
  });
  if (values.length === 0)
    throw new UsageError({
      en: '--thresholds: expected percentages such as 80,95.',
      fr: '--thresholds : attendu : des pourcentages comme 80,95.',
    });
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!(v > 0 && v < 1))
      throw new UsageError({
        en: `--thresholds: "${text}" has ${parts[i]}, outside 0-100 %; expected percentages such as 80,95.`,
        fr: `--thresholds : « ${text} » contient ${parts[i]}, hors de 0-100 % ; attendu : des pourcentages comme 80,95.`,
      });
    if (i > 0 && !(v > (values[i - 1] as number)))
      throw new UsageError({
        en: `--thresholds: "${text}" is not ascending; expected percentages such as 80,95.`,
        fr: `--thresholds : « ${text} » n’est pas croissant ; attendu : des pourcentages comme 80,95.`,
      });
  }
  if (values.length > 25)
    throw new UsageError({
      en: '--thresholds: at most 25 thresholds (26 classes, A to Z).',
      fr: '--thresholds : 25 seuils au plus (26 classes, de A à Z).',
    });
  return values;
}

/** `--recency-breaks 30,90,180,365`: strictly ascending numbers. */
export function parseBreaks(flag: string, text: string): number[] {
  const parts = text.split(/[;,\s]+/).filter((p) => p !== '');
  const values = parts.map((p) => parseFlagNumber(flag, p, 'ascending numbers such as 30,90,180,365'));
  if (values.length === 0)
    throw new UsageError({
      en: `${flag}: expected ascending numbers such as 30,90,180,365.`,
      fr: `${flag} : attendu : des nombres croissants comme 30,90,180,365.`,
    });
  for (let i = 1; i < values.length; i++) {
    if (!((values[i] as number) > (values[i - 1] as number)))
      throw new UsageError({
        en: `${flag}: "${text}" is not strictly ascending; expected numbers such as 30,90,180,365.`,
        fr: `${flag} : « ${text} » n’est pas strictement croissant ; attendu : des nombres comme 30,90,180,365.`,
      });
  }
  return values;
}

/** A whole number of bins or rows. */
export function parseWhole(flag: string, text: string, min: number, max: number, expected: string): number {
  const v = parsePositive(flag, text, expected, min === 0);
  if (!Number.isInteger(v) || v < min || v > max)
    throw new UsageError({
      en: `${flag}: "${text}" must be a whole number from ${min} to ${max}; expected ${expectedTexts(expected).en}.`,
      fr: `${flag} : « ${text} » doit être un nombre entier de ${min} à ${max} ; attendu : ${expectedTexts(expected).fr}.`,
    });
  return v;
}

/** `--as-of 2026-06-30` (ISO) or `30/06/2026` (day first) as a day number and its ISO text. */
export function parseAsOf(text: string): { day: number; iso: string } {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : fr ? [fr[3], fr[2], fr[1]] : [];
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (y && year < FIRST_YEAR)
    throw new UsageError({
      en: `--as-of: "${text}" is before ${FIRST_YEAR}; expected a date from ${FIRST_YEAR}-01-01 on.`,
      fr: `--as-of : « ${text} » est antérieur à ${FIRST_YEAR} ; attendu : une date à partir du 01/01/${FIRST_YEAR}.`,
    });
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (!y || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new UsageError({
      en: `--as-of: "${text}" is not a date; expected YYYY-MM-DD such as 2026-06-30 (or 30/06/2026).`,
      fr: `--as-of : « ${text} » n’est pas une date ; attendu : AAAA-MM-JJ comme 2026-06-30 (ou 30/06/2026).`,
    });
  }
  return { day: ms / 86_400_000, iso: date.toISOString().slice(0, 10) };
}
