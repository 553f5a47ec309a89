import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseOutcome } from '../src/commands/score.js';
import { runCli } from './helpers/run-cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLIENTS = join(ROOT, 'fixtures/clients.csv');
const GRID = join(ROOT, 'fixtures/grid.yaml');
const DEALS = join(ROOT, 'fixtures/deals.csv');
const AS_OF = ['--as-of', '2026-11-23'];

function temp(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'score-cli-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/*
 * Scores of fixtures/clients.csv with fixtures/grid.yaml as of 2026-11-23, worked by hand
 * (recency = 30 x 0.5^(age/90); fit capped at 60, behaviour at 40, total at 100; bounds -30..100):
 * C001 25+25+10 = 60; 30 x 2^(-22/90) = 25.3242 + 10 = 35.32; +5 -> 100.32 capped at 100 (A)
 * C002 25+15+10 = 50; 90 days -> 15 + 10 = 25; website empty 0 -> 75 (A)
 * C003 -20+0+0; e-mail missing -10 -> -30 (C)
 * C004 15+5+5 = 25; 2025-06-01 is over 365 days -> 0; e-mail 10; website 5 -> 40 (B)
 * C005 15+5+0 = 20; 30 days -> 23.8110; e-mail without a TLD 0 -> 43.81 (B)
 * C006 0+15+0 = 15; 3 days -> 29.3148 + 10; website 5 -> 59.31 (B)
 * C007 25+25+5 = 55; 180 days -> 7.5; e-mail missing -10; website 5 -> 57.5 (B)
 * C008 25+0+0 = 25; 0 days -> 30 + 10 -> 65 (B)
 * C009 15+0+10 = 25; too old 0; 10; 5 -> 40 (B)
 * C010 sector missing -5 + 5 + 0 = 0; 0 + 10; 0 -> 10 (C)
 * C011 25+25+0 = 50; 13 days -> 27.1418 + 10 = 37.14; 5 -> 92.14 (A)
 * C012 25+15+10 = 50; 69 days -> 17.6332 + 10 = 27.63; 5 -> 82.63 (A)
 */
const EXPECTED: [string, number, string][] = [
  ['C001', 100, 'A'],
  ['C002', 75, 'A'],
  ['C003', -30, 'C'],
  ['C004', 40, 'B'],
  ['C005', 43.811016, 'B'],
  ['C006', 59.314799, 'B'],
  ['C007', 57.5, 'B'],
  ['C008', 65, 'B'],
  ['C009', 40, 'B'],
  ['C010', 10, 'C'],
  ['C011', 92.141831, 'A'],
  ['C012', 82.633219, 'A'],
];

describe('prospect score --grid', () => {
  it('JSON: each client has the hand-worked score, grade and score on 100', async () => {
    const { code, stdout } = await runCli(['score', CLIENTS, '--grid', GRID, ...AS_OF, '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.schemaVersion).toBe(1);
    expect(json.grid).toMatchObject({ min: -30, max: 100 });
    expect(json.clients).toHaveLength(12);
    EXPECTED.forEach(([id, score, grade], i) => {
      const c = json.clients[i];
      expect(c.id).toBe(id);
      expect(c.score).toBeCloseTo(score, 5);
      expect(c.grade).toBe(grade);
      expect(c.score100).toBeCloseTo(((score + 30) / 130) * 100, 5);
    });
    // 4 A (active), 6 B, 2 C: accessibility 4 / 12
    expect(json.summary.perGrade.map((g: { count: number }) => g.count)).toEqual([4, 6, 2]);
    expect(json.summary.accessibilityRate).toBeCloseTo(1 / 3, 12);
  });

  it('JSON breakdown of C002: rule numbers, decay and points per criterion', async () => {
    const { stdout } = await runCli(['score', CLIENTS, '--grid', GRID, ...AS_OF, '--format', 'json']);
    const c = JSON.parse(stdout).clients[1];
    expect(
      c.breakdown.map((b: { criterion: string; rule: unknown; points: number }) => [
        b.criterion,
        b.rule,
        b.points,
      ]),
    ).toEqual([
      ['sector', 1, 25],
      ['company size', 2, 15],
      ['region', 1, 10],
      ['last interaction', 1, 15],
      ['e-mail', 1, 10],
      ['website', 'missing', 0],
    ]);
    expect(c.breakdown[3].value).toBe('2026-08-25');
    expect(c.breakdown[3].decay).toBeCloseTo(0.5, 12);
  });

  it('CSV: the input columns then score, score_100, grade, maturity', async () => {
    const { code, stdout } = await runCli(['score', CLIENTS, '--grid', GRID, ...AS_OF, '--format', 'csv']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'client_id,company,sector,employees,region,last_contact,email,website,score,score_100,grade,maturity',
    );
    // C003: -30 is the minimum -> 0 on 100
    expect(lines[3]).toBe('C003,Tabac Presse Martin,Tabac,3,Bretagne,,,,-30,0,C,arid');
    // C002: 75 -> (75 + 30) / 130 x 100 = 80.77
    expect(lines[2]).toBe(
      'C002,Clinique du Parc,santé,80,auvergne-rhone-alpes,2026-08-25,accueil@clinique-parc.fr,,75,80.77,A,active',
    );
  });

  it('the table shows the grades, a histogram and the accessibility rate', async () => {
    const { stdout, stderr } = await runCli(['score', CLIENTS, '--grid', GRID, ...AS_OF]);
    expect(stdout).toContain('Measured accessibility rate: 33.3% (4 active / 12 prospects)');
    // bins of 13 points from -30: C003 in the first; C010 (10) in 9..22; 40, 40, 43.8 in 35..48
    expect(stdout).toMatch(/-30 \.\. -17 \| █+ 1\n/);
    expect(stdout).toMatch(/35 \.\. 48 \| █{40} 3\n/);
    expect(stderr).toContain('12 rows read, 12 used, 0 rejected');
  });

  it('French: grades and accessibility in French', async () => {
    const { stdout } = await runCli(['score', CLIENTS, '--grid', GRID, ...AS_OF, '--lang', 'fr']);
    expect(stdout).toContain("Taux d'accessibilité mesuré : 33,3 % (4 actifs / 12 prospects)");
    expect(stdout).toContain('actif');
    expect(stdout).toContain('aride');
  });

  it('Markdown carries the same grade table', async () => {
    const { stdout } = await runCli(['score', CLIENTS, '--grid', GRID, ...AS_OF, '--format', 'markdown']);
    expect(stdout).toContain('| A | active | 4 | 33.3% |');
    expect(stdout).toContain('| C003 | -30 | 0 | C | arid |');
  });

  it('--explain tells one client in words (case-insensitive id)', async () => {
    const { code, stdout } = await runCli(['score', CLIENTS, '--grid', GRID, ...AS_OF, '--explain', 'c007']);
    expect(code).toBe(0);
    expect(stdout).toContain('Client C007 (line 8): score 57.5 on -30 to 100 (67.31/100), grade B (latent).');
    // sentences are wrapped to 80 columns: compared with their line breaks as spaces
    expect(stdout.replace(/\n(?=\S)/g, ' ')).toContain(
      '- last interaction = "2026-05-27": within the last 365 days: 30 points, halved every 90 days, 180 days old -> x0.25 -> +7.5',
    );
    expect(stdout).toContain('- e-mail: empty: the "missing" points -> -10');
    expect(stdout).toContain('Group fit: 55, cap 60 -> 55');
  });

  it('--explain in French', async () => {
    const { stdout } = await runCli([
      'score',
      CLIENTS,
      '--grid',
      GRID,
      ...AS_OF,
      '--explain',
      'C001',
      '--lang',
      'fr',
    ]);
    expect(stdout).toContain('Client C001 (ligne 2) : score 100 sur -30 à 100 (100/100), note A (actif).');
    expect(stdout).toContain('Total 100,32, plafonné à 100.');
  });

  it("--explain in JSON is that client's object", async () => {
    const { stdout } = await runCli([
      'score',
      CLIENTS,
      '--grid',
      GRID,
      ...AS_OF,
      '--explain',
      'C003',
      '-f',
      'json',
    ]);
    const json = JSON.parse(stdout);
    // C003: Tabac -20, 3 employees match no rule, Bretagne no rule, no date, no e-mail -10 -> -30
    expect(json.client).toMatchObject({
      id: 'C003',
      line: 4,
      score: -30,
      score100: 0,
      grade: 'C',
      maturity: 'arid',
    });
    expect(json.client.breakdown.map((b: { rule: unknown }) => b.rule)).toEqual([
      3,
      null,
      null,
      'missing',
      'missing',
      'missing',
    ]);
  });

  it('--explain of an unknown client is a usage error', async () => {
    const { code, stderr } = await runCli(['score', CLIENTS, '--grid', GRID, ...AS_OF, '--explain', 'C999']);
    expect(code).toBe(64);
    expect(stderr).toContain('--explain: no client "C999" in');
  });

  it('a grid field missing from the file: exit 65 at the grid line, with the closest header', async () => {
    const grid = temp('g.yaml', 'criteria:\n  - field: secteur\n    rules: [{ equals: x, points: 1 }]\n');
    const { code, stderr, stdout } = await runCli(['score', CLIENTS, '--grid', grid, ...AS_OF]);
    expect(code).toBe(65);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'g.yaml:2:12: criterion "secteur": no column "secteur" in the client file; the closest is "sector".',
    );
  });

  it('grid problems stop the run before the client file is read', async () => {
    const grid = temp('g.yaml', 'criteria:\n  - field: sector\n    rules: [{ equals: x, points: high }]\n');
    const { code, stderr } = await runCli(['score', 'no-such-file.csv', '--grid', grid]);
    expect(code).toBe(65);
    expect(stderr).toContain(
      'g.yaml:3:34: criterion "sector": rule 1: points: expected a number; found "high".',
    );
  });

  it('range warnings go to stderr, the run goes on', async () => {
    const grid = temp(
      'g.yaml',
      'criteria:\n  - field: employees\n    rules:\n      - { max: 50, points: 1 }\n      - { min: 50, points: 2 }\n',
    );
    const { code, stderr } = await runCli(['score', CLIENTS, '--grid', grid, ...AS_OF, '--format', 'json']);
    expect(code).toBe(0);
    expect(stderr).toContain('warning: ');
    expect(stderr).toContain(
      'g.yaml:5:9: criterion "employees": rule 2 overlaps rule 1; the first rule in the file wins.',
    );
  });

  it('the table shows the highest 20 clients; CSV all of them', async () => {
    // R06..R25 have n >= 6 and get 10 points; R01..R05 match no rule and get 0
    const rows = Array.from({ length: 25 }, (_, i) => `R${String(i + 1).padStart(2, '0')},${i + 1}`);
    const file = temp('c.csv', ['id,n', ...rows].join('\n') + '\n');
    const grid = temp('g.yaml', 'criteria:\n  - field: n\n    rules: [{ min: 6, points: 10 }]\n');
    const table = await runCli(['score', file, '--grid', grid]);
    expect(table.stdout).toContain('Highest 20 of 25 clients (--format csv or json for all)');
    expect(table.stdout).toContain('│ R06 ');
    expect(table.stdout).toContain('│ R25 ');
    expect(table.stdout).not.toContain('│ R05 ');
    const csv = await runCli(['score', file, '--grid', grid, '-f', 'csv']);
    expect(csv.stdout.trimEnd().split('\r\n')).toHaveLength(26);
  });

  it.each([
    [['--as-of', '2026-02-30'], '--as-of: "2026-02-30" is not a date; expected YYYY-MM-DD'],
    [[], 'give --grid FILE'],
  ])('usage error %j', async (args, message) => {
    const { code, stderr } = await runCli(['score', CLIENTS, ...args]);
    expect(code).toBe(64);
    expect(stderr).toContain(message);
  });

  it('reads the client file from stdin (-)', async () => {
    const { code, stdout } = await runCli(['score', '-', '--grid', GRID, ...AS_OF, '-f', 'json', '-q'], {
      stdin: readFileSync(CLIENTS),
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).clients[1]).toMatchObject({ id: 'C002', score: 75, grade: 'A' });
  });

  it('a French Excel file (Windows-1252, ";", dd/mm/yyyy, "1 200") scores the same as the fixture', async () => {
    const text =
      'client_id;sector;employees;region;last_contact;email;website\r\n' +
      'C002;santé;80;auvergne-rhone-alpes;25/08/2026;accueil@clinique-parc.fr;\r\n' +
      'C007;Santé;1 200;Occitanie;27/05/2026;;pharmasud.com\r\n';
    const dir = mkdtempSync(join(tmpdir(), 'score-fr-'));
    const file = join(dir, 'fr.csv');
    writeFileSync(file, Buffer.from(text, 'latin1'));
    const { code, stdout } = await runCli(['score', file, '--grid', GRID, ...AS_OF, '-f', 'json', '-q']);
    expect(code).toBe(0);
    // the same clients as lines 3 and 8 of the fixture: 75 (A) and 57.5 (B), worked above
    expect(
      JSON.parse(stdout).clients.map((c: { score: number; grade: string }) => [c.score, c.grade]),
    ).toEqual([
      [75, 'A'],
      [57.5, 'B'],
    ]);
  });

  it('--excel CSV: semicolons and decimal commas', async () => {
    const { stdout } = await runCli([
      'score',
      CLIENTS,
      '--grid',
      GRID,
      ...AS_OF,
      '-f',
      'csv',
      '--excel',
      '-q',
    ]);
    // C005: 43.811016 -> 43.81; (43.81 + 30) / 130 x 100 = 56.78
    expect(stdout).toContain(
      'C005;Boulangerie Leroy;Commerce;12;Hauts-de-France;2026-10-24;boulangerie.leroy@gmail;;43,81;56,78;B;latent',
    );
  });

  it('--id naming no column is a data error (65), as a missing --by column is', async () => {
    const { code, stderr } = await runCli(['score', CLIENTS, '--grid', GRID, ...AS_OF, '--id', 'nope']);
    expect(code).toBe(65);
    expect(stderr).toContain('prospect: --id: no column "nope" in');
  });

  it('a missing grid file exits 66', async () => {
    const { code, stderr } = await runCli(['score', CLIENTS, '--grid', 'nope.yaml']);
    expect(code).toBe(66);
    expect(stderr).toContain('nope.yaml: cannot read the grid (no such file)');
  });

  it('the built binary exits 65 on a bad grid and 0 on the example', () => {
    const bin = join(ROOT, 'bin/prospect.js');
    const bad = temp(
      'g.yaml',
      'grades: { A: 10, B: 20 }\ncriteria: [{ field: sector, rules: [{ present: true, points: 1 }] }]\n',
    );
    const r1 = spawnSync(process.execPath, [bin, 'score', CLIENTS, '--grid', bad], { encoding: 'utf8' });
    expect(r1.status).toBe(65);
    expect(r1.stderr).toContain('B (20) is not below A (10)');
    const r2 = spawnSync(process.execPath, [bin, 'score', CLIENTS, '--grid', GRID, ...AS_OF, '-f', 'csv'], {
      encoding: 'utf8',
    });
    expect(r2.status).toBe(0);
    expect(r2.stdout.split('\r\n')).toHaveLength(14); // header + 12 rows + final empty
  });
});

describe('parseOutcome', () => {
  it.each([
    ['Won', 'won'],
    ['Closed Won', 'won'],
    ['closed_won', 'won'],
    ['Gagnée', 'won'],
    ['Lost', 'lost'],
    ['Closed Lost', 'lost'],
    ['Perdue', 'lost'],
    ['Engaging', 'open'],
    ['Contract Sent', 'open'],
    [null, 'open'],
  ] as const)('%s -> %s', (text, outcome) => {
    expect(parseOutcome(text)).toBe(outcome);
  });
});

describe('prospect score --learn', () => {
  /*
   * fixtures/deals.csv, 8 won and 8 lost, counts + 0.1 (Odoo):
   * sector: Industrie 5.1/1.1, Santé 2.1/1.1, Services 1.1/3.1, Commerce 0.1/3.1 (totals 8.4, 8.4)
   * source: Salon 3.1/2.1, Recommandation 4.1/1.1, Web 1.1/5.1 (totals 8.3, 8.3); prior 0.5
   * D17 Industrie + Recommandation: 5.1 x 4.1 / (5.1 x 4.1 + 1.1 x 1.1) = 20.91 / 22.12 = 0.945298
   * D18 Commerce + Web: 0.1 x 1.1 / (0.11 + 3.1 x 5.1) = 0.11 / 15.92 = 0.006910
   * D19 Santé + Salon: 2.1 x 3.1 / (6.51 + 1.1 x 2.1) = 6.51 / 8.82 = 0.738095
   * D20 Transport (never seen) + Web: 1.1 / (1.1 + 5.1) = 0.177419
   */
  it('gives each open deal its win probability (JSON)', async () => {
    const { code, stdout } = await runCli([
      'score',
      '--learn',
      DEALS,
      '--fields',
      'sector,source',
      '-f',
      'json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.learnedFrom).toMatchObject({ won: 8, lost: 8, smoothing: 0.1 });
    expect(json.deals.map((d: { id: string }) => d.id)).toEqual(['D17', 'D18', 'D19', 'D20']);
    [0.945298, 0.00691, 0.738095, 0.177419].forEach((p, i) => {
      expect(json.deals[i].probability).toBeCloseTo(p, 6);
    });
    // strongest value: Commerce, ln(0.1/8.4 / (3.1/8.4)) = ln(1/31) = -3.433987
    expect(json.weights[0]).toMatchObject({ field: 'sector', value: 'Commerce', won: 0, lost: 3 });
    expect(json.weights[0].weight).toBeCloseTo(-3.433987, 6);
  });

  it('writes the weights as an editable grid that scores like any grid', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'learn-')), 'learned.yaml');
    const { code } = await runCli([
      'score',
      '--learn',
      DEALS,
      '--fields',
      'sector,source',
      '--write-grid',
      out,
      '-q',
    ]);
    expect(code).toBe(0);
    const text = readFileSync(out, 'utf8');
    // 10 x ln: Industrie ln(5.1/1.1) = 1.5339 -> 15; Commerce -3.434 -> -34; Web ln(1.1/5.1) -> -15
    expect(text).toContain('{ equals: "Industrie", points: 15 }');
    expect(text).toContain('{ equals: "Commerce", points: -34 }');
    expect(text).toContain('{ equals: "Web", points: -15 }');
    // scoring the history with it: D01 Industrie + Salon = 15 + 4 = 19 -> A (>= 10)
    const scored = await runCli(['score', DEALS, '--grid', out, '--id', 'deal_id', '-f', 'json', '-q']);
    expect(scored.code).toBe(0);
    const d01 = JSON.parse(scored.stdout).clients[0];
    expect(d01).toMatchObject({ id: 'D01', score: 19, grade: 'A' });
  });

  it('scores another file with what was learned, in French', async () => {
    const open = temp('open.csv', 'id,sector,source\nX1,industrie,web\nX2,,\n');
    const { stdout } = await runCli([
      'score',
      open,
      '--learn',
      DEALS,
      '--fields',
      'sector,source',
      '--lang',
      'fr',
    ]);
    // X1: 5.1 x 1.1 / (5.1 x 1.1 + 1.1 x 5.1) = 50 %; X2: nothing known, the prior 50 %
    expect(stdout).toMatch(/X1 +│ +50 % │ sector = Industrie \(\+1,53\)/);
    expect(stdout).toContain('8 gagnées, 8 perdues (a priori 50 %)');
  });

  it('CSV and Markdown of the learned probabilities', async () => {
    const csv = await runCli(['score', '--learn', DEALS, '--fields', 'sector,source', '-f', 'csv', '-q']);
    // D17 line 18: 20.91 / 22.12 = 0.945298 (rounded to 6 decimals)
    expect(csv.stdout.split('\r\n').slice(0, 2)).toEqual(['id,line,probability', 'D17,18,0.945298']);
    const md = await runCli(['score', '--learn', DEALS, '--fields', 'sector,source', '-f', 'markdown', '-q']);
    expect(md.stdout).toContain('| D19 | 73.8% | sector = Santé (+0.65) |');
  });

  it('uses the fields of --grid when --fields is not given', async () => {
    const grid = temp(
      'g.yaml',
      'criteria:\n  - field: sector\n    rules: [{ equals: Industrie, points: 1 }]\n',
    );
    const { stdout } = await runCli(['score', '--learn', DEALS, '--grid', grid, '-f', 'json', '-q']);
    // sector only: D17 Industrie 5.1 / (5.1 + 1.1) = 0.822581
    const json = JSON.parse(stdout);
    expect(json.learnedFrom.fields).toEqual(['sector']);
    expect(json.deals[0].probability).toBeCloseTo(0.822581, 6);
  });

  it('a history without lost deals is a data error', async () => {
    const deals = temp('d.csv', 'id,sector,stage\n1,a,Won\n2,b,Won\n');
    const { code, stderr } = await runCli(['score', '--learn', deals, '--fields', 'sector']);
    expect(code).toBe(65);
    expect(stderr).toContain('naive Bayes needs won and lost deals; found 2 won and 0 lost');
  });

  it('--learn without fields is a usage error', async () => {
    const { code, stderr } = await runCli(['score', '--learn', DEALS]);
    expect(code).toBe(64);
    expect(stderr).toContain('--learn: give the fields to learn from');
  });
});

