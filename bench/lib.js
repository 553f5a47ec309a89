// Shared helpers of the benchmarks: run one job (a child bench script, or any command under
// /usr/bin/time) and read back its wall time, CPU time (user + system) and peak memory (max RSS),
// take the fastest of several runs in turn, and say the machine's load while they ran.
//
// The child is the bench script itself started with `--child ...`; it calls `reportUsage()` at
// the end, which prints one BENCH-RSS line on stderr that `timeChild` parses.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { countVerdicts, formatVerdicts, verdictRecords } from './verdict.js';

export { judge } from './verdict.js';

/**
 * In a child: runs `prospect args` in this process through the built program (dist/main.js), with
 * no terminal and "today" fixed at noon of `asOf`; throws when it exits with another code than 0.
 */
export async function runProspect(args, asOf) {
  const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
  const { run } = await import(pathToFileURL(join(root, 'dist/main.js')).href);
  const io = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    now: () => new Date(`${asOf}T12:00:00`),
  };
  const code = await run(args, io);
  if (code !== 0) throw new Error(`prospect exited with ${code}`);
}

/** In the child: prints its peak RSS (KB) and CPU seconds on stderr, for `timeChild`. */
export function reportUsage() {
  const usage = process.resourceUsage();
  process.stderr.write(
    `\nBENCH-RSS ${usage.maxRSS} CPU ${(usage.userCPUTime + usage.systemCPUTime) / 1e6}\n`,
  );
}

/**
 * Runs `node script ...args` and returns { seconds (wall), cpu (s), rssMb, load (1-minute load
 * average at the end) }; throws with the child's stderr when it fails.
 */
export function timeChild(script, args, label = args.join(' ')) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${label} failed:\n${r.stderr}`);
  const m = /BENCH-RSS (\d+) CPU ([\d.]+)/.exec(r.stderr);
  const peakMb = m ? Number(m[1]) / 1024 : Number.NaN;
  return {
    seconds,
    cpu: m ? Number(m[2]) : Number.NaN,
    peakMb,
    rssMb: peakMb,
    load: loadavg()[0],
    stdout: r.stdout,
  };
}

/** "load average 1.2 on 2 cores": to print beside figures taken on a shared machine. */
export function describeLoad() {
  return `load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`;
}

/** The value after a flag on the command line (`--rows 1000`), or the fallback. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/**
 * Runs `command args` and measures it: wall seconds, CPU seconds (user + system) and peak RSS in MB
 * of the process (from /usr/bin/time; without it, CPU and RSS are NaN). Throws on a non-zero exit.
 */
export function measure(command, args, options = {}) {
  const timed = existsSync('/usr/bin/time');
  const start = performance.now();
  const r = timed
    ? spawnSync('/usr/bin/time', ['-f', 'BENCH-TIME %U %S %M', command, ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        ...options,
      })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  const m = /BENCH-TIME ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  return {
    seconds,
    cpu: m ? Number(m[1]) + Number(m[2]) : Number.NaN,
    peakMb: m ? Number(m[3]) / 1024 : Number.NaN,
    stdout: r.stdout,
  };
}

/**
 * Runs every job `runs` times, in turn (job 1, job 2, ..., then again), so that the machine's other
 * load weighs on all alike; keeps each job's run of least CPU time (CPU is steadier than wall
 * time on a shared machine) and its lowest peak RSS.
 */
export function fastestInTurn(jobs, runs) {
  const best = new Map();
  for (let r = 0; r < runs; r++) {
    for (const [name, run] of Object.entries(jobs)) {
      const m = run();
      const old = best.get(name);
      if (old === undefined) best.set(name, m);
      else
        best.set(name, {
          ...(m.cpu < old.cpu ? m : old),
          seconds: Math.min(m.seconds, old.seconds),
          peakMb: Math.min(m.peakMb, old.peakMb),
        });
    }
  }
  return Object.fromEntries(best);
}

/**
 * Prints a bench's verdicts as a table (bench/verdict.js) and, when bench/run.js runs the bench
 * (PROSPECT_BENCH_VERDICTS names a file), appends them there as JSON lines for its summary.
 */
export function reportVerdicts(bench, detail, verdicts) {
  console.log(`verdicts (${detail}):`);
  console.log(formatVerdicts(verdicts));
  console.log(countVerdicts(verdicts));
  const file = process.env.PROSPECT_BENCH_VERDICTS;
  if (file) appendFileSync(file, verdictRecords(bench, detail, verdicts));
}

/**
 * Fails the bench loudly when prospect and its yardstick did not do the same job: `ours` and
 * `theirs` are plain objects (counts per grade, per segment...) compared key by key.
 */
export function checkSameOutput(label, ours, theirs) {
  const sorted = (o) =>
    JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1))));
  if (sorted(ours) !== sorted(theirs)) {
    throw new Error(
      `${label}: prospect and DuckDB DISAGREE, so the yardstick is not doing the same job:\n` +
        `  prospect ${sorted(ours)}\n  duckdb   ${sorted(theirs)}`,
    );
  }
  console.log(`${label}: prospect and DuckDB agree (${Object.keys(ours).length} keys)`);
}

/** Whether DuckDB (the yardstick, bench/package.json or the root's node_modules) can be loaded. */
export async function hasDuckdb() {
  try {
    await import('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
}

/** Whether `prospect COMMAND --help` lists --threads (the worker-thread reader). */
export function commandHasThreads(command) {
  const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
  const r = spawnSync(process.execPath, [join(root, 'bin/prospect.js'), command, '--help'], {
    encoding: 'utf8',
  });
  return /--threads\b/.test(r.stdout ?? '');
}
