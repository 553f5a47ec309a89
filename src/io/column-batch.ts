/**
 * The columns of a batch read by `columnBatches` (see read-table.ts), and the lane that fills them
 * straight from the bytes for the plain records that make up most exports.
 *
 * The scanner (csv-scanner.ts) handles every shape of CSV, one byte and one state at a time, and
 * hands each record to the reader, which finds and parses its fields. For a record that is plain
 * (each field unquoted or quoted without `""`, no line break inside, the header's number of fields,
 * an LF or CRLF at the end) one loop can do both: `PlainRecords` scans, parses and stores the
 * fields it needs as it goes, about three times faster (measured on 5 million orders). The first
 * record that is not plain, or whose cells it cannot read, stops it: the scanner takes that record
 * the usual way (and the reader parses or rejects it, with its reason), then offers the lane the
 * next one. A record read either way gives the same values; a property test checks it.
 */
import { startsWithTotalWord } from './report-footers.js';
import { growTypedArray as grow } from '../core/typed-arrays.js';
import { FNV_OFFSET, FNV_PRIME, hashBytes } from './key-table.js';
import type { RecordLane } from './csv-scanner.js';
import type { ColumnBatch } from './read-table.js';
import { parseDateBytes, parseDateText, parseIsoDay, type DateOrder } from './parse-date.js';
import { parseLocaleNumber, parsePlainNumber, POWERS_OF_TEN, type DecimalMark } from './parse-number.js';

/** A text key not looked up yet: texts are interned per batch (see the reader's internBatch). */
export const PENDING_KEY = -2;

/** The columns of one batch; the arrays are reused from one batch to the next. */
export class Columns implements ColumnBatch {
  length = 0;
  lines = new Int32Array(4096);
  /** Each row's bytes and span in them, to read the row again when a command rejects it. */
  sources: Buffer[] = [];
  spanStarts = new Int32Array(4096);
  spanEnds = new Int32Array(4096);
  readonly numeric: Float64Array[];
  readonly keyed: Int32Array[];
  /** Per keyed column: the hash and span of each row's text, interned when the batch is full. */
  readonly hashes: Int32Array[];
  readonly textStarts: Int32Array[];
  readonly textEnds: Int32Array[];

  constructor(
    private readonly slots: ReadonlyMap<
      string,
      { numeric: boolean; index: number; table?: { textOf(key: number): string } | undefined }
    >,
    numericCount: number,
    keyedCount: number,
  ) {
    this.numeric = Array.from({ length: numericCount }, () => new Float64Array(4096));
    this.keyed = Array.from({ length: keyedCount }, () => new Int32Array(4096));
    this.hashes = Array.from({ length: keyedCount }, () => new Int32Array(4096));
    this.textStarts = Array.from({ length: keyedCount }, () => new Int32Array(4096));
    this.textEnds = Array.from({ length: keyedCount }, () => new Int32Array(4096));
  }

  numbers(field: string): Float64Array {
    const slot = this.slots.get(field);
    if (slot === undefined || !slot.numeric) throw new Error(`no number column ${field} in the batch`);
    return this.numeric[slot.index] as Float64Array;
  }

  keys(field: string): Int32Array {
    const slot = this.slots.get(field);
    if (slot === undefined || slot.numeric) throw new Error(`no text column ${field} in the batch`);
    return this.keyed[slot.index] as Int32Array;
  }

  text(field: string, i: number): string | null {
    const slot = this.slots.get(field);
    if (slot === undefined || slot.numeric) throw new Error(`no text column ${field} in the batch`);
    const key = (this.keyed[slot.index] as Int32Array)[i] as number;
    if (key === PENDING_KEY) {
      const source = this.sources[i] as Buffer;
      return source.toString('utf8', this.textStarts[slot.index]?.[i], this.textEnds[slot.index]?.[i]);
    }
    if (key < 0 || slot.table === undefined) return null;
    return slot.table.textOf(key);
  }

  /** Room for `rows` rows (one more than the batch has, by default). */
  reserve(rows = this.length + 1): void {
    if (rows <= this.lines.length) return;
    this.lines = grow(this.lines, rows);
    this.spanStarts = grow(this.spanStarts, rows);
    this.spanEnds = grow(this.spanEnds, rows);
    for (let i = 0; i < this.numeric.length; i++)
      this.numeric[i] = grow(this.numeric[i] as Float64Array, rows);
    for (let i = 0; i < this.keyed.length; i++) {
      this.keyed[i] = grow(this.keyed[i] as Int32Array, rows);
      this.hashes[i] = grow(this.hashes[i] as Int32Array, rows);
      this.textStarts[i] = grow(this.textStarts[i] as Int32Array, rows);
      this.textEnds[i] = grow(this.textEnds[i] as Int32Array, rows);
    }
  }

