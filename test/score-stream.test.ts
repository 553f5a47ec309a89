import { execFileSync, spawn } from 'node:child_process';
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeWithDuck, duck, type DuckApi } from './helpers/duckdb.js';
import { runCli } from './helpers/run-cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/prospect.js');
const EXAMPLE_GRID = join(ROOT, 'fixtures/grid.yaml');
const AS_OF = ['--as-of', '2026-11-23'];

// A small grid whose scores are easy by hand. Bounds: sector over {0, -5, 20, -10} = -10..20,
// size 0..10, seen 0..8: the total runs from -10 to 38 (a span of 48).
const GRID = `id: id
criteria:
  - name: sector
    field: sector
    missing: -5
    rules:
      - { one_of: [Santé, Industrie], points: 20 }
      - { equals: Tabac, points: -10 }
  - name: size
    field: employees
    rules:
      - { min: 50, points: 10 }
  - name: seen
    field: last_contact
    decay: halve every 10 days
    rules:
      - { within_days: 100, points: 8 }
grades:
  A: 20
  otherwise: B
maturity:
  A: active
  B: arid
`;

const FILE = [
  'id,name,sector,employees,last_contact',
  'A1,"Dupont, SA",SANTÉ,50,2026-11-13',
  'A2,"=HYPERLINK(""x"")",Tabac,,',
  'A3,@me,,49,2026-11-23',
  'A1,-12.5,Industrie,1,',
  'A4,Bad,industrie,abc,2026-11-03',
  '',
].join('\n');

// Worked by hand (score_100 = (score + 10) / 48 x 100, to the hundredth):
// A1: 20 (accents and case ignored) + 10 (50 included) + 8 x 0.5 (10 days, one half-life) = 34
//     -> 91.67, A. A2: -10 + 0 (empty size) + 0 (no date) = -10 -> 0, B. A3: -5 (empty sector) +
//     0 (49) + 8 (today) = 3 -> 27.08, B. A1 again (ids need not be unique): 20 + 0 + 0 = 20 ->
//     62.5, A. A4: "abc" is not a number, the row is rejected. The name cells that start like a
//     formula get a quote (OWASP); -12.5 is a plain number and stays.
const EXPECTED = [
  'id,name,sector,employees,last_contact,score,score_100,grade,maturity',
  'A1,"Dupont, SA",SANTÉ,50,2026-11-13,34,91.67,A,active',
  `A2,"'=HYPERLINK(""x"")",Tabac,,,-10,0,B,arid`,
  "A3,'@me,,49,2026-11-23,3,27.08,B,arid",
  'A1,-12.5,Industrie,1,,20,62.5,A,active',
  '',
].join('\r\n');

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-score-stream-'));
  writeFileSync(join(dir, 'c.csv'), FILE);
  writeFileSync(join(dir, 'grid.yaml'), GRID);
  return dir;
}

