/**
 * `prospect track --by owner` and `--format summary` on a small team worked by hand.
 *
 * The plan: the seed's rates with an average deal of 20 000 EUR, over Mon 2026-01-05 to Fri
 * 2026-01-16 (10 working days, no public holidays, 12 calendar days). Deals to win by the deadline
 * = objective / 20 000, rounded up: Alice 60 000 -> 3, Bruno 40 000 -> 2, Chloé 20 000 -> 1.
 * As of Fri 2026-01-09, 5 of 10 working days are done (share 0.5, day 5/12): targets to date
 * (rounded up) Alice 2 deals / 30 000, Bruno 1 / 20 000, Chloé 1 / 10 000.
 *
 * The actuals up to 2026-01-09 (the row of 01-12 is later, not counted):
 * Alice ("Alice" and "alice " are one person) 2 deals / 45 000; Bruno 0 / 0; Chloé nothing at all;
 * Dora (no objective) 1 / 15 000; a row without an owner 1 / 5 000.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'prospect-track-owners-'));
const write = (name: string, lines: string[]): void =>
  writeFileSync(join(dir, name), lines.join('\n') + '\n');

write('objectives.yaml', [
  'defaults:',
  '  from: 2026-01-05',
  '  to: 2026-01-16',
  '  country: none',
  '  avgDeal: 20000',
  'objectives:',
  '  - { name: A, rep: Alice, amount: 60000 }',
  '  - { name: B, rep: Bruno, amount: 40000 }',
  '  - { name: C, rep: Chloé, amount: 20000 }',
  '  - { name: Widgets, amount: 10000 }',
]);
write('actuals.csv', [
  'date,owner,deals,revenue',
  '2026-01-05,Alice,1,20000',
  '2026-01-07,alice ,1,25000',
  '2026-01-08,Bruno,0,0',
  '2026-01-08,Dora,1,15000',
  '2026-01-09,,1,5000',
  '2026-01-12,Alice,1,10000',
]);

const BASE = ['track', '--by', 'owner', '--file', 'objectives.yaml', '--actuals', 'actuals.csv'];
const AS_OF = ['--as-of', '2026-01-09'];

describe('track --by owner, worked by hand', () => {
  it('JSON: one object per line, then the team', async () => {
    const { code, stdout } = await runCli([...BASE, ...AS_OF, '--format', 'json'], { cwd: dir });
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.by).toBe('owner');
    expect(json.start).toBe('2026-01-05');
    expect(json.end).toBe('2026-01-16');
    expect(json.asOf).toBe('2026-01-09');
    const brief = (o: {
      owner: string | null;
      line: string;
      objective: number | null;
      dealsTotal: number | null;
      stages: { stage: string; target: number | null; actual: number; status: string | null }[];
    }): unknown => [
      o.owner,
      o.line,
      o.objective,
      o.dealsTotal,
      o.stages.map((s) => [s.stage, s.target, s.actual, s.status]),
    ];
    expect(json.owners.map(brief)).toEqual([
      // Alice: deals 2 of 2 on track; revenue 45 000 against 30 000 (+50 %) ahead.
      [
        'Alice',
        'owner',
        60000,
        3,
        [
          ['deals', 2, 2, 'on track'],
          ['revenue', 30000, 45000, 'ahead'],
        ],
      ],
      [
        'Bruno',
        'owner',
        40000,
        2,
        [
          ['deals', 1, 0, 'behind'],
          ['revenue', 20000, 0, 'behind'],
        ],
      ],
      [
        'Chloé',
        'owner',
        20000,
        1,
        [
          ['deals', 1, 0, 'behind'],
          ['revenue', 10000, 0, 'behind'],
        ],
      ],
      [
        'Dora',
        'owner',
        null,
        null,
        [
          ['deals', null, 1, null],
          ['revenue', null, 15000, null],
        ],
      ],
      [
        null,
        'unassigned',
        null,
        null,
        [
          ['deals', null, 1, null],
          ['revenue', null, 5000, null],
        ],
      ],
    ]);
    // Team = Alice + Bruno + Chloé: targets 4 deals / 60 000, actuals 2 / 45 000; revenue gap
    // -15 000 / 60 000 = -25 % from the sums (the mean of the three gap shares would be -50 %).
    expect(brief(json.team)).toEqual([
      null,
      'team',
      120000,
      6,
      [
        ['deals', 4, 2, 'behind'],
        ['revenue', 60000, 45000, 'behind'],
      ],
    ]);
    expect(json.team.stages[1].gapShare).toBeCloseTo(-0.25, 12);
    expect(json.team.dealsShare).toBeCloseTo(2 / 6, 12);
    // Projection = revenue / 0.5: Alice 90 000; the team 90 000.
    expect(json.owners[0].projectedRevenue).toBe(90000);
    expect(json.team.projectedRevenue).toBe(90000);
    expect(json.owners[0].behind).toEqual([]);
    expect(json.team.behind).toEqual(['deals', 'revenue']);
  });

  it('notes the objective without a rep, the rep without actuals, the owner without objective, the rows without owner', async () => {
    const { stderr, stdout } = await runCli([...BASE, ...AS_OF, '--format', 'json'], { cwd: dir });
    expect(stderr).toContain(
      'objectives.yaml:10:5: objective "Widgets" names no rep: left out of --by owner.',
    );
    expect(stderr).toContain('Chloé has an objective but no actuals in actuals.csv: shown at zero.');
    expect(stderr).toContain(
      "Dora has actuals but no objective in objectives.yaml: shown without targets, out of the team's line.",
    );
    expect(stderr).toContain(
      "actuals.csv: 1 row has no owner: shown as (unassigned), out of the team's line.",
    );
    const codes = JSON.parse(stdout).warnings.map((w: { code: string }) => w.code);
    expect(codes).toEqual(
      expect.arrayContaining(['objective-without-rep', 'no-actuals', 'no-objective', 'unassigned']),
    );
  });

  it('--format summary: one line per rep and the team, in stable words', async () => {
    const { code, stdout } = await runCli([...BASE, ...AS_OF, '--format', 'summary'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Alice: 2/3 deals (66.7%), on plan at day 5/12, projected €90,000 of €60,000',
        'Bruno: 0/2 deals (0%), 1 behind plan at day 5/12, projected €0 of €40,000',
        'Chloé: 0/1 deal (0%), 1 behind plan at day 5/12, projected €0 of €20,000',
        'Dora: 1 deal, €15,000, no objective',
        '(unassigned): 1 deal, €5,000, no owner',
        'Team: 2/6 deals (33.3%), 2 behind plan at day 5/12, projected €90,000 of €120,000',
        '',
      ].join('\n'),
    );
  });

  it('--format summary in French', async () => {
    const { stdout } = await runCli(['--lang', 'fr', ...BASE, ...AS_OF, '--format', 'summary'], { cwd: dir });
    expect(stdout).toBe(
      [
        'Alice : 2/3 affaires (66,7 %), dans le plan au jour 5/12, projection 90 000 € sur 60 000 €',
        'Bruno : 0/2 affaires (0 %), 1 de retard sur le plan au jour 5/12, projection 0 € sur 40 000 €',
        'Chloé : 0/1 affaire (0 %), 1 de retard sur le plan au jour 5/12, projection 0 € sur 20 000 €',
        'Dora : 1 affaire, 15 000 €, sans objectif',
        '(non attribué) : 1 affaire, 5 000 €, sans commercial',
        'Équipe : 2/6 affaires (33,3 %), 2 de retard sur le plan au jour 5/12, projection 90 000 € sur 120 000 €',
        '',
      ].join('\n'),
    );
  });

  it('--format summary has colours on a terminal only', async () => {
    const tty = await runCli([...BASE, ...AS_OF, '--format', 'summary'], { cwd: dir, tty: true });
    expect(tty.stdout).toContain('\u001b[31m1 behind plan\u001b[39m');
    const pipe = await runCli([...BASE, ...AS_OF, '--format', 'summary'], { cwd: dir });
    expect(pipe.stdout).not.toContain('\u001b[');
    const noColor = await runCli([...BASE, ...AS_OF, '--format', 'summary'], {
      cwd: dir,
      tty: true,
      env: { LANG: 'en_GB.UTF-8', NO_COLOR: '1' },
    });
    expect(noColor.stdout).not.toContain('\u001b[');
  });

  it('before the period and after it, the summary says so', async () => {
    const before = await runCli([...BASE, '--as-of', '2026-01-02', '--format', 'summary'], { cwd: dir });
    expect(before.stdout.split('\n')[0]).toBe(
      'Alice: 0/3 deals (0%), period begins on January 5, 2026, objective €60,000',
    );
    // After the end every row up to 01-16 counts: Alice 3 deals, 55 000 of 60 000 (91.7 %).
    const after = await runCli([...BASE, '--as-of', '2026-02-01', '--format', 'summary'], { cwd: dir });
    expect(after.stdout.split('\n')[0]).toBe(
      'Alice: 3/3 deals (100%), period ended, final €55,000 of €60,000 (91.7%)',
    );
  });

  it('CSV: one row per line and stage, raw values', async () => {
    const { stdout } = await runCli([...BASE, ...AS_OF, '--format', 'csv'], { cwd: dir });
    const lines = stdout.trim().split(/\r?\n/);
    expect(lines[0]).toBe('owner,line,stage,target,actual,gap,gapShare,status');
    expect(lines[1]).toBe('Alice,owner,deals,2,2,0,0,on track');
    expect(lines[2]).toBe('Alice,owner,revenue,30000,45000,15000,0.5,ahead');
    expect(lines).toContain('Dora,owner,revenue,,15000,,,');
    expect(lines).toContain(',unassigned,deals,,1,,,');
    expect(lines[lines.length - 1]).toBe(',team,revenue,60000,45000,-15000,-0.25,behind');
  });

  it('table: one table per rep, then the team, with how the team is computed', async () => {
    const { stdout } = await runCli([...BASE, ...AS_OF], { cwd: dir });
    expect(stdout).toContain('Alice: objective €60,000');
    expect(stdout).toContain('Dora: no objective');
    expect(stdout).toContain('(unassigned): no owner');
    expect(stdout).toContain('Team (sum of the reps with an objective): objective €120,000');
    expect(stdout).toContain('Left out, having no objective to compare with: Dora, (unassigned).');
  });

  it('table in French', async () => {
    const { stdout } = await runCli(['--lang', 'fr', ...BASE, ...AS_OF], { cwd: dir });
    expect(stdout).toContain('Suivi par commercial au 9 janvier 2026');
    expect(stdout).toContain('Alice : objectif 60 000 €');
    expect(stdout).toContain('(non attribué) : sans commercial');
    expect(stdout).toContain('Équipe (somme des commerciaux avec objectif) : objectif 120 000 €');
    expect(stdout).toContain("Hors équipe, faute d'objectif à comparer : Dora, (non attribué).");
  });

  it('--fail-if-behind exits 1 naming the lines behind', async () => {
    const { code, stderr } = await runCli([...BASE, ...AS_OF, '--format', 'summary', '--fail-if-behind'], {
      cwd: dir,
    });
    expect(code).toBe(1);
    expect(stderr).toContain('behind the plan as of 2026-01-09: Bruno, Chloé, Team');
  });
});

describe('track --by owner: bad combinations', () => {
  it.each([
    [['--by', 'zone'], 'option --by: "zone" is not a choice; expected one of owner'],
    [
      ['--by', 'owner', '--actuals', 'actuals.csv', '--objective', '1000', '--to', '2026-01-16'],
      "track --by owner needs each sales person's objective",
    ],
    [
      ['--by', 'owner', '--file', 'objectives.yaml', '--name', 'A', '--actuals', 'actuals.csv'],
      "--name tracks one objective and --by owner each rep's",
    ],
    [['--format', 'sheet'], '"sheet" is not a choice'],
  ])('%j is a usage error (64)', async (args, message) => {
    const { code, stderr } = await runCli(['track', ...args], { cwd: dir });
    expect(code).toBe(64);
    expect(stderr).toContain(message);
  });

  it("two objectives for one rep: exit 65 at the second one's line", async () => {
    write('twice.yaml', [
      'defaults: { from: 2026-01-05, to: 2026-01-16, country: none }',
      'objectives:',
      '  - { rep: Alice, amount: 60000 }',
      '  - { rep: ALICE, amount: 10000 }',
    ]);
    const { code, stderr } = await runCli(
      ['track', '--by', 'owner', '--file', 'twice.yaml', '--actuals', 'actuals.csv', '--as-of', '2026-01-09'],
      { cwd: dir },
    );
    expect(code).toBe(65);
    expect(stderr).toContain('twice.yaml:4:5: rep "ALICE" has a second objective (the first at line 3)');
  });

  it('reps over different periods: exit 65', async () => {
    write('periods.yaml', [
      'defaults: { country: none }',
      'objectives:',
      '  - { rep: Alice, amount: 60000, from: 2026-01-05, to: 2026-01-16 }',
      '  - { rep: Bruno, amount: 40000, from: 2026-01-05, to: 2026-01-30 }',
    ]);
    const { code, stderr } = await runCli(
      [
        'track',
        '--by',
        'owner',
        '--file',
        'periods.yaml',
        '--actuals',
        'actuals.csv',
        '--as-of',
        '2026-01-09',
      ],
      { cwd: dir },
    );
    expect(code).toBe(65);
    expect(stderr).toContain('periods.yaml:4:5: the objective of Bruno runs from 2026-01-05 to 2026-01-30');
  });

  it('an actuals file without an owner column: every row unassigned, said once', async () => {
    write('no-owner.csv', ['date,deals,revenue', '2026-01-05,1,20000']);
    const { code, stdout, stderr } = await runCli(
      [
        'track',
        '--by',
        'owner',
        '--file',
        'objectives.yaml',
        '--actuals',
        'no-owner.csv',
        '--as-of',
        '2026-01-09',
        '--format',
        'summary',
      ],
      { cwd: dir },
    );
    expect(code).toBe(0);
    expect(stderr).toContain('no-owner.csv: no owner column, so every row goes to (unassigned)');
    expect(stdout).toContain('(unassigned): 1 deal, €20,000, no owner');
  });
});

describe('track --format summary without --by', () => {
  // The seed plan (60 000, 3 deals) over 2026-01-05..16; as of 01-09, 2 deals due, 1 done, 20 000.
  it('one line for the plan', async () => {
    write('plain.csv', ['date,deals,revenue', '2026-01-05,1,20000']);
    const { code, stdout } = await runCli(
      [
        'track',
        '--objective',
        '60000',
        '--from',
        '2026-01-05',
        '--to',
        '2026-01-16',
        '--country',
        'none',
        '--actuals',
        'plain.csv',
        '--as-of',
        '2026-01-09',
        '--format',
        'summary',
      ],
      { cwd: dir },
    );
    expect(code).toBe(0);
    // 1 of 3 deals (33.3 %), 1 behind the 2 due; 20 000 / 0.5 = 40 000 projected.
    expect(stdout).toBe('Plan: 1/3 deals (33.3%), 1 behind plan at day 5/12, projected €40,000 of €60,000\n');
  });
});

describe('track --format summary: flags that shape a table or a CSV', () => {
  it.each([['--excel'], ['--wide'], ['--show', 'Stage']])('%s is a usage error (64)', async (...flag) => {
    const { code, stderr } = await runCli([...BASE, ...AS_OF, '--format', 'summary', ...flag], { cwd: dir });
    expect(code).toBe(64);
    expect(stderr).toContain(`${flag[0]} shapes a table or a CSV, not --format summary`);
  });
});

describe('track --by owner on the exports (fixtures/history)', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const EXPORTS = [
    '--deals',
    'fixtures/history/deals.csv',
    '--activities',
    'fixtures/history/activities.csv',
  ];
  // An identity rather than figures: every line's actuals (the reps with an objective, Sofia
  // Lambert without one) add up to those of the plain `track` over the same period, which counts
  // the whole team at once.
  it('the lines add up to the actuals of the plain track', async () => {
    const plain = await runCli(
      [
        'track',
        '--file',
        'fixtures/history/objectives.yaml',
        ...EXPORTS,
        '--as-of',
        '2026-03-31',
        '--format',
        'json',
      ],
      { cwd: root },
    );
    const byOwner = await runCli(
      [
        'track',
        '--by',
        'owner',
        '--file',
        'fixtures/history/objectives-by-rep.yaml',
        ...EXPORTS,
        '--as-of',
        '2026-03-31',
        '--format',
        'json',
      ],
      { cwd: root },
    );
    expect(byOwner.code).toBe(0);
    const lines = JSON.parse(byOwner.stdout).owners as {
      owner: string;
      stages: { stage: string; actual: number }[];
    }[];
    expect(lines.map((l) => l.owner)).toEqual([
      'Claire Martin',
      'Hugo Bernard',
      'Camille Roux',
      'Sofia Lambert',
    ]);
    const sums: Record<string, number> = {};
    for (const l of lines) for (const s of l.stages) sums[s.stage] = (sums[s.stage] ?? 0) + s.actual;
    const expected = Object.fromEntries(
      (JSON.parse(plain.stdout).stages as { stage: string; actual: number }[]).map((s) => [
        s.stage,
        s.actual,
      ]),
    );
    expect(sums).toEqual(expected);
  });
});
