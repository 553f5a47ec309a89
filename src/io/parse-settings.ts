import { COUNTRIES, parseIsoDay, type CountryCode } from '../core/calendar.js';
import type { PlanSettings } from '../core/settings.js';
import { inBoth, UsageError } from '../errors.js';
import type { Texts } from '../i18n.js';
import { expectedTexts, parseFlagNumber, parsePositive, parseRate } from './parse-flag.js';

/**
 * The settings a user can write, as flags (kebab-case) or YAML keys (camelCase), before parsing.
 * `objective` is `amount` in an objective file.
 */
export const RAW_SETTING_KEYS = [
  'objective',
  'avgDeal',
  'proposalsPerDeal',
  'winRate',
  'compensationFactor',
  'spontaneous',
  'accessibility',
  'contactsPerProspect',
  'minutesPerContact',
  'from',
  'to',
  'weeks',
  'months',
  'country',
  'weights',
  'reps',
  'hoursPerWeek',
] as const;

export type RawSettingKey = (typeof RAW_SETTING_KEYS)[number];

export type RawSettings = Partial<Record<RawSettingKey, unknown>>;

/** A problem with one raw setting: which key, and the message (which starts with the key's name). */
export interface SettingProblem {
  key: RawSettingKey;
  message: string;
  /** The message in both languages when its source has them (`message` is the English). */
  texts?: Texts;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  janv: 1,
  janvier: 1,
  january: 1,
  feb: 2,
  fev: 2,
  fév: 2,
  fevr: 2,
  févr: 2,
  february: 2,
  fevrier: 2,
  février: 2,
  mar: 3,
  mars: 3,
  march: 3,
  apr: 4,
  avr: 4,
  april: 4,
  avril: 4,
  may: 5,
  mai: 5,
  jun: 6,
  juin: 6,
  june: 6,
  jul: 7,
  juil: 7,
  july: 7,
  juillet: 7,
  aug: 8,
  aou: 8,
  aoû: 8,
  aout: 8,
  août: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  septembre: 9,
  oct: 10,
  october: 10,
  octobre: 10,
  nov: 11,
  november: 11,
  novembre: 11,
  dec: 12,
  déc: 12,
  december: 12,
  decembre: 12,
  décembre: 12,
};

const WEIGHTS_EXPECTED =
  'MONTH=WEIGHT pairs such as aug=0.5,dec=0.8 (months jan..dec, janv..déc or 1..12), or 12 weights separated by commas';
const WEIGHTS_EXPECTED_FR =
  'des paires MOIS=POIDS comme aout=0.5,dec=0.8 (mois janv..déc, jan..dec ou 1..12), ou 12 poids séparés par des virgules';

function parseWeight(name: string, text: string): number {
  const value = parseFlagNumber(name, text, {
    en: `a weight of 0 or more; ${WEIGHTS_EXPECTED}`,
    fr: `un poids positif ou nul ; ${WEIGHTS_EXPECTED_FR}`,
  });
  if (value < 0 || value > 100) {
    throw new UsageError({
      en: `${name}: weight "${text}" is out of range; expected 0 to 100 (1 = a normal month).`,
      fr: `${name} : le poids « ${text} » est hors limites ; attendu : de 0 à 100 (1 = un mois normal).`,
    });
  }
  return value;
}

/**
 * Seasonality weights, twelve numbers January first. Accepted: `aug=0.5,dec=0.8` (other months 1;
 * month names in English or French, or 1-12), or twelve numbers `1,1,1,1,1,1,1,0.5,1,1,1,0.8`
 * (`;` or spaces also separate). A map `{ aug: 0.5 }` or a list of 12 numbers in YAML.
 */
