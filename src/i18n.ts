/** Output language: English or French. Commands keep their own strings as `{ en, fr }` pairs. */
export type Lang = 'en' | 'fr';

export interface Texts {
  en: string;
  fr: string;
}

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
