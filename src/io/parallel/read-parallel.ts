/**
 * Reading a big CSV file with worker threads (docs/threads.md). The main thread reads the first
 * part of the file itself, as always; each worker reads one of the other parts with the same
 * reader (openPart), in the same windows. When the main thread reaches the end of its part, it
 * checks that the next part began where its own reader says the next record begins, and then
 * takes the parts' batches in file order as they come (StreamingTable.mergeParts), so that
 * batches, counts, rejections with their lines, key order and notes are those of a one-thread
 * read. A part that did not begin where the part before it ended (a quote inside an unquoted
 * field fools the parity that guesses the starts) is read again by the main thread from the
 * right place: a wrong guess costs time, never the result.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DataError } from '../../errors.js';
import {
  internTexts,
  partSource,
  takePart,
  type PartConfig,
  type PartWindow,
  type TableReader,
} from '../read-table.js';
import { readPartWindows, sumPartRange, type PartRange, type PartSum } from './part-reader.js';
import { LATE_REASON, type PartTotals, type TotalsTask } from './part-totals.js';
import { threadCpu } from './thread-cpu.js';
import type { SplitPoint } from './split-points.js';
import type { EndMessage, StartMessage, WorkerJob, WorkerMessage } from './protocol.js';

/** Up to this size a file is read by one thread unless --threads says otherwise (docs/threads.md:
 * on 2 cores, two threads were slower on 24 and 40 MB, even on 67 and 100 MB, faster on 133 MB). */
export const PARALLEL_MIN_BYTES = 100 * 1024 * 1024;

/** The worker's file: next to this module once compiled (dist/io/parallel) or bundled (dist/bundle). */
function workerFile(): string | undefined {
  const here = import.meta.url;
  if (!here.endsWith('.js')) return undefined; // the TypeScript sources (tests in process): one thread
  const path = fileURLToPath(new URL('./read-worker.js', here));
  return existsSync(path) ? path : undefined;
}

/** The threads to read with: `--threads N`, else the cores when the file is big enough. */
export function chooseThreads(
  flag: number | undefined,
  size: number,
  env: Record<string, string | undefined>,
): number {
  if (flag !== undefined) return flag;
  // Tests only: a smaller threshold, to read small files with threads by default.
  const min = Number(env.PROSPECT_TEST_THREADS_MIN_BYTES ?? PARALLEL_MIN_BYTES);
  return size > min ? Math.max(1, availableParallelism()) : 1;
}

/** A worker and the messages of its part, as they come. */
class PartWorker {
  private readonly windows: PartWindow[] = [];
  start: StartMessage | undefined;
  end: EndMessage | undefined;
  private wake: (() => void) | undefined;
  readonly worker: Worker;

  constructor(file: string) {
    this.worker = new Worker(file);
    this.worker.unref(); // a run that stops early does not wait for it
    this.worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'windows') this.windows.push(...m.windows);
      else if (m.type === 'start') this.start = m;
      else if (this.end === undefined) this.end = m;
      this.poke();
    });
    const stop = (error: unknown): void => {
      this.start ??= { type: 'start', part: -1, start: undefined };
      this.end ??= failed(error);
      this.poke();
    };
    this.worker.on('error', stop);
    this.worker.on('exit', () => stop(new Error('the reading worker stopped')));
  }

  private poke(): void {
    this.wake?.();
    this.wake = undefined;
  }

  post(job: WorkerJob): void {
    this.worker.postMessage(job);
  }

  /** Waits until `ready()` (the worker ref()'d meanwhile: the process must wait too). */
  private async until(ready: () => boolean): Promise<void> {
    if (ready()) return;
    this.worker.ref();
    while (!ready()) await new Promise<void>((r) => (this.wake = r));
    this.worker.unref();
  }

  /** How the part ended (a task's part: no windows). */
  async ended(): Promise<EndMessage> {
    await this.until(() => this.end !== undefined);
    return this.end as EndMessage;
  }

  async started(): Promise<StartMessage> {
    await this.until(() => this.start !== undefined);
    return this.start as StartMessage;
  }

  /** The part's windows as they come, then how it ended. */
  async *read(): AsyncGenerator<PartWindow, EndMessage> {
    for (;;) {
      await this.until(() => this.windows.length > 0 || this.end !== undefined);
      if (this.windows.length > 0) yield* this.windows.splice(0);
      else return this.end as EndMessage;
    }
  }
}

