import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The verified examples of README.md and docs/ (the format every page follows):
 * a fenced block whose info string is `console`; each line starting with `$ ` is a command (a line
 * ending with `\` goes on to the next), run by bash from the repo root with `prospect` on PATH;
 * the lines after it, up to the next `$ ` line or the block's end, are what it prints on stdout.
 * Blocks in ```sh or ```text are not run.
 */
export interface DocExample {
  /** The page, relative to the repo root. */
  readonly file: string;
  /** 1-based line of the `$ ` line. */
  readonly line: number;
  /** The command as bash gets it (continuation lines included). */
  readonly command: string;
  /** The expected stdout, as written in the page. */
  readonly expected: readonly string[];
  /** 0-based line range of the expected output in the page: [outputStart, outputEnd). */
  readonly outputStart: number;
  readonly outputEnd: number;
}

const OPEN = /^(`{3,}|~{3,})\s*console\s*$/;

/** The examples of one page, in order. */
export function parseExamples(file: string, text: string): DocExample[] {
  const lines = text.split('\n');
  const examples: DocExample[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = OPEN.exec(lines[i] ?? '');
    i++;
    if (!open) continue;
    const fence = open[1] ?? '```';
    const isClose = (line: string): boolean => {
      const t = line.trim();
      return t.length >= fence.length && t === fence.charAt(0).repeat(t.length);
    };
    while (i < lines.length && !isClose(lines[i] ?? '')) {
      const line = lines[i] ?? '';
      if (!line.startsWith('$ ')) {
        i++; // text before the first command: not checked
        continue;
      }
      const at = i;
      let command = line.slice(2);
      while (command.endsWith('\\') && i + 1 < lines.length && !isClose(lines[i + 1] ?? '')) {
        i++;
        command += '\n' + (lines[i] ?? '');
      }
      i++;
      const outputStart = i;
      while (i < lines.length && !isClose(lines[i] ?? '') && !(lines[i] ?? '').startsWith('$ ')) i++;
      examples.push({
        file,
        line: at + 1,
        command,
        expected: lines.slice(outputStart, i),
        outputStart,
        outputEnd: i,
      });
    }
    i++; // the closing fence
  }
  return examples;
}

/** Trailing spaces of each line and trailing blank lines do not count. */
export function normalizeOutput(lines: readonly string[] | string): string {
  const list = typeof lines === 'string' ? lines.split('\n') : [...lines];
  const trimmed = list.map((line) => line.replace(/\s+$/, ''));
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return trimmed.join('\n');
}

export interface ExampleRun {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the examples of one page, in order, in one bash (so `cd`, files written by one example and
 * `echo $?` work as in a terminal) from a scratch folder that links every folder of the repo root:
 * `fixtures/...` paths read the repo's files, and what an example writes (`--output params.yaml`,
 * `prospect init`) lands in the scratch folder, removed afterwards. `setup`, when given, is a
 * bash snippet run first in that folder (the files a page says its examples start from); its
 * output is kept apart, and it must succeed.
 */
export async function runPageExamples(
  root: string,
  examples: readonly DocExample[],
  timeoutMs: number,
  setup?: string,
): Promise<ExampleRun[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'prospect-docs-'));
  try {
    const work = join(scratch, 'repo');
    const out = join(scratch, 'out');
    const bin = join(scratch, 'bin');
    mkdirSync(work);
    mkdirSync(out);
    mkdirSync(bin);
    // Folders only: an example that writes `> README.md` writes in the scratch folder, never the repo.
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (entry.name === '.git' || !entry.isDirectory()) continue;
      symlinkSync(join(root, entry.name), join(work, entry.name));
    }
    writeFileSync(
      join(bin, 'prospect'),
      `#!/bin/sh\nexec node ${shellQuote(join(root, 'bin', 'prospect.js'))} "$@"\n`,
      {
        mode: 0o755,
      },
    );
    const setupScript =
      setup === undefined
        ? ''
        : `(\nset -e\n${setup}\n) >${shellQuote(join(scratch, 'setup.log'))} 2>&1 || { echo "setup failed" >&2; exit 1; }\n`;
    const script =
      setupScript +
      examples
        .map(
          (example, n) =>
            `{\n${example.command}\n} >${shellQuote(join(out, `${n}.out`))} 2>${shellQuote(join(out, `${n}.err`))}\n`,
        )
        .join('');
    const scriptPath = join(scratch, 'examples.sh');
    writeFileSync(scriptPath, script);
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of ['LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'PROSPECT_TODAY', 'FORCE_COLOR', 'CI'])
      delete env[key];
    Object.assign(env, {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      COLUMNS: '80',
      NO_COLOR: '1',
      LANG: 'C.UTF-8',
      TZ: 'UTC',
    });
    await new Promise<void>((resolve, reject) => {
      const child = spawn('bash', [scriptPath], { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return examples.map((_, n) => ({
      stdout: readOr(join(out, `${n}.out`)),
      stderr: readOr(join(out, `${n}.err`)),
    }));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The page with each example's output replaced by what it printed (UPDATE_DOCS=1). */
export function rewritePage(
  text: string,
  examples: readonly DocExample[],
  runs: readonly ExampleRun[],
): string {
  const lines = text.split('\n');
  for (let n = examples.length - 1; n >= 0; n--) {
    const example = examples[n];
    const run = runs[n];
    if (example === undefined || run === undefined) continue;
    const actual = normalizeOutput(run.stdout);
    lines.splice(
      example.outputStart,
      example.outputEnd - example.outputStart,
      ...(actual === '' ? [] : actual.split('\n')),
    );
  }
  return lines.join('\n');
}

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
