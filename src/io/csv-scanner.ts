/**
 * A hand-written, quote-aware CSV scanner (RFC 4180): separators, quotes (`""` inside quotes)
 * and line breaks inside quoted fields; CRLF, LF or a lone CR between records. It works on UTF-8
 * bytes pushed chunk by chunk (the reader turns every encoding into UTF-8 first) and hands each
 * record to a synchronous sink as offsets into the bytes (a `RecordView`): the reader parses
 * numbers and dates in place and decodes strings only where it needs them. Bytes, not strings,
 * because V8 reads a byte array about twice as fast as a string (measured). Memory holds the
 * record in progress, never the file. Lenient where spreadsheets are: a quote inside an unquoted
 * field is kept as a character; text after a closing quote is appended to the field.
 */
import { growTypedArray } from '../core/typed-arrays.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

const START = 0; // at the start of a field
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_SEEN = 3; // a quote inside a quoted field: the end, or the first of `""`
const AFTER_CR = 4; // a record ended on CR: skip the LF of a CRLF

/** The span of the field is its value. */
export const PLAIN = 0;
/** The span is the inside of a quoted field without `""`: still the value. */
export const QUOTED_SIMPLE = 1;
/** The span is the raw field, quotes included (`"a ""b"""`, `"ab"c`): `decodeRawField` gives the value. */
export const RAW = 2;

/**
 * One record, as offsets into `bytes` (UTF-8). Valid only during the sink call: the scanner
 * reuses it for the next record.
 */
export interface RecordView {
  bytes: Buffer;
  /** 1-based physical line where the record starts. */
  line: number;
  /** Number of fields. */
  count: number;
  /** Field i spans `bytes[starts[i]..ends[i])`, read as `kinds[i]` says. */
  starts: Int32Array;
  ends: Int32Array;
  kinds: Uint8Array;
  /** The record's own span in `bytes`, without its line break (to read it again). */
  start: number;
  end: number;
  /** Set when the record is broken (an unclosed quote at the end of the input). */
  problem: string | undefined;
}

/**
 * Takes plain records faster than the scanner can (see column-batch.ts): offered the bytes at
 * each record start, it takes whole records that each end in one line break (none inside), stores
 * them itself, and stops before the first it cannot take; `reached` is the offset after the last
 * record taken.
 */
export interface RecordLane {
  /** Takes records from `bytes[from]`, the first on line `line`; returns how many. */
  take(bytes: Buffer, from: number, line: number): number;
  reached: number;
}

/** The value of a RAW field: `"a ""b"""` -> `a "b"`; `"ab"c` -> `abc`; `"open` -> `open`. */
export function decodeRawField(raw: string): string {
  let out = '';
  let i = 1;
  for (;;) {
    const q = raw.indexOf('"', i);
    if (q < 0) return out + raw.slice(i); // never closed
    out += raw.slice(i, q);
    if (raw.charCodeAt(q + 1) === QUOTE) {
      out += '"';
      i = q + 2;
      continue;
    }
    return out + raw.slice(q + 1); // closed: the rest is kept as written
  }
}

/** The value of field `i` of a record, as a string. */
export function fieldText(view: RecordView, i: number): string {
  const s = view.starts[i] as number;
  const e = view.ends[i] as number;
  const text = view.bytes.toString('utf8', s, e);
  return view.kinds[i] === RAW ? decodeRawField(text) : text;
}

/** Every field of a record, as strings (the record decoded on its own: see CellCutter). */
export function recordCells(view: RecordView): string[] {
  return new CellCutter(false).cells(view);
}

/**
 * Cuts the cells of records from their decoded text: one decoding per record, or per chunk for
 * reading row by row (`wholeChunk`), not one per field, since a call into the decoder costs more
 * than the decoding itself. Field offsets are in bytes; in the text they are in UTF-16 units,
 * which differ after a character beyond ASCII: each byte that starts a character is one unit (two
 * for the four-byte ones), continuation bytes are none. Cells cut from a chunk are slices of the
 * chunk's string: keep a copy of what you keep.
 */
