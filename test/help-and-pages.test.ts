import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

/**
 * `--help` stays short and points to the command's page; every command has its page; the README
 * stays a front page (issue 15: "under 15 KB"). Limits chosen by hand: the longest help today
 * (plan) is about 113 lines at 80 columns in French; 120 leaves room for a few more flags, not for the rules
 * and examples that belong on the page.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_HELP_LINES = 120;
const COMMANDS = [
  'plan',
  'init',
  'segment',
  'inspect',
  'clv',
  'pareto',
  'rfm',
  'calibrate',
  'track',
  'review',
  'score',
  'portfolio',
  'report',
];

describe('help points to the pages', () => {
  it('every command of the program is in this list (a new command gets a page)', async () => {
    const { stdout } = await runCli(['--help'], { env: { COLUMNS: '80' } });
    const listed = [...stdout.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]).filter((c) => c !== 'help');
    expect(new Set(listed)).toEqual(new Set(COMMANDS));
  });

  it.each(
    COMMANDS.flatMap((command) => [
      { command, lang: 'en' },
      { command, lang: 'fr' },
    ]),
  )('$command --help --lang $lang is short and ends with its page', async ({ command, lang }) => {
    const { code, stdout } = await runCli([command, '--help', '--lang', lang], { env: { COLUMNS: '80' } });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(MAX_HELP_LINES);
    const page = `docs/commands/${command}.md`;
    expect(lines[lines.length - 1]).toBe(lang === 'en' ? `More: ${page}` : `Plus : ${page}`);
    expect(existsSync(join(root, page)), page).toBe(true);
  });

  it('prospect help COMMAND says the same as COMMAND --help', async () => {
    const viaHelp = await runCli(['help', 'rfm'], { env: { COLUMNS: '80' } });
    const viaFlag = await runCli(['rfm', '--help'], { env: { COLUMNS: '80' } });
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaHelp.stdout).toContain('More: docs/commands/rfm.md');
  });

  it('the program help points to the README and docs/', async () => {
    const { stdout } = await runCli(['--help', '--lang', 'fr'], { env: { COLUMNS: '80' } });
    expect(stdout.trimEnd().endsWith('Plus : README.md, docs/')).toBe(true);
  });
});

describe('the README', () => {
  it('stays under 15 KB', () => {
    expect(statSync(join(root, 'README.md')).size).toBeLessThan(15_000);
  });

  it('links every command page and keeps the test command CI runs', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const command of COMMANDS) expect(readme).toContain(`](docs/commands/${command}.md)`);
    // .ci/run runs `npm ci` then `npm run check`: the README's test command (STYLE.md).
    const ci = readFileSync(join(root, '.ci/run'), 'utf8');
    expect(ci).toContain('npm run check');
    expect(readme).toContain('npm ci && npm run check');
  });
});
