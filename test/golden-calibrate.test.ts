import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

/**
 * Golden files of `calibrate` and `track` (help and representative runs on the fixtures), as
 * regression checks on top of the hand-worked value tests in calibrate-cli and track-cli.
 * Regenerate deliberately: UPDATE_GOLDEN=1 npx vitest run test/golden-calibrate.test.ts
 */
const GOLDEN = join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const HISTORY = ['fixtures/history/deals.csv', '--activities', 'fixtures/history/activities.csv'];
const TRACK = [
  'track',
  '--file',
  'fixtures/history/objectives.yaml',
  '--deals',
  'fixtures/history/deals.csv',
  '--activities',
  'fixtures/history/activities.csv',
  '--as-of',
  '2026-03-31',
];

const CASES: [string, string[]][] = [
  ['calibrate-help-en', ['calibrate', '--help']],
  ['calibrate-help-fr', ['calibrate', '--help', '--lang', 'fr']],
  ['track-help-en', ['track', '--help']],
  ['track-help-fr', ['track', '--help', '--lang', 'fr']],
  [
    'calibrate-table-en',
    ['calibrate', ...HISTORY, '--from', '2025-01-01', '--to', '2025-12-31', '--by', 'owner'],
  ],
  [
    'calibrate-table-fr',
    ['calibrate', ...HISTORY, '--from', '2025-01-01', '--to', '2025-12-31', '--lang', 'fr'],
  ],
  [
    'calibrate-csv',
    ['calibrate', ...HISTORY, '--from', '2025-01-01', '--to', '2025-12-31', '--format', 'csv'],
  ],
  ['track-table-en', TRACK],
  ['track-table-fr', [...TRACK, '--lang', 'fr']],
  ['track-json', [...TRACK, '--format', 'json']],
];

describe('golden outputs of calibrate and track', () => {
  it.each(CASES)('%s', async (name, args) => {
    const { code, stdout } = await runCli(args, { env: { LANG: 'C' } });
    expect(code).toBe(0);
    const file = join(GOLDEN, `${name}.txt`);
    if (UPDATE || !existsSync(file)) {
      if (!UPDATE) throw new Error(`${file} is missing; run with UPDATE_GOLDEN=1 to create it`);
      writeFileSync(file, stdout);
    }
    expect(stdout).toBe(readFileSync(file, 'utf8'));
  });
});