export function parseWeights(name: string, raw: unknown): number[] {
  const weights = Array.from({ length: 12 }, () => 1);
  const setMonth = (monthText: string, weightText: string): void => {
    const key = monthText.trim().toLowerCase().replace(/\.$/, '');
    const month = /^\d{1,2}$/.test(key) ? Number(key) : MONTHS[key];
    if (month === undefined || month < 1 || month > 12) {
      throw new UsageError({
        en: `${name}: "${monthText}" is not a month; expected ${WEIGHTS_EXPECTED}.`,
        fr: `${name} : « ${monthText} » n’est pas un mois ; attendu : ${WEIGHTS_EXPECTED_FR}.`,
      });
    }
    weights[month - 1] = parseWeight(name, weightText);
  };
  if (Array.isArray(raw)) {
    if (raw.length !== 12) {
      throw new UsageError({
        en: `${name}: ${raw.length} weights given; expected ${WEIGHTS_EXPECTED}.`,
        fr: `${name} : ${raw.length} poids donnés ; attendu : ${WEIGHTS_EXPECTED_FR}.`,
      });
    }
    raw.forEach((w, i) => (weights[i] = parseWeight(name, String(w))));
  } else if (raw !== null && typeof raw === 'object') {
    for (const [month, w] of Object.entries(raw)) setMonth(month, String(w));
  } else if (typeof raw === 'string') {
    const split = (re: RegExp): string[] =>
      raw
        .split(re)
        .map((p) => p.trim())
        .filter((p) => p !== '');
    // Commas separate, unless the text has `;` or a comma split breaks a pair: then `;` or spaces
    // separate, and `0,5` is a decimal.
    const byComma = split(/[,;\s]+/);
    const parts =
      raw.includes(';') || (byComma.some((p) => p.includes('=')) && !byComma.every((p) => p.includes('=')))
        ? split(/[;\s]+/)
        : byComma;
    if (parts.length > 0 && parts.every((p) => p.includes('='))) {
      for (const part of parts) {
        const [month = '', w = ''] = part.split('=');
        setMonth(month, w);
      }
    } else if (parts.length === 12 && parts.every((p) => !p.includes('='))) {
      parts.forEach((p, i) => (weights[i] = parseWeight(name, p)));
    } else {
      throw new UsageError({
        en: `${name}: "${raw}" is not a list of weights; expected ${WEIGHTS_EXPECTED}.`,
        fr: `${name} : « ${raw} » n’est pas une liste de poids ; attendu : ${WEIGHTS_EXPECTED_FR}.`,
      });
    }
  } else {
    throw new UsageError({
      en: `${name}: ${JSON.stringify(raw)} is not a list of weights; expected ${WEIGHTS_EXPECTED}.`,
      fr: `${name} : ${JSON.stringify(raw)} n’est pas une liste de poids ; attendu : ${WEIGHTS_EXPECTED_FR}.`,
    });
  }
  if (weights.every((w) => w === 0)) {
    throw new UsageError({
      en: `${name}: every month weighs 0; expected at least one month above 0.`,
      fr: `${name} : tous les mois pèsent 0 ; attendu : au moins un mois au-dessus de 0.`,
    });
  }
  return weights;
}

/** An ISO date `YYYY-MM-DD` as a day number. */
export function parseDateSetting(name: string, raw: unknown): number {
  const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw);
  const day = parseIsoDay(text);
  if (day === undefined) {
    throw new UsageError({
      en: `${name}: "${text}" is not a date; expected YYYY-MM-DD such as 2027-06-30.`,
      fr: `${name} : « ${text} » n’est pas une date ; attendu : AAAA-MM-JJ comme 2027-06-30.`,
    });
  }
  return day;
}

/** A whole number from 1 to `max`. */
export function parseCount(name: string, raw: unknown, max: number, expected: string): number {
  const value = parsePositive(name, String(raw), expected);
  if (!Number.isInteger(value) || value > max) {
    throw new UsageError({
      en: `${name}: "${String(raw)}" must be a whole number from 1 to ${max}; expected ${expected}.`,
      fr: `${name} : « ${String(raw)} » doit être un nombre entier de 1 à ${max} ; attendu : ${expectedTexts(expected).fr}.`,
    });
  }
  return value;
}

/** A country code (FR, BE, CH, DE, LU or none), any case. */
export function parseCountry(name: string, raw: unknown): CountryCode {
  const text = String(raw).trim();
  const found = COUNTRIES.find((c) => c.toLowerCase() === text.toLowerCase());
  if (!found) {
    throw new UsageError({
      en: `${name}: "${text}" is not a known country; expected one of ${COUNTRIES.join(', ')}.`,
      fr: `${name} : « ${text} » n’est pas un pays connu ; attendu : ${COUNTRIES.join(', ')}.`,
    });
  }
  return found;
}

function numberText(raw: unknown): string {
  return typeof raw === 'number'
    ? String(raw)
    : typeof raw === 'string'
      ? raw
      : (JSON.stringify(raw) ?? String(raw));
}

/**
 * Parses raw settings (from flags, a YAML mapping or answers to questions) into typed settings.
 * `nameOf` gives each key's name in messages (`--avg-deal` for flags, `avgDeal` in a file). Every
 * problem is collected, not only the first.
 */
