/**
 * A hand-written, quote-aware CSV scanner (RFC 4180): separators, quotes (`""` inside quotes)
 * and line breaks inside quoted fields; CRLF, LF or a lone CR between records. It works on
 * decoded text pushed chunk by chunk and hands each record to a synchronous sink, keeping only
 * the record in progress: memory does not grow with the file. Chosen for speed by measurement
 * (see table-contract.md). Lenient where spreadsheets are: a quote inside an unquoted field is
 * kept as a character; text after a closing quote is appended to the field.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

const START = 0; // at the start of a field
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_SEEN = 3; // a quote inside a quoted field: the end, or the first of `""`
const AFTER_CR = 4; // a record ended on CR: skip the LF of a CRLF

/**
 * Receives one record: its cells, the 1-based physical line where it starts, and a problem when
 * the record is broken (an unclosed quote at the end of the input).
 */
export type RecordSink = (cells: string[], line: number, problem?: string) => void;

/** A quoted field longer than this is taken for an unclosed quote swallowing the file. */
export const MAX_FIELD_CHARS = 64 * 1024 * 1024;

export class CsvScanner {
  private fields: string[] = [];
  private partial = '';
  private state = START;
  private line = 1;
  private recordLine = 1;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly sink: RecordSink,
    private readonly maxFieldChars = MAX_FIELD_CHARS,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new RangeError(`bad delimiter ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** The line the scanner has reached (1-based). */
  get currentLine(): number {
    return this.line;
  }

  private endRecord(): void {
    const fields = this.fields;
    this.fields = [];
    if (fields.length === 1 && fields[0] === '') return; // a blank line
    this.sink(fields, this.recordLine);
  }

  /** Scans a chunk of text; complete records go to the sink. */
  push(s: string): void {
    const n = s.length;
    const D = this.delimiter;
    let state = this.state;
    let i = 0;
    let start = 0;
    let c = 0;
    while (i < n) {
      if (state === START) {
        if (s.charCodeAt(i) === QUOTE) {
          state = QUOTED;
          i++;
          start = i;
          continue;
        }
        state = UNQUOTED;
        start = i;
      }
      if (state === UNQUOTED) {
        while (i < n) {
          c = s.charCodeAt(i);
          if (c === D || c === LF || c === CR) break;
          i++;
        }
        if (i === n) break;
        const text = s.slice(start, i);
        this.fields.push(this.partial === '' ? text : this.partial + text);
        this.partial = '';
        i++;
        if (c === D) {
          state = START;
          continue;
        }
        this.endRecord();
        if (c === CR) {
          state = AFTER_CR;
        } else {
          this.line++;
          this.recordLine = this.line;
          state = START;
        }
        continue;
      }
      if (state === QUOTED) {
        while (i < n) {
          c = s.charCodeAt(i);
          if (c === QUOTE) break;
          if (c === LF) this.line++;
          i++;
        }
        if (i === n) break;
        this.partial += s.slice(start, i);
        i++;
        start = i;
        state = QUOTE_SEEN;
        continue;
      }
      if (state === QUOTE_SEEN) {
        c = s.charCodeAt(i);
        if (c === QUOTE) {
          this.partial += '"';
          i++;
          start = i;
          state = QUOTED;
          continue;
        }
        if (c === D || c === LF || c === CR) {
          this.fields.push(this.partial);
          this.partial = '';
          i++;
          if (c === D) {
            state = START;
            continue;
          }
          this.endRecord();
          if (c === CR) {
            state = AFTER_CR;
          } else {
            this.line++;
            this.recordLine = this.line;
            state = START;
          }
          continue;
        }
        state = UNQUOTED; // `"abc"def`: lenient, the field goes on unquoted
        start = i;
        continue;
      }
      // AFTER_CR
      if (s.charCodeAt(i) === LF) i++;
      this.line++;
      this.recordLine = this.line;
      state = START;
    }
    if (state === UNQUOTED || state === QUOTED) {
      this.partial += s.slice(start, n);
      if (this.partial.length > this.maxFieldChars) {
        throw new FieldTooLongError(this.recordLine, this.maxFieldChars);
      }
    }
    this.state = state;
  }

  /** Ends the input: the last record, even without a final line break. */
  end(): void {
    const state = this.state;
    this.state = START;
    if (state === QUOTED) {
      this.fields.push(this.partial);
      this.partial = '';
      const fields = this.fields;
      this.fields = [];
      this.sink(
        fields,
        this.recordLine,
        `a quoted field opened on line ${this.recordLine} is never closed (the rest of the input went into it)`,
      );
      return;
    }
    if (state === UNQUOTED || state === QUOTE_SEEN || (state === START && this.fields.length > 0)) {
      this.fields.push(this.partial);
      this.partial = '';
      this.endRecord();
    }
  }
}

/** A field beyond MAX_FIELD_CHARS: almost always an unclosed quote. */
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
 * then the one with the most fields. A text with none of them has one column (`,`).
 */
export function detectDelimiter(text: string, maxLines = 20): string {
  let best = ',';
  let bestScore = -1;
  let bestFields = 0;
  const sample = text.replace(/^\ufeff/, '');
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
