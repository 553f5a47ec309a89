import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithDuck, duck, type DuckApi } from './helpers/duckdb.js';
import { runCli } from './helpers/run-cli.js';

// `segment --sql duckdb` is run by DuckDB itself on the client files loaded as tables, and
// `segment --engine duckdb` on the files; every group's figures are compared with the built-in
// (JavaScript) engine's JSON, whose rules are checked by hand in src/core/segment.test.ts and
// test/segment-cli.test.ts. The other dialects are parsed by node-sql-parser (syntax only).

const describeDuck = describeWithDuck(
  'warehouse-segment tests SKIPPED: @duckdb/node-api is not installed (npm install @duckdb/node-api)',
);

const FIGURES = [
  'clients',
  'clientShare',
  'revenue',
  'revenueShare',
  'margin',
  'marginRate',
  'averageRevenue',
  'arid',
  'latent',
  'active',
  'accessibilityRate',
] as const;

/** The JS engine's segments as flat rows: key values, then the CSV figures (full precision). */
async function jsSegments(file: string, flags: string[]): Promise<unknown[][]> {
  const out = await runCli(['segment', file, ...flags, '--format', 'json']);
  expect(out.code, out.stderr).toBe(0);
  const json = JSON.parse(out.stdout) as {
    segments: {
      key: Record<string, string | null>;
      maturity: Record<string, number | null> | null;
      [k: string]: unknown;
    }[];
  };
  return json.segments.map((s) => [
    ...Object.values(s.key),
    ...FIGURES.map((f) =>
      f === 'arid' || f === 'latent' || f === 'active' || f === 'accessibilityRate'
        ? (s.maturity?.[f] ?? null)
        : s[f],
    ),
  ]);
}

/** The rows DuckDB gives for the SQL, flattened the same way (BIGINT as numbers). */
function sqlSegments(rows: Record<string, unknown>[], keys: string[]): unknown[][] {
  return rows.map((r) =>
    [...keys, ...FIGURES].map((k) => (typeof r[k] === 'bigint' ? Number(r[k]) : (r[k] ?? null))),
  );
}

async function runDuck(setup: string[], sql: string): Promise<Record<string, unknown>[]> {
  const instance = await (duck as DuckApi).DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  for (const s of setup) await db.run(s);
  return (await db.runAndReadAll(sql)).getRowObjectsJS();
}

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-segsql-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

// By hand: statuses normalised (' Ancien-Client ' -> former, 'CLIENT' -> client, 'Opportunité' ->
// prospect, 'MQL' -> lead, 'Partenaire' kept as written), maturities ('Actifs' -> active,
// 'arides' -> arid, 'LATENTE' -> latent), half cents rounded away from zero (10.005 -> 10.01),
// an empty sector is its own group, shown last.
const HAND = [
  'client_id,status,sector,revenue,margin,maturity',
  'A1, Ancien-Client ,Industrie,100.00,20,',
  'A2,CLIENT,Industrie,300.00,60,',
  'A3,Opportunité,Santé,,,Actifs',
  'A4,MQL,Santé,,,arides',
  'A5,prospect,,,,LATENTE',
  'A6,Partenaire,Industrie,10.005,1,',
  'A7,client,Santé,89.995,9,',
].join('\n');

// Spellings of one sector that differ by case, accents or spaces (the reader trims cells first:
// 'industrie ' is 'industrie'): one group each, shown as the most frequent (INDUSTRIE 3 rows
// against Industrie 2 and industrie 1; Électricité 2 against ELECTRICITE 1). The zones tie Nord /
// NORD one row each: the first seen, Nord, is shown (NORD would be first in binary order), which
// only the engine, that knows the file order, can do: the --sql cases group by sector only.
const SPELLINGS = [
  'client_id,status,sector,zone,revenue',
  'S1,client,Industrie,Nord,100',
  'S2,client,INDUSTRIE,NORD,200',
  'S3,prospect,industrie ,Sud,50',
  'S4,client,INDUSTRIE,Sud,10',
  'S5,client,Électricité,Sud,5',
  'S6,prospect,ELECTRICITE,Sud,7',
  'S7,client,Électricité,sud,1',
  'S8,client,Services,Est,3',
  'S9,client,INDUSTRIE,  Est ,1',
  'S10,client,Industrie  ,est,1',
].join('\n');