export class CellCutter {
  private bytes: Buffer | undefined;
  /** The decoded text starts at this byte of `bytes`. */
  private base = 0;
  private text = '';
  private ascii = true;
  /** A byte offset and its UTF-16 offset in `text`, walked forward. */
  private byte = 0;
  private unit = 0;

  constructor(private readonly wholeChunk: boolean) {}

  cells(view: RecordView): string[] {
    if (view.bytes !== this.bytes || view.start < this.base || !this.wholeChunk) {
      this.bytes = view.bytes;
      this.base = this.wholeChunk ? 0 : view.start;
      const end = this.wholeChunk ? view.bytes.length : view.end;
      // TextDecoder: faster than Buffer's toString on text beyond ASCII.
      this.text = UTF8.decode(view.bytes.subarray(this.base, end));
      this.ascii = this.text.length === end - this.base;
      this.byte = this.base;
      this.unit = 0;
    }
    const cells = new Array<string>(view.count);
    for (let i = 0; i < view.count; i++) {
      const from = this.unitAt(view.starts[i] as number);
      const text = this.text.slice(from, this.unitAt(view.ends[i] as number));
      cells[i] = view.kinds[i] === RAW ? decodeRawField(text) : text;
    }
    return cells;
  }

  /** The offset in `text` of byte `offset` (records come in order: a forward walk). */
  private unitAt(offset: number): number {
    if (this.ascii) return offset - this.base;
    if (offset < this.byte) {
      this.byte = this.base;
      this.unit = 0;
    }
    const bytes = this.bytes as Buffer;
    let u = this.unit;
    let b = this.byte;
    for (; b < offset; b++) u += unitsOf(bytes[b] as number);
    this.byte = b;
    this.unit = u;
    return u;
  }
}

/** UTF-16 units that a UTF-8 byte adds: 1 for a first byte, 2 for a four-byte one, 0 for a continuation byte. */
function unitsOf(byte: number): number {
  return byte < 0x80 ? 1 : byte < 0xc0 ? 0 : byte < 0xf0 ? 1 : 2;
}

/** A record longer than this (bytes) is taken for an unclosed quote swallowing the file. */
export const MAX_FIELD_CHARS = 64 * 1024 * 1024;

const EMPTY = Buffer.alloc(0);
/** `ignoreBOM`: U+FEFF at the start of a chunk or a record is data (only the file's first three
 * bytes may be a BOM, and the decoder of the file drops those). */
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The scanner. Each complete record goes to `sink` as a RecordView; the record in progress at the
 * end of a chunk is carried over to the next one, and scanning resumes where it stopped.
 */
export class RecordScanner {
  /**
   * The bytes of the record in progress, from its first byte, are `store[0..carried)`; offsets
   * below point into them. The store grows by doubling, so that a record spanning many chunks (a
   * long field) costs time and memory in proportion to its length, not its square.
   */
  private store: Buffer = EMPTY;
  private carried = 0;
  /** Bytes copied to carry records over chunk ends, in all (tests check it stays linear). */
  bytesCopied = 0;
  private state = START;
  private fieldStart = 0;
  private fieldKind = PLAIN;
  private line = 1;
  private readonly view: RecordView;
  private readonly delimiter: number;
  /** Offered every record start once set (after the header, say). */
  lane: RecordLane | undefined;

