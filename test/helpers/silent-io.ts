import { Readable } from 'node:stream';
import type { Io } from '../../src/io/context.js';

/** An Io that prints nothing, reads an empty stdin and says it is 2026-11-23 noon UTC. */
export function silentIo(cwd: string): Io {
  return {
    stdout: () => {},
    stderr: () => {},
    stdin: Readable.from([]),
    env: {},
    cwd,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    now: () => new Date('2026-11-23T12:00:00Z'),
  };
}
