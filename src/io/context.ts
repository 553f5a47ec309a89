import type { Readable } from 'node:stream';
import type { Lang } from '../i18n.js';
import type { InputRows } from './row-counts.js';
import type { ProjectSettings } from './project-file.js';

/** What a run talks to. `main.ts` builds it from the process; tests build their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: Readable;
  env: Record<string, string | undefined>;
  cwd: string;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The terminal's width in characters when stdout is one (`process.stdout.columns`). */
  columns?: number;
  /** The terminal's width when stderr is one (`process.stderr.columns`): notes are wrapped to it. */
  stderrColumns?: number;
  /** The clock, passed in so that runs are reproducible in tests. */
  now: () => Date;
  /** Asks the user one question (interactive mode); tests inject answers. Default: @inquirer/prompts on stderr. */
  prompt?: PromptFn;
}

/** One question: a name, the message, the default shown; resolves to the answer as typed. */
export type PromptFn = (question: { name: string; message: string; default: string }) => Promise<string>;

/** What every command receives besides its own options. */
export interface Context {
  io: Io;
  lang: Lang;
  /** Colour allowed: stdout is a TTY, no NO_COLOR, no --no-color. */
  color: boolean;
  quiet: boolean;
  /** Notes, warnings and progress: stderr, silenced by --quiet. */
  note: (text: string) => void;
  /**
   * Width tables are fitted to: the terminal's, else `COLUMNS`, else 80. Absent in contexts that
   * tests build by hand: 80.
   */
  width?: number;
  /** Today as an ISO date (YYYY-MM-DD) in local time. */
  today: string;
  /** The CSV inputs read to the end so far, with their row counts (src/io/row-counts.ts). */
  inputs?: InputRows[];
  /** The project file's settings (`prospect.yaml`), read on first use; undefined when there is
   * none or with `--no-config`. Throws (65) when the file has problems. */
  project?: () => ProjectSettings | undefined;
}