describeDuck('segment --sql duckdb, run by DuckDB, equals the built-in engine group by group', () => {
  const CASES: [string, string, string[]][] = [
    ['hand', 'hand', ['--by', 'status']],
    ['hand', 'hand', ['--by', 'sector,status']],
    ['hand', 'hand', ['--tiers', '2']],
    ['hand', 'hand', ['--by', 'sector', '--tier-thresholds', '100,200']],
    ['clients-en', 'fixtures/clients-en.csv', ['--by', 'status']],
    ['clients-en', 'fixtures/clients-en.csv', ['--by', 'status', '--tiers', '3']],
    ['clients-en', 'fixtures/clients-en.csv', ['--by', 'sector,zone']],
    ['clients-en', 'fixtures/clients-en.csv', ['--tiers', '4', '--tier-by', 'margin']],
    ['clients-en', 'fixtures/clients-en.csv', ['--by', 'maturity', '--tier-thresholds', '10000,50000']],
    ['clients-en', 'fixtures/clients-en.csv', []],
    ['pareto-clients', 'fixtures/pareto-clients.csv', ['--tiers', '3']],
    ['spellings', 'spellings', ['--by', 'sector']],
    ['spellings', 'spellings', ['--by', 'sector,status', '--tiers', '2']],
  ];
  it.each(CASES)('%s %j', async (_name, path, flags) => {
    const file =
      path === 'hand'
        ? tempFile('clients.csv', `${HAND}\n`)
        : path === 'spellings'
          ? tempFile('clients.csv', `${SPELLINGS}\n`)
          : path;
    const ref = await jsSegments(file, flags);
    const gen = await runCli(['segment', file, '--sql', 'duckdb', '--table', 'clients', ...flags]);
    expect(gen.code, gen.stderr).toBe(0);
    const rows = await runDuck(
      [`CREATE TABLE clients AS SELECT * FROM read_csv('${file}', header = true, all_varchar = true)`],
      gen.stdout,
    );
    const keys = Object.keys(rows[0] ?? {}).slice(0, Object.keys(rows[0] ?? {}).indexOf('clients'));
    expect(ref.length).toBeGreaterThan(0);
    expect(sqlSegments(rows, keys)).toEqual(ref);
  });

  it('the hand-worked file gives the groups worked out by hand', async () => {
    const file = tempFile('clients.csv', `${HAND}\n`);
    const gen = await runCli(['segment', file, '--sql', 'duckdb', '--table', 'clients', '--by', 'status']);
    const rows = await runDuck(
      [`CREATE TABLE clients AS SELECT * FROM read_csv('${file}', header = true, all_varchar = true)`],
      gen.stdout,
    );
    // client: A2 300 + A7 90.00 (89.995 rounded up) = 390; former: 100; Partenaire: 10.01;
    // lead 0 and prospect 0 (no revenue) sorted by clients (1 each), then name.
    // Maturity: prospect A3 active + A5 latent; lead A4 arid; rate over prospects and leads only.
    expect(
      rows.map((r) => [
        r.status,
        Number(r.clients),
        r.revenue,
        r.arid,
        r.latent,
        r.active,
        r.accessibilityRate,
      ]),
    ).toEqual([
      ['client', 2, 390, 0n, 0n, 0n, null],
      ['former', 1, 100, 0n, 0n, 0n, null],
      ['Partenaire', 1, 10.01, 0n, 0n, 0n, null],
      ['prospect', 2, 0, 0n, 1n, 1n, 0.5],
      ['lead', 1, 0, 1n, 0n, 0n, 0],
    ]);
  });
});

