// Benchmark of `--engine duckdb` (docs/warehouse.md): `prospect rfm` and `prospect pareto` run by
// DuckDB in-process on 5 million and on 50 million generated orders, as Parquet (what a data team
// exports) and, at 5 million, as CSV too. Prints wall time, rows per second, CPU time and peak
// memory (max RSS of the child process that runs the command: Node and DuckDB together).
//
//   npm run bench                       (all benchmarks)
//   node bench/engine.bench.js [--sizes 5000000,50000000] [--budget 900] [--csv] [--keep]
//
// --csv also times the CSV files at 5 million (slow: DuckDB reads every cell as text and parses it
// the way prospect's reader understood the file; 123 s of CPU against 13 s for Parquet, measured).
//
// The orders are generated once per size by DuckDB itself (deterministic: a hash of the row
// number), into a temporary folder removed at the end (unless --keep). A size is skipped, with
// the reason printed, when the free disk space would not hold its files three times over, or when
// the time measured on the smaller size, scaled linearly, would exceed --budget seconds.
import { mkdtempSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg, describeLoad, reportUsage, runProspect, timeChild } from './lib.js';

const AS_OF = '2026-06-30';

/** The orders: about 4 % as many clients as orders, skewed activity, log-normal amounts, 1 % credit notes. */
function ordersSql(rows) {
  const clients = Math.max(1, Math.round(rows / 25));
  // u(k): a uniform number in [0, 1) from the row number and a salt.
  const u = (salt) => `(hash(i, ${salt}) % 1000000007) / 1000000007.0`;
  return `SELECT
    'CL' || lpad(CAST(CASE WHEN i < ${clients} THEN i ELSE CAST(floor(${clients} * pow(${u(1)}, 3)) AS BIGINT) END AS VARCHAR), 7, '0') AS client_id,
    DATE '2023-07-01' + CAST(floor(${u(2)} * 1095) AS INTEGER) AS order_date,
    CAST(round(exp(5 + 1.1 * sqrt(-2 * ln(greatest(${u(3)}, 1e-12))) * cos(2 * pi() * ${u(4)})) * (CASE WHEN ${u(5)} < 0.01 THEN -0.5 ELSE 1 END), 2) AS DECIMAL(12, 2)) AS amount
  FROM range(${rows}) t(i)`;
}

async function generate(dir, rows, withCsv) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const parquet = join(dir, `orders-${rows}.parquet`);
  await db.run(`COPY (${ordersSql(rows)}) TO '${parquet}' (FORMAT parquet)`);
  let csv;
  if (withCsv) {
    csv = join(dir, `orders-${rows}.csv`);
    await db.run(`COPY (SELECT * FROM '${parquet}') TO '${csv}' (FORMAT csv, HEADER)`);
  }
  return { parquet, csv };
}

async function child(job, input, output) {
  const args =
    job === 'rfm'
      ? [
          '--quiet',
          'rfm',
          input,
          '--as-of',
          AS_OF,
          '--engine',
          'duckdb',
          '--format',
          'csv',
          '--output',
          output,
        ]
      : ['--quiet', 'pareto', input, '--engine', 'duckdb', '--format', 'csv', '--output', output];
  await runProspect(args, AS_OF);
  reportUsage();
}

const pad = (text, n) => String(text).padStart(n);

async function main() {
  try {
    await import('@duckdb/node-api');
  } catch {
    console.log('engine: SKIPPED, @duckdb/node-api is not installed (npm install @duckdb/node-api).');
    return;
  }
  const sizes = arg('--sizes', '5000000,50000000').split(',').map(Number);
  const budget = Number(arg('--budget', '600'));
  const dir = mkdtempSync(join(tmpdir(), 'prospect-engine-bench-'));
  console.log(
    `engine: --engine duckdb on generated orders (${dir}); ${process.execPath} ${process.version}; ${describeLoad()}`,
  );
  console.log(
    `${'orders'.padEnd(12)}${'job'.padEnd(8)}${'input'.padEnd(9)}${pad('wall s', 9)}${pad('rows/s', 13)}${pad('cpu s', 8)}${pad('peak MB', 9)}${pad('load', 6)}`,
  );
  // Seconds and bytes per order, measured on the first size, to decide whether a larger one fits.
  let secondsPerRow;
  let bytesPerRow;
  try {
    for (const rows of sizes) {
      const label = rows.toLocaleString('en');
      if (secondsPerRow !== undefined) {
        const free = statfsSync(dir).bavail * statfsSync(dir).bsize;
        const needed = rows * bytesPerRow * 3;
        const projected = rows * secondsPerRow;
        if (needed > free) {
          console.log(
            `${label} orders SKIPPED: about ${(needed / 1e9).toFixed(1)} GB of disk wanted (3x the files), ${(free / 1e9).toFixed(1)} GB free.`,
          );
          continue;
        }
        if (projected > budget) {
          console.log(
            `${label} orders SKIPPED: about ${projected.toFixed(0)} s projected from the smaller size, over the --budget of ${budget} s.`,
          );
          continue;
        }
      }
      const t0 = performance.now();
      const withCsv = process.argv.includes('--csv') && rows <= 5_000_000;
      const files = await generate(dir, rows, withCsv);
      const generated = (performance.now() - t0) / 1000;
      const parquetBytes = statSync(files.parquet).size;
      const csvBytes = files.csv ? statSync(files.csv).size : 0;
      console.log(
        `${label} orders generated in ${generated.toFixed(1)} s: Parquet ${(parquetBytes / 1e6).toFixed(0)} MB${files.csv ? `, CSV ${(csvBytes / 1e6).toFixed(0)} MB` : ''}`,
      );
      // Larger sizes run Parquet only: their time is projected from the Parquet jobs alone.
      let total = generated;
      for (const job of ['rfm', 'pareto']) {
        for (const [kind, input] of [
          ['parquet', files.parquet],
          ['csv', files.csv],
        ]) {
          if (input === undefined) continue;
          const r = timeChild(fileURLToPath(import.meta.url), [
            '--child',
            job,
            input,
            join(dir, `${job}-${kind}-${rows}.csv`),
          ]);
          if (kind === 'parquet') total += r.seconds;
          console.log(
            `${label.padEnd(12)}${job.padEnd(8)}${kind.padEnd(9)}${pad(r.seconds.toFixed(2), 9)}${pad(Math.round(rows / r.seconds).toLocaleString('en'), 13)}${pad(r.cpu.toFixed(2), 8)}${pad(r.rssMb.toFixed(0), 9)}${pad(r.load.toFixed(1), 6)}`,
          );
        }
      }
      secondsPerRow = total / rows;
      bytesPerRow = parquetBytes / rows;
    }
  } finally {
    if (process.argv.includes('--keep')) console.log(`kept: ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5]);
else await main();
