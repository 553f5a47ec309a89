import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

/**
 * Golden files: the exact stdout of representative runs and of every --help, in English and
 * French, so that a change of flag or output shows in review. They are regression checks on top
 * of the hand-worked value tests. Regenerate deliberately: UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts
 */
const GOLDEN = join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const PERIOD = ['--from', '2026-05-01', '--to', '2026-06-30', '--reps', '1', '--hours-per-week', '5'];

const CASES: [string, string[]][] = [
  ['help-en', ['--help']],
  ['help-fr', ['--help', '--lang', 'fr']],
  ['plan-help-en', ['plan', '--help']],
  ['plan-help-fr', ['plan', '--help', '--lang', 'fr']],
  ['init-help-en', ['init', '--help']],
  ['init-help-fr', ['init', '--help', '--lang', 'fr']],
  ['plan-table-en', ['plan', '--objective', '60000']],
  ['plan-table-fr', ['plan', '--objective', '60000', '--lang', 'fr']],
  ['plan-period-table-en', ['plan', '--objective', '60000', '--name', 'Q2 new clients', ...PERIOD]],
  [
    'plan-period-table-fr',
    ['plan', '--objective', '60000', '--name', 'Q2 new clients', ...PERIOD, '--lang', 'fr'],
  ],
  ['plan-json-en', ['plan', '--objective', '60000', ...PERIOD, '--format', 'json']],
  ['plan-json-fr', ['plan', '--objective', '60000', ...PERIOD, '--format', 'json', '--lang', 'fr']],
  ['plan-file-table-en', ['plan', '--file', 'fixtures/objectives.yaml']],
  ['plan-file-table-fr', ['plan', '--file', 'fixtures/objectives.yaml', '--lang', 'fr']],
  ['plan-file-json', ['plan', '--file', 'fixtures/objectives.yaml', '--format', 'json']],
  ['plan-markdown-en', ['plan', '--objective', '60000', '--format', 'markdown']],
  ['plan-csv', ['plan', '--objective', '60000', '--format', 'csv']],
  ['init-objectives-en', ['init', 'objectives', '-']],
  ['init-objectives-fr', ['init', 'objectives', '-', '--lang', 'fr']],
  ['clv-help-en', ['clv', '--help']],
  ['clv-help-fr', ['clv', '--help', '--lang', 'fr']],
  [
    'clv-table-en',
    [
      '--quiet',
      'clv',
      'fixtures/cdnow/cdnow-orders.csv',
      '--as-of',
      '1997-09-30',
      '--margin',
      '35%',
      '--top',
      '5',
    ],
  ],
  ['pareto-help-en', ['pareto', '--help']],
  ['pareto-help-fr', ['pareto', '--help', '--lang', 'fr']],
  ['rfm-help-en', ['rfm', '--help']],
  ['rfm-help-fr', ['rfm', '--help', '--lang', 'fr']],
  [
    'pareto-table-en',
    [
      '--quiet',
      'pareto',
      'fixtures/pareto-clients.csv',
      '--maturity',
      'maturity',
      '--effort',
      'interactions',
    ],
  ],
  ['pareto-table-fr', ['--quiet', 'pareto', 'fixtures/rfm-orders.csv', '--lang', 'fr']],
  ['rfm-table-en', ['--quiet', 'rfm', 'fixtures/rfm-orders.csv', '--as-of', '2026-06-30']],
  ['rfm-table-fr', ['--quiet', 'rfm', 'fixtures/rfm-clients.csv', '--as-of', '2026-06-30', '--lang', 'fr']],
  ['init-segments-en', ['init', 'segments', '-']],
  [
    'clv-table-fr',
    ['-q', '--lang', 'fr', 'clv', 'fixtures/cdnow/cdnow-orders.csv', '--as-of', '1997-09-30', '--top', '3'],
  ],
  ['score-help-en', ['score', '--help']],
  ['score-help-fr', ['score', '--help', '--lang', 'fr']],
  ['portfolio-help-en', ['portfolio', '--help']],
  ['portfolio-help-fr', ['portfolio', '--help', '--lang', 'fr']],
  [
    'score-table-en',
    ['score', 'fixtures/clients.csv', '--grid', 'fixtures/grid.yaml', '--as-of', '2026-11-23', '-q'],
  ],
  [
    'score-table-fr',
    [
      'score',
      'fixtures/clients.csv',
      '--grid',
      'fixtures/grid.yaml',
      '--as-of',
      '2026-11-23',
      '-q',
      '--lang',
      'fr',
    ],
  ],
  [
    'portfolio-table-en',
    ['portfolio', 'fixtures/portfolio.csv', '--by', 'zone', '--objective', '100000', '-q'],
  ],
  [
    'portfolio-table-fr',
    ['portfolio', 'fixtures/portfolio.csv', '--by', 'zone', '--objective', '100000', '-q', '--lang', 'fr'],
  ],
];

describe('golden outputs', () => {
  it.each(CASES)('%s', async (name, args) => {
    const { code, stdout, stderr } = await runCli(args, { env: { LANG: 'C' } });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const file = join(GOLDEN, `${name}.txt`);
    if (UPDATE || !existsSync(file)) {
      if (!UPDATE) throw new Error(`${file} is missing; run with UPDATE_GOLDEN=1 to create it`);
      writeFileSync(file, stdout);
    }
    expect(stdout).toBe(readFileSync(file, 'utf8'));
  });
});
