import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithDuck, duck, type DuckApi } from './helpers/duckdb.js';
import { runCli } from './helpers/run-cli.js';
import { CDNOW_DIR } from './helpers/cdnow.js';

// The generated DuckDB SQL is run by DuckDB itself and its per-client result compared with the
// built-in (JavaScript) engine's `--format csv`, client by client: the reference is the JS engine,
// whose values are checked against R rfm 0.3.0 in test/rfm-cli.test.ts and src/core/rfm.test.ts.

const describeDuck = describeWithDuck(
  'warehouse-sql tests SKIPPED: @duckdb/node-api is not installed (npm install @duckdb/node-api)',
);

async function query(setup: string[], sql: string): Promise<Record<string, unknown>[]> {
  const instance = await (duck as DuckApi).DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  for (const s of setup) await db.run(s);
  return (await db.runAndReadAll(sql)).getRowObjectsJS();
}

/** client id -> the CSV columns after client_id (numbers as numbers). */
function byClient(header: string[], rows: unknown[][]): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const r of rows) {
    const values = r.map((v, i) =>
      header[i] === 'segment' || header[i] === 'segment_label' || header[i] === 'last_order_date'
        ? String(v)
        : Number(v),
    );
    out.set(String(r[0]), values.slice(1));
  }
  return out;
}

/** The CSV of `rfm --format csv` (no quoted cells in these fixtures: checked by the header test). */
function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.trim().split(/\r?\n/);
  return { header: (lines[0] as string).split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

const HEADER = [
  'client_id',
  'last_order_date',
  'recency_days',
  'transaction_count',
  'amount',
  'recency_score',
  'frequency_score',
  'monetary_score',
  'rfm_score',
  'segment',
  'segment_label',
];

/** Runs `rfm --sql duckdb` over `table`, and the JS engine over the file; returns both by client. */
async function compare(file: string, setup: string[], flags: string[], sqlFlags: string[] = []) {
  const js = await runCli(['rfm', file, ...flags, '--format', 'csv']);
  expect(js.code, js.stderr).toBe(0);
  const gen = await runCli(['rfm', '--sql', 'duckdb', '--table', 'orders', ...flags, ...sqlFlags]);
  expect(gen.code, gen.stderr).toBe(0);
  const rows = await query(setup, gen.stdout);
  const sqlRows = rows.map((r) =>
    HEADER.map((h) =>
      h === 'last_order_date' && r[h] instanceof Date
        ? r[h].toISOString().slice(0, 10)
        : r[h] === null
          ? '' // rfm --clients with recency days: no last order date (an empty CSV cell)
          : r[h],
    ),
  );
  const parsed = parseCsv(js.stdout);
  expect(parsed.header).toEqual(HEADER);
  expect(Object.keys(rows[0] ?? {})).toEqual(HEADER);
  return { sql: byClient(HEADER, sqlRows), js: byClient(HEADER, parsed.rows) };
}

const plain = (path: string): string[] => [
  `CREATE TABLE orders AS SELECT * FROM read_csv('${path}', header = true, all_varchar = true)`,
];

describeDuck('rfm --sql duckdb run by DuckDB equals the built-in engine', () => {
  const RFM = 'fixtures/rfm-orders.csv';
  it.each([
    ['quantile 5 (R rfm)', []],
    ['ntile', ['--binning', 'ntile']],
    ['user breaks and 4 frequency bins', ['--recency-breaks', '30,90,180,365', '--frequency-bins', '4']],
    ['French labels', ['--lang', 'fr']],
  ])('fixtures/rfm-orders.csv, %s', async (_name, extra) => {
    const { sql, js } = await compare(RFM, plain(RFM), ['--as-of', '2026-06-30', ...extra]);
    expect(sql.size).toBe(10);
    expect(sql).toEqual(js);
  });

  it('fixtures/review/orders.csv (French headers, dd/mm/yyyy, ;) through --map', async () => {
    const file = 'fixtures/review/orders.csv';
    const setup = [
      `CREATE TABLE orders AS SELECT "N° client" AS client, strptime("Date commande", '%d/%m/%Y')::DATE AS jour, "Montant HT" AS montant FROM read_csv('${file}', header = true, all_varchar = true, delim = ';')`,
    ];
    const { sql, js } = await compare(
      file,
      setup,
      ['--as-of', '2024-12-31'],
      ['--map', 'clientId=client', '--map', 'orderDate=jour', '--map', 'amount=montant'],
    );
    expect(sql.size).toBeGreaterThan(20);
    expect(sql).toEqual(js);
  });

  it('CDNOW orders (2,357 clients), quantile 5', async () => {
    const file = join(CDNOW_DIR, 'cdnow-orders.csv');
    const { sql, js } = await compare(file, plain(file), ['--as-of', '1998-07-01']);
    expect(sql.size).toBe(2357);
    expect(sql).toEqual(js);
  });

  it('amounts round half away from zero as written (1.005 -> 1.01, -0.125 -> -0.13); a credit note counts as the JS engine counts it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-sql-'));
    const file = join(dir, 'orders.csv');
    // By hand: A = 1.005 + 2.675 = 1.01 + 2.68 = 3.69; B = 10 - 0.125 = 10 - 0.13 = 9.87.
    writeFileSync(
      file,
      'client_id,order_date,amount\nA,2026-01-10,1.005\nA,2026-02-10,2.675\nB,2026-01-05,10\nB,2026-03-01,-0.125\nC,2026-03-01,7\n',
    );
    const { sql, js } = await compare(file, plain(file), ['--as-of', '2026-03-31', '--bins', '2']);
    expect(sql.get('A')?.[3]).toBe(3.69);
    expect(sql.get('B')?.[3]).toBe(9.87);
    expect(sql).toEqual(js);
  });
});

