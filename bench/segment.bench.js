#!/usr/bin/env node
// `prospect segment` on a synthetic client file of 1 million rows (generated in a temp dir, never
// committed): rows per second and peak memory (max RSS of the CLI process, from the kernel via
// /usr/bin/time -v when present, else process.resourceUsage() in a child wrapper).
// Usage: node bench/segment.bench.js [rows]   (default 1000000)
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
const rows = Number(process.argv[2] ?? 1_000_000);

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

function measure(args) {
  const useTime = existsSync('/usr/bin/time');
  const start = performance.now();
  const result = useTime
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, bin, ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      })
    : spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `process.argv.splice(1, 0, ${JSON.stringify(bin)}); process.on('exit', () => process.stderr.write('Maximum resident set size (kbytes): ' + process.resourceUsage().maxRSS + '\\n')); await import(${JSON.stringify(bin)});`,
          ...args,
        ],
        { encoding: 'utf8', maxBuffer: 1 << 28 },
      );
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`prospect ${args.join(' ')} failed:\n${result.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(result.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(result.stderr);
  const cpu = user && sys ? Number(user[1]) + Number(sys[1]) : Number.NaN;
  return { seconds, cpu, peakMb: rss ? Number(rss[1]) / 1024 : Number.NaN, stdout: result.stdout };
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
  const runs = [
    ['segment (summary)', ['segment', file, '--by', 'status,sector', '-f', 'json', '-q']],
    ['segment --tiers 3', ['segment', file, '--tiers', '3', '-f', 'json', '-q']],
    ['segment --by zone --tiers 3', ['segment', file, '--by', 'zone', '--tiers', '3', '-f', 'json', '-q']],
  ];
  for (const [label, args] of runs) {
    const { seconds, cpu, peakMb, stdout } = measure(args);
    const json = JSON.parse(stdout);
    if (json.rows.read !== rows) throw new Error(`expected ${rows} rows read, got ${json.rows.read}`);
    // Wall time depends on the machine's load; CPU time (user + system) less so.
    console.log(
      `${label.padEnd(30)} wall ${seconds.toFixed(2)} s (${Math.round(rows / seconds).toLocaleString('en')} rows/s)  ` +
        `cpu ${cpu.toFixed(2)} s (${Math.round(rows / cpu).toLocaleString('en')} rows/s)  peak RSS ${peakMb.toFixed(0)} MB`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
