#!/usr/bin/env node
// Start-up: `prospect --version`, `--help` and `plan --objective 60000` against `node -e ''`, the
// yardstick (the least any Node program costs). Each is run in turn, RUNS times, and its fastest
// wall time kept, so that a busy moment of the machine does not count against one of them.
// Target (issue 18): at most 1.5x `node -e ''`.
// Usage: node bench/startup.bench.js [runs]   (default 25)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/prospect.js');
const RUNS = Number(process.argv[2] ?? 25);
const TARGET = 1.5;

const cases = [
  { label: "node -e ''", args: ['-e', ''] },
  { label: 'prospect --version', args: [bin, '--version'] },
  { label: 'prospect --help', args: [bin, '--help'] },
  {
    label: 'prospect plan --objective 60000 --format json',
    args: [bin, 'plan', '--objective', '60000', '--format', 'json'],
  },
  { label: 'prospect plan --objective 60000 (table)', args: [bin, 'plan', '--objective', '60000'] },
];

const best = new Map(cases.map((c) => [c.label, Infinity]));
for (let i = 0; i < RUNS; i++) {
  for (const c of cases) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, c.args, {
      cwd: root,
      env: { ...process.env, COLUMNS: '80' },
      stdio: 'ignore',
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (r.status !== 0) throw new Error(`${c.label} exited with ${r.status}`);
    best.set(c.label, Math.min(best.get(c.label), seconds));
  }
}

const yardstick = best.get(cases[0].label);
console.log(`fastest of ${RUNS} runs each, in turn (wall time)`);
for (const c of cases) {
  const s = best.get(c.label);
  const ratio = s / yardstick;
  const verdict =
    c === cases[0]
      ? 'yardstick'
      : `${ratio.toFixed(2)}x  target <= ${TARGET}x: ${ratio <= TARGET ? 'met' : 'NOT met'}`;
  console.log(`${c.label.padEnd(48)} ${(s * 1000).toFixed(0).padStart(5)} ms  ${verdict}`);
}
