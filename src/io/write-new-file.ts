import { closeSync, fsyncSync, linkSync, lstatSync, openSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { OutputError } from '../errors.js';
import type { Io } from './context.js';
import { randomTempTag, trackTemp, untrackTemp } from './temp-files.js';

function writeAll(fd: number, content: string): void {
  const bytes = Buffer.from(content, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/**
 * Creates `target` with `content`, never over an existing file, whole or not at all: the text is
 * written to a temporary file beside it, then hard-linked to its name (which fails if the name
 * exists). An existing file is an OutputError (73). `-` writes to stdout.
 */
export function writeNewFile(target: string, content: string, io: Io, hint: string): void {
  if (target === '-') {
    io.stdout(content);
    return;
  }
  const path = resolve(io.cwd, target);
  const exists = (): OutputError =>
    new OutputError({
      en: `${target}: already exists; prospect init never writes over a file. ${hint}`,
      fr: `${target} : existe déjà ; prospect init n’écrit jamais par-dessus un fichier. ${hint}`,
    });
  const cannot = (error: unknown): OutputError => {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return new OutputError({
      en: `${target}: cannot be created (${reason}); check the folder and its permissions.`,
      fr: `${target} : création impossible (${reason}) ; vérifiez le dossier et ses droits.`,
    });
  };
  try {
    if (lstatSync(path, { throwIfNoEntry: false }) !== undefined) throw exists();
  } catch (error) {
    throw error instanceof OutputError ? error : cannot(error);
  }
  const temp = resolve(dirname(path), `.${basename(path)}.${randomTempTag()}.tmp`);
  let fd: number | undefined;
  let linking = false;
  try {
    fd = openSync(temp, 'wx', 0o666);
    trackTemp(temp);
    writeAll(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    linking = true;
    linkSync(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw linking && code === 'EEXIST' ? exists() : cannot(error);
  } finally {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    untrackTemp(temp);
  }
}
