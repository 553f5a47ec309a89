import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'prospect-plan-params-'));
writeFileSync(
  join(dir, 'params.yaml'),
  [
    'history: { file: deals.csv, from: 2025-01-01, to: 2025-12-31 }',
    'parameters:',
    '  avgDeal: { value: 15000, n: 17 }',
    '  proposalsPerDeal: { value: 2.5, n: 47 }',
    '  accessibility: { value: 0.08, n: 300 }',
    '',
  ].join('\n'),
);

describe('prospect plan --params', () => {
  it('uses the measured parameters, shown as history (n = ...)', async () => {
    const { code, stdout, stderr } = await runCli(
      ['plan', '--objective', '60000', '--params', 'params.yaml', '--format', 'json'],
      { cwd: dir },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    // By hand: 60000 / 15000 = 4 deals; x 2.5 = 10 proposals; x 4 = 40 active; - 8 = 32;
    // / 8 % = 400 prospects; x 4 = 1600 contacts; x 2 = 3200 minutes.
    expect(json).toMatchObject({
      deals: 4,
      proposals: 10,
      activeProspectsNeeded: 40,
      prospectsToContact: 400,
      contacts: 1600,
      minutes: 3200,
    });
    expect(json.assumptions.avgDeal).toEqual({ value: 15000, source: 'history', detail: 'n = 17' });
    expect(json.assumptions.compensationFactor.source).toBe('default');
  });

  it('a flag wins over the parameters file', async () => {
    const { stdout } = await runCli(
      ['plan', '--objective', '60000', '--avg-deal', '20000', '--params', 'params.yaml', '--format', 'json'],
      { cwd: dir },
    );
    const json = JSON.parse(stdout);
    expect(json.deals).toBe(3);
    expect(json.assumptions.avgDeal.source).toBe('flag');
    expect(json.assumptions.proposalsPerDeal).toEqual({ value: 2.5, source: 'history', detail: 'n = 47' });
  });

  it('the table shows the source as history (n = 17)', async () => {
    const { stdout } = await runCli(['plan', '--objective', '60000', '--params', 'params.yaml'], {
      cwd: dir,
    });
    expect(stdout).toContain('history (n = 17)');
  });

  it('a missing parameters file exits 66', async () => {
    const { code, stderr } = await runCli(['plan', '--objective', '60000', '--params', 'nope.yaml'], {
      cwd: dir,
    });
    expect(code).toBe(66);
    expect(stderr).toContain('nope.yaml: cannot read the parameters file');
  });
});
