#!/usr/bin/env node
// Start-up: `prospect --version`, `--help` and `plan --objective 60000` against `node -e ''`, the
// yardstick (the least any Node program costs). Each is run in turn, RUNS times, and its fastest
// wall time kept, so that a busy moment of the machine does not count against one of them.
// Target (issue 18): at most 1.5x `node -e ''`.
// Environment variables that make Node itself do work at start-up (NODE_EXTRA_CA_CERTS reads and
// parses a bundle of certificates: about 60 ms of this machine's 88 ms of `node -e ''`) add the
// same fixed cost to both sides and so flatter the ratio. The verdict is taken without them, as on
// a user's machine; where they are set, the figures with them are printed too.
// Usage: node bench/startup.bench.js [runs | --runs N]   (default 25)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg, describeLoad, judge, reportVerdicts } from './lib.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/prospect.js');
const RUNS = Number(/^\d+$/.test(process.argv[2] ?? '') ? process.argv[2] : arg('--runs', '25'));
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

const STARTUP_WORK = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS'];
const clean = { ...process.env, COLUMNS: '80' };
for (const name of STARTUP_WORK) delete clean[name];
const asSet = STARTUP_WORK.filter((name) => process.env[name] !== undefined);
const environments = [{ label: 'clean environment (the verdict)', env: clean, verdict: true }];
if (asSet.length > 0) {
  environments.push({
    label: `with this machine's ${asSet.join(', ')} (for comparison only)`,
    env: { ...process.env, COLUMNS: '80' },
    verdict: false,
  });
}

console.log(describeLoad());
for (const environment of environments) {
  const best = new Map(cases.map((c) => [c.label, Infinity]));
  for (let i = 0; i < RUNS; i++) {
    for (const c of cases) {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, c.args, {
        cwd: root,
        env: environment.env,
        stdio: 'ignore',
      });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (r.status !== 0) throw new Error(`${c.label} exited with ${r.status}`);
      best.set(c.label, Math.min(best.get(c.label), seconds));
    }
  }

  const yardstick = best.get(cases[0].label);
  console.log(`${environment.label}: fastest of ${RUNS} runs each, in turn (wall time)`);
  for (const c of cases) {
    const s = best.get(c.label);
    const ratio = s / yardstick;
    const verdict =
      c === cases[0]
        ? 'yardstick'
        : environment.verdict
          ? `${ratio.toFixed(2)}x  target <= ${TARGET}x: ${ratio <= TARGET ? 'met' : 'NOT met'}`
          : `${ratio.toFixed(2)}x`;
    console.log(`${c.label.padEnd(48)} ${(s * 1000).toFixed(0).padStart(5)} ms  ${verdict}`);
  }
  if (environment.verdict) {
    reportVerdicts(
      'startup',
      `clean environment, fastest of ${RUNS} in turn`,
      cases.slice(1).map((c) =>
        judge({
          job: 'start-up',
          measure: c.label.replace(/^prospect /, ''),
          unit: 'ms',
          prospect: best.get(c.label) * 1000,
          against: "node -e ''",
          yardstick: yardstick * 1000,
          atMost: TARGET,
        }),
      ),
    );
  }
}
