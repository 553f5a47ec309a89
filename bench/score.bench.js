// Benchmark of `prospect score` on a synthetic client file of 1 million rows (generated in a
// temporary directory, deleted afterwards), with the example grid (fixtures/grid.yaml).
// Side by side with DuckDB computing the same grid in SQL (1 thread, then its default threads); the
// grade counts of both must agree. Prints CPU (user + system), wall time and peak RSS of each
// process, the least CPU of --runs runs in turn, the ratios and whether the targets are met.
// Run: npm run build && node bench/score.bench.js [rows | --rows N] [--runs 3]   (npm run bench runs them all)
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  arg,
  checkSameOutput,
  describeLoad,
  fastestInTurn,
  hasDuckdb,
  judge,
  measure,
  reportVerdicts,
} from './lib.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/prospect.js');
const GRID = join(ROOT, 'fixtures/grid.yaml');
const ROWS = Number(/^\d+$/.test(process.argv[2] ?? '') ? process.argv[2] : arg('--rows', '1000000'));

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

// The example grid (fixtures/grid.yaml) written by hand in SQL for DuckDB, one CASE per criterion:
// fit = sector + size + region capped at 60; behaviour = decayed last interaction + e-mail capped
// at 40; plus the website; the total capped at 100; grades A >= 70, B >= 40, else C.
const AS_OF = '2026-11-23';
function gridSql(input) {
  const norm = (col) => `lower(strip_accents(trim(${col})))`;
  return `
  WITH t AS (SELECT * FROM read_csv('${input}', header = true, columns = {
         'client_id': 'VARCHAR', 'company': 'VARCHAR', 'sector': 'VARCHAR', 'employees': 'DOUBLE',
         'region': 'VARCHAR', 'last_contact': 'DATE', 'email': 'VARCHAR', 'website': 'VARCHAR'})),
  p AS (SELECT *,
    CASE WHEN coalesce(trim(sector), '') = '' THEN -5
         WHEN ${norm('sector')} IN ('industrie', 'sante') THEN 25
         WHEN ${norm('sector')} IN ('services', 'commerce') THEN 15
         WHEN ${norm('sector')} = 'tabac' THEN -20 ELSE 0 END
    + CASE WHEN employees >= 250 THEN 25 WHEN employees >= 50 THEN 15 WHEN employees >= 10 THEN 5 ELSE 0 END
    + CASE WHEN ${norm('region')} IN ('ile-de-france', 'auvergne-rhone-alpes') THEN 10
           WHEN ${norm('region')} = 'occitanie' THEN 5 ELSE 0 END AS fit,
    CASE WHEN last_contact <= DATE '${AS_OF}' AND last_contact >= DATE '${AS_OF}' - 365
         THEN 30 * pow(0.5, (DATE '${AS_OF}' - last_contact) / 90.0) ELSE 0 END
    + CASE WHEN coalesce(trim(email), '') = '' THEN -10
           WHEN regexp_matches(email, '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$', 'i') THEN 10 ELSE 0 END AS behaviour,
    CASE WHEN coalesce(trim(website), '') = '' THEN 0 ELSE 5 END AS site
    FROM t),
  s AS (SELECT p.* EXCLUDE (fit, behaviour, site),
               least(least(fit, 60) + least(behaviour, 40) + site, 100) AS score FROM p),
  g AS (SELECT *, CASE WHEN score >= 70 - 1e-9 THEN 'A' WHEN score >= 40 - 1e-9 THEN 'B' ELSE 'C' END AS grade
        FROM s)`;
}

/** The DuckDB side, in a child process: the grade counts (summary) or the scored CSV. */
async function runDuckChild() {
  const [, , , job, input, output, threads] = process.argv;
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  if (threads !== 'default') await db.run(`SET threads = ${threads}`);
  if (job === 'summary') {
    const rows = (
      await db.runAndReadAll(
        `${gridSql(input)} SELECT grade, count(*)::INTEGER AS n, avg(score) AS mean FROM g GROUP BY grade ORDER BY grade`,
      )
    ).getRowObjectsJS();
    process.stdout.write(JSON.stringify(Object.fromEntries(rows.map((r) => [r.grade, r.n]))));
  } else {
    // the input's columns, then score, score_100 (bounds -30..100), grade and maturity
    await db.run(`COPY (${gridSql(input)}
      SELECT *, round((score + 30) / 130 * 100, 2) AS score_100,
             CASE grade WHEN 'A' THEN 'active' WHEN 'B' THEN 'latent' ELSE 'arid' END AS maturity FROM g
    ) TO '${output}' (HEADER)`);
  }
}

/** Grade -> count, from a scored CSV (its grade column: the last but one). */
function gradeCounts(path) {
  const counts = {};
  const text = readFileSync(path, 'utf8');
  let at = text.indexOf('\n') + 1;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end).trimEnd();
    const cells = line.split(',');
    const grade = cells[cells.length - 2];
    counts[grade] = (counts[grade] ?? 0) + 1;
    at = end < 0 ? text.length : end + 1;
  }
  return counts;
}

