// Benchmark of `prospect score` on a synthetic client file of 1 million rows (generated in a
// temporary directory, deleted afterwards), with the example grid (fixtures/grid.yaml).
// Run: npm run build && node bench/score.bench.js [rows]   (npm run bench runs every bench file)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/prospect.js');
const GRID = join(ROOT, 'fixtures/grid.yaml');
const ROWS = Number(process.argv[2] ?? 1_000_000);

const SECTORS = ['Industrie', 'Santé', 'Services', 'Commerce', 'Tabac', 'Transport', ''];
const REGIONS = ['Île-de-France', 'Auvergne-Rhône-Alpes', 'Occitanie', 'Bretagne', 'Grand Est', 'Normandie'];

/** A small deterministic generator (mulberry32), so every run reads the same file. */
function random(seed) {
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
  const next = random(42);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const asOf = Date.UTC(2026, 10, 23);
  const lines = ['client_id,company,sector,employees,region,last_contact,email,website'];
  const chunks = [];
  for (let i = 1; i <= rows; i++) {
    const id = `C${String(i).padStart(7, '0')}`;
    const employees = next() < 0.05 ? '' : String(Math.floor(Math.exp(next() * 8)));
    const last =
      next() < 0.2 ? '' : new Date(asOf - Math.floor(next() * 800) * 86_400_000).toISOString().slice(0, 10);
    const email = next() < 0.15 ? '' : `contact${i}@example${i % 97}.fr`;
    const site = next() < 0.4 ? '' : `example${i % 97}.fr`;
    lines.push(`${id},Company ${i},${pick(SECTORS)},${employees},${pick(REGIONS)},${last},${email},${site}`);
    if (lines.length >= 50_000) {
      chunks.push(lines.join('\n'));
      lines.length = 0;
    }
  }
  if (lines.length) chunks.push(lines.join('\n'));
  writeFileSync(path, chunks.join('\n') + '\n');
}

function time(label, args) {
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', BIN, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) {
    console.error(r.stderr);
    throw new Error(`${label}: exit ${r.status}`);
  }
  console.log(`${label.padEnd(40)} ${seconds.toFixed(2)} s`);
  return seconds;
}

const dir = mkdtempSync(join(tmpdir(), 'prospect-bench-score-'));
try {
  const file = join(dir, 'clients.csv');
  const t0 = performance.now();
  generate(file, ROWS);
  const mb = statSync(file).size / 1e6;
  console.log(
    `generated ${ROWS} rows (${mb.toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const common = [file, '--grid', GRID, '--as-of', '2026-11-23', '-q'];
  time('score (table: summary + histogram)', ['score', ...common]);
  time('score --format csv -o', ['score', ...common, '-f', 'csv', '-o', join(dir, 'scored.csv')]);
  time('score --explain one client', ['score', ...common, '--explain', `C${String(ROWS).padStart(7, '0')}`]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
