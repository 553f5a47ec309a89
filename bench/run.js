#!/usr/bin/env node
// Runs every bench/*.bench.js in turn (each one a standalone script that prints its figures and
// its verdicts), then prints one summary table of every verdict (bench/verdict.js), with the load
// average at the start and at the end. `npm run bench` builds first, then runs this.
// Benchmarks are never part of `npm test`.
//
//   node bench/run.js [name] [--runs N] [--rows N] ...
//     NAME: only the benches whose file name contains it (or one of a comma-separated list); the flags (each with its value) are
//     passed on to every bench, e.g. `--rows 100000 --runs 1` for a quick check of the verdicts.
//
// Each bench appends its verdicts as JSON lines to the file named by PROSPECT_BENCH_VERDICTS.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary } from './verdict.js';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
// The flags and their values go to every bench; the one word without a flag is the name filter.
const passOn = [];
let only;
for (let i = 0; i < argv.length; i++) {
  if (argv[i].startsWith('--')) passOn.push(argv[i], argv[++i]);
  else only = argv[i];
}
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => only === undefined || only.split(',').some((name) => f.includes(name)))
  .sort();
const dir = mkdtempSync(join(tmpdir(), 'prospect-bench-verdicts-'));
const verdictFile = join(dir, 'verdicts.jsonl');
writeFileSync(verdictFile, '');
const loadStart = loadavg()[0];
const failed = [];
for (const bench of benches) {
  console.log(`\n== ${bench}`);
  const result = spawnSync(process.execPath, [join(here, bench), ...passOn], {
    stdio: 'inherit',
    env: { ...process.env, PROSPECT_BENCH_VERDICTS: verdictFile },
  });
  if (result.status !== 0) {
    failed.push(`${bench} (exit ${result.status ?? result.signal})`);
    console.log(`${bench} failed (exit ${result.status ?? result.signal})`);
  }
}
const records = readFileSync(verdictFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));
rmSync(dir, { recursive: true, force: true });
console.log(
  '\n' + formatSummary(records, { loadStart, loadEnd: loadavg()[0], cores: availableParallelism(), failed }),
);
process.exitCode = failed.length === 0 ? 0 : 1;
