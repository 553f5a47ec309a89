import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

// Regression checks (STYLE.md) on top of the hand-worked tests of review-cli.test.ts: the help of
// review and report, and one full review table in each language, so that a change shows in
// review. UPDATE_GOLDEN=1 rewrites the files after a deliberate change.
const GOLDEN = join(import.meta.dirname, 'golden');
const ROOT = resolve(import.meta.dirname, '..');
const REVIEW = [
  'review',
  'fixtures/review/orders.csv',
  '--clients',
  'fixtures/review/clients.csv',
  '--leads',
  'fixtures/history/deals.csv',
  '--objectives',
  'fixtures/review/objectives.yaml',
  '--period',
  '2025',
];

describe('review and report golden files', () => {
  it.each([
    ['review-help.en', ['review', '--help', '--lang', 'en']],
    ['review-help.fr', ['review', '--help', '--lang', 'fr']],
    ['report-help.en', ['report', '--help', '--lang', 'en']],
    ['report-help.fr', ['report', '--help', '--lang', 'fr']],
    ['review-table.en', [...REVIEW, '--lang', 'en']],
    ['review-table.fr', [...REVIEW, '--lang', 'fr', '--by', 'owner']],
  ])('%s', async (name, args) => {
    const { code, stdout } = await runCli(args, { cwd: ROOT, env: { LANG: 'C' } });
    expect(code).toBe(0);
    const file = join(GOLDEN, `${name}.txt`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, stdout);
    expect(existsSync(file), `${file} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(stdout).toBe(readFileSync(file, 'utf8'));
  });
});
