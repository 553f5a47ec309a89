import { MONTH_NAMES, type Lang } from '../i18n.js';

/**
 * Numbers are written by hand, the way `Intl.NumberFormat` writes them for en-GB and fr-FR (a test
 * compares the two on random numbers): the first `Intl` call of a run loads the ICU locale data,
 * which costs more CPU than starting Node itself (start-up: docs/speed.md).
 *
 * As Intl does, a number is rounded from its shortest decimal writing (`1.005` is `1.01` at two
 * decimals, although the double is a little under), half away from zero.
 */
const GROUP: Record<Lang, string> = { en: ',', fr: ' ' };
const DECIMAL: Record<Lang, string> = { en: '.', fr: ',' };

/** `|value| × 10^shift` rounded half away from zero to `decimals` digits, as integer digits. */
function scaledDigits(value: number, decimals: number, shift: number): string {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(value)));
  if (m === null) return '0';
  const int = m[1] as string;
  const frac = m[2] ?? '';
  // |value| = 0.DIGITS × 10^point
  let digits = int + frac;
  let point = int.length + Number(m[3] ?? 0) + shift;
  const lead = /^0*/.exec(digits)?.[0].length ?? 0;
  if (lead === digits.length) return '0';
  digits = digits.slice(lead);
  point -= lead;
  const keep = point + decimals;
  if (keep < 0) return '0';
  const up = (digits[keep] ?? '0') >= '5';
  let head = digits.slice(0, keep).padEnd(keep, '0');
  if (up) {
    let i = head.length - 1;
    while (i >= 0 && head[i] === '9') i--;
    head = (i < 0 ? '1' : head.slice(0, i) + String(Number(head[i]) + 1)) + '0'.repeat(head.length - 1 - i);
  }
  return head === '' ? '0' : head;
}

/** The number's text without sign: grouped integer part, then between `min` and `max` decimals. */
function unsigned(value: number, lang: Lang, max: number, min: number, shift = 0): string {
  const scaled = scaledDigits(value, max, shift).padStart(max + 1, '0');
  const int = scaled.slice(0, scaled.length - max);
  let frac = scaled.slice(scaled.length - max);
  let end = frac.length;
  while (end > min && frac[end - 1] === '0') end--;
  frac = frac.slice(0, end);
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, GROUP[lang]);
  return frac === '' ? grouped : grouped + DECIMAL[lang] + frac;
}

/** `-` before a negative number, -0 included (as Intl does: `-0.001` at no decimals is `-0`). */
function sign(value: number): string {
  return value < 0 || Object.is(value, -0) ? '-' : '';
}

/** `60 000` (fr) or `60,000` (en), with up to `decimals` fraction digits (0 by default). */
export function formatNumber(value: number, lang: Lang, decimals = 0, minDecimals = 0): string {
  if (!Number.isFinite(value)) return String(value);
  return sign(value) + unsigned(value, lang, decimals, Math.min(minDecimals, decimals));
}

/** `60 000 €` (fr) or `€60,000` (en); cents shown only when the amount has some, or `decimals` says so. */
export function formatMoney(value: number, lang: Lang, decimals?: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = decimals ?? (Number.isInteger(Math.round(value * 100) / 100) ? 0 : 2);
  const text = unsigned(value, lang, digits, digits);
  return lang === 'fr' ? `${sign(value)}${text} €` : `${sign(value)}€${text}`;
}

/** A fraction (0.06) as a percentage: `6 %` (fr) or `6%` (en). */
export function formatPercent(fraction: number, lang: Lang, decimals = 1): string {
  if (!Number.isFinite(fraction)) return String(fraction);
  const text = sign(fraction) + unsigned(fraction, lang, decimals, 0, 2);
  return lang === 'fr' ? `${text} %` : `${text}%`;
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