export function parseSettings(
  raw: RawSettings,
  nameOf: (key: RawSettingKey) => string,
): { values: Partial<PlanSettings>; problems: SettingProblem[] } {
  const values: Partial<PlanSettings> = {};
  const problems: SettingProblem[] = [];
  const attempt = (key: RawSettingKey, fn: (name: string, value: unknown) => void): void => {
    const value = raw[key];
    if (value === undefined || value === null) return;
    try {
      fn(nameOf(key), value);
    } catch (error) {
      if (error instanceof UsageError)
        problems.push({ key, message: error.message, ...(error.texts ? { texts: error.texts } : {}) });
      else throw error;
    }
  };
  const positive = (key: keyof PlanSettings & RawSettingKey, expected: string, allowZero = false): void =>
    attempt(key, (name, v) => {
      (values as Record<string, number>)[key] = parsePositive(name, numberText(v), expected, allowZero);
    });

  positive('objective', 'an amount in euros, such as 60000');
  positive('avgDeal', 'an amount in euros, such as 20000');
  if (raw.proposalsPerDeal !== undefined && raw.winRate !== undefined) {
    problems.push({
      key: 'winRate',
      ...inBoth({
        en: `${nameOf('proposalsPerDeal')} and ${nameOf('winRate')} say the same thing; give one of them.`,
        fr: `${nameOf('proposalsPerDeal')} et ${nameOf('winRate')} disent la même chose ; donnez l’un des deux.`,
      }),
    });
  } else {
    attempt('proposalsPerDeal', (name, v) => {
      const value = parsePositive(name, numberText(v), 'proposals per deal won, such as 3');
      if (value < 1) {
        throw new UsageError({
          en: `${name}: a deal takes at least one proposal; expected 1 or more.`,
          fr: `${name} : une affaire demande au moins une proposition ; attendu : 1 ou plus.`,
        });
      }
      values.proposalsPerDeal = value;
    });
    attempt('winRate', (name, v) => {
      values.proposalsPerDeal = 1 / parseRate(name, numberText(v));
    });
  }
  positive('compensationFactor', 'active prospects per proposal, such as 4');
  positive('spontaneous', 'a count of prospects, such as 8', true);
  attempt('accessibility', (name, v) => {
    values.accessibility = parseRate(name, numberText(v));
  });
  positive('contactsPerProspect', 'contacts to qualify a prospect, such as 4');
  positive('minutesPerContact', 'minutes, such as 2');
  attempt('from', (name, v) => {
    values.from = parseDateSetting(name, v);
  });
  const ends = (['to', 'weeks', 'months'] as const).filter((k) => raw[k] !== undefined && raw[k] !== null);
  if (ends.length > 1) {
    problems.push({
      key: ends[1]!,
      ...inBoth({
        en: `${ends.map(nameOf).join(' and ')} both end the period; give one of them.`,
        fr: `${ends.map(nameOf).join(' et ')} terminent tous deux la période ; donnez l’un des deux.`,
      }),
    });
  } else {
    attempt('to', (name, v) => {
      values.end = { kind: 'to', day: parseDateSetting(name, v) };
    });
    attempt('weeks', (name, v) => {
      values.end = { kind: 'weeks', count: parseCount(name, v, 520, 'a number of weeks, such as 12') };
    });
    attempt('months', (name, v) => {
      values.end = { kind: 'months', count: parseCount(name, v, 120, 'a number of months, such as 6') };
    });
  }
  attempt('country', (name, v) => {
    values.country = parseCountry(name, v);
  });
  attempt('weights', (name, v) => {
    values.weights = parseWeights(name, v);
  });
  attempt('reps', (name, v) => {
    values.reps = parseCount(name, v, 100000, 'a number of sales reps, such as 2');
  });
  attempt('hoursPerWeek', (name, v) => {
    const hours = parsePositive(name, numberText(v), 'hours per week, such as 10');
    if (hours > 168) {
      throw new UsageError({
        en: `${name}: "${numberText(v)}" is more hours than a week has; expected at most 168.`,
        fr: `${name} : « ${numberText(v)} » est plus d’heures qu’une semaine n’en compte ; attendu : au plus 168.`,
      });
    }
    values.hoursPerWeek = hours;
  });
  return { values, problems };
}

/** The flag that sets a raw key: `avgDeal` -> `--avg-deal`. */
export function flagName(key: RawSettingKey): string {
  return '--' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}
