// Small helpers shared by the benchmarks: run a command under /usr/bin/time for its wall time, CPU
// (user + system) and peak RSS, and take the fastest of several runs in turn.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

/** "load average 1.2 on 2 cores": the machine's state, to print with the figures. */
export function loadLine() {
  return `load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`;
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
