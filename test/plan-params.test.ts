import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('prospect plan --pipeline', () => {
  writeFileSync(
    join(dir, 'deals.csv'),
    [
      'Deal ID,Company,Deal Stage,Amount,Create Date,Proposal Date,Close Date',
      'D1,Alpha,Closed Won,10000,2025-01-10,2025-01-20,2025-02-10',
      'D2,Beta,Closed Won,20000,2025-02-01,2025-02-15,2025-03-01',
      'D3,Gamma,Closed Lost,5000,2025-02-10,2025-02-20,2025-03-10',
      'D4,Delta,Closed Lost,8000,2025-03-01,,2025-03-15',
      'D5,Epsilon,Contract Sent,12000,2025-03-10,2025-03-20,',
      'D6,Zeta,Qualified to Buy,4000,2025-03-20,,',
      'D7,Eta,Closed Won,30000,2026-01-05,2026-01-10,2026-02-01',
      '',
    ].join('\n'),
  );

  it('takes the weighted open pipeline off the objective and reports the coverage', async () => {
    const { code, stdout, stderr } = await runCli(
      ['plan', '--objective', '60000', '--pipeline', 'deals.csv', '--format', 'json'],
      { cwd: dir },
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    // By hand: closed deals D1 D2 D7 won, D3 D4 lost -> p(active) = 3/5; proposals decided
    // D1 D2 D3 D7 -> p(proposal) = 3/4. Open: D5 (proposal) 12000 x 0.75 + D6 (active)
    // 4000 x 0.6 = 11400 -> objective 48600 -> 2.43 -> 3 deals.
    expect(json.assumptions.objective).toEqual({
      value: 48600,
      source: 'history',
      detail: '60,000 - weighted pipeline 11,400',
    });
    expect(json.deals).toBe(3);
    // Coverage 16000 / 60000 = 0.27 against 1 / 0.75 = 1.33.
    expect(stderr).toContain('coverage 0.27 x the objective, against 1.33 (1 / win rate)');
  });

  it('--pipeline with --file is a usage error', async () => {
    writeFileSync(join(dir, 'o.yaml'), 'objectives:\n  - name: A\n    amount: 1000\n');
    const { code, stderr } = await runCli(['plan', '--file', 'o.yaml', '--pipeline', 'deals.csv'], {
      cwd: dir,
    });
    expect(code).toBe(64);
    expect(stderr).toContain('--pipeline works with one objective');
  });
});

describe('calibrate -> params.yaml -> plan: what the history cannot measure', () => {
  // A deals file with no lead-source column and no activities file: spontaneous prospects,
  // accessibility, contacts and minutes are not measured. params.yaml keeps the seed's values
  // (8, 6 %, 4, 2) marked as defaults, so the plan still subtracts 8 spontaneous prospects.
  // Deals: 2 won (10 000 and 20 000) of 3 decided proposals -> avg 15 000, 1.5 proposals per deal.
  // Every deal reached a proposal (measured compensation factor 1); --compensation-factor 4 sets
  // the seed's. Plan of 60 000: 4 deals, x 1.5 = 6 proposals, x 4 = 24 active, - 8 = 16 to find (a measured 0
  // would have left 24), / 6 % = 266.67 -> 267 prospects.
  const deals = [
    'Deal ID,Company,Deal Stage,Amount,Create Date,Proposal Date,Close Date',
    'D1,A,Closed Won,10000,2025-02-01,2025-02-10,2025-03-01',
    'D2,B,Closed Won,20000,2025-03-01,2025-03-10,2025-04-01',
    'D3,C,Closed Lost,5000,2025-04-01,2025-04-10,2025-05-01',
    '',
  ].join('\n');
  it('writes the default with its source, and the plan uses it (never 0)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'prospect-calib-'));
    writeFileSync(join(cwd, 'deals.csv'), deals);
    const cal = await runCli(
      ['calibrate', 'deals.csv', '--from', '2025-01-01', '--to', '2025-12-31', '--output', 'params.yaml'],
      { cwd },
    );
    expect(cal.code).toBe(0);
    const text = readFileSync(join(cwd, 'params.yaml'), 'utf8');
    expect(text).toContain(
      '  spontaneous: { value: 8, n: 0, source: default } # not measured (no lead source in the deals file)',
    );
    expect(text).not.toMatch(/spontaneous: \{ value: 0/);
    const plan = await runCli(
      [
        'plan',
        '--objective',
        '60000',
        '--compensation-factor',
        '4',
        '--params',
        'params.yaml',
        '--format',
        'json',
      ],
      {
        cwd,
      },
    );
    expect(plan.code).toBe(0);
    const json = JSON.parse(plan.stdout);
    expect(json).toMatchObject({
      deals: 4,
      proposals: 6,
      activeProspectsNeeded: 24,
      activeProspectsToFind: 16,
    });
    expect(json.prospectsToContact).toBe(267);
    expect(json.assumptions.spontaneous).toEqual({
      value: 8,
      source: 'default',
      detail: 'not measured in params.yaml',
    });
    expect(json.assumptions.avgDeal).toEqual({ value: 15000, source: 'history', detail: 'n = 2' });
  });
});
