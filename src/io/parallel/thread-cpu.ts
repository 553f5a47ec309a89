import { readFileSync } from 'node:fs';

/**
 * The CPU time of the calling thread (user + system, seconds, two decimals) from
 * /proc/thread-self/stat (Linux, 100 ticks a second); '?' elsewhere. For the trace of a read with
 * threads (PROSPECT_TEST_THREADS_TRACE): what each thread cost, not only the process.
 */
export function threadCpu(): string {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / 100).toFixed(2);
  } catch {
    return '?';
  }
}
