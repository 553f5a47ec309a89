import { MONTH_NAMES, type Lang } from '../i18n.js';

const LOCALE: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR' };

const formatters = new Map<string, Intl.NumberFormat>();

/** One `Intl.NumberFormat` per language and options, made once: making one costs far more than using it. */
function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang} ${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(LOCALE[lang], options);
    formatters.set(key, format);
  }
  return format;
}

/** Intl puts narrow/no-break spaces in French numbers; terminals and golden files read plain ones. */
function plainSpaces(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

/** `60 000` (fr) or `60,000` (en), with up to `decimals` fraction digits (0 by default). */
export function formatNumber(value: number, lang: Lang, decimals = 0, minDecimals = 0): string {
  if (!Number.isFinite(value)) return String(value);
  return plainSpaces(
    numberFormat(lang, {
      minimumFractionDigits: Math.min(minDecimals, decimals),
      maximumFractionDigits: decimals,
    }).format(value),
  );
}

/** `60 000 €` (fr) or `€60,000` (en); cents shown only when the amount has some, or `decimals` says so. */
export function formatMoney(value: number, lang: Lang, decimals?: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = decimals ?? (Number.isInteger(Math.round(value * 100) / 100) ? 0 : 2);
  return plainSpaces(
    numberFormat(lang, {
      style: 'currency',
      currency: 'EUR',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value),
  );
}

/** A fraction (0.06) as a percentage: `6 %` (fr) or `6%` (en). */
export function formatPercent(fraction: number, lang: Lang, decimals = 1): string {
  if (!Number.isFinite(fraction)) return String(fraction);
  return plainSpaces(
    numberFormat(lang, { style: 'percent', maximumFractionDigits: decimals }).format(fraction),
  );
}

/** An ISO date (YYYY-MM-DD) for the reader: `31/12/2026` (fr) or `2026-12-31` (en, unambiguous). */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || lang === 'en') return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/**
 * An ISO date (YYYY-MM-DD) inside a sentence, the language's way: `30 avril 2026`, `1er mai 2026`
 * (fr), `April 30, 2026` (en). Tables keep `formatDate`; CSV and JSON keep ISO. Anything that is
 * not an ISO date is returned as it is.
 */
export function formatDateInSentence(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? MONTH_NAMES[lang][Number(m[2]) - 1] : undefined;
  if (!m || month === undefined) return iso;
  const day = Number(m[3]);
  if (lang === 'en') return `${month} ${day}, ${m[1]}`;
  return `${day === 1 ? '1er' : day} ${month} ${m[1]}`;
}
