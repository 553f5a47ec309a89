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

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One problem in an input: where it is and what was wrong. */
export interface InputProblem {
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

/** Base of the errors a user can cause; never printed with a stack trace. */
export class ProspectError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Wrong flags or arguments: exit 64. */
export class UsageError extends ProspectError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** An input file is missing or unreadable: exit 66. */
export class InputFileError extends ProspectError {
  constructor(message: string) {
    super(message, EXIT.noInput);
  }
}

/** An output cannot be written: exit 73. */
export class OutputError extends ProspectError {
  constructor(message: string) {
    super(message, EXIT.cantCreate);
  }
}

/** A finding the user asked to fail on: exit 1. */
export class FindingError extends ProspectError {
  constructor(message: string) {
    super(message, EXIT.finding);
  }
}

/** How many problems are listed before "... and N more". */
export const MAX_LISTED_PROBLEMS = 20;

/** Formats one problem as `file:line:column: message`. */
export function formatProblem(p: InputProblem): string {
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined && x !== '').join(':');
  return where ? `${where}: ${p.message}` : p.message;
}

/** Bad input data (values, YAML, CSV content): exit 65. Carries every problem found. */
export class DataError extends ProspectError {
  constructor(
    readonly problems: InputProblem[],
    summary?: string,
  ) {
    super(DataError.describe(problems, summary), EXIT.dataError);
  }

  static describe(problems: InputProblem[], summary?: string): string {
    const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map(formatProblem);
    if (problems.length > MAX_LISTED_PROBLEMS)
      lines.push(`... and ${problems.length - MAX_LISTED_PROBLEMS} more`);
    if (summary) lines.unshift(summary);
    return lines.join('\n');
  }
}