describeDuck('rfm --engine duckdb renders the same report as the built-in engine', () => {
  it.each([
    ['fixtures/rfm-orders.csv', '2026-06-30'],
    ['fixtures/review/orders.csv', '2024-12-31'],
    [join(CDNOW_DIR, 'cdnow-orders.csv'), '1998-07-01'],
  ])('%s', async (file, asOf) => {
    const js = await runCli(['rfm', file, '--as-of', asOf, '--format', 'csv']);
    const engine = await runCli(['rfm', file, '--as-of', asOf, '--format', 'csv', '--engine', 'duckdb']);
    expect(engine.code, engine.stderr).toBe(0);
    const sorted = (t: string): string[] => t.trim().split(/\r?\n/).sort();
    expect(sorted(engine.stdout)).toEqual(sorted(js.stdout));
  });

  // The CSV read typed by DuckDB (decimal comma, d/m/yyyy dates, 1-digit days) and, when a cell
  // does not fit the types (a thousands space), read as text instead, with a note: the same CSV as
  // the built-in engine either way. By hand: A = 1234.56 + 10.01 (10.005 rounded half away from
  // zero) = 1244.57 over 2 orders, last 31/12/2026; B has a credit note only (left out); C no date.
  it.each([
    ['typed', '1234,56', false],
    ['text', '1 234,56', true],
  ])('CSV with decimal commas and dd/mm/yyyy dates, read %s', async (_how, amount, fallback) => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-typed-'));
    const file = join(dir, 'commandes.csv');
    writeFileSync(
      file,
      `N° client;Date commande;Montant HT\nA;31/12/2026;${amount}\nB;01/02/2026;-3,5\nC;;\nD;02/02/2026;7\nA;5/1/2026;10,005\n`,
    );
    const js = await runCli(['rfm', file, '--as-of', '2027-01-01', '--format', 'csv']);
    const engine = await runCli([
      'rfm',
      file,
      '--as-of',
      '2027-01-01',
      '--format',
      'csv',
      '--engine',
      'duckdb',
    ]);
    expect(engine.code, engine.stderr).toBe(0);
    expect(engine.stdout).toBe(js.stdout);
    expect(engine.stdout).toContain('A,2026-12-31,1,2,1244.57,');
    expect(engine.stderr.includes('reading the cells as text instead')).toBe(fallback);
    expect(engine.stderr).toContain('DuckDB read 5 rows, used 4, left out 1');
  });

  it('Parquet files by glob', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-pq-'));
    const csv = join(CDNOW_DIR, 'cdnow-orders.csv');
    await query(
      [
        `CREATE TABLE o AS SELECT client_id, CAST(order_date AS DATE) AS order_date, CAST(amount AS DOUBLE) AS amount FROM read_csv('${csv}', all_varchar = true)`,
        `COPY (SELECT * FROM o WHERE order_date < DATE '1997-04-01') TO '${dir}/part-1.parquet' (FORMAT parquet)`,
        `COPY (SELECT * FROM o WHERE order_date >= DATE '1997-04-01') TO '${dir}/part-2.parquet' (FORMAT parquet)`,
      ],
      'SELECT 1',
    );
    const js = await runCli(['rfm', csv, '--as-of', '1998-07-01', '--format', 'csv']);
    const engine = await runCli([
      'rfm',
      `${dir}/*.parquet`,
      '--as-of',
      '1998-07-01',
      '--format',
      'csv',
      '--engine',
      'duckdb',
    ]);
    expect(engine.code, engine.stderr).toBe(0);
    const sorted = (t: string): string[] => t.trim().split(/\r?\n/).sort();
    expect(sorted(engine.stdout)).toEqual(sorted(js.stdout));
  });
});