async function main() {
  const runs = Number(arg('--runs', '3'));
  const dir = mkdtempSync(join(tmpdir(), 'prospect-bench-score-'));
  try {
    const file = join(dir, 'clients.csv');
    const t0 = performance.now();
    generate(file, ROWS);
    const mb = statSync(file).size / 1e6;
    console.log(describeLoad());
    console.log(
      `generated ${ROWS.toLocaleString('en')} rows (${mb.toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const common = [file, '--grid', GRID, '--as-of', AS_OF, '-q'];
    const prospect = (args) => () => measure(process.execPath, [BIN, 'score', ...common, ...args]);
    const last = `C${String(ROWS).padStart(7, '0')}`;
    const jobs = {
      'prospect score (summary table)': prospect([]),
      'prospect score --explain': prospect(['--explain', last]),
      'prospect score -f csv -o': prospect(['-f', 'csv', '-o', join(dir, 'scored.csv')]),
      // every client with its breakdown (about 1.9 GB for 1 M clients), and the workbook
      'prospect score -f json -o': prospect(['-f', 'json', '-o', join(dir, 'scored.json')]),
      'prospect score -o .xlsx': prospect(['-o', join(dir, 'scored.xlsx')]),
    };
    const duck = await hasDuckdb();
    if (!duck) {
      console.log('DuckDB is not installed (npm install --prefix bench): the yardstick is left out');
    }
    if (duck) {
      const child = (job, threads) => () =>
        measure(process.execPath, [
          fileURLToPath(import.meta.url),
          '--child',
          job,
          file,
          join(dir, `duck-${threads}.csv`),
          threads,
        ]);
      jobs['duckdb summary threads=1'] = child('summary', '1');
      jobs['duckdb summary default'] = child('summary', 'default');
      jobs['duckdb csv threads=1'] = child('csv', '1');
      jobs['duckdb csv default'] = child('csv', 'default');
    }
    const best = fastestInTurn(jobs, runs);
    const pad = (s, n) => String(s).padStart(n);
    console.log(`least CPU of ${runs} runs each, in turn (wall: the fastest run):`);
    console.log(
      `${'job'.padEnd(34)}${pad('wall s', 8)}${pad('cpu s', 8)}${pad('rows/s cpu', 13)}${pad('peak MB', 9)}`,
    );
    for (const [name, m] of Object.entries(best))
      console.log(
        `${name.padEnd(34)}${pad(m.seconds.toFixed(2), 8)}${pad(m.cpu.toFixed(2), 8)}${pad(Math.round(ROWS / m.cpu).toLocaleString('en'), 13)}${pad(m.peakMb.toFixed(0), 9)}`,
      );
    const summary = best['prospect score (summary table)'];
    const csv = best['prospect score -f csv -o'];
    const job = 'score';
    const verdicts = [
      judge({
        job,
        measure: 'CPU rows/s (summary)',
        unit: 'rows/s',
        prospect: ROWS / summary.cpu,
        atLeast: 1e6,
      }),
      // memory bounded by the grid, not the file: the CSV of every row at most 10 % over the summary
      judge({
        job,
        measure: 'peak RSS -f csv -o (streamed)',
        unit: 'MB',
        prospect: csv.peakMb,
        against: 'score summary',
        yardstick: summary.peakMb,
        atMost: 1.1,
      }),
    ];
    if (duck) {
      // The same job: the grade counts of prospect's scored CSV and of DuckDB's grid in SQL.
      const theirs = JSON.parse(
        measure(process.execPath, [fileURLToPath(import.meta.url), '--child', 'summary', file, '-', '1'])
          .stdout,
      );
      checkSameOutput('score grade counts', gradeCounts(join(dir, 'scored.csv')), theirs);
      const one = 'duckdb 1 thread';
      const all = 'duckdb all threads';
      for (const [label, mine, duck1, duckN] of [
        ['summary', summary, best['duckdb summary threads=1'], best['duckdb summary default']],
        ['-f csv -o', csv, best['duckdb csv threads=1'], best['duckdb csv default']],
      ]) {
        const v = (measure, unit, a, against, b, atMost) =>
          verdicts.push(
            judge({
              job,
              measure: `${measure} (${label})`,
              unit,
              prospect: a,
              against,
              yardstick: b,
              atMost,
            }),
          );
        v('wall', 's', mine.seconds, one, duck1.seconds, 1.2);
        v('wall', 's', mine.seconds, all, duckN.seconds, undefined);
        v('peak RSS', 'MB', mine.peakMb, one, duck1.peakMb, 1.0);
        v('CPU', 's', mine.cpu, one, duck1.cpu, undefined);
      }
    }
    reportVerdicts(
      'score',
      `${ROWS.toLocaleString('en')} client rows, ${mb.toFixed(0)} MB, fastest of ${runs} in turn`,
      verdicts,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  runDuckChild().catch((error) => {
    process.stderr.write(String(error?.stack ?? error) + '\n');
    process.exitCode = 1;
  });
} else {
  main().catch((error) => {
    process.stderr.write(String(error?.stack ?? error) + '\n');
    process.exitCode = 1;
  });
}
