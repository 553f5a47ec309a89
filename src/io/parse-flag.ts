import { UsageError } from '../errors.js';
import type { Texts } from '../i18n.js';

/**
 * What a flag expects, in both languages. Call sites written before the messages were bilingual
 * pass the English text; the French of each such text is here, side by side.
 */
const EXPECTED_FR: Record<string, string> = {
  'a duration such as 52 or 12m': 'une durée comme 52 ou 12m',
  'a number above zero': 'un nombre au-dessus de zéro',
  'a number of clients such as 10': 'un nombre de clients comme 10',
  'a number of deals such as 10': "un nombre d'affaires comme 10",
  'a number of tiers from 2 to 10': 'un nombre de groupes de 2 à 10',
  'a rate such as 6, 6% or 0.06': 'un taux comme 6, 6% ou 0,06',
  'a sample size such as 30': 'un effectif comme 30',
  'a whole number of months such as 12': 'un nombre entier de mois comme 12',
  'amounts such as 10000,50000': 'des montants comme 10000,50000',
  'an amount in euros, such as 60000': 'un montant en euros, comme 60000',
  'an amount in euros, such as 20000': 'un montant en euros, comme 20000',
  'ascending numbers such as 30,90,180,365': 'des nombres croissants comme 30,90,180,365',
  'hours per week, such as 10': 'des heures par semaine, comme 10',
  'percentages such as 80,95': 'des pourcentages comme 80,95',
  'proposals per deal won, such as 3': 'des propositions par affaire gagnée, comme 3',
  'a number of weeks, such as 12': 'un nombre de semaines, comme 12',
  'a number of months, such as 6': 'un nombre de mois, comme 6',
  'a number of sales reps, such as 2': 'un nombre de commerciaux, comme 2',
  'a number of bins such as 5': 'un nombre de classes comme 5',
  'a number of clients to list, 0 for all': 'un nombre de clients à lister, 0 pour tous',
  'a number of bands such as 3': 'un nombre de tranches comme 3',
  'a count of prospects, such as 8': 'un nombre de prospects, comme 8',
  'active prospects per proposal, such as 4': 'des prospects actifs par proposition, comme 4',
  'contacts to qualify a prospect, such as 4': 'des contacts pour qualifier un prospect, comme 4',
  'minutes, such as 2': 'des minutes, comme 2',
};

/** An `expected` text in both languages. */
export function expectedTexts(expected: string | Texts): Texts {
  return typeof expected === 'string' ? { en: expected, fr: EXPECTED_FR[expected] ?? expected } : expected;
}

/** A finite number from a flag, in plain or French notation (`20000`, `20 000`, `1,5`). */
export function parseFlagNumber(flag: string, text: string, expected: string | Texts): number {
  const clean = text
    .trim()
    .replace(/[\s\u00a0\u202f_]/g, '')
    .replace(/€$/, '')
    .replace(',', '.');
  const value = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(clean) ? Number(clean) : Number.NaN;
  if (!Number.isFinite(value)) {
    const e = expectedTexts(expected);
    throw new UsageError({
      en: `${flag}: "${text}" is not a number; expected ${e.en}.`,
      fr: `${flag} : « ${text} » n’est pas un nombre ; attendu : ${e.fr}.`,
    });
  }
  return value;
}

/** A number > 0 (or >= 0 with `allowZero`). */
export function parsePositive(
  flag: string,
  text: string,
  expected: string | Texts,
  allowZero = false,
): number {
  const value = parseFlagNumber(flag, text, expected);
  if (value < 0 || (!allowZero && value === 0)) {
    const e = expectedTexts(expected);
    throw new UsageError({
      en: `${flag}: "${text}" must be ${allowZero ? 'zero or more' : 'above zero'}; expected ${e.en}.`,
      fr: `${flag} : « ${text} » doit être ${allowZero ? 'positif ou nul' : 'au-dessus de zéro'} ; attendu : ${e.fr}.`,
    });
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
    throw new UsageError({
      en: `${flag}: "${text}" is out of range; expected a rate above 0 and at most 100% (6, 6% or 0.06).`,
      fr: `${flag} : « ${text} » est hors limites ; attendu : un taux au-dessus de 0 et d’au plus 100 % (6, 6% ou 0,06).`,
    });
  }
  return fraction;
}

function notARange(flag: string, text: string, example: string): UsageError {
  return new UsageError({
    en: `${flag}: "${text}" is not a range; expected MIN-MAX such as ${example}.`,
    fr: `${flag} : « ${text} » n’est pas une fourchette ; attendu : MIN-MAX comme ${example}.`,
  });
}

function minAboveMax(flag: string, text: string): UsageError {
  return new UsageError({
    en: `${flag}: "${text}" has its minimum above its maximum; expected MIN-MAX.`,
    fr: `${flag} : « ${text} » a son minimum au-dessus de son maximum ; attendu : MIN-MAX.`,
  });
}

/** A range `MIN-MAX` of rates (`4-10`, `4%-10%`, `0.04-0.1`) as fractions. */
export function parseRateRange(flag: string, text: string): { min: number; max: number } {
  const m = /^\s*([^-]+?)\s*-\s*([^-]+?)\s*$/.exec(text);
  if (!m) throw notARange(flag, text, '3-17');
  const min = parseRate(flag, m[1] ?? '');
  const max = parseRate(flag, m[2] ?? '');
  if (min > max) throw minAboveMax(flag, text);
  return { min, max };
}

/** A range `MIN-MAX` of positive numbers (`1-13`). */
export function parseNumberRange(flag: string, text: string): { min: number; max: number } {
  const m = /^\s*([^-]+?)\s*-\s*([^-]+?)\s*$/.exec(text);
  if (!m) throw notARange(flag, text, '1-13');
  const min = parsePositive(flag, m[1] ?? '', 'a number above zero');
  const max = parsePositive(flag, m[2] ?? '', 'a number above zero');
  if (min > max) throw minAboveMax(flag, text);
  return { min, max };
}
