/** Output language: English or French. Commands keep their own strings as `{ en, fr }` pairs. */
export type Lang = 'en' | 'fr';

export interface Texts {
  en: string;
  fr: string;
}

/** The months' names, January first, as a sentence writes them in each language. */
export const MONTH_NAMES: Readonly<Record<Lang, readonly string[]>> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
};

/** Picks the text for a language. */
export function tr(lang: Lang, text: Texts): string {
  return text[lang];
}

/**
 * The language from the environment, as POSIX does it: LC_ALL, then LC_MESSAGES, then LANG;
 * `fr` or `fr_*` gives French, anything else English.
 */
export function detectLang(env: Record<string, string | undefined>): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value && value !== '') return /^fr([_.@-]|$)/i.test(value) ? 'fr' : 'en';
  }
  return 'en';
}

/**
 * The program's name before a message on stderr: `prospect: ` in English, `prospect : ` in French
 * (French typography puts a space before the colon).
 */
export function programPrefix(lang: Lang): string {
  return lang === 'fr' ? 'prospect : ' : 'prospect: ';
}

/**
 * A date inside a message's sentence (an error, a warning, a note, a rejection reason: what goes
 * to stderr, to the JSON `warnings` and to the `reason` column of `--rejects`): `30/06/2026` in
 * French, ISO `2026-06-30` in English. Data cells (CSV columns, JSON fields) keep ISO. Anything
 * that is not an ISO date (YYYY-MM-DD) is returned as it is. Every message that puts a date in
 * its text goes through this one function.
 * @example formatSentenceDate('2026-06-30', 'fr') // '30/06/2026'
 */
export function formatSentenceDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null || lang === 'en') return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}
