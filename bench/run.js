#!/usr/bin/env node
// Runs every bench/*.bench.js in turn (each one a standalone script that prints its figures).
// `npm run bench` builds first, then runs this. Benchmarks are never part of `npm test`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => only === undefined || f.includes(only))
  .sort();
let failed = 0;
for (const bench of benches) {
  console.log(`\n== ${bench}`);
  const result = spawnSync(process.execPath, [join(here, bench)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.log(`${bench} failed (exit ${result.status})`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
