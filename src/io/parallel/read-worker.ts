/**
 * A reading worker (node:worker_threads), its own entry of the bundle (scripts/bundle.js) so that
 * it loads only the reader. It counts the quotes and line breaks of its stretch of the file (where
 * to split it, with the other workers' counts), finds where its part starts, checks that the part
 * is UTF-8, then reads it (part-reader.ts), sending its windows' batches as they are read.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { PartWindow } from '../read-table.js';
import { DataError } from '../../errors.js';
import type { EndMessage, PartJob, WorkerJob, WorkerMessage } from './protocol.js';
import { readPartWindows, sumPartRange } from './part-reader.js';
import { threadCpu } from './thread-cpu.js';
import { countStretch, findSplit, type ReadAt } from './split-points.js';

const port = parentPort;
if (port === null) throw new Error('read-worker.js runs in a worker thread');

function send(m: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  (port as NonNullable<typeof port>).postMessage(m, transfer);
}

/** Windows waiting to be sent, by 32: one message each cost more than the arrays they carry. */
let waiting: PartWindow[] = [];
let waitingTransfer: ArrayBuffer[] = [];

function sendWindow(w: PartWindow | undefined, transfer: ArrayBuffer[]): void {
  if (w !== undefined) {
    waiting.push(w);
    waitingTransfer.push(...transfer);
    if (waiting.length < 32) return;
  }
  if (waiting.length === 0) return;
  send({ type: 'windows', windows: waiting }, waitingTransfer);
  waiting = [];
  waitingTransfer = [];
}

function readerAt(fd: number): ReadAt {
  return (buffer, position) => readSync(fd, buffer, 0, buffer.length, position);
}

port.on('message', (job: WorkerJob) => {
  void readPart(job).finally(() => port.close());
});

/** Counts the part's stretch, then waits for the parts before: the quotes and lines before its window. */
function countBefore(fd: number, job: PartJob): { line: number; oddQuotes: boolean } | undefined {
  const shared = new Int32Array(job.shared);
  const me = (job.part - 1) * 3;
  try {
    const count = countStretch(readerAt(fd), job.stretchStart, job.stretchEnd);
    shared[me + 1] = count.lineBreaks;
    shared[me + 2] = count.quotes;
    Atomics.store(shared, me, 1);
  } catch {
    Atomics.store(shared, me, -1);
  }
  Atomics.notify(shared, me);
  let line = 1;
  let quotes = 0;
  for (let k = 0; k < job.part; k++) {
    Atomics.wait(shared, k * 3, 0);
    if (Atomics.load(shared, k * 3) !== 1) return undefined;
    line += shared[k * 3 + 1] as number;
    quotes += shared[k * 3 + 2] as number;
  }
  return { line, oddQuotes: quotes % 2 === 1 };
}

/**
 * Whether bytes [start, end) are UTF-8 (a character cut by `end` is the next part's, unless the
 * file ends there), and do not begin with the bytes of a BOM (the decoder would drop them).
 */
function checkUtf8(fd: number, start: number, end: number, last: boolean): boolean {
  const block = Buffer.allocUnsafe(1 << 20);
  let carry = 0;
  for (let at = start; ;) {
    const n = readSync(fd, block, carry, Math.min(block.length - carry, end - at), at);
    const filled = carry + n;
    if (at === start && block[0] === 0xef && block[1] === 0xbb && block[2] === 0xbf) return false;
    at += n;
    const done = n === 0 || at >= end;
    // Back to the start of a character cut by the block's end (up to three bytes).
    let whole = filled;
    if (!(done && last)) {
      let k = filled;
      while (k > 0 && filled - k < 3 && ((block[k - 1] as number) & 0xc0) === 0x80) k--;
      if (k > 0 && (block[k - 1] as number) >= 0xc0) whole = k - 1;
    }
    if (!isUtf8(block.subarray(0, whole))) return false;
    if (done) return true;
    carry = filled - whole;
    block.copy(block, 0, whole, filled);
  }
}

async function readPart(job: PartJob): Promise<void> {
  const fd = openSync(job.path, 'r');
  let endTransfer: ArrayBuffer[] = [];
  const end: EndMessage = {
    type: 'end',
    part: job.part,
    pending: undefined,
    line: 0,
    clean: false,
    texts: [],
    error: undefined,
  };
  try {
    const before = countBefore(fd, job);
    const W = job.windowBytes;
    const window = Buffer.allocUnsafe(W + 1);
    const got = before === undefined ? 0 : readSync(fd, window, 0, W + 1, job.window);
    // findSplit looks at one byte past the window only to tell a CR from a CRLF.
    const start =
      before === undefined
        ? undefined
        : findSplit(window.subarray(0, got), job.window, before.line, before.oddQuotes);
    const ok =
      start !== undefined && start.offset <= job.window + W && checkUtf8(fd, start.offset, job.end, job.last);
    send({ type: 'start', part: job.part, start: ok ? start : undefined });
    if (!ok || start === undefined) return;
    const range = {
      part: job.part,
      offset: start.offset,
      line: start.line,
      windowBytes: W,
      end: job.end,
      last: job.last,
    };
    if (job.task !== undefined) {
      const { sum, transfer } = await sumPartRange(fd, range, job.config, job.fields, job.task);
      Object.assign(end, { pending: sum.pending, line: sum.line, clean: sum.clean, sum });
      endTransfer = transfer;
    } else {
      Object.assign(end, await readPartWindows(fd, range, job.config, job.fields, sendWindow));
    }
  } catch (error) {
    end.clean = false;
    end.error = error instanceof Error ? error.message : String(error);
    if (error instanceof DataError) end.problems = error.problems;
  } finally {
    closeSync(fd);
    sendWindow(undefined, []);
    if (job.cpu) process.stderr.write(`threads: part ${job.part} worker cpu ${threadCpu()} s\n`);
    send(end, endTransfer);
  }
}