describeDuck('segment --engine duckdb gives the same report as the built-in engine', () => {
  const frUtf8 = (): string =>
    tempFile(
      'clients-fr.csv',
      new TextDecoder('windows-1252').decode(readFileSync('fixtures/clients-fr.csv')),
    );
  const CASES: [string, string[]][] = [
    ['fixtures/clients-en.csv', ['--by', 'status', '--tiers', '3']],
    ['fixtures/clients-en.csv', ['--by', 'sector']],
    ['fr', ['--by', 'status,sector']],
    ['fr', ['--tiers', '3']],
    ['hand', ['--by', 'status']],
    ['spellings', ['--by', 'sector,zone']],
    ['spellings', ['--by', 'zone', '--tiers', '2']],
  ];
  it.each(CASES)('%s %j', async (path, flags) => {
    const file =
      path === 'fr'
        ? frUtf8()
        : path === 'hand'
          ? tempFile('c.csv', `${HAND}\nA2,client,Santé,5,1,\nA8,client,Santé,abc,,\n`)
          : path === 'spellings'
            ? tempFile('c.csv', `${SPELLINGS}\n`)
            : path;
    const js = await runCli(['segment', file, ...flags, '--format', 'json']);
    const engine = await runCli(['segment', file, ...flags, '--format', 'json', '--engine', 'duckdb']);
    expect(js.code, js.stderr).toBe(0);
    expect(engine.code, engine.stderr).toBe(0);
    const a = JSON.parse(js.stdout) as Record<string, unknown>;
    const b = JSON.parse(engine.stdout) as Record<string, unknown>;
    // The reader's notes (encoding, rejected lines) are the built-in reader's own; the merged
    // spellings are said alike by both engines.
    const merged = (w: unknown): unknown[] =>
      ((w ?? []) as { code: string }[]).filter((x) => x.code === 'spellings-merged');
    expect(merged(b.warnings)).toEqual(merged(a.warnings));
    delete a.warnings;
    delete b.warnings;
    delete a.inputs;
    delete b.inputs;
    expect(b).toEqual(a);
  });

  it('rows the reader rejects are left out by the engine too, and counted', async () => {
    // By hand: 7 clients, then A2 again (a repeated id: the first row wins) and A8 whose revenue
    // "abc" is not a number: 9 rows read, 7 used, 2 left out.
    const file = tempFile('c.csv', `${HAND}\nA2,client,Santé,5,1,\nA8,client,Santé,abc,,\n`);
    const out = await runCli(['segment', file, '--engine', 'duckdb', '--format', 'json']);
    expect(out.code, out.stderr).toBe(0);
    const json = JSON.parse(out.stdout) as { rows: unknown; totals: { clients: number; revenue: number } };
    expect(json.rows).toEqual({ read: 9, used: 7, rejected: 2, skipped: 0 });
    // 100 + 300 + 10.01 + 90 (the first A2 and no A8)
    expect(json.totals).toMatchObject({ clients: 7, revenue: 500.01 });
  });

  it('the merged spellings, worked out by hand, in both languages', async () => {
    const file = tempFile('c.csv', `${SPELLINGS}\n`);
    for (const engine of [[], ['--engine', 'duckdb']]) {
      const out = await runCli(['segment', file, '--by', 'sector', '--format', 'csv', ...engine]);
      expect(out.code, out.stderr).toBe(0);
      // INDUSTRIE: S1..S4, S9, S10 = 100 + 200 + 50 + 10 + 1 + 1 = 362; Électricité 5 + 7 + 1 = 13.
      expect(
        out.stdout
          .split('\n')
          .slice(1, 4)
          .map((l) => l.split(',').slice(0, 3)),
      ).toEqual([
        ['INDUSTRIE', '6', '0.6'],
        ['Électricité', '3', '0.3'],
        ['Services', '1', '0.1'],
      ]);
      expect(out.stderr).toContain(
        'sector: 3 spellings of "INDUSTRIE" merged into one group (case, accents and spaces ignored; the most frequent spelling is shown): "Industrie" (2 rows), "industrie" (1 row).',
      );
      const fr = await runCli(['--lang', 'fr', 'segment', file, '--by', 'sector', ...engine]);
      expect(fr.stderr).toContain(
        'sector : 2 graphies de « Électricité » réunies en un groupe (casse, accents et espaces ignorés ; la graphie la plus fréquente est affichée) : « ELECTRICITE » (1 ligne).',
      );
    }
  });

  it('the merged spellings name the field by its header in the file, never by the internal name', async () => {
    const [header = '', ...rest] = SPELLINGS.split('\n');
    const file = tempFile('c.csv', `${header.replace('sector', 'Secteur')}\n${rest.join('\n')}\n`);
    for (const engine of [[], ['--engine', 'duckdb']]) {
      const fr = await runCli(['--lang', 'fr', 'segment', file, '--by', 'sector', ...engine]);
      expect(fr.code, fr.stderr).toBe(0);
      expect(fr.stderr).toContain('Secteur : 2 graphies de « Électricité » réunies en un groupe');
      expect(fr.stderr).not.toContain('sector :');
    }
  });

  it('a Windows-1252 file is refused with the command that converts it (exit 64)', async () => {
    const out = await runCli(['segment', 'fixtures/clients-fr.csv', '--engine', 'duckdb']);
    expect(out.code).toBe(64);
    expect(out.stderr).toContain('iconv -f windows-1252 -t utf-8');
  });
});