describeDuck('pareto --sql duckdb run by DuckDB equals the built-in engine', () => {
  const PARETO = ['rank', 'client_id', 'value', 'share', 'cumulative_share', 'class', 'non_positive'];
  /** SQL rows and the JS engine's (JSON, full precision; CSV column names checked too) by client. */
  async function comparePareto(file: string, flags: string[], sqlFlags: string[] = []) {
    const csv = await runCli(['pareto', file, ...flags, '--format', 'csv']);
    expect(parseCsv(csv.stdout).header).toEqual(PARETO);
    const js = await runCli(['pareto', file, ...flags, '--format', 'json']);
    expect(js.code, js.stderr).toBe(0);
    const gen = await runCli(['pareto', '--sql', 'duckdb', '--table', 'orders', ...flags, ...sqlFlags]);
    expect(gen.code, gen.stderr).toBe(0);
    const rows = await query(plain(file), gen.stdout);
    expect(Object.keys(rows[0] ?? {})).toEqual(PARETO);
    const norm = (cells: unknown[]): unknown[] =>
      cells.map((v, i) => (i === 1 || i === 5 || i === 6 ? String(v) : Number(v)));
    const sql = new Map(rows.map((r) => [String(r.client_id), norm(PARETO.map((h) => r[h]))]));
    const clients = (JSON.parse(js.stdout) as { clients: Record<string, unknown>[] }).clients;
    const keys = ['rank', 'clientId', 'value', 'share', 'cumulativeShare', 'class', 'nonPositive'];
    const ref = new Map(clients.map((c) => [String(c.clientId), norm(keys.map((k) => c[k]))]));
    return { sql, ref };
  }
  it.each([
    ['fixtures/pareto-clients.csv', [], ['--value', 'revenue']],
    [
      'fixtures/pareto-clients.csv',
      ['--thresholds', '50,80,95', '--rule', 'including'],
      ['--value', 'revenue'],
    ],
    ['fixtures/rfm-orders.csv', ['--orders'], []],
    [join(CDNOW_DIR, 'cdnow-orders.csv'), ['--orders'], []],
  ])('%s %s', async (file, flags, sqlFlags) => {
    const { sql, ref } = await comparePareto(file, flags, sqlFlags);
    expect(sql.size).toBeGreaterThan(9);
    expect(sql).toEqual(ref);
  });

  it('a credit note nets the value; a client at zero or below is in the last class, flagged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-sql-'));
    const file = join(dir, 'orders.csv');
    // By hand: A 80, B 15, C 5, D 10 - 10 = 0, E -3: A crosses nothing (before = 0) -> A; B: before
    // 80 = 80 % of 100, not below 80 % -> B; C: before 95 % -> C; D and E non-positive -> C.
    writeFileSync(file, 'client_id,amount\nA,80\nB,15\nC,5\nD,10\nD,-10\nE,-3\n');
    const { sql, ref } = await comparePareto(file, ['--orders']);
    expect([...sql.values()].map((r) => `${r[1]}:${r[5]}:${r[6]}`)).toEqual([
      'A:A:false',
      'B:B:false',
      'C:C:false',
      'D:C:true',
      'E:C:true',
    ]);
    expect(sql).toEqual(ref);
  });
});

