/**
 * Where to split a file for a read by worker threads (docs/threads.md): after the last line break
 * outside quotes of a window (the `chunkBytes` pieces a one-thread read takes in turn), found by
 * the parity of the quotes before it. A guess (a quote inside an unquoted field, `12" pipe`,
 * fools the parity): the main thread checks every part's start against the reader's own state.
 */

const LF = 10;
const CR = 13;
const QUOTE = 34;
const BLOCK = 1 << 20;

/** Reads up to `buffer.length` bytes at `position`; returns how many. */
export type ReadAt = (buffer: Buffer, position: number) => number;

/** The line breaks and quotes of a stretch of the file. */
export interface StretchCount {
  lineBreaks: number;
  quotes: number;
}

/**
 * The line breaks (LF, CRLF, a lone CR) and quotes of bytes [start, end): a CR at end - 1 counts
 * when the byte at `end` is not a LF (or there is none).
 */
export function countStretch(read: ReadAt, start: number, end: number): StretchCount {
  const buffer = Buffer.allocUnsafeSlow(BLOCK + 4); // its own memory, aligned for the word view
  const words = new Uint32Array(buffer.buffer, buffer.byteOffset, (BLOCK + 4) >> 2);
  let lineBreaks = 0;
  let quotes = 0;
  for (let at = start; at < end;) {
    const want = Math.min(BLOCK, end - at);
    const n = read(buffer.subarray(0, want + 1), at);
    if (n === 0) break;
    const len = Math.min(n, want);
    // Four bytes at a time: the bytes equal to LF, to a quote, to CR, counted in each word.
    const whole = len >> 2;
    let crs = 0;
    for (let w = 0; w < whole; w++) {
      const x = words[w] as number;
      lineBreaks += countByte(x ^ 0x0a0a0a0a);
      quotes += countByte(x ^ 0x22222222);
      crs += countByte(x ^ 0x0d0d0d0d);
    }
    for (let i = whole << 2; i < len; i++) {
      const c = buffer[i] as number;
      if (c === LF) lineBreaks++;
      else if (c === QUOTE) quotes++;
      else if (c === CR) crs++;
    }
    // A CR is a line break of its own only when no LF follows it (rare: looked for one by one).
    if (crs > 0)
      for (let i = buffer.indexOf(CR, 0); i >= 0 && i < len; i = buffer.indexOf(CR, i + 1))
        if (i + 1 >= n || buffer[i + 1] !== LF) lineBreaks++;
    at += len;
    if (n <= want) break; // the end of the file
  }
  return { lineBreaks, quotes };
}

/** The zero bytes of a 32-bit word (exact: no carry between bytes). */
function countByte(x: number): number {
  const y = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f);
  return Math.imul((y >>> 7) & 0x01010101, 0x01010101) >>> 24;
}

/** A part's start: a byte offset just after a LF, and the line that starts there. */
export interface SplitPoint {
  offset: number;
  line: number;
}

/**
 * The start of the part after the window of `bytes` (which starts at `offset`, on line `line`,
 * with `oddQuotes` quotes before it): just after its last LF outside quotes (by parity), so that
 * every record that ends in the window ends before it. Undefined when the window has no such LF,
 * or a lone CR ends a record after it, or its last byte is a CR (whose LF may follow).
 */
export function findSplit(
  bytes: Uint8Array,
  offset: number,
  line: number,
  oddQuotes: boolean,
): SplitPoint | undefined {
  let odd = oddQuotes;
  let found: SplitPoint | undefined;
  let n = line;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (c === QUOTE) odd = !odd;
    else if (c === LF) {
      n++;
      if (!odd) found = { offset: offset + i + 1, line: n };
    } else if (c === CR) {
      if (i + 1 >= bytes.length) return undefined;
      if (bytes[i + 1] !== LF) {
        n++;
        if (!odd) found = undefined; // a record ends on a lone CR after the last LF
      }
    }
  }
  return found;
}