describeDuck('--output may not be a file the engine reads (a glob match included)', () => {
  it.each([
    ['segment', ['--by', 'status']],
    ['pareto', []],
    ['rfm', ['--as-of', '2026-06-30']],
  ])('%s', async (command, flags) => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-glob-'));
    const text =
      command === 'segment'
        ? 'client_id,status,revenue\nA,client,10\n'
        : 'client_id,order_date,amount\nA,2026-01-10,10\n';
    writeFileSync(join(dir, 'a.csv'), text);
    writeFileSync(join(dir, 'b.csv'), text.replace('A,', 'B,'));
    const out = await runCli([
      command,
      join(dir, '*.csv'),
      ...flags,
      '--engine',
      'duckdb',
      '--output',
      join(dir, 'b.csv'),
    ]);
    expect(out.code, out.stderr).toBe(73);
    expect(out.stderr).toContain('is an input of this run');
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe(text.replace('A,', 'B,'));
    const ok = await runCli([
      command,
      join(dir, '*.csv'),
      ...flags,
      '--engine',
      'duckdb',
      '--output',
      join(dir, 'out.csv'),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
  });
});

describe('segment --sql for each dialect parses with that dialect grammar', () => {
  const require = createRequire(import.meta.url);
  const { Parser } = require('node-sql-parser') as typeof import('node-sql-parser');
  const parser = new Parser();
  const GRAMMAR = { postgres: 'postgresql', bigquery: 'bigquery', snowflake: 'snowflake', spark: 'hive' };
  const CASES: [string, string[]][] = [
    ['by status', ['--by', 'status', '--map', 'maturity=maturity', '--map', 'margin=margin']],
    ['tiers', ['--by', 'sector', '--tiers', '3']],
    ['thresholds', ['--tier-thresholds', '10000,50000', '--map', 'status=lifecycle']],
  ];
  for (const [dialect, grammar] of Object.entries(GRAMMAR)) {
    it.each(CASES)(`${dialect}: %s`, async (_name, argv) => {
      const out = await runCli(['segment', ...argv, '--sql', dialect, '--table', 'crm.clients']);
      expect(out.code, out.stderr).toBe(0);
      expect(() => parser.astify(out.stdout, { database: grammar })).not.toThrow();
    });
  }
});

// The DuckDB dialect trims a cell with TRIM(x, chars) only when it begins or ends with one of the
// characters (the list TRIM is ten times a plain read per cell). Reference: JavaScript's own
// String.prototype.trim(), which prospect's reader applies, on cells written to exercise the guard.
describeDuck('the DuckDB trim of a cell equals JavaScript trim()', () => {
  it('on spaces at either end, inside, alone, and next to combining marks', async () => {
    const { getDialect } = await import('../src/sql/dialect.js');
    const { KEY_SPACES } = await import('../src/core/fold-key.js');
    const d = getDialect('duckdb');
    if (d === undefined) throw new Error('no duckdb dialect');
    const cells = [
      '',
      ' ',
      '\t\n',
      'plain',
      ' a',
      'a ',
      '\u00a0x\u3000',
      '\ufeffy',
      'x\u2028',
      '\u205f z \u202f',
      ' \u0301b',
      'é\u0301',
      'in side',
      '\u200bz', // U+200B is not a space for trim(): kept
    ];
    const values = cells.map((c, i) => `(${i}, ${d.stringLiteral(c)})`).join(', ');
    const rows = await runDuck(
      [],
      `SELECT i, ${d.trimChars('v', d.stringLiteral(KEY_SPACES))} AS t FROM (VALUES ${values}) cells(i, v) ORDER BY i`,
    );
    expect(rows.map((r) => r.t)).toEqual(cells.map((c) => c.trim()));
  });
});

describe('segment SQL: accents and spaces folded once per distinct cell, not per row', () => {
  it('every TRANSLATE sits in a CTE over SELECT DISTINCT, in each dialect', async () => {
    const { getDialect } = await import('../src/sql/dialect.js');
    const { buildSegmentSql } = await import('../src/sql/segment-sql.js');
    for (const name of ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark']) {
      const d = getDialect(name);
      if (d === undefined) throw new Error(name);
      const sql = buildSegmentSql(d, {
        table: 'clients',
        by: [
          { field: 'status', column: 'status', kind: 'status' },
          { field: 'sector', column: 'sector', kind: 'text' },
        ],
        columns: { clientId: 'client_id', status: 'status', revenue: 'revenue', maturity: 'maturity' },
        ...(name === 'duckdb' ? { rowOrder: 'row_no' } : {}),
      });
      // The CTEs, each from its name to the next one's (a line `name AS (`).
      const ctes = sql.split(/\n(?=\w+ AS \()/).slice(1);
      const translating = ctes.filter((c) => /TRANSLATE\(/.test(c));
      // The status lookup (once, for the key and the maturity counts), the maturity lookup, and
      // the folds of both keys (an unknown status is kept as written, so it is folded too).
      expect(translating.map((c) => c.split(' ')[0])).toEqual(['words1', 'words2', 'folds_k1', 'folds_k2']);
      for (const c of translating) expect(c, `${name}: ${c.slice(0, 40)}`).toMatch(/SELECT DISTINCT/);
    }
  });
});
