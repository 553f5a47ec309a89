import type { Lang } from '../i18n.js';

/**
 * The language of the help texts of the shared flags, set once by `buildProgram`. Apart from
 * shared-options.ts so that building the program loads no renderer (start-up: docs/speed.md).
 */
let current: Lang = 'en';

/** Sets the language of the shared flags' help texts. */
export function setHelpLang(lang: Lang): void {
  current = lang;
}

/** The language of the shared flags' help texts. */
export function helpLang(): Lang {
  return current;
}
