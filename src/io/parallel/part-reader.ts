/**
 * Reads one part of a file by columns (openPart in read-table.ts) and hands out its batches as
 * PartWindows: copies of the batch's arrays (transferable), the texts of the keys new since the
 * last window, the rejections and counts. Used by the reading workers (read-worker.ts), and by
 * the main thread when it must read a part again itself (read-parallel.ts).
 */
import { readSync } from 'node:fs';
import type { Columns } from '../column-batch.js';
import { AmountRange } from '../amount-range.js';
import { openPart, type PartConfig, type PartWindow } from '../read-table.js';
import { sumPart, type PartTotals, type TotalsTask } from './part-totals.js';

/** Where a part starts and stops (see ReadJob in protocol.ts). */
export interface PartRange {
  part: number;
  /** A record start, on `line`. */
  offset: number;
  line: number;
  windowBytes: number;
  /** Reads through the window that ends here, unless `last` (to the end of the file). */
  end: number;
  last: boolean;
}

/** How a part ended: the record in progress where its bytes stopped (see PartRead.ended). */
export interface PartEnd {
  pending: number | undefined;
  line: number;
  /** Decoded as UTF-8 without a note. */
  clean: boolean;
  /** Distinct texts per text field. */
  texts: number[];
}

/** The bytes of a part, in the windows one thread reads. */
function partBytes(fd: number, range: PartRange): () => Promise<Uint8Array | undefined> {
  const W = range.windowBytes;
  let at = range.offset;
  return async () => {
    if (!range.last && at >= range.end) return undefined;
    // The first piece ends where the window ends; then whole windows, as one thread reads them.
    const want = at % W === 0 ? W : W - (at % W);
    const chunk = Buffer.allocUnsafe(want);
    const n = readSync(fd, chunk, 0, want, at);
    if (n === 0) return undefined;
    at += n;
    return n === want ? chunk : chunk.subarray(0, n);
  };
}

/** A part read and summed (sumPartRange): how it ended, its rejections, counts and totals. */
export interface PartSum extends PartEnd {
  rejections: PartWindow['rejections'];
  read: number;
  skipped: number;
  /** Per money field read: the sum of its absolute amounts, in cents (AmountRange). */
  amounts: { field: string; absoluteCents: number }[];
  totals: PartTotals;
}

/**
 * Reads one part and sums its orders per client (part-totals.ts). `amountsFrom`: the sum of the
 * absolute amounts before the part, to fail at the line where they reach the limit (as one thread
 * does); without it the part's own sum is returned for the main thread to add (takePart).
 */
export async function sumPartRange(
  fd: number,
  range: PartRange,
  config: PartConfig,
  fields: readonly string[],
  task: TotalsTask,
  amountsFrom?: number,
): Promise<{ sum: PartSum; transfer: ArrayBuffer[] }> {
  const rejections: PartWindow['rejections'] = [];
  const ended = { pending: undefined as number | undefined, line: 0 };
  const ranges = new Map<string, AmountRange>();
  for (const p of config.parsers)
    if (p.money && fields.includes(p.field))
      ranges.set(
        p.field,
        amountsFrom === undefined
          ? new AmountRange(config.name, p.header, p.index + 1, 0, Number.POSITIVE_INFINITY)
          : new AmountRange(config.name, p.header, p.index + 1, amountsFrom),
      );
  const reader = openPart(
    config,
    {
      line: range.line,
      last: range.last,
      rejected: (cells, line, reason, column) => rejections.push({ cells, line, reason, column }),
      ended: (pending, line) => {
        ended.pending = pending;
        ended.line = line;
      },
    },
    partBytes(fd, range),
    () => undefined,
    ranges,
  );
  const { totals, transfer } = await sumPart(reader, fields, task);
  const counts = reader.counts();
  const utf8 = config.encoding === 'utf-8-bom' ? 'utf-8' : config.encoding;
  return {
    sum: {
      pending: ended.pending,
      line: ended.line,
      clean: reader.detection.encoding === utf8 && reader.warnings().length === 0,
      texts: [],
      rejections,
      read: counts.read,
      skipped: counts.skipped,
      amounts: [...ranges].map(([field, r]) => ({ field, absoluteCents: r.absolute })),
      totals,
    },
    transfer,
  };
}

