// Shared helpers of the benchmarks: run one job in a child process and read back its wall time,
// CPU time (user + system) and peak memory (max RSS), and the machine's load while it ran.
//
// The child is the bench script itself started with `--child ...`; it calls `reportUsage()` at
// the end, which prints one BENCH-RSS line on stderr that `timeChild` parses.
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';

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
  return {
    seconds,
    cpu: m ? Number(m[2]) : Number.NaN,
    rssMb: m ? Number(m[1]) / 1024 : Number.NaN,
    load: loadavg()[0],
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
