import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../src/main.js';
import { readAccessibilityFrom } from '../src/io/read-accessibility.js';
import type { Io } from '../src/io/context.js';
import { runCli } from './helpers/run-cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PORTFOLIO = join(ROOT, 'fixtures/portfolio.csv');

function temp(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'portfolio-cli-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/*
 * fixtures/portfolio.csv by hand (potential x probability):
 * Nord: 20 000 x 50 % + 10 000 x 20 % + 40 000 x 10 % = 10 000 + 2 000 + 4 000 = 16 000 of 70 000
 * Sud: 15 000 x 80 % + 30 000 x 30 % + 5 000 x 60 % = 12 000 + 9 000 + 3 000 = 24 000 of 50 000
 * Est: 25 000 x 40 % + 50 000 x 5 % = 10 000 + 2 500 = 12 500 of 75 000
 * Ouest: 12 000 x 25 % + 8 000 x 75 % = 3 000 + 6 000 = 9 000 of 20 000
 * Total 61 500 of 215 000 -> weighted probability 61 500 / 215 000 = 28.6047 %
 */
describe('prospect portfolio', () => {
  it('--by zone: groups by expected value, weighted probability and shares (JSON)', async () => {
    const { code, stdout } = await runCli(['portfolio', PORTFOLIO, '--by', 'zone', '-f', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.total).toMatchObject({ count: 10, potential: 215000, expectedValue: 61500, share: 1 });
    expect(json.total.probability).toBeCloseTo(61500 / 215000, 12);
    const rows = json.groups.map((g: { key: { zone: string }; potential: number; expectedValue: number }) => [
      g.key.zone,
      g.potential,
      Math.round(g.expectedValue * 1e6) / 1e6,
    ]);
    expect(rows).toEqual([
      ['Sud', 50000, 24000],
      ['Nord', 70000, 16000],
      ['Est', 75000, 12500],
      ['Ouest', 20000, 9000],
    ]);
    expect(json.groups[0].probability).toBeCloseTo(0.48, 12);
    expect(json.groups[0].share).toBeCloseTo(24000 / 61500, 12);
    expect(json.groups.reduce((s: number, g: { share: number }) => s + g.share, 0)).toBeCloseTo(1, 12);
  });

  it('--by zone,rep groups on both', async () => {
    const { stdout } = await runCli(['portfolio', PORTFOLIO, '--by', 'zone,rep', '-f', 'json']);
    const json = JSON.parse(stdout);
    // Sud/Bruno: 15 000 x 80 % = 12 000, the largest; Nord/Alice 10 000 + 2 000 = 12 000 too (ties by key)
    expect(json.groups[0].key).toEqual({ zone: 'Nord', rep: 'Alice' });
    expect(json.groups[1].key).toEqual({ zone: 'Sud', rep: 'Bruno' });
    expect(json.groups).toHaveLength(8);
  });

  it('--objective 100000: gap 38 500, then the plan: 2 deals ... 267 prospects, 1 068 contacts', async () => {
    // 38 500 / 20 000 = 1.925 -> 2 deals x 3 = 6 proposals x 4 = 24 - 8 = 16 / 6 % = 266.7 -> 267 x 4 = 1 068
    const { stdout } = await runCli(['portfolio', PORTFOLIO, '--objective', '100000', '-f', 'json']);
    const o = JSON.parse(stdout).objective;
    expect(o).toMatchObject({ objective: 100000, expectedValue: 61500, gap: 38500, covered: false });
    expect(o.plan).toMatchObject({
      deals: 2,
      proposals: 6,
      activeProspectsToFind: 16,
      prospectsToContact: 267,
      contacts: 1068,
    });
  });

  it('--objective below the expected value is covered', async () => {
    const { stdout } = await runCli(['portfolio', PORTFOLIO, '--objective', '60000']);
    expect(stdout).toContain('Objective €60,000; expected value €61,500; covered (margin €1,500).');
  });

  it('the table in English and in French', async () => {
    const en = await runCli(['portfolio', PORTFOLIO, '--by', 'zone']);
    expect(en.stdout).toMatch(/│ Sud +│ +3 │ +€50,000 │ +48% │ +€24,000 │ +39% │/);
    expect(en.stdout).toMatch(/│ Total +│ +10 │ +€215,000 │ +28.6% │ +€61,500 │ +100% │/);
    const fr = await runCli([
      'portfolio',
      PORTFOLIO,
      '--by',
      'zone',
      '--lang',
      'fr',
      '--objective',
      '100000',
    ]);
    expect(fr.stdout).toMatch(/│ Total +│ +10 │ +215 000 € │ +28,6 % │ +61 500 € │ +100 % │/);
    expect(fr.stdout).toContain('écart 38 500 €');
  });

  it('CSV and Markdown', async () => {
    const csv = await runCli(['portfolio', PORTFOLIO, '--by', 'zone', '-f', 'csv']);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('zone,count,potential,probability,expected_value,share');
    expect(lines[1]).toBe('Sud,3,50000,0.48,24000,0.3902439024');
    expect(lines[5]).toBe('Total,10,215000,0.2860465116,61500,1');
    const md = await runCli(['portfolio', PORTFOLIO, '-f', 'markdown']);
    expect(md.stdout).toContain('| Total | 10 | €215,000 | 28.6% | €61,500 | 100% |');
  });

  it('rows with a negative potential or a probability over 100 % are rejected with their line', async () => {
    const file = temp('p.csv', 'id,potential,probability\nA,1000,50%\nB,-5,50%\nC,2000,150%\nD,3000,10%\n');
    const { code, stdout, stderr } = await runCli(['portfolio', file, '-f', 'json']);
    expect(code).toBe(0);
    // A and D remain: 1 000 x 50 % + 3 000 x 10 % = 800
    expect(JSON.parse(stdout).total).toMatchObject({ count: 2, potential: 4000, expectedValue: 800 });
    expect(stderr).toContain('4 rows read, 2 used, 2 rejected');
    expect(stderr).toContain('p.csv:3:2: potential -5 is negative; expected an amount of 0 or more');
    expect(stderr).toContain('p.csv:4:3:'); // the data layer refuses 150 % as a rate
  });

  it('a file without a probability column is a data error', async () => {
    const file = temp('p.csv', 'id,potential\nA,1000\n');
    const { code } = await runCli(['portfolio', file]);
    expect(code).toBe(65);
  });
});

describe('readAccessibilityFrom (for plan --accessibility-from)', () => {
  const io: Io = {
    stdout: () => {},
    stderr: () => {},
    stdin: process.stdin,
    env: { LANG: 'C' },
    cwd: ROOT,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    now: () => new Date('2026-11-23T12:00:00'),
  };
  const ctx = buildContext(['-q'], io);

  it('reads the maturity column that score writes: 4 active of 12 = 1/3', async () => {
    const scored = await runCli([
      'score',
      join(ROOT, 'fixtures/clients.csv'),
      '--grid',
      join(ROOT, 'fixtures/grid.yaml'),
      '--as-of',
      '2026-11-23',
      '-f',
      'csv',
    ]);
    const file = temp('scored.csv', scored.stdout);
    const m = await readAccessibilityFrom(file, {}, ctx);
    expect(m).toMatchObject({ active: 4, total: 12 });
    expect(m.rate).toBeCloseTo(1 / 3, 12);
  });

  it('French maturities count too; 1 actif of 4 = 25 %', async () => {
    const file = temp('m.csv', 'id,maturité\n1,actif\n2,aride\n3,latent\n4,aride\n');
    expect((await readAccessibilityFrom(file, {}, ctx)).rate).toBe(0.25);
  });

  it('no active prospect is a data error', async () => {
    const file = temp('m.csv', 'id,maturity\n1,arid\n2,latent\n');
    await expect(readAccessibilityFrom(file, {}, ctx)).rejects.toThrow('no prospect is active among 2');
  });
});
