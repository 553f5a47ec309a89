#!/usr/bin/env node
// `prospect segment` on a synthetic client file of 1 million rows (generated in a temp dir, never
// committed): rows per second and peak memory (max RSS of the CLI process, from the kernel via
// /usr/bin/time -v when present, else process.resourceUsage() in a child wrapper), side by side
// with DuckDB doing the same GROUP BY on the same file (read_csv with delim=';' and
// decimal_separator=','), single-threaded and with its default threads, whole process each.
// Each side runs --runs times in turn and its fastest run counts (CPU: the least); prospect with
// --threads 1 and auto once `segment --help` lists --threads. Fails when the cells differ.
// Usage: node bench/segment.bench.js [rows | --rows N] [--runs 3]   (default 1000000 rows)
import { mkdtempSync, rmSync, statSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  arg,
  checkSameOutput,
  commandHasThreads,
  describeLoad,
  fastestInTurn,
  hasDuckdb,
  judge,
  measure,
  reportVerdicts,
} from './lib.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/prospect.js');
const runs = Number(arg('--runs', '3'));
const rows = Number(
  process.argv[2] !== undefined && /^\d+$/.test(process.argv[2]) ? process.argv[2] : arg('--rows', '1000000'),
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
  process.stdout.write(JSON.stringify(result.getRowObjectsJson()));
}

// The statuses of the generated file as prospect names them in its JSON (checked by the
// comparison below: a wrong name makes the bench fail, never pass).
const STATUS_KEYS = { Client: 'client', Prospect: 'prospect', Lead: 'lead', 'Ancien client': 'former' };
const cents = (x) => Math.round(Number(x ?? 0) * 100);

/** Per cell "status|sector": clients, revenue and margin in cents, maturity counts. */
function cellsOfProspect(json) {
  return Object.fromEntries(
    json.segments.map((s) => [
      `${s.key.status}|${s.key.sector}`,
      [
        s.clients,
        cents(s.revenue),
        cents(s.margin),
        s.maturity.arid,
        s.maturity.latent,
        s.maturity.active,
      ].join(' '),
    ]),
  );
}
function cellsOfDuckdb(rows) {
  return Object.fromEntries(
    rows.map((r) => [
      `${STATUS_KEYS[r.status] ?? r.status}|${r.sector}`,
      [r.clients, cents(r.revenue), cents(r.margin), r.arid, r.latent, r.active].map(Number).join(' '),
    ]),
  );
}

if (process.argv[2] === '--duckdb') {
  await runDuckdb(process.argv[3], process.argv[4]);
  process.exit(0);
}

if (!(await hasDuckdb()))
  throw new Error(
    'DuckDB, the yardstick, is not installed: npm install --prefix bench (npm run bench does it)',
  );
const dir = mkdtempSync(join(tmpdir(), 'prospect-bench-'));
try {
  const file = join(dir, 'clients.csv');
  const t0 = performance.now();
  generate(file, rows);
  const mb = statSync(file).size / 1048576;
  console.log(describeLoad());
  console.log(
    `generated ${rows.toLocaleString('en')} rows (${mb.toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  // --threads auto too once segment has it (prospect segment --help says so).
  const threads = commandHasThreads('segment');
  const segment = (args) => () =>
    measure(process.execPath, [bin, 'segment', file, ...args, '-f', 'json', '-q']);
  const duck = (threadCount) => () =>
    measure(process.execPath, [fileURLToPath(import.meta.url), '--duckdb', file, threadCount]);
  const BY = 'segment --by status,sector';
  const jobs = {
    [`${BY} --threads 1`]: segment(['--by', 'status,sector', ...(threads ? ['--threads', '1'] : [])]),
    ...(threads ? { [`${BY} --threads auto`]: segment(['--by', 'status,sector', '--threads', 'auto']) } : {}),
    'duckdb threads=1': duck('1'),
    'duckdb default threads': duck('default'),
    'segment --tiers 3': segment(['--tiers', '3']),
    'segment --by zone --tiers 3': segment(['--by', 'zone', '--tiers', '3']),
  };
  // Every job once per round, in turn: the machine's other load falls on all alike. The fastest
  // wall time, the least CPU time and the least peak RSS of each job count.
  const best = fastestInTurn(jobs, runs);
  for (const [label, run] of Object.entries(best)) {
    const json = JSON.parse(run.stdout);
    const read = label.startsWith('duckdb')
      ? json.reduce((n, c) => n + Number(c.clients), 0)
      : json.rows.read;
    if (read !== rows) throw new Error(`${label}: expected ${rows} rows read, got ${read}`);
  }
  // The same job: the same cells with the same counts, sums and maturities on both sides, and the
  // same JSON with --threads auto as with one thread.
  const ours = JSON.parse(best[`${BY} --threads 1`].stdout);
  checkSameOutput(
    'segment --by status,sector per cell',
    cellsOfProspect(ours),
    cellsOfDuckdb(JSON.parse(best['duckdb threads=1'].stdout)),
  );
  if (threads && best[`${BY} --threads auto`].stdout !== best[`${BY} --threads 1`].stdout)
    throw new Error('segment: --threads auto printed another JSON than --threads 1');
  console.log(`fastest of ${runs} runs each, in turn (wall time depends on the load; CPU time less so):`);
  for (const [label, { seconds, cpu, peakMb }] of Object.entries(best)) {
    console.log(
      `${label.padEnd(38)} wall ${seconds.toFixed(2)} s (${Math.round(rows / seconds).toLocaleString('en')} rows/s)  ` +
        `cpu ${cpu.toFixed(2)} s (${Math.round(rows / cpu).toLocaleString('en')} rows/s)  peak RSS ${peakMb.toFixed(0)} MB`,
    );
  }
  const mine = best[`${BY} --threads 1`];
  const mineN = best[`${BY} --threads ${threads ? 'auto' : '1'}`];
  const duck1 = best['duckdb threads=1'];
  const duckN = best['duckdb default threads'];
  const job = 'segment';
  const one = 'duckdb 1 thread';
  const all = 'duckdb all threads';
  const t1 = threads ? ', --threads 1' : '';
  const tN = threads ? ', --threads auto' : ' (no --threads yet)';
  const verdicts = [
    judge({ job, measure: `CPU rows/s${t1}`, unit: 'rows/s', prospect: rows / mine.cpu, atLeast: 1e6 }),
    judge({
      job,
      measure: `wall${t1}`,
      unit: 's',
      prospect: mine.seconds,
      against: one,
      yardstick: duck1.seconds,
      atMost: 1.2,
    }),
    judge({
      job,
      measure: `wall${tN}`,
      unit: 's',
      prospect: mineN.seconds,
      against: all,
      yardstick: duckN.seconds,
      atMost: 1.0,
    }),
    judge({
      job,
      measure: `peak RSS${t1}`,
      unit: 'MB',
      prospect: mine.peakMb,
      against: one,
      yardstick: duck1.peakMb,
      atMost: 1.0,
    }),
    judge({
      job,
      measure: `peak RSS${tN}`,
      unit: 'MB',
      prospect: mineN.peakMb,
      against: all,
      yardstick: duckN.peakMb,
      atMost: 1.0,
    }),
    judge({ job, measure: `CPU${t1}`, unit: 's', prospect: mine.cpu, against: one, yardstick: duck1.cpu }),
  ];
  reportVerdicts(
    'segment',
    `${rows.toLocaleString('en')} client rows, ${mb.toFixed(0)} MB, fastest of ${runs} in turn`,
    verdicts,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