describe('prospect score: accessibility over prospects only', () => {
  // Grid: sector Industrie 80 points (A, active), else 0 (C, arid). Rows: P1 prospect Industrie
  // (active), P2 lead Industrie (active), P3 prospect Tabac (arid), C1 and C2 clients Industrie
  // (graded A, but clients: not prospects), X1 former client (not a prospect).
  // Accessibility = 2 active / 3 prospects and leads = 66.7 %; counting every row it would be
  // 4 active (P1, P2, C1, C2) / 7 = 57.1 %.
  const grid = temp(
    'grid.yaml',
    [
      'id: id',
      'criteria:',
      '  - name: sector',
      '    field: sector',
      '    rules:',
      '      - { equals: Industrie, points: 80 }',
      'grades:',
      '  A: 70',
      '  otherwise: C',
      'maturity:',
      '  A: active',
      '  C: arid',
      '',
    ].join('\n'),
  );
  const csv = temp(
    'clients.csv',
    [
      'id,status,sector',
      'P1,Prospect,Industrie',
      'P2,Lead,Industrie',
      'P3,prospect,Tabac',
      'C1,Client,Industrie',
      'C2,client,Industrie',
      'C3,Client,Tabac',
      'X1,Ancien client,Tabac',
      '',
    ].join('\n'),
  );
  it('leaves clients out of the rate, as segment does', async () => {
    const { code, stdout } = await runCli(['score', csv, '--grid', grid, ...AS_OF, '--format', 'json']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout).summary;
    expect(summary.count).toBe(7);
    expect(summary.prospects).toBe(3);
    expect(summary.perMaturity).toEqual({ active: 2, latent: 0, arid: 1 });
    expect(summary.accessibilityRate).toBeCloseTo(2 / 3, 12);
    const table = await runCli(['score', csv, '--grid', grid, ...AS_OF]);
    expect(table.stdout.replace(/\n(?=\S)/g, ' ')).toContain(
      'Measured accessibility rate: 66.7% (2 active / 3 prospects; 4 clients and other statuses not counted)',
    );
  });
  it('segment gives the same rate on the same maturities', async () => {
    const scored = await runCli(['score', csv, '--grid', grid, ...AS_OF, '--format', 'csv']);
    const path = temp('scored.csv', scored.stdout);
    const { stdout } = await runCli(['segment', path, '--format', 'json']);
    expect(JSON.stringify(JSON.parse(stdout))).toContain('"accessibilityRate":0.6666666666666666');
  });
});

describe('prospect score: département codes', () => {
  // one_of [06, 2A, 75] is matched as text: rows 06, 2A and 75 get 10 points; 6 (not 06) and 2B
  // get 0. Before, YAML's integer 6 made "06" miss and "6" match.
  it('matches 06, 2A and 75 as written', async () => {
    const grid = temp(
      'grid.yaml',
      'id: id\ncriteria:\n  - name: dept\n    field: dept\n    rules:\n      - { one_of: [06, 2A, 75], points: 10 }\n',
    );
    const csv = temp('c.csv', 'id,dept\na,06\nb,2A\nc,75\nd,6\ne,2B\n');
    const { code, stdout } = await runCli(['score', csv, '--grid', grid, ...AS_OF, '--format', 'json']);
    expect(code).toBe(0);
    const scores = Object.fromEntries(
      JSON.parse(stdout).clients.map((c: { id: string; score: number }) => [c.id, c.score]),
    );
    expect(scores).toEqual({ a: 10, b: 10, c: 10, d: 0, e: 0 });
  });
});