export async function readPartWindows(
  fd: number,
  range: PartRange,
  config: PartConfig,
  fields: readonly string[],
  emit: (window: PartWindow, transfer: ArrayBuffer[]) => void,
): Promise<PartEnd> {
  const next = partBytes(fd, range);
  const result: PartEnd = { pending: undefined, line: 0, clean: true, texts: [] };
  const rejections: PartWindow['rejections'] = [];
  const reader = openPart(
    config,
    {
      line: range.line,
      last: range.last,
      rejected: (cells, line, reason, column) => rejections.push({ cells, line, reason, column }),
      ended: (pending, line) => {
        result.pending = pending;
        result.line = line;
      },
    },
    next,
    () => undefined,
  );
  const keyedFields = fields.filter((f) => config.parsers.find((x) => x.field === f)?.type === 'text');
  const sent = keyedFields.map(() => 0);
  let read = 0;
  let skipped = 0;
  const flush = (batch: Columns | undefined): void => {
    const length = batch?.length ?? 0;
    const transfer: ArrayBuffer[] = [];
    const copy = <T extends Int32Array | Float64Array>(a: T): T => {
      const c = a.slice(0, length) as T;
      transfer.push(c.buffer as ArrayBuffer);
      return c;
    };
    const texts = keyedFields.map((field, k) => {
      const all = reader.keyTexts(field);
      const from = sent[k] as number;
      sent[k] = all.length;
      const ends = new Int32Array(all.length - from);
      let bytes = 0;
      for (let i = from; i < all.length; i++) ends[i - from] = bytes += Buffer.byteLength(all[i] as string);
      const blob = Buffer.allocUnsafeSlow(bytes);
      let pos = 0;
      for (let i = from; i < all.length; i++) pos += blob.write(all[i] as string, pos);
      transfer.push(blob.buffer as ArrayBuffer, ends.buffer as ArrayBuffer);
      return { bytes: new Uint8Array(blob.buffer, 0, bytes), ends };
    });
    const counts = reader.counts();
    let spans: PartWindow['spans'];
    if (config.rejects && batch !== undefined && length > 0) {
      // With --rejects: each row's record, for a command that rejects it (rejectRow).
      const ends = new Int32Array(length);
      let total = 0;
      for (let i = 0; i < length; i++)
        ends[i] = total += (batch.spanEnds[i] as number) - (batch.spanStarts[i] as number);
      const blob = Buffer.allocUnsafeSlow(total);
      let pos = 0;
      for (let i = 0; i < length; i++)
        pos += (batch.sources[i] as Buffer).copy(blob, pos, batch.spanStarts[i], batch.spanEnds[i]);
      transfer.push(blob.buffer as ArrayBuffer, ends.buffer as ArrayBuffer);
      spans = { bytes: new Uint8Array(blob.buffer, 0, total), ends };
    }
    emit(
      {
        part: range.part,
        length,
        lines: batch === undefined ? new Int32Array(0) : copy(batch.lines),
        numeric: batch === undefined ? [] : batch.numeric.map(copy),
        keyed: batch === undefined ? [] : batch.keyed.map(copy),
        texts,
        rejections: rejections.splice(0),
        read: counts.read - read,
        skipped: counts.skipped - skipped,
        spans,
      },
      transfer,
    );
    read = counts.read;
    skipped = counts.skipped;
  };
  for await (const batch of reader.columnBatches(fields)) flush(batch as Columns);
  flush(undefined); // the rejections and counts after the last batch
  const utf8 = config.encoding === 'utf-8-bom' ? 'utf-8' : config.encoding;
  result.clean = reader.detection.encoding === utf8 && reader.warnings().length === 0;
  result.texts = keyedFields.map((f) => reader.keyTexts(f).length);
  return result;
}