describeDuck('--credit-notes as-credit in the SQL builder (the option of docs/rules-orders.md)', () => {
  it('a credit note nets the amount but is no purchase; a client with credit notes only is left out', async () => {
    const { buildRfmSql } = await import('../src/sql/rfm-sql.js');
    const { getDialect } = await import('../src/sql/dialect.js');
    const { DEFAULT_SEGMENTS } = await import('../src/core/rfm.js');
    const sql = buildRfmSql(getDialect('duckdb')!, {
      table: 'orders',
      columns: { clientId: 'client_id', orderDate: 'order_date', amount: 'amount' },
      asOf: '2026-03-31',
      recency: { kind: 'quantile', bins: 2 },
      frequency: { kind: 'quantile', bins: 2 },
      monetary: { kind: 'quantile', bins: 2 },
      segments: DEFAULT_SEGMENTS,
      creditNotes: 'as-credit',
      lang: 'en',
    });
    const rows = await query(
      [
        `CREATE TABLE orders (client_id VARCHAR, order_date DATE, amount DOUBLE)`,
        `INSERT INTO orders VALUES ('A', '2026-01-10', 1.005), ('A', '2026-02-10', 2.675),
          ('B', '2026-01-05', 10), ('B', '2026-03-01', -0.125), ('C', '2026-03-01', 7), ('D', '2026-03-02', -5)`,
      ],
      sql,
    );
    // By hand: A 2 purchases, last 2026-02-10 (49 days), 3.69; B 1 purchase (the credit note of
    // 2026-03-01 neither counts nor refreshes), last 2026-01-05 (85 days), 10 - 0.13 = 9.87;
    // C 1, 30 days, 7; D has a credit note only: left out.
    expect(
      rows.map((r) => [r.client_id, Number(r.recency_days), Number(r.transaction_count), r.amount]),
    ).toEqual([
      ['A', 49, 2, 3.69],
      ['B', 85, 1, 9.87],
      ['C', 30, 1, 7],
    ]);
  });
});

describeDuck(
  'rfm --clients (a client table) with --sql duckdb and --engine duckdb equals the built-in engine',
  () => {
    const CLIENTS = 'fixtures/rfm-clients.csv';
    it.each([
      ['quantile 5', []],
      ['ntile', ['--binning', 'ntile']],
      ['breaks', ['--recency-breaks', '7,30,90,180']],
    ])('fixtures/rfm-clients.csv, %s', async (_name, extra) => {
      const { sql, js } = await compare(CLIENTS, plain(CLIENTS), [
        '--clients',
        '--as-of',
        '2026-06-30',
        ...extra,
      ]);
      expect(sql.size).toBe(10);
      expect(sql).toEqual(js);
    });

    it('recency in days, rows the reader rejects left out (by hand)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'prospect-sql-'));
      const file = join(dir, 'clients.csv');
      // By hand: C (negative recency) and D (no transaction count) are rejected; B's 20.005 is 20.01.
      writeFileSync(
        file,
        'client_id,recency_days,transaction_count,amount\nA,5,3,100\nB,40,1,20.005\nC,-1,2,50\nD,10,,30\nE,200,6,500\n',
      );
      const { sql, js } = await compare(
        file,
        plain(file),
        ['--clients', '--as-of', '2026-06-30', '--bins', '2'],
        ['--map', 'recencyDays=recency_days'],
      );
      expect([...sql.keys()]).toEqual(['A', 'B', 'E']);
      expect(sql.get('B')?.[3]).toBe(20.01);
      expect(sql).toEqual(js);
      const engine = await runCli([
        'rfm',
        file,
        '--clients',
        '--as-of',
        '2026-06-30',
        '--bins',
        '2',
        '--format',
        'csv',
        '--engine',
        'duckdb',
      ]);
      const builtIn = await runCli([
        'rfm',
        file,
        '--clients',
        '--as-of',
        '2026-06-30',
        '--bins',
        '2',
        '--format',
        'csv',
      ]);
      expect(engine.code, engine.stderr).toBe(0);
      expect(engine.stdout).toBe(builtIn.stdout);
      expect(engine.stderr).toContain('DuckDB read 5 rows, used 3, left out 2');
    });

    it('--engine duckdb on fixtures/rfm-clients.csv gives the same CSV', async () => {
      const argv = ['rfm', CLIENTS, '--clients', '--as-of', '2026-06-30', '--format', 'csv'];
      const builtIn = await runCli(argv);
      const engine = await runCli([...argv, '--engine', 'duckdb']);
      expect(engine.code, engine.stderr).toBe(0);
      expect(engine.stdout).toBe(builtIn.stdout);
    });
  },
);