describe('score --format csv, streamed', () => {
  it('stdout and --output carry the rows worked by hand; the row counts are reported', async () => {
    const dir = folder();
    const args = ['score', join(dir, 'c.csv'), '--grid', join(dir, 'grid.yaml'), ...AS_OF, '-f', 'csv'];
    const r = await runCli(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(EXPECTED);
    expect(r.stderr).toContain('5 rows read, 4 used, 1 rejected');
    const o = await runCli([...args, '-o', join(dir, 'out.csv')]);
    expect(o.code).toBe(0);
    expect(o.stdout).toBe('');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(EXPECTED);
    expect(o.stderr).toContain('5 rows read, 4 used, 1 rejected');
  });

  it('--where: the rows left out are counted as filtered', async () => {
    const dir = folder();
    const r = await runCli([
      'score',
      join(dir, 'c.csv'),
      '--grid',
      join(dir, 'grid.yaml'),
      ...AS_OF,
      '-f',
      'csv',
      '--where',
      'sector=Tabac',
    ]);
    expect(r.stdout).toBe([EXPECTED.split('\r\n')[0], EXPECTED.split('\r\n')[2], ''].join('\r\n'));
    expect(r.stderr).toContain('5 rows read, 1 used, 1 rejected, 3 filtered out (--where)');
  });

  it('an error after rows were streamed leaves no output file and no temporary file', async () => {
    const dir = folder();
    // --strict stops at line 6, after four rows went to the temporary file.
    const r = await runCli([
      'score',
      join(dir, 'c.csv'),
      '--grid',
      join(dir, 'grid.yaml'),
      ...AS_OF,
      '-f',
      'csv',
      '--strict',
      '-o',
      join(dir, 'out.csv'),
    ]);
    expect(r.code).toBe(65);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['c.csv', 'grid.yaml']);
  });

  it('rows go out while the input is still coming (stdin held open after 20,000 rows)', async () => {
    const dir = folder();
    const child = spawn(
      process.execPath,
      [BIN, 'score', '-', '--grid', join(dir, 'grid.yaml'), ...AS_OF, '-f', 'csv', '-q'],
      { env: { ...process.env, LANG: 'en_GB.UTF-8' }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const row = (i: number): string => `X${i},Name ${i},Industrie,60,2026-11-23\n`;
    let head = 'id,name,sector,employees,last_contact\n';
    for (let i = 0; i < 20_000; i++) head += row(i); // about 760 kB in, 900 kB out
    child.stdin.write(head);
    // The first rows come back before stdin is closed: no wait for the end of the input.
    const first = await new Promise<string>((done, fail) => {
      child.stdout.once('data', (chunk: Buffer) => done(chunk.toString('utf8')));
      child.once('exit', (code) => fail(new Error(`exited ${code} before any output`)));
    });
    expect(first.startsWith('id,name,sector,employees,last_contact,score,score_100,grade,maturity\r\n')).toBe(
      true,
    );
    // X0: 20 + 10 + 8 = 38, the maximum -> 100
    expect(first.split('\r\n')[1]).toBe('X0,Name 0,Industrie,60,2026-11-23,38,100,A,active');
    let rest = '';
    child.stdout.on('data', (chunk: Buffer) => (rest += chunk.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.stdin.end(row(20_000));
    expect(await exited).toBe(0);
    expect((first + rest).trimEnd().split('\r\n')).toHaveLength(20_002);
  }, 60_000);
});

describe('score --format json and xlsx, streamed', () => {
  it('JSON: clients go out while the input is still coming (stdin held open after 20,000 rows)', async () => {
    const dir = folder();
    const child = spawn(
      process.execPath,
      [BIN, 'score', '-', '--grid', join(dir, 'grid.yaml'), ...AS_OF, '-f', 'json', '-q'],
      { env: { ...process.env, LANG: 'en_GB.UTF-8' }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const row = (i: number): string => `X${i},Name ${i},Industrie,60,2026-11-23\n`;
    let head = 'id,name,sector,employees,last_contact\n';
    for (let i = 0; i < 20_000; i++) head += row(i); // about 15 MB of JSON out
    child.stdin.write(head);
    let out = '';
    const first = await new Promise<string>((done, fail) => {
      child.stdout.once('data', (chunk: Buffer) => done(chunk.toString('utf8')));
      child.once('exit', (code) => fail(new Error(`exited ${code} before any output`)));
    });
    out += first;
    expect(first.startsWith('{\n  "schemaVersion": 1,\n  "grid": {')).toBe(true);
    // X0: 20 + 10 + 8 = 38, the maximum -> 100, grade A (worked by hand above)
    expect(first).toContain('"id": "X0",\n      "line": 2,\n      "score": 38,\n      "score100": 100,');
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.stdin.end(row(20_000));
    expect(await exited).toBe(0);
    const doc = JSON.parse(out) as {
      clients: { id: string }[];
      summary: { count: number };
      rows: { read: number };
    };
    expect(doc.clients).toHaveLength(20_001);
    expect(doc.clients[20_000]?.id).toBe('X20000');
    expect(doc.summary.count).toBe(20_001);
    expect(doc.rows.read).toBe(20_001);
  }, 60_000);

  it('JSON of a small file: summary before clients, rows and the warning after, as always', async () => {
    const dir = folder();
    const args = [
      'score',
      join(dir, 'c.csv'),
      '--grid',
      join(dir, 'grid.yaml'),
      ...AS_OF,
      '-f',
      'json',
      '-q',
    ];
    const r = await runCli(args);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown> & {
      clients: { id: string; score: number }[];
    };
    expect(Object.keys(doc)).toEqual([
      'schemaVersion',
      'grid',
      'asOf',
      'summary',
      'histogram',
      'clients',
      'rows',
      'inputs',
    ]);
    // the scores worked by hand above, in file order
    expect(doc.clients.map((c) => [c.id, c.score])).toEqual([
      ['A1', 34],
      ['A2', -10],
      ['A3', 3],
      ['A1', 20],
    ]);
    // the same bytes on stdout and in --output
    const o = await runCli([...args, '-o', join(dir, 'out.json')]);
    expect(o.code).toBe(0);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(r.stdout);
  });

  it('xlsx: every client, highest score first; a formula from the data stays text', async () => {
    const dir = folder();
    const r = await runCli([
      'score',
      join(dir, 'c.csv'),
      '--grid',
      join(dir, 'grid.yaml'),
      ...AS_OF,
      '-q',
      '-o',
      join(dir, 'out.xlsx'),
    ]);
    expect(r.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'out.xlsx'));
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    // worked by hand above: 34, 20, 3, -10 (score_100 = (score + 10) / 48 x 100)
    expect(rows).toEqual([
      ['Client', 'Score', 'Score /100', 'Grade', 'Maturity'],
      ['A1', 34, (44 / 48) * 100, 'A', 'active'],
      ['A1', 20, (30 / 48) * 100, 'A', 'active'],
      ['A3', 3, (13 / 48) * 100, 'B', 'arid'],
      ['A2', -10, 0, 'B', 'arid'],
    ]);
    const formula = new ExcelJS.Workbook();
    writeFileSync(
      join(dir, 'f.csv'),
      'id,name,sector,employees,last_contact\n"=HYPERLINK(""x"")",n,Tabac,,\n',
    );
    const f = await runCli([
      'score',
      join(dir, 'f.csv'),
      '--grid',
      join(dir, 'grid.yaml'),
      ...AS_OF,
      '-q',
      '-o',
      join(dir, 'f.xlsx'),
    ]);
    expect(f.code).toBe(0);
    await formula.xlsx.readFile(join(dir, 'f.xlsx'));
    const cell = formula.worksheets[0]?.getCell('A2');
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.value).toBe('=HYPERLINK("x")');
  });

  it('xlsx to a full device: exit 73, no hang', async () => {
    const dir = folder();
    execFileSync('mknod', [join(dir, 'full'), 'c', '1', '7']);
    const r = await runCli([
      'score',
      join(dir, 'c.csv'),
      '--grid',
      join(dir, 'grid.yaml'),
      ...AS_OF,
      '-q',
      '-f',
      'xlsx',
      '-o',
      join(dir, 'full'),
    ]);
    expect(r.code).toBe(73);
    expect(r.stderr).toContain('ENOSPC');
  });
});

/** A random client file for the example grid (fixtures/grid.yaml): every value the grid reads. */
function randomClients(rows: number, seed: number): string {
  let a = seed >>> 0;
  const next = (): number => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const sectors = ['Industrie', 'SANTÉ', 'santé', 'Services', 'commerce', 'Tabac', 'Autre', ''];
  const regions = ['Île-de-France', 'ILE-DE-FRANCE', 'Auvergne-Rhône-Alpes', 'Occitanie', 'Bretagne', ''];
  const emails = ['a@b.fr', 'A@B.COM', 'x@y', 'no mail', '=cmd@x.fr', ''];
  const lines = ['client_id,company,sector,employees,region,last_contact,email,website'];
  const asOf = Date.UTC(2026, 10, 23);
  for (let i = 0; i < rows; i++) {
    const employees = pick(['', '9', '10', '49', '50', '249', '250', String(Math.floor(next() * 2000))]);
    const day = Math.floor(next() * 500) - 5; // a few days after the as-of date too
    const last = next() < 0.2 ? '' : new Date(asOf - day * 86_400_000).toISOString().slice(0, 10);
    lines.push(
      `R${i},"Company ${i}, ${pick(['SA', 'SARL'])}",${pick(sectors)},${employees},${pick(regions)},${last},${pick(emails)},${pick(['', 'x.fr'])}`,
    );
  }
  return lines.join('\n') + '\n';
}

/** The score CSV's rows: id -> [score, score_100, grade, maturity], the last four columns. */
function scoredRows(csv: string): Map<string, [number, number, string, string]> {
  const out = new Map<string, [number, number, string, string]>();
  for (const line of csv.trimEnd().split('\r\n').slice(1)) {
    const cells = line.split(',');
    const [score, score100, grade, maturity] = cells.slice(-4);
    out.set(cells[0] as string, [Number(score), Number(score100), grade as string, maturity as string]);
  }
  return out;
}

describe('score --format csv on a random file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-score-random-'));
  const file = join(dir, 'clients.csv');
  writeFileSync(file, randomClients(3000, 7));

  it('the streamed CSV agrees with the JSON (every client with its breakdown, kept in memory)', async () => {
    const csv = await runCli(['score', file, '--grid', EXAMPLE_GRID, ...AS_OF, '-f', 'csv', '-q']);
    const json = await runCli(['score', file, '--grid', EXAMPLE_GRID, ...AS_OF, '-f', 'json', '-q']);
    expect(csv.code).toBe(0);
    const rows = scoredRows(csv.stdout);
    const doc = JSON.parse(json.stdout) as {
      clients: { id: string; score: number; score100: number; grade: string; maturity?: string }[];
      summary: { perGrade: { grade: string; count: number }[] };
    };
    expect(rows.size).toBe(3000);
    expect(doc.clients).toHaveLength(3000);
    for (const c of doc.clients) {
      const round = (x: number): number => Math.round(x * 100) / 100;
      expect(rows.get(c.id)).toEqual([round(c.score), round(c.score100), c.grade, c.maturity ?? '']);
    }
  });

  describeWithDuck('score-stream DuckDB reference SKIPPED: @duckdb/node-api is not installed')(
    'against DuckDB',
    () => {
      it('every score and grade equals DuckDB computing the example grid as a CASE sum', async () => {
        // The example grid written by hand in SQL, criterion by criterion (fixtures/grid.yaml):
        // fit = sector + size + region capped at 60; behaviour = decayed interaction + e-mail
        // capped at 40; plus website; the total capped at 100. Grades A >= 70, B >= 40, else C.
        const norm = (col: string): string => `lower(strip_accents(trim(${col})))`;
        const sql = `
          WITH t AS (SELECT *, TRY_CAST(employees AS DOUBLE) AS n, TRY_CAST(last_contact AS DATE) AS d
                     FROM read_csv('${file}', header = true, all_varchar = true)),
          p AS (SELECT client_id,
            CASE WHEN coalesce(trim(sector), '') = '' THEN -5
                 WHEN ${norm('sector')} IN ('industrie', 'sante') THEN 25
                 WHEN ${norm('sector')} IN ('services', 'commerce') THEN 15
                 WHEN ${norm('sector')} = 'tabac' THEN -20 ELSE 0 END
            + CASE WHEN n >= 250 THEN 25 WHEN n >= 50 THEN 15 WHEN n >= 10 THEN 5 ELSE 0 END
            + CASE WHEN ${norm('region')} IN ('ile-de-france', 'auvergne-rhone-alpes') THEN 10
                   WHEN ${norm('region')} = 'occitanie' THEN 5 ELSE 0 END AS fit,
            CASE WHEN d IS NOT NULL AND d <= DATE '2026-11-23' AND d >= DATE '2026-11-23' - 365
                 THEN 30 * pow(0.5, (DATE '2026-11-23' - d) / 90.0) ELSE 0 END
            + CASE WHEN coalesce(trim(email), '') = '' THEN -10
                   WHEN regexp_matches(email, '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$', 'i') THEN 10 ELSE 0 END
              AS behaviour,
            CASE WHEN coalesce(trim(website), '') = '' THEN 0 ELSE 5 END AS site
            FROM t),
          s AS (SELECT client_id, least(least(fit, 60) + least(behaviour, 40) + site, 100) AS score FROM p)
          SELECT client_id, score,
                 CASE WHEN score >= 70 - 1e-9 THEN 'A' WHEN score >= 40 - 1e-9 THEN 'B' ELSE 'C' END AS grade
          FROM s`;
        const instance = await (duck as DuckApi).DuckDBInstance.create(':memory:');
        const db = await instance.connect();
        const expected = (await db.runAndReadAll(sql)).getRowObjectsJS() as {
          client_id: string;
          score: number;
          grade: string;
        }[];
        const csv = await runCli(['score', file, '--grid', EXAMPLE_GRID, ...AS_OF, '-f', 'csv', '-q']);
        const rows = scoredRows(csv.stdout);
        expect(expected).toHaveLength(3000);
        for (const e of expected) {
          const got = rows.get(e.client_id);
          // the CSV's score is rounded to the hundredth: within half a hundredth of DuckDB's
          expect(Math.abs((got?.[0] ?? Number.NaN) - Number(e.score))).toBeLessThanOrEqual(0.005 + 1e-9);
          expect(got?.[2]).toBe(e.grade);
        }
      });
    },
  );
});
