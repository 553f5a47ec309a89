import { Writable } from 'node:stream';
import type { Io } from './context.js';
import { runFilesOf } from './run-files.js';
import { openOutput, type OutputHandle } from './write-output.js';

/** Bytes gathered before they are handed on (a write per row would cost a system call each). */
const PIECE_BYTES = 256 * 1024;

/**
 * An output written as it is produced, in pieces: rows go out while the input is still being read,
 * so memory is bounded by a piece, not by the output.
 * - `--output FILE`: through `openOutput`, whole or not at all (a temporary file renamed into place
 *   by `commit`; `abort`, an error or a signal leaves nothing).
 * - stdout (no target, or `-`): written as it comes; an error after the first pieces leaves them
 *   with the reader, as any streaming tool does.
 */
export interface OutputStream {
  /** Adds bytes (or text, as UTF-8); the caller cuts pieces at whole characters (row ends). */
  write(content: Uint8Array | string): void;
  /** Writes what is left; the output is then whole. */
  commit(): void;
  /** Drops the output: the temporary file is removed; a no-op after `commit`. */
  abort(): void;
}

/**
 * Opens `target` (`-` or undefined: stdout) for writing in pieces. Every file of `inputs` is
 * recorded as an input of the run first, so that none is written over (OutputError, 73).
 */
export function openOutputStream(
  target: string | undefined,
  io: Io,
  inputs: readonly string[] = [],
  flag = '--output',
): OutputStream {
  let handle: OutputHandle | undefined;
  if (target !== undefined && target !== '-') {
    const files = runFilesOf(io);
    for (const input of inputs) files.addInput(io, input);
    handle = openOutput(target, io, flag);
  }
  const pieces: (Uint8Array | string)[] = [];
  let pending = 0;
  let done = false;
  const flush = (): void => {
    if (pieces.length === 0) return;
    const all = pieces.length === 1 ? (pieces[0] as Uint8Array | string) : joinPieces(pieces);
    pieces.length = 0;
    pending = 0;
    if (handle !== undefined) handle.write(all);
    else
      io.stdout(
        typeof all === 'string' ? all : Buffer.from(all.buffer, all.byteOffset, all.length).toString('utf8'),
      );
  };
  const abort = (): void => {
    if (done) return;
    done = true;
    pieces.length = 0;
    handle?.abort();
  };
  return {
    write: (content) => {
      // A view of a reused buffer (CsvLines.take) is copied: it changes with the next row.
      pieces.push(typeof content === 'string' ? content : Buffer.from(content));
      pending += content.length;
      if (pending < PIECE_BYTES) return;
      try {
        flush();
      } catch (error) {
        abort();
        throw error;
      }
    },
    commit: () => {
      try {
        flush();
        done = true;
        handle?.commit();
      } catch (error) {
        abort();
        throw error;
      }
    },
    abort,
  };
}

function joinPieces(pieces: readonly (Uint8Array | string)[]): Uint8Array | string {
  if (pieces.every((p) => typeof p === 'string')) return (pieces as string[]).join('');
  return Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
}

/**
 * `output` as a Node Writable, for writers that pipe (exceljs's streaming workbook): each chunk
 * is handed to `output.write` as it comes; a failure to write is the stream's error.
 */
export function outputWritable(output: OutputStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        output.write(chunk);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}