  /** Moves row `from` to row `to` (below it), over a row left out: its values, line and span. */
  moveRow(from: number, to: number): void {
    this.lines[to] = this.lines[from] as number;
    this.sources[to] = this.sources[from] as Buffer;
    this.spanStarts[to] = this.spanStarts[from] as number;
    this.spanEnds[to] = this.spanEnds[from] as number;
    for (const column of this.numeric) column[to] = column[from] as number;
    for (let k = 0; k < this.keyed.length; k++) {
      (this.keyed[k] as Int32Array)[to] = (this.keyed[k] as Int32Array)[from] as number;
      // A text left as its span (ColumnOptions.texts) moves with its row.
      (this.textStarts[k] as Int32Array)[to] = (this.textStarts[k] as Int32Array)[from] as number;
      (this.textEnds[k] as Int32Array)[to] = (this.textEnds[k] as Int32Array)[from] as number;
    }
  }

  clear(): void {
    this.length = 0;
    this.sources.length = 0;
  }
}

/** A field the lane reads: its column in the file, and where its values go in the batch. */
export interface LaneField {
  column: number;
  /** `span`: a text kept as its span, not hashed (a text the reader does not intern). */
  type: 'text' | 'span' | 'number' | 'date';
  /** Index in `Columns.keyed` (text) or `Columns.numeric` (number, date). */
  slot: number;
  required: boolean;
  decimal: DecimalMark;
  dateOrder: DateOrder;
}

const SKIP = 0;
const TEXT = 1;
const NUMBER = 2;
const DATE = 3;
const SPAN = 4;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The lane stops being offered records when more than a fifth of them did not fit, after this many. */
const MISFITS_BEFORE_GIVING_UP = 1000;

/** White space among ASCII characters, as `String.trim` sees it (tab, line breaks, space). */
export function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Whether a code point is white space beyond ASCII as `String.trim` sees it (checked against
 * `trim` over every code point by a test). */
function isSpaceBeyondAscii(cp: number): boolean {
  return (
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000 ||
    cp === 0xfeff
  );
}

/**
 * Whether the UTF-8 text `bytes[s..e)` (valid, not empty) begins or ends with white space beyond
 * ASCII (a no-break space, say), which `String.trim` takes off: `Santé` and `Île-de-France` do not.
 */
export function endsWithSpaceBeyondAscii(bytes: Uint8Array, s: number, e: number): boolean {
  const first = bytes[s] as number;
  if (first >= 0x80 && isSpaceBeyondAscii(codePointAt(bytes, s))) return true;
  if ((bytes[e - 1] as number) < 0x80) return false;
  let lead = e - 1;
  while (lead > s && ((bytes[lead] as number) & 0xc0) === 0x80) lead--;
  return isSpaceBeyondAscii(codePointAt(bytes, lead));
}

