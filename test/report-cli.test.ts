import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const root = resolve(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'prospect-report-'));
const FULL = [
  'report',
  '--orders',
  'fixtures/review/orders.csv',
  '--clients',
  'fixtures/review/clients.csv',
  '--leads',
  'fixtures/history/deals.csv',
  '--objectives',
  'fixtures/review/objectives.yaml',
  '--period',
  '2025',
  '--objective',
  '60000',
];
const run = (args: string[], lang = 'en_GB.UTF-8') => runCli(args, { cwd: root, env: { LANG: lang } });

describe('prospect report', () => {
  it('writes one HTML file with a section per input, atomically', async () => {
    const file = join(out, 'report.html');
    const { code, stdout } = await run([...FULL, '--by', 'owner', '--output', file]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const html = readFileSync(file, 'utf8');
    expect([...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'plan',
      'pareto',
      'rfm',
      'segments',
      'review',
      'review-1',
      'review-2',
      'review-3',
    ]);
    expect(html).toContain('Review: Claire Martin');
    // The segment table covers the 60 clients of the file and the period's 366 920 euros, the
    // review's total (the sum of its origins).
    const segments = html.slice(html.indexOf('id="segments"'), html.indexOf('id="review"'));
    expect(segments).toMatch(
      /<td>Total<\/td><td>[^<]*<\/td><td class="num">60<\/td><td class="num">100%<\/td><td class="num">€366,920<\/td>/,
    );
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('only the plan with --objective alone, in French', async () => {
    const { code, stdout } = await run(['report', '--objective', '60000', '--period', '2026'], 'fr_FR.UTF-8');
    expect(code).toBe(0);
    expect([...stdout.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1])).toEqual(['plan']);
    expect(stdout).toContain('<html lang="fr">');
    expect(stdout).toContain('Plan de prospection');
  });

  it('--scores with --grid: the grades that prospect score gives for the same file', async () => {
    const score = await run([
      'score',
      'fixtures/clients.csv',
      '--grid',
      'fixtures/grid.yaml',
      '--format',
      'json',
    ]);
    const perGrade = JSON.parse(score.stdout).summary.perGrade as { grade: string; count: number }[];
    const { code, stdout } = await run([
      'report',
      '--scores',
      'fixtures/clients.csv',
      '--grid',
      'fixtures/grid.yaml',
    ]);
    expect(code).toBe(0);
    expect([...stdout.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1])).toEqual(['score']);
    const rows = [...stdout.matchAll(/<tr><td>([A-Z])<\/td><td class="num">(\d+)<\/td>/g)].map((m) => ({
      grade: m[1],
      count: Number(m[2]),
    }));
    expect(rows).toEqual(perGrade.map((g) => ({ grade: g.grade, count: g.count })));
    expect(stdout.match(/<rect class="bar /g)?.length).toBe(10); // ten bins of the histogram
  });

  it.each([
    [['--scores', 'fixtures/clients.csv'], 64, '--scores and --grid go together'],
    [[], 64, 'nothing to report: give --orders FILE'],
    [['--clients', 'fixtures/review/clients.csv', '--objective', '1000'], 64, '--clients goes with --orders'],
    [['--objective', 'abc'], 64, '--objective: "abc" is not a number'],
    [['--orders', 'missing.csv'], 66, 'missing.csv'],
    [
      ['--orders', 'fixtures/review/orders.csv', '--output', 'fixtures/review/orders.csv'],
      73,
      'is an input of this run',
    ],
  ])('%j exits %i', async (args, exitCode, message) => {
    const { code, stderr } = await run(['report', ...args]);
    expect(code).toBe(exitCode);
    expect(stderr).toContain(message);
  });
});

describe('prospect report: value tiers', () => {
  // Clients A..E; 2026 revenue A 900, B 500, C 100; D (last order 2024) and E have none. The tiers
  // are cut over the three with revenue (as segment): large A, medium B, small C; D and E are in
  // no tier. Counting D and E as 0 would have put B in "large" and D, E in "small".
  it('leave the clients without revenue in the period out, as segment does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-report-tiers-'));
    writeFileSync(join(dir, 'c.csv'), 'client id,company\nA,a\nB,b\nC,c\nD,d\nE,e\n');
    writeFileSync(
      join(dir, 'o.csv'),
      'client id,order date,amount\nA,2026-01-01,900\nB,2026-01-02,500\nC,2026-01-03,100\nD,2024-01-01,50\n',
    );
    const { code, stdout } = await runCli(
      ['report', '--orders', 'o.csv', '--clients', 'c.csv', '--period', '2026'],
      {
        cwd: dir,
      },
    );
    expect(code).toBe(0);
    const text = stdout
      .slice(stdout.indexOf('id="segments"'), stdout.indexOf('id="review"'))
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('2 clients have no revenue in the period: left out of the tiers.');
    expect(text).toContain('large 1 20% €900');
    expect(text).toContain('medium 1 20% €500');
    expect(text).toContain('small 1 20% €100');
    expect(text).toContain('(no tier) 2 40% €0');
  });
});

describe('prospect report --actuals and --as-of', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-report-track-'));
  // Two rows in 2026 (700 contacts, 5 proposals, 2 deals, 45 000 by hand) and one of 2027, outside
  // the period (not counted). The section's targets to date must be those of prospect track with
  // the same plan (60 000 over 2026), read back below: one calculation, two commands.
  writeFileSync(
    join(dir, 'act.csv'),
    'date,contacts,proposals,deals,revenue\n2026-01-15,400,2,1,20000\n2026-02-20,300,3,1,25000\n2027-01-05,10,0,0,0\n',
  );
  const args = ['report', '--objective', '60000', '--actuals', 'act.csv', '--as-of', '2026-03-31'];
  const text = (html: string, id: string): string => {
    const from = html.indexOf(`id="${id}"`);
    const to = html.indexOf('<section', from + 1);
    return html
      .slice(from, to === -1 ? undefined : to)
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
  };
  it('adds the tracking section after the plan, the same figures as prospect track', async () => {
    const { code, stdout, stderr } = await runCli(args, { cwd: dir, today: '2026-06-01' });
    expect(code).toBe(0);
    expect([...stdout.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1])).toEqual(['plan', 'tracking']);
    expect(stderr).toContain(
      '1 row not used, dated outside the period 2026-01-01 – 2026-12-31 (line 4)',
    );
    const track = await runCli(
      [
        'track',
        '--objective',
        '60000',
        '--from',
        '2026-01-01',
        '--to',
        '2026-12-31',
        '--actuals',
        'act.csv',
        '--as-of',
        '2026-03-31',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    const stages = JSON.parse(track.stdout).stages as { stage: string; target: number; actual: number }[];
    const section = text(stdout, 'tracking');
    expect(section).toContain('Tracking as of March 31, 2026');
    // Revenue: the target to date and the actual 45 000, as track says.
    const revenue = stages.find((s) => s.stage === 'revenue');
    expect(revenue?.actual).toBe(45000);
    expect(section).toContain(`Revenue ${revenue?.target.toLocaleString('en-GB')} 45,000`);
  });
  it('--as-of makes it reproducible: the same report on any day', async () => {
    const a = await runCli(args, { cwd: dir, today: '2026-06-01' });
    const b = await runCli(args, { cwd: dir, today: '2027-02-15' });
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout).toContain('Generated on 2026-03-31');
  });
  it('--actuals needs --objective: exit 64', async () => {
    const { code, stderr } = await runCli(['report', '--actuals', 'act.csv'], { cwd: dir });
    expect(code).toBe(64);
    expect(stderr).toContain('--actuals tracks the plan of --objective');
  });
});