function failed(error: unknown): EndMessage {
  return {
    type: 'end',
    part: -1,
    pending: undefined,
    line: 0,
    clean: false,
    texts: [],
    error: error instanceof Error ? error.message : String(error),
  };
}

/**
 * Makes `reader` read `fields` by columns with worker threads, when it can (a UTF-8 CSV file on
 * disk, not read yet, big enough or `--threads` given; docs/threads.md). Returns the threads that
 * will read it (1: the usual one-thread read). Call it just before `columnBatches(fields)`.
 */
export function readInParts(
  reader: TableReader,
  fields: readonly string[],
  flag: number | undefined,
  env: Record<string, string | undefined>,
  task?: TotalsTask,
  lateReason?: (day: number) => string,
): ThreadedRead {
  const one: ThreadedRead = { threads: 1, parts: noParts };
  if (flag === 1) return one;
  const source = partSource(reader);
  // (Counts cross threads as 32-bit integers: files under 2 GB.)
  if (source === undefined || source.size === undefined || source.size >= 2 ** 31 || !source.fits(fields))
    return one;
  const threads = chooseThreads(flag, source.size, env);
  if (threads <= 1) return one;
  const file = workerFile();
  if (file === undefined) return one;
  // The windows where the parts after the first start: after what the opening read, each before
  // the end. The main thread reads a larger first part: the workers start later (a thread to
  // start, the quotes to count), and it has the batches to use as they come.
  const W = source.chunkBytes;
  const size = source.size;
  const first = Math.ceil(source.bytesRead / W);
  const share = Number(env.PROSPECT_TEST_THREADS_SHARE ?? 1.15);
  const windows: number[] = [];
  for (let k = 1; k < threads; k++) {
    const target = Math.min(1, (k * share) / threads) * size;
    const w = Math.max(Math.floor(target / W), first, (windows.at(-1) ?? -1) + 1);
    if ((w + 1) * W >= size) break;
    windows.push(w);
  }
  if (windows.length === 0) return one;
  const trace = env.PROSPECT_TEST_THREADS_TRACE !== undefined;
  const cpu = env.PROSPECT_TEST_THREADS_CPU !== undefined;
  if (cpu)
    process.once('exit', () =>
      process.stderr.write(`threads: main thread cpu ${threadCpu()} s at the exit\n`),
    );
  const workers = windows.map(() => new PartWorker(file));
  // Each worker counts the quotes and line breaks of the stretch before its window (after the
  // stretch of the worker before), and learns those before it from the others (`shared`): in
  // parallel with the main thread's reading, which does not stop for them.
  const shared = new SharedArrayBuffer(workers.length * 3 * 4);
  const ends = windows.map((w, k) =>
    k === windows.length - 1 ? size : ((windows[k + 1] as number) + 1) * W,
  );
  workers.forEach((w, k) => {
    w.post({
      type: 'part',
      path: source.path,
      part: k + 1,
      stretchStart: k === 0 ? 0 : (windows[k - 1] as number) * W,
      stretchEnd: (windows[k] as number) * W,
      shared,
      window: (windows[k] as number) * W,
      windowBytes: W,
      end: ends[k] as number,
      last: k === windows.length - 1,
      config: source.config,
      fields: [...fields],
      task,
      cpu,
    });
  });
  const stopAll = (): void => {
    for (const w of workers) void w.worker.terminate();
  };
  const at = ((windows[0] as number) + 1) * W;
  let taken = false;
  (reader as { handover?: unknown }).handover = {
    at,
    take: async (pending: number | undefined, line: number, clean: boolean) => {
      const start = (await (workers[0] as PartWorker).started()).start;
      const ok = clean && pending !== undefined && start?.offset === at - pending && start.line === line;
      if (trace) process.stderr.write(`threads: part 1 ${ok ? 'taken' : 'refused'}\n`);
      if (!ok) {
        stopAll();
        return undefined;
      }
      if (task === undefined)
        return merge(workers, ends, source.path, W, source.config, fields, stopAll, trace);
      // The reader stops here; the parts' totals come through `parts`.
      taken = true;
      return noWindows();
    },
  };
  return {
    threads: workers.length + 1,
    parts: () =>
      taken && task !== undefined
        ? sumParts(
            reader,
            workers,
            ends,
            source.path,
            W,
            source.config,
            fields,
            task,
            lateReason,
            stopAll,
            trace,
            cpu,
          )
        : noParts(),
  };
}

