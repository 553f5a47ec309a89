// Why the reader is a hand-written scanner: csv-parse (the reference parser of the fuzz test,
// test/csv-fuzz.test.ts) against prospect's reader on the same order file (5 million rows by
// default: client id, ISO date, amount). Each job runs in its own child process; the fastest of
// `--runs` runs is shown, with its CPU time (user + system: steadier than wall time on a busy
// machine) and peak memory.
//
//   npm run bench csv-parse
//   node bench/csv-parse.bench.js [--rows 5000000] [--runs 1] [--keep]
//
// Jobs: csv-parse alone (records as arrays of strings, amounts summed with Number: the least a
// command needs), then prospect's reader by rows (forEachRow: a row object and its cells per
// record) and by columns (columnBatches: what rfm and pareto use). Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** mulberry32: every run reads the same file. */
function makeRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(path, rows) {
  const random = makeRandom(17);
  const start = Date.UTC(2023, 6, 1) / 86_400_000;
  const fd = openSync(path, 'w');
  writeSync(fd, 'client_id,order_date,amount\n');
  let lines = [];
  for (let i = 0; i < rows; i++) {
    const client = Math.floor(200_000 * random() ** 3);
    const day = new Date((start + Math.floor(random() * 1095)) * 86_400_000).toISOString().slice(0, 10);
    const cents = Math.floor(random() * 1_000_000);
    lines.push(`CL${String(client).padStart(6, '0')},${day},${(cents / 100).toFixed(2)}`);
    if (lines.length === 100_000) {
      writeSync(fd, lines.join('\n') + '\n');
      lines = [];
    }
  }
  if (lines.length > 0) writeSync(fd, lines.join('\n') + '\n');
  closeSync(fd);
}

async function child(job, file) {
  const started = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let rows = 0;
  let total = 0;
  if (job === 'csv-parse') {
    const { parse } = await import('csv-parse');
    const parser = createReadStream(file).pipe(parse({ from_line: 2 }));
    for await (const record of parser) {
      rows++;
      total += Number(record[2]);
    }
  } else {
    const { openTable } = await import(pathToFileURL(join(root, 'dist/io/read-table.js')).href);
    const io = {
      stdout: () => {},
      stderr: () => {},
      stdin: process.stdin,
      env: {},
      cwd: process.cwd(),
      stdinIsTTY: false,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      now: () => new Date(),
    };
    const spec = [
      { field: 'clientId', type: 'text', required: true },
      { field: 'orderDate', type: 'date', required: true },
      { field: 'amount', type: 'number', required: true },
    ];
    const reader = await openTable(file, spec, {}, io);
    if (job === 'prospect rows') {
      await reader.forEachRow((row) => {
        rows++;
        total += row.values.amount;
      });
    } else {
      for await (const batch of reader.columnBatches(['clientId', 'orderDate', 'amount'])) {
        const amounts = batch.numbers('amount');
        for (let i = 0; i < batch.length; i++) total += amounts[i];
        rows += batch.length;
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(JSON.stringify({ rows, total: Math.round(total * 100) / 100, seconds, cpuSeconds }));
}

async function main() {
  if (process.argv[2] === '--child') return child(process.argv[3], process.argv[4]);
  const rows = Number(arg('--rows', '5000000'));
  const runs = Number(arg('--runs', '1'));
  const dir = mkdtempSync(join(tmpdir(), 'prospect-csv-parse-bench-'));
  const file = join(dir, 'orders.csv');
  generate(file, rows);
  console.log(`${rows.toLocaleString('en')} rows, ${(statSync(file).size / 1e6).toFixed(0)} MB`);
  const results = [];
  for (const job of ['csv-parse', 'prospect rows', 'prospect columns']) {
    let best;
    for (let r = 0; r < runs; r++) {
      const out = spawnSync(
        '/usr/bin/time',
        ['-f', '%M', process.execPath, fileURLToPath(import.meta.url), '--child', job, file],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        },
      );
      if (out.status !== 0) throw new Error(`${job} failed: ${out.stderr}`);
      const result = JSON.parse(out.stdout);
      result.rssMb = Number(out.stderr.trim().split('\n').pop()) / 1024;
      if (best === undefined || result.seconds < best.seconds) best = result;
    }
    results.push({ job, ...best });
  }
  const base = results[0].seconds;
  const cpuBase = results[0].cpuSeconds;
  for (const r of results) {
    console.log(
      `${r.job.padEnd(18)} ${r.seconds.toFixed(2).padStart(7)} s (CPU ${r.cpuSeconds.toFixed(2)} s)  ${Math.round(
        r.rows / r.seconds,
      )
        .toLocaleString('en')
        .padStart(
          11,
        )} rows/s  ${r.rssMb.toFixed(0).padStart(5)} MB  csv-parse takes ${(base / r.seconds).toFixed(1)}x (CPU ${(cpuBase / r.cpuSeconds).toFixed(1)}x)  (rows ${r.rows}, total ${r.total})`,
    );
  }
  if (process.argv.includes('--keep')) console.log(`kept ${file}`);
  else rmSync(dir, { recursive: true, force: true });
}

await main();
