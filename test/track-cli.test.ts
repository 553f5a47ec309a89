import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'prospect-track-'));
const write = (name: string, lines: string[]): void =>
  writeFileSync(join(dir, name), lines.join('\n') + '\n');

write('actuals.csv', [
  'date,contacts,prospects,activeProspects,proposals,deals,revenue',
  '2026-01-05,200,50,4,1,0,0',
  '2026-01-07,500,120,10,2,1,20000',
  '2026-01-12,300,60,5,1,1,25000',
]);

// The seed plan (60 000 EUR, rounded up: 1868 contacts, 467 prospects, 36 active, 9 proposals,
// 3 deals) over two working weeks, Mon 2026-01-05 to Fri 2026-01-16, no public holidays.
const PLAN = ['--objective', '60000', '--from', '2026-01-05', '--to', '2026-01-16', '--country', 'none'];

describe('prospect track with an actuals file, worked by hand', () => {
  // As of Fri 2026-01-09: 5 of 10 working days, half of each total, rounded up: 934 contacts,
  // 234 prospects, 18 active, 5 proposals, 2 deals, 30 000 EUR. Actuals = the rows up to 01-09:
  // 700 contacts, 170 prospects, 14 active, 3 proposals, 1 deal, 20 000 EUR.
  it('compares the targets to date with the actuals, stage by stage', async () => {
    const { code, stdout } = await runCli(
      ['track', ...PLAN, '--as-of', '2026-01-09', '--actuals', 'actuals.csv', '--format', 'json'],
      { cwd: dir },
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(
      json.stages.map((s: { stage: string; target: number; actual: number; status: string }) => [
        s.stage,
        s.target,
        s.actual,
        s.status,
      ]),
    ).toEqual([
      ['contacts', 934, 700, 'behind'],
      ['prospects', 234, 170, 'behind'],
      ['activeProspects', 18, 14, 'behind'],
      ['proposals', 5, 3, 'behind'],
      ['deals', 2, 1, 'behind'],
      ['revenue', 30000, 20000, 'behind'],
    ]);
    expect(json.stages[0].gapShare).toBeCloseTo(-234 / 934, 9);
    expect(json.behind).toHaveLength(6);
  });

  // Between two checkpoints the target follows the working days: Wednesday 01-07 is 3 of 10
  // (0.3 x each total, rounded up), Saturday 01-10 is still 5 of 10, Monday 01-12 is 6 of 10.
  it.each([
    [
      '2026-01-07',
      { contacts: 561, prospects: 141, activeProspects: 11, proposals: 3, deals: 1, revenue: 18000 },
    ],
    [
      '2026-01-10',
      { contacts: 934, prospects: 234, activeProspects: 18, proposals: 5, deals: 2, revenue: 30000 },
    ],
    [
      '2026-01-12',
      { contacts: 1121, prospects: 281, activeProspects: 22, proposals: 6, deals: 2, revenue: 36000 },
    ],
  ])('targets as of %s', async (asOf, expected) => {
    const { stdout } = await runCli(
      ['track', ...PLAN, '--as-of', asOf, '--actuals', 'actuals.csv', '--format', 'json'],
      {
        cwd: dir,
      },
    );
    const targets = Object.fromEntries(
      JSON.parse(stdout).stages.map((s: { stage: string; target: number }) => [s.stage, s.target]),
    );
    expect(targets).toEqual(expected);
  });

  it('re-plans the rest at observed rates where the sample is large, else at plan rates', async () => {
    const { stdout } = await runCli(
      [
        'track',
        ...PLAN,
        '--as-of',
        '2026-01-09',
        '--actuals',
        'actuals.csv',
        '--reps',
        '1',
        '--hours-per-week',
        '30',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    const r = JSON.parse(stdout).replan;
    // Observed: accessibility 14/170, contacts per prospect 700/170 (n = 170 >= 30); the others
    // keep the plan's (n = 1, 3, 14). Remaining 40 000 -> 2 deals -> 6 proposals -> 24 active
    // - 4 spontaneous (8 x 5/10 days left) = 20 -> 20 / (14/170) = 242.9 -> 243 prospects
    // -> x 700/170 = 1000.6 -> 1001 contacts -> 2002 minutes = 33.37 h in the one week left.
    expect(r.workingDaysLeft).toBe(5);
    expect(r.remaining).toMatchObject({
      deals: 2,
      proposals: 6,
      activeProspectsToFind: 20,
      prospectsToContact: 243,
      contacts: 1001,
      minutes: 2002,
    });
    expect(r.perWeek.hours).toBeCloseTo(2002 / 60, 9);
    expect(r.capacityHoursPerWeek).toBe(30);
    expect(r.fitsCapacity).toBe(false);
    expect(
      r.rates.filter((x: { source: string }) => x.source === 'observed').map((x: { key: string }) => x.key),
    ).toEqual(['accessibility', 'contactsPerProspect']);
  });

  it('--tolerance widens "on track"', async () => {
    const { stdout } = await runCli(
      [
        'track',
        ...PLAN,
        '--as-of',
        '2026-01-09',
        '--actuals',
        'actuals.csv',
        '--tolerance',
        '30%',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    // Gaps: contacts -25.1 %, prospects -27.4 %, active -22.2 % (on track at 30 %); proposals -40 %,
    // deals -50 %, revenue -33.3 % (behind).
    expect(JSON.parse(stdout).behind).toEqual(['proposals', 'deals', 'revenue']);
  });

  it('--fail-if-behind exits 1 after printing the report', async () => {
    const { code, stdout, stderr } = await runCli(
      ['track', ...PLAN, '--as-of', '2026-01-09', '--actuals', 'actuals.csv', '--fail-if-behind'],
      { cwd: dir },
    );
    expect(code).toBe(1);
    expect(stdout).toContain('Tracking as of January 9, 2026');
    // stages by their names, not their keys; the date as a reader writes it
    expect(stderr).toContain(
      'prospect: behind the plan on 2026-01-09: Contacts -25.1%, Prospects contacted -27.4%',
    );
  });

  it.each([
    [['track', ...PLAN], 64, 'no actuals'],
    [['track', '--objective', '60000', '--actuals', 'actuals.csv'], 64, 'track needs a period'],
    [
      ['track', ...PLAN, '--actuals', 'actuals.csv', '--as-of', '09/01/2026'],
      64,
      '--as-of: "09/01/2026" is not a date',
    ],
    [['track', ...PLAN, '--actuals', 'none.csv'], 66, 'none.csv'],
  ])('%j exits %i', async (args, exit, message) => {
    const { code, stderr } = await runCli(args, { cwd: dir });
    expect(code).toBe(exit);
    expect(stderr).toContain(message);
  });
});

describe('prospect track with deals and activities', () => {
  write('deals.csv', [
    'Deal ID,Company,Deal Stage,Amount,Deal owner,Create Date,Proposal Date,Close Date,Lead Source',
    'D1,Alpha,Closed Won,10000,Ann,2025-01-10,2025-01-20,2025-02-10,Cold call',
    'D2,Beta,Closed Won,20000,Ann,2025-02-01,2025-02-15,2025-03-01,Referral',
    'D3,Gamma,Closed Lost,5000,Bob,2025-02-10,2025-02-20,2025-03-10,Cold call',
    'D4,Delta,Closed Lost,8000,Bob,2025-03-01,,2025-03-15,Cold call',
    'D5,Epsilon,Contract Sent,12000,Bob,2025-03-10,2025-03-20,,Inbound',
    'D6,Zeta,Qualified to Buy,4000,Ann,2025-03-20,,,Cold call',
  ]);
  write('activities.csv', [
    'Date,Type,Minutes,Company,Owner',
    '2024-12-20,call,2,Theta,Bob',
    '2025-01-02,call,2,Alpha,Ann',
    '2025-01-10,mail,3,Alpha,Ann',
    '2025-02-01,call,5,Beta,Ann',
    '2025-02-03,call,2,Gamma,Bob',
    '2025-02-20,call,2,Delta,Bob',
    '2025-03-05,call,1,Omega,Ann',
    '2025-03-18,call,3,Zeta,Ann',
    '2025-04-02,call,3,Kappa,Ann',
  ]);
  it('counts the actuals of each stage from the exports', async () => {
    const { code, stdout } = await runCli(
      [
        'track',
        '--objective',
        '60000',
        '--from',
        '2025-01-01',
        '--to',
        '2025-12-31',
        '--deals',
        'deals.csv',
        '--activities',
        'activities.csv',
        '--as-of',
        '2025-03-31',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    expect(code).toBe(0);
    const actual = Object.fromEntries(
      JSON.parse(stdout).stages.map((s: { stage: string; actual: number }) => [s.stage, s.actual]),
    );
    // By hand, 2025-01-01 to 2025-03-31: 7 activities (not Theta's of 2024 nor Kappa's of April);
    // prospects first contacted: Alpha Gamma Delta Omega Zeta (Beta came by referral); deals
    // created D1..D6; proposal dates D1 D2 D3 D5; won and closed: D1, D2 = 30 000.
    expect(actual).toEqual({
      contacts: 7,
      prospects: 5,
      activeProspects: 6,
      proposals: 4,
      deals: 2,
      revenue: 30000,
    });
  });
  it('without activities, contacts and prospects are not tracked', async () => {
    const { stdout } = await runCli(
      [
        'track',
        '--objective',
        '60000',
        '--from',
        '2025-01-01',
        '--to',
        '2025-12-31',
        '--deals',
        'deals.csv',
        '--as-of',
        '2025-03-31',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    expect(JSON.parse(stdout).stages.map((s: { stage: string }) => s.stage)).toEqual([
      'activeProspects',
      'proposals',
      'deals',
      'revenue',
    ]);
  });
});

describe('prospect track with deals: the re-plan credits work in progress', () => {
  // As of 2025-03-31: D5 (Contract Sent, proposal on 03-20) is an open proposal, D6 (Qualified to
  // Buy, no proposal) an active prospect in the funnel. Revenue so far 30 000 (D1, D2); with
  // --spontaneous 0 and the plan's rates (every sample < 30): remaining 30 000 -> 1.5 -> 2 deals
  // -> 6 proposals - 1 open = 5 -> x 4 = 20 active - 1 in the funnel = 19 to find -> / 6 % =
  // 316.67 -> 317 prospects -> x 4 = 1 268 contacts -> x 2 = 2 536 minutes.
  it('open proposals and active prospects reduce what remains to find', async () => {
    const { code, stdout } = await runCli(
      [
        'track',
        '--objective',
        '60000',
        '--spontaneous',
        '0',
        '--from',
        '2025-01-01',
        '--to',
        '2025-12-31',
        '--deals',
        'deals.csv',
        '--as-of',
        '2025-03-31',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    expect(code).toBe(0);
    const r = JSON.parse(stdout).replan;
    expect(r.inProgress).toEqual({ proposals: 1, activeProspects: 1 });
    expect(r.remaining).toMatchObject({
      deals: 2,
      proposals: 5,
      activeProspectsNeeded: 20,
      activeProspectsToFind: 19,
      prospectsToContact: 317,
      contacts: 1268,
      minutes: 2536,
    });
  });
});

describe('prospect track at the edges of the period', () => {
  // Period Mon 2026-01-05 to Fri 2026-01-16 (PLAN). Line 2 (01-02) is before the start and line 6
  // (01-20) after the end: outside the period, never counted.
  write('edges.csv', [
    'date,contacts,proposals,deals,revenue',
    '2026-01-02,100,1,1,9000',
    '2026-01-05,200,1,0,0',
    '2026-01-07,500,2,1,20000',
    '2026-01-12,300,1,1,25000',
    '2026-01-20,50,0,1,30000',
  ]);
  const track = (asOf: string, extra: string[] = []) =>
    runCli(['track', ...PLAN, '--as-of', asOf, '--actuals', 'edges.csv', ...extra], { cwd: dir });

  it('before the start: the period has not begun, nothing is due, the re-plan is the whole plan', async () => {
    const { code, stdout, stderr } = await track('2026-01-02', ['--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.phase).toBe('not started');
    expect(json.stages.map((s: { target: number; actual: number }) => [s.target, s.actual])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    // 60 000 remaining over the 10 working days: 3 deals, 9 proposals, 1 868 contacts.
    expect(json.replan.remainingRevenue).toBe(60000);
    expect(json.replan.workingDaysLeft).toBe(10);
    expect(json.replan.remaining).toMatchObject({ deals: 3, proposals: 9, contacts: 1868 });
    expect(stderr).toContain(
      'prospect: the period begins on 2026-01-05: it has not begun as of 2026-01-02; nothing is due yet.',
    );
    // Lines 2 and 6 outside, lines 3-5 after the as-of date: none used.
    expect(stderr).toContain('edges.csv: 5 rows read, 0 used, 0 rejected');
    expect(json.warnings.map((w: { en: string }) => w.en)).toEqual([
      'edges.csv: 2 rows dated outside the period 2026-01-05 – 2026-01-16: not counted.',
      'edges.csv: 3 rows dated after the as-of date 2026-01-02: not counted yet.',
      'the period begins on 2026-01-05: it has not begun as of 2026-01-02; nothing is due yet.',
    ]);
  });

  it('during: rows outside the period and after the as-of date are named and not used', async () => {
    const { code, stdout, stderr } = await track('2026-01-09', ['--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.phase).toBe('running');
    // Used: 01-05 and 01-07 only: 700 contacts, 3 proposals, 1 deal, 20 000.
    expect(json.stages.map((s: { actual: number }) => s.actual)).toEqual([700, 3, 1, 20000]);
    expect(stderr).toContain('edges.csv: 5 rows read, 2 used, 0 rejected');
    // In the JSON row accounting: read = used + rejected + filtered (set aside).
    expect(json.inputs[0]).toMatchObject({ read: 5, used: 2, rejected: 0, filtered: 3 });
    expect(stderr).toContain(
      '  2 rows not used, dated outside the period 2026-01-05 – 2026-01-16 (lines 2, 6)',
    );
    expect(stderr).toContain('  1 row not used, dated after the as-of date 2026-01-09 (line 5)');
  });

  // After the end (as of 2026-02-01, one rep at 5 h a week): the final result over 01-05..01-16 is
  // 1 000 contacts, 4 proposals, 2 deals, 45 000 of 60 000 = 75 %, 15 000 short. No re-plan, no
  // hours per week (was "Infinity h a week").
  it('after the end: the final result, no re-plan and no hours a week', async () => {
    const json = JSON.parse(
      (await track('2026-02-01', ['--reps', '1', '--hours-per-week', '5', '--format', 'json'])).stdout,
    );
    expect(json.phase).toBe('ended');
    expect(json.replan).toBeNull();
    expect(json.final).toEqual({
      objective: 60000,
      revenue: 45000,
      shareOfObjective: 0.75,
      shortfall: 15000,
    });
    expect(json.stages.map((s: { target: number; actual: number }) => [s.target, s.actual])).toEqual([
      [1868, 1000],
      [9, 4],
      [3, 2],
      [60000, 45000],
    ]);
    const table = await track('2026-02-01', ['--reps', '1', '--hours-per-week', '5']);
    expect(table.stdout).not.toContain('Infinity');
    expect(table.stdout).not.toContain('To reach the objective');
    expect(table.stdout).toContain('Final result of January 5, 2026 – January 16, 2026');
    expect(table.stdout).toMatch(
      /Final result: €45,000 of the €60,000 objective \(75(\.0)?\s?%\): €15,000 short\./,
    );
    const fr = await track('2026-02-01', ['--lang', 'fr']);
    expect(fr.stdout).toContain('Résultat final :');
    expect(fr.stdout).toContain('il manque');
  });
});

describe('the built binary', () => {
  it('track --fail-if-behind exits 1; on track exits 0', () => {
    const bin = fileURLToPath(new URL('../bin/prospect.js', import.meta.url));
    const run = (extra: string[]): number | null =>
      spawnSync(
        process.execPath,
        [bin, 'track', ...PLAN, '--actuals', 'actuals.csv', '--fail-if-behind', ...extra],
        {
          cwd: dir,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, LANG: 'en_GB.UTF-8' },
        },
      ).status;
    expect(run(['--as-of', '2026-01-09'])).toBe(1);
    // As of Sunday 2026-01-04, before the start: every target is 0, nothing is behind.
    expect(run(['--as-of', '2026-01-04'])).toBe(0);
  });
});

describe('prospect track --file: an objective needs an amount', () => {
  it('exit 65 rather than tracking the seed 60 000 €', async () => {
    write('noamount.yaml', ['objectives:', '  - name: Est', '    from: 2026-01-05', '    to: 2026-01-16']);
    const { code, stderr } = await runCli(['track', '--file', 'noamount.yaml', '--actuals', 'actuals.csv'], {
      cwd: dir,
    });
    expect(code).toBe(65);
    expect(stderr).toContain('noamount.yaml:2:5: objectives[0] "Est": no amount;');
  });
});
