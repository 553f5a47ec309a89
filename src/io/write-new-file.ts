import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { OutputError } from '../errors.js';
import type { Io } from './context.js';

/**
 * Creates `target` with `content`, never over an existing file (exclusive create): an existing
 * file is an OutputError (73). `-` writes to stdout.
 */
export function writeNewFile(target: string, content: string, io: Io, hint: string): void {
  if (target === '-') {
    io.stdout(content);
    return;
  }
  const path = resolve(io.cwd, target);
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new OutputError(`${target}: already exists; prospect init never writes over a file. ${hint}`);
    }
    throw new OutputError(`${target}: cannot be created (${code ?? String(error)}).`);
  }
  try {
    writeSync(fd, content);
  } catch (error) {
    throw new OutputError(
      `${target}: cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
    );
  } finally {
    closeSync(fd);
  }
}