/** A read with threads: how many, and the totals of the parts after the main thread's (with a task). */
export interface ThreadedRead {
  threads: number;
  /**
   * With a task (part-totals.ts), once the reader's batches are read: the parts the workers read
   * and summed, in file order, each added to the reader (takePart: amounts, rejections, counts)
   * as it comes, with the reader's keys of its clients. Nothing when the main thread read it all.
   */
  parts(): AsyncGenerator<SummedPart>;
}

/** A part's totals (part-totals.ts) and the reader's key of each of its clients. */
export interface SummedPart {
  totals: PartTotals;
  keys: Int32Array;
}

async function* noParts(): AsyncGenerator<SummedPart> {}
async function* noWindows(): AsyncGenerator<PartWindow> {}

/**
 * The parts' totals in file order (ThreadedRead.parts). After each part, the next must begin where
 * this one's reader says the next record begins; else the main thread reads and sums the rest
 * itself, from there. A part whose amounts would reach the limit of their sum is read again here
 * from the sum before it, to fail at the line where one thread fails.
 */
async function* sumParts(
  reader: TableReader,
  workers: PartWorker[],
  ends: number[],
  path: string,
  W: number,
  config: PartConfig,
  fields: readonly string[],
  task: TotalsTask,
  lateReason: ((day: number) => string) | undefined,
  stopAll: () => void,
  trace: boolean,
  cpu: boolean,
): AsyncGenerator<SummedPart> {
  // The reasons the worker could not write (part-totals.ts LATE_REASON), written here.
  const written = (sum: PartSum): PartSum => {
    for (const r of sum.rejections)
      if (r.reason.startsWith(LATE_REASON))
        r.reason = lateReason?.(Number(r.reason.slice(LATE_REASON.length))) ?? r.reason;
    return sum;
  };
  const take = async (read: PartSum, again: () => PartRange): Promise<SummedPart> => {
    const sum = written(read);
    const over = takePart(reader, sum);
    if (over !== undefined) {
      // Read again with the sum before it: fails at the line (after the rejections before it).
      try {
        await sumRange(again(), over.range.absolute);
      } catch (error) {
        if (error instanceof DataError) {
          const line = error.problems[0]?.line ?? Number.POSITIVE_INFINITY;
          takePart(reader, { ...sum, amounts: [], rejections: sum.rejections.filter((r) => r.line < line) });
        }
        throw error;
      }
      throw new Error('the sum of the amounts of a part was over the limit, and then not');
    }
    return {
      totals: sum.totals,
      keys: internTexts(reader, task.id, sum.totals.ids.bytes, sum.totals.ids.ends),
    };
  };
  const sumRange = async (range: PartRange, amountsFrom?: number): Promise<PartSum> => {
    const fd = openSync(path, 'r');
    try {
      return (await sumPartRange(fd, range, config, fields, task, amountsFrom)).sum;
    } finally {
      closeSync(fd);
    }
  };
  try {
    for (let k = 0; k < workers.length; k++) {
      const worker = workers[k] as PartWorker;
      const end = await worker.ended();
      const started = (await worker.started()).start as SplitPoint;
      const range = (): PartRange => ({
        part: k + 1,
        offset: started.offset,
        line: started.line,
        windowBytes: W,
        end: ends[k] as number,
        last: k === workers.length - 1,
      });
      if (end.sum !== undefined && end.error !== undefined)
        takePart(reader, { ...written(end.sum), amounts: [] }); // the rejections before the error
      if (end.error !== undefined) {
        if (end.problems !== undefined) throw new DataError(end.problems);
        throw new Error(`a reading worker failed: ${end.error}`);
      }
      if (!end.clean || end.sum === undefined)
        throw new Error('a reading worker read a part that is not UTF-8');
      if (trace) process.stderr.write(`threads: part ${k + 1} summed\n`);
      yield await take(end.sum, range);
      if (k === workers.length - 1) break;
      const next = (await (workers[k + 1] as PartWorker).started()).start;
      const stop = ends[k] as number;
      if (
        end.pending !== undefined &&
        next !== undefined &&
        next.offset === stop - end.pending &&
        next.line === end.line
      )
        continue;
      // The next part's guess was wrong: the rest is read here, from the true record start.
      if (trace) process.stderr.write(`threads: part ${k + 2} refused\n`);
      stopAll();
      let offset = stop - (end.pending ?? 0);
      let line = end.line;
      if (end.pending === undefined) {
        // A record that ended on a CR just before `stop`: the next starts after its LF, if any.
        const fd = openSync(path, 'r');
        try {
          const byte = Buffer.alloc(1);
          if (readSync(fd, byte, 0, 1, stop) === 1 && byte[0] === 10) offset++;
        } finally {
          closeSync(fd);
        }
        line++;
      }
      const rest = (): PartRange => ({ part: k + 2, offset, line, windowBytes: W, end: 0, last: true });
      if (trace) process.stderr.write(`threads: part ${k + 2} summed by the main thread\n`);
      yield await take(await sumRange(rest()), rest);
      break;
    }
    if (cpu) process.stderr.write(`threads: main thread cpu ${threadCpu()} s at the end of the parts\n`);
  } finally {
    stopAll();
  }
}

