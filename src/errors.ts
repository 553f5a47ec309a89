/**
 * Error types and exit codes (BSD sysexits, as STYLE.md says). `main.ts` is the only place that
 * turns them into an exit code; everything else throws.
 */
export const EXIT = {
  ok: 0,
  /** A finding the user asked to fail on (e.g. `track --fail-if-behind`). */
  finding: 1,
  usage: 64,
  dataError: 65,
  noInput: 66,
  internal: 70,
  cantCreate: 73,
  /** Interrupted (SIGINT, Ctrl-C at a question or during a run): 128 + SIGINT, as shells do. */
  interrupted: 130,
  /** Stopped by SIGTERM: 128 + 15. */
  terminated: 143,
} as const;

import type { Lang, Texts } from './i18n.js';

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One problem in an input: where it is and what was wrong. */
export interface InputProblem {
  file?: string;
  line?: number;
  column?: number;
  message: string;
  /** The message in both languages, when the call site has them; `message` is then the English. */
  texts?: Texts;
}

/** A message in one language (older call sites) or in both, side by side. */
export type Message = string | Texts;

/**
 * Base of the errors a user can cause; never printed with a stack trace. `message` is the
 * English text; `messageIn(lang)` the one shown.
 */
export class ProspectError extends Error {
  readonly texts: Texts | undefined;

  constructor(
    message: Message,
    readonly exitCode: ExitCode,
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.texts = typeof message === 'string' ? undefined : message;
    this.name = new.target.name;
  }

  /** The message in the run's language (English when the call site wrote only English). */
  messageIn(lang: Lang): string {
    return this.texts ? this.texts[lang] : this.message;
  }
}

/** Wrong flags or arguments: exit 64. */
export class UsageError extends ProspectError {
  constructor(message: Message) {
    super(message, EXIT.usage);
  }
}

/** An input file is missing or unreadable: exit 66. */
export class InputFileError extends ProspectError {
  constructor(message: Message) {
    super(message, EXIT.noInput);
  }
}

/** An output cannot be written: exit 73. */
export class OutputError extends ProspectError {
  constructor(message: Message) {
    super(message, EXIT.cantCreate);
  }
}

/** A finding the user asked to fail on: exit 1. */
export class FindingError extends ProspectError {
  constructor(message: Message) {
    super(message, EXIT.finding);
  }
}

/** How many problems are listed before "... and N more". */
export const MAX_LISTED_PROBLEMS = 20;

/** Formats one problem as `file:line:column: message`. */
export function formatProblem(p: InputProblem, lang: Lang = 'en'): string {
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined && x !== '').join(':');
  const message = p.texts ? p.texts[lang] : p.message;
  return where ? `${where}: ${message}` : message;
}

/** Bad input data (values, YAML, CSV content): exit 65. Carries every problem found. */
export class DataError extends ProspectError {
  constructor(
    readonly problems: InputProblem[],
    readonly summary?: Message,
  ) {
    super(DataError.describe(problems, summary), EXIT.dataError);
  }

  static describe(problems: InputProblem[], summary?: Message, lang: Lang = 'en'): string {
    const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => formatProblem(p, lang));
    if (problems.length > MAX_LISTED_PROBLEMS) {
      const more = problems.length - MAX_LISTED_PROBLEMS;
      lines.push(lang === 'fr' ? `... et ${more} de plus` : `... and ${more} more`);
    }
    if (summary) lines.unshift(typeof summary === 'string' ? summary : summary[lang]);
    return lines.join('\n');
  }

  override messageIn(lang: Lang): string {
    return DataError.describe(this.problems, this.summary, lang);
  }
}

/**
 * A problem's message in both languages, to spread into an `InputProblem`:
 * `{ file, line, ...inBoth({ en: '...', fr: '...' }) }`.
 */
export function inBoth(texts: Texts): { message: string; texts: Texts } {
  return { message: texts.en, texts };
}