/** The code point whose UTF-8 sequence starts at `bytes[i]` (a lead byte of valid UTF-8). */
function codePointAt(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return b0;
  const b1 = (bytes[i + 1] as number) & 0x3f;
  if (b0 < 0xe0) return ((b0 & 0x1f) << 6) | b1;
  const b2 = (bytes[i + 2] as number) & 0x3f;
  if (b0 < 0xf0) return ((b0 & 0x0f) << 12) | (b1 << 6) | b2;
  return ((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | ((bytes[i + 3] as number) & 0x3f);
}

/** Takes the plain records of a chunk into a batch (see the top of this file). */
export class PlainRecords implements RecordLane {
  reached = 0;
  /** Records taken, in all. */
  rows = 0;
  private misfits = 0;
  /** Per column of the file: how it is read (SKIP for a column not asked for), into which slot of
   * the batch, whether it is required, its decimal mark and date order. */
  private readonly kinds: Uint8Array;
  private readonly slots: Int32Array;
  private readonly required: Uint8Array;
  private readonly decimals: DecimalMark[];
  private readonly decimalBytes: Uint8Array;
  private readonly orders: DateOrder[];

  /**
   * @param delimiter the separator's byte
   * @param width the header's number of fields
   */
  constructor(
    private readonly delimiter: number,
    private readonly width: number,
    fields: readonly LaneField[],
    private readonly batch: Columns,
  ) {
    this.kinds = new Uint8Array(width);
    this.slots = new Int32Array(width);
    this.required = new Uint8Array(width);
    this.decimals = new Array<DecimalMark>(width).fill('.');
    this.decimalBytes = new Uint8Array(width);
    this.orders = new Array<DateOrder>(width).fill('dmy');
    for (const f of fields) {
      this.kinds[f.column] =
        f.type === 'text' ? TEXT : f.type === 'span' ? SPAN : f.type === 'number' ? NUMBER : DATE;
      this.slots[f.column] = f.slot;
      this.required[f.column] = f.required ? 1 : 0;
      this.decimals[f.column] = f.decimal;
      this.decimalBytes[f.column] = f.decimal.charCodeAt(0);
      this.orders[f.column] = f.dateOrder;
    }
  }

  take(bytes: Buffer, from: number, line: number): number {
    if (this.misfits >= MISFITS_BEFORE_GIVING_UP && this.misfits * 4 > this.rows) return 0;
    const n = bytes.length;
    const D = this.delimiter;
    // One compare lets by the bytes above the separator and the quote (line breaks are below).
    const top = D > QUOTE ? D : QUOTE;
    const { width, kinds, slots, required, decimalBytes, batch } = this;
    // Room for every record the bytes can hold (one byte per field at least), so that the
    // batch's arrays stay the same during the loop.
    batch.reserve(batch.length + Math.ceil((n - from) / width) + 1);
    const { numeric, keyed, hashes, textStarts, textEnds } = batch;
    let i = from;
    let taken = 0;
    records: while (i < n) {
      const start = i;
      const row = batch.length;
      let c = bytes[i] as number;
      if (c === LF || c === CR) {
        i = this.misfit(start); // a blank line: the scanner skips it
        break;
      }
      if (c === D) {
        // A row of separators only (Excel's blank rows after the data): the reader skips it.
        let k = i;
        while (k < n && bytes[k] === D) k++;
        if (k === n || bytes[k] === LF || bytes[k] === CR) {
          i = this.misfit(start);
          break;
        }
      }
      if (
        (c === QUOTE || (c | 0x20) === 0x74 || (c | 0x20) === 0x67 || (c | 0x20) === 0x73) &&
        startsWithTotalWord(bytes, i, n)
      ) {
        i = this.misfit(start); // a report's total row, maybe: the reader decides
        break;
      }
      // Each field in turn, read as it is scanned, up to the line break.
      for (let field = 0; ; field++) {
        if (i === n) {
          i = start; // the record goes on in the next chunk
          break records;
        }
        if (field === width) {
          i = this.misfit(start);
          break records;
        }
        const kind = kinds[field] as number;
        let s = i;
        let e = i;
        let h = FNV_OFFSET;
        /** A number or date read while scanning, else NaN. */
        let value = Number.NaN;
        c = bytes[i] as number;
        if (c === QUOTE) {
          s = ++i;
          while (i < n) {
            c = bytes[i] as number;
            if (c === QUOTE || c === LF || c === CR) break;
            i++;
          }
          if (i + 1 >= n) {
            i = start;
            break records;
          }
          e = i;
          c = bytes[++i] as number; // after the closing quote: a separator or a line break
          if (bytes[e] !== QUOTE || (c !== D && c !== LF && c !== CR)) {
            i = this.misfit(start);
            break records;
          }
          if (kind === TEXT) h = hashBytes(bytes, s, e);
        } else if (kind === TEXT) {
          // An id: hashed as it is scanned.
          while (i < n) {
            c = bytes[i] as number;
            if (c <= top && (c === D || c === LF || c === CR || c === QUOTE)) break;
            h = Math.imul(h ^ c, FNV_PRIME);
            i++;
          }
          e = i;
        } else if (
          kind === DATE &&
          i + 10 < n &&
          ((c = bytes[i + 10] as number) === D || c === LF || c === CR) &&
          (value = parseIsoDay(bytes, i, i + 10)) === value
        ) {
          // An ISO date (2026-06-30): ten bytes, digits where they should be, nothing to scan.
          i += 10;
          e = i;
        } else if (kind === NUMBER) {
          // An amount: its digits summed as it is scanned, as parsePlainNumber reads them
          // (`-1234.56`, `1234,56`). Any other shape is left to readNumber below.
          const negative = c === 45;
          if (negative) i++;
          const first = i;
          let digits = 0;
          let count = 0;
          let mark = -1;
          let markChar = 0;
          let plain = true;
          while (i < n) {
            c = bytes[i] as number;
            const d = c - 48;
            if (d >>> 0 <= 9) {
              digits = digits * 10 + d;
              count++;
            } else if (c <= top && (c === D || c === LF || c === CR || c === QUOTE)) {
              break;
            } else if ((c === 46 || c === 44) && mark < 0) {
              mark = i;
              markChar = c;
            } else {
              plain = false;
            }
            i++;
          }
          e = i;
          if (plain && count > 0 && count <= 15) {
            if (mark < 0) {
              value = negative ? -digits : digits;
            } else if (mark > first && mark < e - 1) {
              // `1,234` or `1.234` with the column's other decimal mark groups thousands: left to
              // readNumber, as parsePlainNumber leaves it.
              const scale = e - mark - 1;
              const ambiguous = scale === 3 && mark - first <= 3 && bytes[first] !== 48;
              if (!ambiguous || markChar === decimalBytes[field]) {
                const v = digits / (POWERS_OF_TEN[scale] as number);
                value = negative ? -v : v;
              }
            }
          }
        } else {
          while (i < n) {
            c = bytes[i] as number;
            if (c <= top && (c === D || c === LF || c === CR || c === QUOTE)) break;
            i++;
          }
          e = i;
        }
        if (i === n) {
          i = start;
          break records;
        }
        if (c === QUOTE) {
          i = this.misfit(start);
          break records;
        }
        if (kind !== SKIP) {
          // Trimmed as the reader trims: ASCII white space here, the rest by the reader.
          if (s < e && ((bytes[s] as number) <= 32 || (bytes[e - 1] as number) <= 32)) {
            while (s < e && isAsciiSpace(bytes[s] as number)) s++;
            while (e > s && isAsciiSpace(bytes[e - 1] as number)) e--;
            if (kind === TEXT) h = hashBytes(bytes, s, e);
          }
          const slot = slots[field] as number;
          if (s === e) {
            if (required[field] === 1) {
              i = this.misfit(start);
              break records;
            }
            if (kind === TEXT || kind === SPAN) (keyed[slot] as Int32Array)[row] = -1;
            else (numeric[slot] as Float64Array)[row] = Number.NaN;
          } else if (kind === TEXT || kind === SPAN) {
            if (
              ((bytes[s] as number) >= 0x80 || (bytes[e - 1] as number) >= 0x80) &&
              endsWithSpaceBeyondAscii(bytes, s, e)
            ) {
              i = this.misfit(start); // white space beyond ASCII ends it: the reader trims it
              break records;
            }
            (keyed[slot] as Int32Array)[row] = PENDING_KEY;
            (hashes[slot] as Int32Array)[row] = h;
            (textStarts[slot] as Int32Array)[row] = s;
            (textEnds[slot] as Int32Array)[row] = e;
          } else {
            if (value !== value) value = this.readNumber(kind, field, bytes, s, e);
            if (value !== value) {
              i = this.misfit(start);
              break records;
            }
            (numeric[slot] as Float64Array)[row] = value;
          }
        }
        if (c !== D) {
          if (field + 1 !== width) {
            i = this.misfit(start);
            break records;
          }
          break;
        }
        i++;
      }
      // The line break at i.
      const end = i;
      if (c === CR) {
        if (i + 1 >= n) {
          i = start;
          break;
        }
        if (bytes[i + 1] !== LF) {
          i = this.misfit(start); // a lone CR: the scanner counts its lines
          break;
        }
        i++;
      }
      i++;
      batch.lines[row] = line + taken;
      batch.sources[row] = bytes;
      batch.spanStarts[row] = start;
      batch.spanEnds[row] = end;
      batch.length = row + 1;
      taken++;
    }
    this.reached = i;
    this.rows += taken;
    return taken;
  }

  private misfit(start: number): number {
    this.misfits++;
    return start;
  }

  /**
   * A number or date cell (trimmed of ASCII white space, not empty) as the reader reads it: the
   * usual shapes in place, others (`1 234,56 €`, `2026-6-30`) by its string parsers on the cell
   * trimmed as the reader trims it; NaN when it is not one (the reader then rejects the record).
   */
  private readNumber(kind: number, column: number, bytes: Buffer, s: number, e: number): number {
    const value =
      kind === NUMBER
        ? parsePlainNumber(bytes, s, e, this.decimals[column] as DecimalMark)
        : parseDateBytes(bytes, s, e, this.orders[column] as DateOrder);
    if (value === value) return value;
    const text = bytes.toString('utf8', s, e).trim();
    if (text === '') return Number.NaN; // white space beyond ASCII: empty, the reader decides
    return kind === NUMBER
      ? parseLocaleNumber(text, this.decimals[column] as DecimalMark)
      : parseDateText(text, this.orders[column] as DateOrder);
  }
}
