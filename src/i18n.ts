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
