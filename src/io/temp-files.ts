import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The temporary files of the process (an output or a rejects file being written beside its
 * target), in one registry, so that an interruption (SIGINT, SIGTERM, a closed pipe) removes them
 * all: a run leaves its outputs whole or not at all, never a `.name.xxxx.tmp` behind.
 */
const temps = new Set<string>();

/**
 * The random part of a temporary file's name: 12 hex digits. node:crypto is loaded here, by the
 * runs that write a file, and not at start-up by every run (docs/speed.md).
 */
export function randomTempTag(): string {
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  return randomBytes(6).toString('hex');
}

/** Records a temporary file that exists from now on until `untrackTemp`. */
export function trackTemp(path: string): void {
  temps.add(path);
}

/** Forgets a temporary file (renamed into place, or removed). */
export function untrackTemp(path: string): void {
  temps.delete(path);
}

let committed = false;

/** Records that an output file was made whole (renamed into place): an interruption after it
 * cannot say that nothing was written. */
export function markCommitted(): void {
  committed = true;
}

/** Whether an output file of the process was already made whole. */
export function hasCommitted(): boolean {
  return committed;
}

/** Whether some temporary file is being written. */
export function hasTempFiles(): boolean {
  return temps.size > 0;
}

/** Removes every tracked temporary file (best effort: a file already gone is fine). */
export function removeTempFiles(): void {
  for (const path of temps) {
    try {
      rmSync(path, { force: true });
    } catch {
      // nothing more can be done while exiting
    }
  }
  temps.clear();
}

type SignalName = 'SIGINT' | 'SIGTERM';

/** 128 + the signal's number, as shells report it. */
export const SIGNAL_EXIT: Record<SignalName, number> = { SIGINT: 130, SIGTERM: 143 };

let installed: ((signal: SignalName) => void) | undefined;

/** Installs the process's SIGINT and SIGTERM handler (main.ts does it once per process). */
export function installSignalHandler(onSignal: (signal: SignalName) => void): void {
  installed = onSignal;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * Runs `fn`, a call that may block the whole process (opening a FIFO waits for its reader), with
 * the default signal actions while no temporary file exists: Ctrl-C then stops the process at
 * once, and there is nothing to clean up. With temporary files pending, the handler stays and
 * runs as soon as the call returns.
 */
export function withDefaultSignals<T>(fn: () => T): T {
  const handler = installed;
  if (handler === undefined || hasTempFiles()) return fn();
  process.removeListener('SIGINT', handler);
  process.removeListener('SIGTERM', handler);
  try {
    return fn();
  } finally {
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  }
}
