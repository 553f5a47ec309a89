import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { OutputError } from '../errors.js';
import type { Io } from './context.js';

function samePath(a: string, b: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

/**
 * Writes `content` to `target` whole or not at all: a temporary file beside it, flushed, then
 * renamed over the target. `-` (or no target) writes to stdout. Refuses to overwrite an input.
 */
export function writeOutput(
  target: string | undefined,
  content: string | Uint8Array,
  io: Io,
  inputs: readonly string[] = [],
): void {
  if (target === undefined || target === '-') {
    io.stdout(typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
    return;
  }
  const path = resolve(io.cwd, target);
  for (const input of inputs) {
    if (input !== '-' && samePath(path, resolve(io.cwd, input))) {
      throw new OutputError(
        `${target}: is an input of this run; choose another --output so the input is kept.`,
      );
    }
  }
  const folder = dirname(path);
  if (!existsSync(folder)) {
    throw new OutputError(
      `${target}: the folder ${folder} does not exist; create it or choose another --output.`,
    );
  }
  const temp = resolve(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o644);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new OutputError(`${target}: cannot write the output (${reason}).`);
  }
}
