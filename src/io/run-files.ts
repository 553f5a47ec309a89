import { fstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { OutputError } from '../errors.js';
import { tr, type Lang } from '../i18n.js';
import type { Io } from './context.js';

/** A file's identity: device and inode (a symlink, a hard link, `./x` and `x` are one file). */
type FileKey = string;

function keyOf(stats: { dev: bigint; ino: bigint }): FileKey {
  return `${stats.dev}:${stats.ino}`;
}

/** The identity of an existing file (through symlinks), or undefined when there is none. */
function fileKey(path: string): FileKey | undefined {
  try {
    const stats = statSync(path, { bigint: true, throwIfNoEntry: false });
    return stats === undefined ? undefined : keyOf(stats);
  } catch {
    return undefined; // unreadable folder, loop of links: the reader will say so
  }
}

/**
 * The files a run reads, by identity, and the check that no output of the run is one of them.
 * One per run (main.ts starts it); the flags are registered before anything is read, and every
 * reader registers the file it opens, so an output can never be written over an input, whatever
 * flag named it and whatever path (symlink, hard link, `./`, stdin) led to it.
 */
export class RunFiles {
  private readonly inputs = new Map<FileKey, string>();
  /** The `--rejects` files of the run (rejects-file.ts), made once the run has succeeded. */
  readonly rejectsFiles: { target: string; make(): void; drop(): void }[] = [];
  /** Set by main.ts: the rejects files are made by `finishRun`, once, after the command. */
  defersRejects = false;

  constructor(readonly lang: Lang = 'en') {}

  /** Ends the run: makes its rejects files when it succeeded, else drops them (nothing written). */
  finishRun(succeeded: boolean): void {
    const pending = this.rejectsFiles.splice(0);
    try {
      if (succeeded) for (const file of pending) file.make();
    } finally {
      for (const file of pending) file.drop();
    }
  }

  /** Registers a file the run reads (`-`: stdin, by the identity of fd 0 when it is the process's). */
  addInput(io: Io, path: string): void {
    let key: FileKey | undefined;
    if (path === '-') {
      if (io.stdin !== process.stdin) return;
      try {
        key = keyOf(fstatSync(0, { bigint: true }));
      } catch {
        return;
      }
    } else {
      key = fileKey(resolve(io.cwd, path));
    }
    if (key !== undefined && !this.inputs.has(key)) this.inputs.set(key, path === '-' ? '<stdin>' : path);
  }

  /** The input with this identity, if any. */
  inputByKey(key: FileKey): string | undefined {
    return this.inputs.get(key);
  }

  /** The input that `target` is (as given), if it is one. */
  inputAt(io: Io, target: string): string | undefined {
    if (target === '-') return undefined;
    const key = fileKey(resolve(io.cwd, target));
    return key === undefined ? undefined : this.inputs.get(key);
  }

  /** Throws an OutputError (73) when `target`, named by `flag`, is an input of the run. */
  checkOutput(io: Io, flag: string, target: string): void {
    const input = this.inputAt(io, target);
    if (input === undefined) return;
    const same = input === target ? '' : ` (${input})`;
    throw new OutputError(
      tr(this.lang, {
        en: `${target}: is an input of this run${same}; it is kept unchanged and nothing was written. Choose another ${flag} file.`,
        fr: `${target} : est une entrée de cette exécution${same} ; elle reste intacte et rien n'a été écrit. Choisissez un autre fichier pour ${flag}.`,
      }),
    );
  }
}

const runs = new WeakMap<Io, RunFiles>();
/** The Io of the process itself (main.ts runCli): its stdout is file descriptor 1. */
const processIos = new WeakSet<Io>();

/** Marks `io` as the process's own (its stdout is fd 1), so that `checkStdout` can look at it. */
export function markProcessIo(io: Io): void {
  processIos.add(io);
}

/**
 * Throws an OutputError (73) when stdout is redirected to a regular file the run reads
 * (`prospect segment in.csv >> in.csv`): the output would be written into its own input.
 */
export function checkStdout(io: Io): void {
  if (!processIos.has(io)) return;
  let key: FileKey;
  try {
    const stats = fstatSync(1, { bigint: true });
    if (!stats.isFile()) return;
    key = keyOf(stats);
  } catch {
    return;
  }
  const files = runFilesOf(io);
  const input = files.inputByKey(key);
  if (input === undefined) return;
  throw new OutputError(
    tr(files.lang, {
      en: `stdout: is ${input}, an input of this run; nothing was written. Redirect the output to another file, or use --output.`,
      fr: `stdout : est ${input}, une entrée de cette exécution ; rien n'a été écrit. Redirigez la sortie vers un autre fichier, ou utilisez --output.`,
    }),
  );
}

/** Starts the file registry of a run (main.ts, once per run). */
export function startRunFiles(io: Io, lang: Lang): RunFiles {
  const files = new RunFiles(lang);
  runs.set(io, files);
  return files;
}

/** The file registry of the run that `io` belongs to (a fresh one outside `run`, e.g. in tests). */
export function runFilesOf(io: Io): RunFiles {
  let files = runs.get(io);
  if (files === undefined) {
    files = new RunFiles();
    runs.set(io, files);
  }
  return files;
}

/** Whether two output targets are one file: same device and inode when it exists, else the same
 * real folder and name (so `out.csv`, `./out.csv` and a link to it are one target). */
export function sameTarget(io: Io, a: string, b: string): boolean {
  return targetIdentity(io, a) === targetIdentity(io, b);
}

function targetIdentity(io: Io, target: string): string {
  const path = resolve(io.cwd, target);
  const key = fileKey(path);
  if (key !== undefined) return key;
  try {
    return `${realpathSync(dirname(path))}/${basename(path)}`;
  } catch {
    return path;
  }
}
