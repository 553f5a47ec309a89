import { Readable } from 'node:stream';
import { run } from '../../src/main.js';
import type { Io, PromptFn } from '../../src/io/context.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string | Buffer;
  cwd?: string;
  /** Today's date for the run (ISO), default 2026-11-23. */
  today?: string;
  tty?: boolean;
  /** The terminal's width (Io.columns); unset: COLUMNS from env, else 80. */
  columns?: number;
  /** Answers interactive questions (plan --interactive) instead of a terminal. */
  prompt?: PromptFn;
}

/** Runs the CLI in-process through the production entry (`run`), capturing its output. */
export async function runCli(argv: string[], options: RunOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    env: options.env ?? { LANG: 'en_GB.UTF-8' },
    cwd: options.cwd ?? process.cwd(),
    stdinIsTTY: options.tty ?? false,
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    now: () => new Date(`${options.today ?? '2026-11-23'}T12:00:00`),
    ...(options.prompt ? { prompt: options.prompt } : {}),
    ...(options.columns === undefined ? {} : { columns: options.columns }),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