  constructor(
    delimiter: string,
    private readonly sink: (view: RecordView) => void,
    private readonly maxRecordChars = MAX_FIELD_CHARS,
  ) {
    const d = delimiter.charCodeAt(0);
    if (delimiter.length !== 1 || d >= 128 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new RangeError(`bad delimiter ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = d;
    this.view = {
      bytes: EMPTY,
      line: 1,
      count: 0,
      starts: new Int32Array(16),
      ends: new Int32Array(16),
      kinds: new Uint8Array(16),
      start: 0,
      end: 0,
      problem: undefined,
    };
  }

  /** The line the scanner has reached (1-based). */
  get currentLine(): number {
    return this.line;
  }

  /** Starts at line `line` (a part of a file read by a worker thread, src/io/parallel). */
  startAt(line: number): void {
    this.line = line;
    this.view.line = line;
  }

  /**
   * The bytes of the record in progress (0: the next byte starts a record), or undefined when
   * the last record ended on a CR whose LF may follow (src/io/parallel: where a part ends).
   */
  pendingBytes(): number | undefined {
    return this.state === AFTER_CR ? undefined : this.carried;
  }

  /** The line where the record in progress starts (the last record's, after a CR). */
  get recordLine(): number {
    return this.view.line;
  }

  private addField(start: number, end: number, kind: number): void {
    const v = this.view;
    const n = v.count;
    if (n === v.starts.length) {
      v.starts = growTypedArray(v.starts);
      v.ends = growTypedArray(v.ends);
      v.kinds = growTypedArray(v.kinds);
    }
    v.starts[n] = start;
    v.ends[n] = end;
    v.kinds[n] = kind;
    v.count = n + 1;
  }

  /** Hands the record to the sink, unless it is a blank line, and starts the next one. */
  private emit(bytes: Buffer, start: number, end: number): void {
    const v = this.view;
    v.bytes = bytes;
    v.start = start;
    v.end = end;
    // A blank line; a line holding only `""` is a record (one empty field), not a blank line.
    const blank =
      v.count === 1 && v.starts[0] === v.ends[0] && v.kinds[0] === PLAIN && v.problem === undefined;
    if (!blank) this.sink(v);
    v.count = 0;
    v.problem = undefined;
  }

  /** Scans a chunk of UTF-8 bytes; complete records go to the sink. */
  push(chunk: Buffer): void {
    const carried = this.carried;
    if (carried === 0) {
      this.scan(chunk, 0);
      return;
    }
    const end = this.carriedRecordEnd(chunk);
    if (end < 0) {
      // The record goes on past this chunk: appended to the store, scanned from where it stopped.
      this.append(chunk);
      this.scan(this.store.subarray(0, this.carried), carried, 0, true);
      return;
    }
    // The record carried over ends early in the chunk (usually): it is finished on a buffer of
    // its own (the sink may keep it), and the chunk is scanned where it is, without a copy.
    if (carried + end > this.maxRecordChars) throw new FieldTooLongError(this.view.line, this.maxRecordChars);
    const record = Buffer.allocUnsafe(carried + end);
    this.bytesCopied += carried + end;
    this.store.copy(record, 0, 0, carried);
    chunk.copy(record, carried, 0, end);
    this.carried = 0;
    if (this.store.length > 1 << 20) this.store = EMPTY; // a long record's room is given back
    this.scan(record, carried);
    this.scan(chunk, end, end);
  }

  /** Appends bytes to the record in progress (the store doubles when full). */
  private append(bytes: Uint8Array): void {
    const need = this.carried + bytes.length;
    if (need > this.maxRecordChars) throw new FieldTooLongError(this.view.line, this.maxRecordChars);
    if (need > this.store.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.store.length * 2, 64 * 1024));
      this.store.copy(grown, 0, 0, this.carried);
      this.bytesCopied += this.carried;
      this.store = grown;
    }
    this.store.set(bytes, this.carried);
    this.bytesCopied += bytes.length;
    this.carried = need;
  }

  /** Where the record carried over ends in `chunk` (just after its line break), or -1. */
  private carriedRecordEnd(chunk: Buffer): number {
    const D = this.delimiter;
    let state = this.state;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as number;
      if (state === QUOTED) {
        if (c === QUOTE) state = QUOTE_SEEN;
        continue;
      }
      if (c === QUOTE && (state === QUOTE_SEEN || state === START)) {
        state = QUOTED; // `""` inside quotes, or a quoted field starting
        continue;
      }
      if (c === LF || c === CR) return i + 1;
      state = c === D ? START : UNQUOTED;
    }
    return -1;
  }

  /**
   * Scans `bytes` from `from`, where the state left by the previous scan resumes; the record in
   * progress started at `recordStart`. What is left unfinished is carried over. `inStore`: `bytes`
   * is the store itself (the record carried over, grown by a chunk).
   */
  private scan(bytes: Buffer, from: number, recordStart = 0, inStore = false): void {
    const n = bytes.length;
    const D = this.delimiter;
    const top = D > CR ? D : CR;
    const v = this.view;
    let i = from;
    let state = this.state;
    let fieldStart = this.fieldStart;
    let kind = this.fieldKind;
    let c = 0;
    while (i < n) {
      if (state === START) {
        if (v.count === 0 && this.lane !== undefined) {
          const taken = this.lane.take(bytes, i, this.line);
          if (taken > 0) {
            i = this.lane.reached;
            recordStart = i;
            this.line += taken;
            v.line = this.line;
            if (i === n) break;
          }
        }
        fieldStart = i;
        if ((bytes[i] as number) === QUOTE) {
          state = QUOTED;
          kind = QUOTED_SIMPLE;
          i++;
          continue;
        }
        state = UNQUOTED;
        kind = PLAIN;
      }
      if (state === UNQUOTED) {
        // Most bytes are above the separator, LF and CR: one compare lets them by.
        while (i < n) {
          c = bytes[i] as number;
          if (c <= top && (c === D || c === LF || c === CR)) break;
          i++;
        }
        if (i === n) break;
        this.addField(fieldStart, i, kind);
      } else if (state === QUOTED) {
        while (i < n) {
          c = bytes[i] as number;
          if (c === QUOTE) break;
          // A line break inside quotes: LF, CRLF (counted on its LF) or a lone CR.
          if (c === LF ? (bytes[i - 1] as number) !== CR : c === CR) this.line++;
          i++;
        }
        if (i === n) break;
        i++;
        state = QUOTE_SEEN;
        continue;
      } else if (state === QUOTE_SEEN) {
        c = bytes[i] as number; // the character after a quote
        if (c === QUOTE) {
          kind = RAW; // `""`: the value needs decoding
          i++;
          state = QUOTED;
          continue;
        }
        if (c !== D && c !== LF && c !== CR) {
          kind = RAW; // `"ab"c`: lenient, the field goes on unquoted
          state = UNQUOTED;
          continue;
        }
        if (kind === QUOTED_SIMPLE) this.addField(fieldStart + 1, i - 1, QUOTED_SIMPLE);
        else this.addField(fieldStart, i, RAW);
      } else {
        // AFTER_CR: a record ended on CR; a LF right after it belongs to the same line break.
        if ((bytes[i] as number) === LF) i++;
        this.line++;
        v.line = this.line;
        recordStart = i;
        state = START;
        continue;
      }
      // A field ended on c: a separator, or a line break that ends the record.
      i++;
      if (c === D) {
        state = START;
        continue;
      }
      this.emit(bytes, recordStart, i - 1);
      recordStart = i;
      if (c === CR) {
        state = AFTER_CR;
      } else {
        this.line++;
        v.line = this.line;
        state = START;
      }
    }
    // The record in progress (if any) is carried over, its offsets made relative to its start.
    if (recordStart > 0) {
      for (let f = 0; f < v.count; f++) {
        v.starts[f] = (v.starts[f] as number) - recordStart;
        v.ends[f] = (v.ends[f] as number) - recordStart;
      }
      fieldStart -= recordStart;
    }
    if (inStore && recordStart === 0) {
      // Still the same record: it stays where it is.
    } else {
      // A copy of the bytes left (a view would keep the whole chunk alive), in a new store when
      // records were handed out of this one (the sink may keep them).
      if (inStore) this.store = EMPTY;
      this.carried = 0;
      if (recordStart < n) this.append(bytes.subarray(recordStart));
    }
    this.state = state;
    this.fieldStart = fieldStart;
    this.fieldKind = kind;
  }

  /** Ends the input: the last record, even without a final line break. */
  end(): void {
    const state = this.state;
    const bytes = this.store.subarray(0, this.carried);
    const n = bytes.length;
    const v = this.view;
    this.state = START;
    this.store = EMPTY;
    this.carried = 0;
    if (state === QUOTED) {
      this.addField(this.fieldStart, n, RAW);
      v.problem = `a quoted field opened on line ${v.line} is never closed (the rest of the input went into it)`;
    } else if (state === UNQUOTED) {
      this.addField(this.fieldStart, n, this.fieldKind);
    } else if (state === QUOTE_SEEN) {
      if (this.fieldKind === QUOTED_SIMPLE) this.addField(this.fieldStart + 1, n - 1, QUOTED_SIMPLE);
      else this.addField(this.fieldStart, n, RAW);
    } else if (state === START && v.count > 0) {
      this.addField(n, n, PLAIN);
    } else {
      return;
    }
    this.emit(bytes, 0, n);
  }
}

/** Receives one record as strings: its cells, its line, and a problem when it is broken. */
export type RecordSink = (cells: string[], line: number, problem?: string) => void;

/** The scanner handing out records as arrays of strings (the sample, tests, small inputs). */
export class CsvScanner {
  private readonly scanner: RecordScanner;

  constructor(delimiter: string, sink: RecordSink, maxFieldChars = MAX_FIELD_CHARS) {
    this.scanner = new RecordScanner(
      delimiter,
      (view) => sink(recordCells(view), view.line, view.problem),
      maxFieldChars,
    );
  }

  get currentLine(): number {
    return this.scanner.currentLine;
  }

  push(text: string): void {
    this.scanner.push(Buffer.from(text, 'utf8'));
  }

  end(): void {
    this.scanner.end();
  }
}

/** A record beyond MAX_FIELD_CHARS: almost always an unclosed quote. */
export class FieldTooLongError extends Error {
  constructor(
    readonly line: number,
    readonly maxChars: number,
  ) {
    super(
      `the record starting on line ${line} has a field longer than ${Math.round(maxChars / 1048576)} MB; an unclosed quote?`,
    );
  }
}

/** Scans a whole text at once (tests, small inputs). */
export function scanCsv(text: string, delimiter: string): { cells: string[]; line: number }[] {
  const records: { cells: string[]; line: number }[] = [];
  const scanner = new CsvScanner(delimiter, (cells, line) => records.push({ cells, line }));
  scanner.push(text);
  scanner.end();
  return records;
}

/** The separators the reader recognises, in order of preference on a tie. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Counts a delimiter outside quotes on each of the first `maxLines` records of a text. */
function countPerLine(text: string, delimiter: string, maxLines: number): number[] {
  const counts: number[] = [];
  const d = delimiter.charCodeAt(0);
  let inQuotes = false;
  let count = 0;
  for (let i = 0; i < text.length && counts.length < maxLines; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && c === d) count++;
    else if (!inQuotes && (c === LF || c === CR)) {
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      counts.push(count);
      count = 0;
    }
  }
  if (counts.length < maxLines && count > 0) counts.push(count);
  return counts;
}

/**
 * The separator of a CSV text among `,` `;` TAB `|`, from its header and first lines: the one
 * found on the header that splits the most following lines into the header's number of fields,
 * then the one with the most fields. A text with none of them has one column (`,`). Blank lines
 * before the header are skipped.
 */
export function detectDelimiter(text: string, maxLines = 20): string {
  let best = ',';
  let bestScore = -1;
  let bestFields = 0;
  // Blank lines before the header are skipped (the scanner skips them too).
  const sample = text.replace(/^\ufeff/, '').replace(/^[\r\n]+/, '');
  for (const delimiter of DELIMITERS) {
    const counts = countPerLine(sample, delimiter, maxLines);
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const rest = counts.slice(1);
    const agree = rest.length === 0 ? 1 : rest.filter((n) => n === header).length / rest.length;
    if (agree > bestScore || (agree === bestScore && header > bestFields)) {
      best = delimiter;
      bestScore = agree;
      bestFields = header;
    }
  }
  return best;
}