/**
 * The parts' windows in file order, as they come. After each part, the next must begin where
 * this one's reader says the next record begins; else the main thread reads the rest itself.
 */
async function* merge(
  workers: PartWorker[],
  ends: number[],
  path: string,
  W: number,
  config: PartConfig,
  fields: readonly string[],
  stopAll: () => void,
  trace: boolean,
): AsyncGenerator<PartWindow> {
  try {
    for (let k = 0; k < workers.length; k++) {
      const parts = (workers[k] as PartWorker).read();
      let step = await parts.next();
      while (step.done !== true) {
        yield step.value;
        step = await parts.next();
      }
      const end = step.value;
      if (end.error !== undefined) {
        if (end.problems !== undefined) throw new DataError(end.problems);
        throw new Error(`a reading worker failed: ${end.error}`);
      }
      if (!end.clean) throw new Error('a reading worker read a part that is not UTF-8');
      if (k === workers.length - 1) return;
      const next = (await (workers[k + 1] as PartWorker).started()).start;
      const stop = ends[k] as number;
      if (
        end.pending !== undefined &&
        next !== undefined &&
        next.offset === stop - end.pending &&
        next.line === end.line
      )
        continue;
      // The next part's guess was wrong: the rest is read here, from the true record start.
      if (trace) process.stderr.write(`threads: part ${k + 2} refused\n`);
      stopAll();
      const fd = openSync(path, 'r');
      try {
        // A record that ended on a CR just before `stop`: the next starts after its LF, if any.
        let offset = stop - (end.pending ?? 0);
        let line = end.line;
        if (end.pending === undefined) {
          const byte = Buffer.alloc(1);
          if (readSync(fd, byte, 0, 1, stop) === 1 && byte[0] === 10) offset++;
          line++;
        }
        const windows: PartWindow[] = [];
        await readPartWindows(
          fd,
          { part: k + 2, offset, line, windowBytes: W, end: 0, last: true },
          config,
          fields,
          (w) => windows.push(w),
        );
        yield* windows;
      } finally {
        closeSync(fd);
      }
      return;
    }
  } finally {
    stopAll();
  }
}
