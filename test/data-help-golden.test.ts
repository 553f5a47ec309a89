import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli.js';
import { buildContext } from '../src/main.js';
import { runCli } from './helpers/run-cli.js';

// Regression checks (STYLE.md): the help of each command, so that a change of flag shows in review.
// The values in them are not checked here; UPDATE_GOLDEN=1 rewrites the files after a deliberate change.
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');

describe('--help golden files', () => {
  it.each([
    ['segment', 'en'],
    ['segment', 'fr'],
    ['inspect', 'en'],
    ['inspect', 'fr'],
  ])('prospect %s --help (%s)', async (command, lang) => {
    const { code, stdout } = await runCli([command, '--help', '--lang', lang]);
    expect(code).toBe(0);
    const file = join(GOLDEN, `${command}-help.${lang}.txt`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, stdout);
    expect(existsSync(file), `${file} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(stdout).toBe(readFileSync(file, 'utf8'));
  });

  it('the read flags are word for word the same on segment and inspect', async () => {
    const ctx = buildContext(['--lang', 'en'], {
      stdout: () => {},
      stderr: () => {},
      stdin: Readable.from([]),
      env: {},
      cwd: '/',
      stdinIsTTY: false,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      now: () => new Date(),
    });
    const program = await buildProgram(ctx);
    const readFlags = (name: string): string[] =>
      (program.commands.find((c) => c.name() === name)?.options ?? [])
        .filter((o) =>
          /^--(encoding|delimiter|decimal|date-format|map|columns|rejects|strict)\b/.test(o.flags),
        )
        .map((o) => `${o.flags} ${o.description}`);
    expect(readFlags('segment')).toHaveLength(8);
    expect(readFlags('segment')).toEqual(readFlags('inspect'));
  });
});
