import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithDuck, duck, type DuckApi } from './helpers/duckdb.js';
import { runCli } from './helpers/run-cli.js';
import { CDNOW_DIR } from './helpers/cdnow.js';

// Parquet input on the built-in (JavaScript) path, read with hyparquet. The Parquet files are
// written at test time by DuckDB (`COPY ... TO 'x.parquet'`), from the same CSV fixtures: the
// reference is the built-in engine on the CSV file, which the other tests check by hand and
// against R. Without DuckDB the comparisons are skipped (the corrupt-file test still runs).

const describeDuck = describeWithDuck(
  'parquet-input tests SKIPPED (all but the corrupt file): @duckdb/node-api, which writes the Parquet fixtures, is not installed',
);

const dir = mkdtempSync(join(tmpdir(), 'prospect-parquet-'));

async function writeParquet(name: string, select: string): Promise<string> {
  const instance = await (duck as DuckApi).DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const path = join(dir, name);
  await db.run(`COPY (${select}) TO '${path}' (FORMAT parquet)`);
  return path;
}

/** The JSON of a run on `file`, with the file's name written as `as`. */
async function json(argv: string[], file: string, as: string): Promise<unknown> {
  const out = await runCli([argv[0] as string, file, ...argv.slice(1), '--format', 'json']);
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout.split(file).join(as)) as unknown;
}

describeDuck('rfm, pareto and segment read Parquet as they read the same data in CSV', () => {
  const CASES: [string, string, string[]][] = [
    ['fixtures/rfm-orders.csv', 'orders.parquet', ['rfm', '--as-of', '2026-06-30']],
    ['fixtures/rfm-orders.csv', 'orders.parquet', ['pareto']],
    ['fixtures/rfm-clients.csv', 'rfm-clients.parquet', ['rfm', '--clients', '--as-of', '2026-06-30']],
    ['fixtures/pareto-clients.csv', 'pareto-clients.parquet', ['pareto', '--maturity', 'maturity']],
    ['fixtures/clients-en.csv', 'clients.parquet', ['segment', '--by', 'status', '--tiers', '3']],
    ['fixtures/clients-en.csv', 'clients.parquet', ['segment', '--by', 'sector,maturity']],
    [join(CDNOW_DIR, 'cdnow-orders.csv'), 'cdnow.parquet', ['rfm', '--as-of', '1998-07-01']],
    [join(CDNOW_DIR, 'cdnow-orders.csv'), 'cdnow.parquet', ['pareto']],
  ];
  it.each(CASES)('%s as %s: %j', async (csv, name, argv) => {
    // DuckDB types the columns (DATE, BIGINT, DOUBLE, TIMESTAMP): the Parquet file is typed.
    const parquet = await writeParquet(name, `SELECT * FROM read_csv('${csv}', header = true)`);
    const a = await json(argv, csv, 'FILE');
    const b = await json(argv, parquet, 'FILE');
    expect(b).toEqual(a);
  });

  it('typed columns need no locale: DECIMAL amounts rounded as written, TIMESTAMP days (by hand)', async () => {
    const parquet = await writeParquet(
      'typed.parquet',
      `SELECT * FROM (VALUES
        ('A', TIMESTAMP '2026-02-01 00:00:00', CAST(1.005 AS DECIMAL(10, 3))),
        ('A', TIMESTAMP '2026-01-02 09:30:00', CAST(2.675 AS DECIMAL(10, 3))),
        ('B', TIMESTAMP '2026-03-01 00:00:00', CAST(1234.5 AS DECIMAL(10, 3))),
        ('C', TIMESTAMP '2026-03-10 17:45:00', CAST(10 AS DECIMAL(10, 3))),
        ('C', TIMESTAMP '2026-03-09 08:00:00', CAST(-0.125 AS DECIMAL(10, 3))))
        AS t(client_id, order_date, amount)`,
    );
    const out = await runCli(['rfm', parquet, '--as-of', '2026-03-31', '--bins', '2', '--format', 'csv']);
    expect(out.code, out.stderr).toBe(0);
    // By hand: A 1.01 + 2.68 = 3.69 (half cents away from zero), last order 2026-02-01 (not
    // January 2nd: no day/month guess), 58 days, 2 orders; B 1234.5, 30 days; C 10 - 0.13 = 9.87,
    // last purchase 2026-03-10 17:45 -> 21 days, 1 order (the credit note is no purchase, the
    // default of docs/rules-orders.md).
    const rows = out.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',').slice(0, 5).join(','));
    expect(rows).toEqual(['A,2026-02-01,58,2,3.69', 'B,2026-03-01,30,1,1234.5', 'C,2026-03-10,21,1,9.87']);
  });

  it('a DECIMAL and a TIMESTAMP column (clients-en) read as the same data in CSV', async () => {
    const select = `SELECT "Record ID", CAST("Annual Revenue" AS DECIMAL(12, 2)) AS "Annual Revenue", "Lifecycle Stage", "Last Activity Date" FROM read_csv('fixtures/clients-en.csv', header = true)`;
    const parquet = await writeParquet('typed-clients.parquet', select);
    const instance = await (duck as DuckApi).DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    const csv = join(dir, 'typed-clients.csv');
    await db.run(`COPY (${select}) TO '${csv}' (FORMAT csv, HEADER)`);
    const a = await json(['segment', '--by', 'status', '--tiers', '2'], csv, 'FILE');
    const b = await json(['segment', '--by', 'status', '--tiers', '2'], parquet, 'FILE');
    expect(b).toEqual(a);
    expect((b as { rows: { used: number } }).rows.used).toBe(240);
  });

  it('a truncated Parquet file is a data error (65) that says so', async () => {
    const parquet = await writeParquet(
      'whole.parquet',
      `SELECT * FROM read_csv('fixtures/rfm-orders.csv', header = true)`,
    );
    const bytes = readFileSync(parquet);
    const cut = join(dir, 'cut.parquet');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const out = await runCli(['rfm', cut, '--as-of', '2026-06-30']);
    expect(out.code).toBe(65);
    expect(out.stderr).toContain('not a readable Parquet file');
    expect(out.stderr).not.toContain('    at ');
  });
});

describe('a corrupt Parquet file', () => {
  it('is a data error (65) naming the file, without a stack trace', async () => {
    const bad = join(dir, 'bad.parquet');
    writeFileSync(bad, 'PAR1 this is not a parquet file at all PAR1');
    const out = await runCli(['pareto', bad]);
    expect(out.code).toBe(65);
    expect(out.stderr).toContain(`${bad}: not a readable Parquet file`);
    expect(out.stderr).not.toContain('    at ');
  });
});
