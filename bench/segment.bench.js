#!/usr/bin/env node
// `prospect segment` on a synthetic client file of 1 million rows (generated in a temp dir, never
// committed): rows per second and peak memory (max RSS of the CLI process, from the kernel via
// /usr/bin/time -v when present, else process.resourceUsage() in a child wrapper), side by side
// with DuckDB doing the same GROUP BY on the same file (read_csv with delim=';' and
// decimal_separator=','), single-threaded and with its default threads, whole process each.
// Each side runs --runs times in turn and its fastest run counts (CPU: the least).
// Usage: node bench/segment.bench.js [rows] [--runs 3]   (default 1000000 rows)
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/prospect.js');
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
const rows = Number(
  process.argv[2] !== undefined && !process.argv[2].startsWith('--') ? process.argv[2] : 1_000_000,
);

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A French-Excel-like client file: ";", decimal comma, dd/mm/yyyy, UTF-8. */
function generate(path, count) {
  const rand = prng(42);
  const statuses = ['Client', 'Client', 'Client', 'Prospect', 'Lead', 'Ancien client'];
  const sectors = ['Industrie', 'BTP', 'Commerce', 'Services', 'Santé', 'Transport', 'Agroalimentaire'];
  const regions = ['Île-de-France', 'Bretagne', 'Occitanie', 'Grand Est', 'Normandie', 'Hauts-de-France'];
  const maturities = ['Aride', 'Latent', 'Actif'];
  const fd = openSync(path, 'w');
  let buf =
    "N° client;Raison sociale;Statut;Secteur d'activité;Région;Chiffre d'affaires;Marge;Maturité;Dernière interaction\n";
  for (let i = 0; i < count; i++) {
    const status = statuses[Math.floor(rand() * statuses.length)];
    const client = status === 'Client' || status === 'Ancien client';
    const revenue = client ? (2000 * Math.exp(rand() * 4.6)).toFixed(2).replace('.', ',') : '';
    const margin = client ? (Number(revenue.replace(',', '.')) * 0.3).toFixed(2).replace('.', ',') : '';
    const maturity = client ? '' : maturities[Math.floor(rand() * 3)];
    const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
    const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
    buf += `C${i};Société ${i % 9973};${status};${sectors[i % sectors.length]};${regions[Math.floor(rand() * regions.length)]};${revenue};${margin};${maturity};${day}/${month}/2026\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

/** `segment --by status,sector`'s job in SQL (its statements): clients, revenue, margin and
 * maturity per cell. */
function duckdbSql(file, threads) {
  const read = `read_csv('${file}', delim = ';', decimal_separator = ',', header = true)`;
  return [
    ...(threads === 'default' ? [] : [`SET threads = ${threads}`]),
    `SELECT "Statut" AS status, "Secteur d'activité" AS sector, count(*) AS clients,
       sum("Chiffre d'affaires") AS revenue, sum("Marge") AS margin,
       count(*) FILTER (WHERE "Maturité" = 'Aride') AS arid,
       count(*) FILTER (WHERE "Maturité" = 'Latent') AS latent,
       count(*) FILTER (WHERE "Maturité" = 'Actif') AS active
FROM ${read} GROUP BY ALL ORDER BY revenue DESC NULLS LAST`,
  ];
}

/** The DuckDB side, in a child process of its own (this file with --duckdb FILE THREADS). */
async function runDuckdb(file, threads) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  let result;
  for (const statement of duckdbSql(file, threads)) result = await connection.runAndReadAll(statement);
  const cells = result.getRowObjectsJson();
  process.stdout.write(JSON.stringify({ clients: cells.reduce((n, c) => n + Number(c.clients), 0) }));
}

/** Runs `node ...argv` and measures its wall time, CPU time (user + system) and peak memory. */
function measure(args, argv = [bin, ...args]) {
  const useTime = existsSync('/usr/bin/time');
  const start = performance.now();
  const result = useTime
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...argv], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      })
    : spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `process.argv.splice(1, 0, ${JSON.stringify(argv[0])}); process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('Maximum resident set size (kbytes): ' + u.maxRSS + '\\nUser time (seconds): ' + u.userCPUTime / 1e6 + '\\nSystem time (seconds): ' + u.systemCPUTime / 1e6 + '\\n'); }); await import(${JSON.stringify(argv[0])});`,
          ...argv.slice(1),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 28 },
      );
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed:\n${result.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(result.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(result.stderr);
  const cpu = user && sys ? Number(user[1]) + Number(sys[1]) : Number.NaN;
  return { seconds, cpu, peakMb: rss ? Number(rss[1]) / 1024 : Number.NaN, stdout: result.stdout };
}

if (process.argv[2] === '--duckdb') {
  await runDuckdb(process.argv[3], process.argv[4]);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'prospect-bench-'));
try {
  const file = join(dir, 'clients.csv');
  const t0 = performance.now();
  generate(file, rows);
  const mb = statSync(file).size / 1048576;
  console.log(
    `load average ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).availableParallelism()} cores`,
  );
  console.log(
    `generated ${rows.toLocaleString('en')} rows (${mb.toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  writeFileSync(join(dir, '.keep'), '');
  const jobs = [
    ['segment --by status,sector', ['segment', file, '--by', 'status,sector', '-f', 'json', '-q']],
    ['duckdb threads=1', undefined, [fileURLToPath(import.meta.url), '--duckdb', file, '1']],
    ['duckdb default threads', undefined, [fileURLToPath(import.meta.url), '--duckdb', file, 'default']],
    ['segment --tiers 3', ['segment', file, '--tiers', '3', '-f', 'json', '-q']],
    ['segment --by zone --tiers 3', ['segment', file, '--by', 'zone', '--tiers', '3', '-f', 'json', '-q']],
  ];
  // Every job once per round, in turn: the machine's other load falls on all alike. The fastest
  // wall time and the least CPU time of each job count.
  const best = new Map();
  for (let round = 0; round < runs; round++) {
    for (const [label, args, argv] of jobs) {
      const run = measure(args, argv);
      const json = JSON.parse(run.stdout);
      const read = args === undefined ? json.clients : json.rows.read;
      if (read !== rows) throw new Error(`${label}: expected ${rows} rows read, got ${read}`);
      const was = best.get(label);
      best.set(
        label,
        was === undefined
          ? run
          : {
              seconds: Math.min(was.seconds, run.seconds),
              cpu: Math.min(was.cpu, run.cpu),
              peakMb: Math.min(was.peakMb, run.peakMb),
            },
      );
    }
  }
  console.log(`fastest of ${runs} runs each, in turn (wall time depends on the load; CPU time less so):`);
  for (const [label] of jobs) {
    const { seconds, cpu, peakMb } = best.get(label);
    console.log(
      `${label.padEnd(30)} wall ${seconds.toFixed(2)} s (${Math.round(rows / seconds).toLocaleString('en')} rows/s)  ` +
        `cpu ${cpu.toFixed(2)} s (${Math.round(rows / cpu).toLocaleString('en')} rows/s)  peak RSS ${peakMb.toFixed(0)} MB`,
    );
  }
  const ours = best.get('segment --by status,sector');
  const duck1 = best.get('duckdb threads=1');
  const duckN = best.get('duckdb default threads');
  const met = (ok) => (ok ? 'target met' : 'target NOT met');
  const rowsPerCpu = rows / ours.cpu;
  console.log(
    `prospect rows/s of CPU: ${Math.round(rowsPerCpu).toLocaleString('en')} (>= 1,000,000: ${met(rowsPerCpu >= 1e6)})`,
  );
  console.log(
    `prospect / duckdb threads=1: ${(ours.seconds / duck1.seconds).toFixed(2)}x wall (<= 1.2x: ${met(ours.seconds <= 1.2 * duck1.seconds)}), ` +
      `${(ours.cpu / duck1.cpu).toFixed(2)}x cpu, ${(ours.peakMb / duck1.peakMb).toFixed(2)}x peak RSS (<= 1x: ${met(ours.peakMb <= duck1.peakMb)})`,
  );
  console.log(
    `prospect / duckdb default threads: ${(ours.seconds / duckN.seconds).toFixed(2)}x wall, ${(ours.peakMb / duckN.peakMb).toFixed(2)}x peak RSS`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
