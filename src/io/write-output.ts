import {
  closeSync,
  existsSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { OutputError } from '../errors.js';
import { tr, type Lang, type Texts } from '../i18n.js';
import type { Io } from './context.js';
import { runFilesOf } from './run-files.js';
import { markCommitted, randomTempTag, trackTemp, untrackTemp, withDefaultSignals } from './temp-files.js';

/** An output being written: bytes go in, then `commit` makes it whole, or `abort` leaves nothing. */
export interface OutputHandle {
  write(bytes: Uint8Array | string): void;
  commit(): void;
  abort(): void;
}

function reasonOf(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (typeof e?.code === 'string' && typeof e.syscall === 'string') return `${e.code}, ${e.syscall}`;
  return error instanceof Error ? error.message : String(error);
}

function missingFolder(lang: Lang, target: string, folder: string, flag: string): OutputError {
  return new OutputError(
    tr(lang, {
      en: `${target}: the folder ${folder} does not exist; create it or choose another ${flag}.`,
      fr: `${target} : le dossier ${folder} n'existe pas ; créez-le ou choisissez un autre ${flag}.`,
    }),
  );
}

/**
 * Refuses at once (OutputError, 73) an output whose folder does not exist, so that a long run
 * does not end on it; called for every output flag before the command starts.
 */
export function checkOutputFolder(io: Io, flag: string, target: string): void {
  if (target === '-') return;
  const folder = dirname(followLinks(resolve(io.cwd, target)));
  if (!existsSync(folder)) throw missingFolder(runFilesOf(io).lang, target, folder, flag);
}

/** Where a path leads through symlinks, even to a file that does not exist yet. */
function followLinks(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // a dangling link (or a new file): follow the links by hand
  }
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    let stats: Stats | undefined;
    try {
      stats = lstatSync(current, { throwIfNoEntry: false });
    } catch {
      return current;
    }
    if (stats === undefined || !stats.isSymbolicLink()) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  return current;
}

function writeAll(fd: number, content: Uint8Array | string): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/**
 * Opens the output `target` (named by `flag` in messages) for writing, whole or not at all:
 * - a regular file (or a new one) is written to a temporary file beside it, flushed, then renamed
 *   over it, keeping an existing file's mode (and owner, when run as root);
 * - a symlink is followed: its target is written (atomically when it is a regular file);
 * - a FIFO, a device or any other non-regular file is written directly (no rename over it);
 * - an input of the run is refused (OutputError, 73), as is a target that cannot be written.
 */
export function openOutput(target: string, io: Io, flag = '--output'): OutputHandle {
  const files = runFilesOf(io);
  const say = (text: Texts): OutputError => new OutputError(tr(files.lang, text));
  const cannot = (error: unknown): OutputError =>
    say({
      en: `${target}: cannot be written (${reasonOf(error)}); nothing was written. Check the path, the free space and the rights, or choose another ${flag}.`,
      fr: `${target} : écriture impossible (${reasonOf(error)}) ; rien n'a été écrit. Vérifiez le chemin, l'espace libre et les droits, ou choisissez un autre ${flag}.`,
    });
  files.checkOutput(io, flag, target);
  const path = followLinks(resolve(io.cwd, target));
  let stats: Stats | undefined;
  try {
    stats = statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    throw cannot(error);
  }
  if (stats?.isDirectory()) {
    throw say({
      en: `${target}: is a folder; expected a file name. Choose another ${flag}.`,
      fr: `${target} : est un dossier ; un nom de fichier est attendu. Choisissez un autre ${flag}.`,
    });
  }
  if (stats !== undefined && !stats.isFile()) {
    // FIFO, device, socket: written in place; opening a FIFO waits for its reader.
    // Written in place: a failure after the first bytes leaves them with the reader.
    const incomplete = (error: unknown): OutputError =>
      say({
        en: `${target}: cannot be written (${reasonOf(error)}); what it received is incomplete.`,
        fr: `${target} : écriture impossible (${reasonOf(error)}) ; ce qu'il a reçu est incomplet.`,
      });
    let fd: number | undefined;
    try {
      fd = withDefaultSignals(() => openSync(path, 'w'));
    } catch (error) {
      throw cannot(error);
    }
    const close = (): void => {
      if (fd === undefined) return;
      const open = fd;
      fd = undefined;
      closeSync(open);
    };
    return {
      write: (content) => {
        try {
          writeAll(fd as number, content);
        } catch (error) {
          throw incomplete(error);
        }
      },
      commit: () => {
        try {
          close();
        } catch (error) {
          throw incomplete(error);
        }
        markCommitted();
      },
      abort: () => {
        try {
          close();
        } catch {
          // already failed
        }
      },
    };
  }
  const folder = dirname(path);
  if (!existsSync(folder)) throw missingFolder(files.lang, target, folder, flag);
  const temp = resolve(folder, `.${basename(path)}.${randomTempTag()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', stats === undefined ? 0o666 : 0o600);
    trackTemp(temp);
    if (stats !== undefined) {
      if (process.getuid?.() === 0 && (stats.uid !== 0 || stats.gid !== 0))
        fchownSync(fd, stats.uid, stats.gid);
      fchmodSync(fd, stats.mode & 0o7777);
    }
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    untrackTemp(temp);
    throw cannot(error);
  }
  const abort = (): void => {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failed
      }
      fd = undefined;
    }
    rmSync(temp, { force: true });
    untrackTemp(temp);
  };
  return {
    write: (content) => {
      try {
        writeAll(fd as number, content);
      } catch (error) {
        abort();
        throw cannot(error);
      }
    },
    commit: () => {
      try {
        fsyncSync(fd as number);
        closeSync(fd as number);
        fd = undefined;
        renameSync(temp, path);
        untrackTemp(temp);
        markCommitted();
      } catch (error) {
        abort();
        throw cannot(error);
      }
    },
    abort,
  };
}

/**
 * Writes `content` to `target` whole or not at all (see `openOutput`). `-` (or no target) writes
 * to stdout. Refuses to overwrite an input of the run (`inputs` adds files to the run's inputs).
 */
export function writeOutput(
  target: string | undefined,
  content: string | Uint8Array,
  io: Io,
  inputs: readonly string[] = [],
  flag = '--output',
): void {
  if (target === undefined || target === '-') {
    io.stdout(typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
    return;
  }
  const files = runFilesOf(io);
  for (const input of inputs) files.addInput(io, input);
  const output = openOutput(target, io, flag);
  try {
    output.write(content);
  } catch (error) {
    output.abort();
    throw error;
  }
  output.commit();
}
