/**
 * `prospect review --by owner` month by month and `--compare previous`, on the small file of
 * src/core/review-monthly.test.ts (values worked by hand there and repeated here):
 * period 2025-Q1; the file's first order is on 2024-02-10, so January 2024 has no data.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'prospect-review-monthly-'));
writeFileSync(
  join(dir, 'orders.csv'),
  [
    'client_id,order_date,amount,owner',
    'C1,2025-01-10,1000,Alice',
    'C1,2025-02-05,-200,Alice',
    'C2,2025-01-20,500,Bruno',
    'C3,2025-02-14,300,',
    'C2,2024-02-10,250,Bruno',
    'C1,2024-03-03,600,Alice',
    'C1,2025-03-30,150,Alice',
    '',
  ].join('\n'),
);

const run = (args: string[]) =>
  runCli(['review', 'orders.csv', '--period', '2025-Q1', ...args], { cwd: dir });

describe('review --compare previous', () => {
  it('JSON: the months against the same months a year before, n/a as null', async () => {
    const { code, stdout } = await run(['--compare', 'previous', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    // The whole review compares with 2024-Q1 (not the quarter before, 2024-Q4).
    expect(json.previousPeriod).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(json.monthly.compare).toBe('previous');
    expect(json.monthly.owners).toEqual([]);
    const team = json.monthly.team;
    expect(team.owner).toBeNull();
    expect(team.months[0]).toEqual({
      month: '2025-01',
      from: '2025-01-01',
      to: '2025-01-31',
      orders: 2,
      revenue: 1500,
      previous: null,
      change: null,
      changeShare: null,
    });
    // February: 100 (-200 + 300, one order) against 250: -150, -60 %.
    expect(team.months[1]).toMatchObject({
      orders: 1,
      revenue: 100,
      previous: { orders: 1, revenue: 250 },
      change: -150,
    });
    expect(team.months[1].changeShare).toBeCloseTo(-0.6, 12);
    expect(team.total).toMatchObject({ month: 'total', orders: 4, revenue: 1750, previous: null });
  });

  it('without --compare the previous period stays the one just before, and there is no monthly table', async () => {
    const { stdout } = await run(['--format', 'json']);
    const json = JSON.parse(stdout);
    expect(json.previousPeriod).toEqual({ from: '2024-10-01', to: '2024-12-31' });
    expect(json.monthly).toBeUndefined();
  });

  it('table: n/a where the year before has no data', async () => {
    const { stdout } = await run(['--compare', 'previous']);
    expect(stdout).toContain('Month by month');
    expect(stdout).toMatch(/│ 2025-01 │\s+2 │\s+€1,500 │\s+n\/a │\s+n\/a │\s+n\/a │/);
    expect(stdout).toMatch(/│ 2025-02 │\s+1 │\s+€100 │\s+€250 │\s+-€150 │\s+-60% │/);
  });

  it('French: n.d.', async () => {
    const { stdout } = await runCli(
      ['--lang', 'fr', 'review', 'orders.csv', '--period', '2025-Q1', '--compare', 'previous'],
      {
        cwd: dir,
      },
    );
    expect(stdout).toContain('Mois par mois');
    expect(stdout).toMatch(/│ 2025-01 │\s+2 │\s+1 500 € │\s+n\.d\. │\s+n\.d\. │\s+n\.d\. │/);
    expect(stdout).toMatch(/│ 2025-03 │\s+1 │\s+150 € │\s+600 € │\s+-450 € │\s+-75 % │/);
    // Sentences are wrapped at the terminal's width: read them with their line breaks as spaces.
    expect(stdout.replace(/\n/g, ' ')).toContain("n.d. : le fichier n'a pas de commande aussi ancienne");
  });

  it.each([[['--compare', 'last']], [['--compare', 'previous', '--by', 'zone']]])(
    '%j is a usage error (64) that lists the choices',
    async (args) => {
      const { code, stderr } = await run(args);
      expect(code).toBe(64);
      expect(stderr).toMatch(/is not a choice; expected one of (previous|owner)/);
    },
  );
});

describe('review --by owner, month by month', () => {
  it('one table per sales person, the unassigned orders, then the team', async () => {
    const { code, stdout } = await run(['--by', 'owner']);
    expect(code).toBe(0);
    const titles = stdout.split('\n').filter((l) => l.endsWith('month by month'));
    expect(titles).toEqual([
      'Alice: month by month',
      'Bruno: month by month',
      '(unassigned): month by month',
      'Team: month by month',
    ]);
    // Without --compare: Month, Orders, Revenue only.
    expect(stdout).toContain('│ Month   │ Orders │ Revenue │');
    expect(stdout.replace(/\n/g, ' ')).toContain(
      'shown as (unassigned), so that the lines add up to the team',
    );
  });

  it('with --compare previous, JSON per owner', async () => {
    const { stdout } = await run(['--by', 'owner', '--compare', 'previous', '--format', 'json']);
    const json = JSON.parse(stdout);
    const brief = (o: {
      owner: string | null;
      unassigned: boolean;
      months: { revenue: number; change: number | null }[];
    }) => [o.owner, o.unassigned, o.months.map((m) => [m.revenue, m.change])];
    // Alice: 1 000 (n/a), -200 (against 0: -200), 150 (against 600: -450); Bruno: 500 (n/a), 0
    // (against 250), 0 (against 0); unassigned: 0 (n/a), 300 (against 0), 0 (against 0).
    expect(json.monthly.owners.map(brief)).toEqual([
      [
        'Alice',
        false,
        [
          [1000, null],
          [-200, -200],
          [150, -450],
        ],
      ],
      [
        'Bruno',
        false,
        [
          [500, null],
          [0, -250],
          [0, 0],
        ],
      ],
      [
        null,
        true,
        [
          [0, null],
          [300, 300],
          [0, 0],
        ],
      ],
    ]);
    // The per-owner reviews are still there.
    expect(json.owners.map((o: { owner: string }) => o.owner)).toEqual(['Alice', 'Bruno']);
  });

  it('fits 80 columns with the comparison', async () => {
    const { stdout } = await run(['--by', 'owner', '--compare', 'previous']);
    const monthly = stdout.split('\n\n').filter((b) => b.includes('month by month'));
    for (const block of monthly)
      for (const line of block.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});
