/**
 * Differential fuzz test of the CSV reader (issue 17). Generated CSV files (quoting, separators
 * `,` `;` TAB, LF / CRLF / CR line endings, a BOM or none, U+FEFF inside the data, astral
 * characters, Windows-1252 bytes, blank lines, lines holding only `""`, rejected rows) are read
 * five ways:
 * - by rows (`forEachRow`) from the file, read in chunks of a random small size;
 * - by columns (`columnBatches`, the plain-record lane included) from the file, other chunks;
 * - by rows and by columns from stdin, cut at random points;
 * - by csv-parse (the reference parser, an independent implementation) on the text.
 * They must agree on rows, cells, line numbers (worked out by the generator as it writes the
 * file), rejected lines and the revenue total (the generator's own sum, in cents).
 *
 * CI runs a fixed seed (fast); a longer run on demand: `FUZZ_RUNS=100000 npx vitest run
 * test/csv-fuzz.test.ts` (and `FUZZ_SEED=n` for another seed).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Io } from '../src/io/context.js';
import { openTable, type FieldSpec, type ReadOptions } from '../src/io/read-table.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 17);

const SPEC: FieldSpec[] = [
  { field: 'clientId', type: 'text' },
  { field: 'revenue', type: 'number' },
];

/** Characters of the cells: ASCII, separators, quotes, line breaks, U+FEFF, é, €, an astral one. */
const UTF8_CHARS = ['a', 'B', '7', ' ', ',', ';', '\t', '"', '\n', '\r', '\ufeff', 'é', '€', '😀', '\u00a0'];
/**
 * Windows-1252 files: ASCII and letters whose bytes are all at or above 0xC0, so that no run of
 * them is valid UTF-8 (a lead byte needs a byte of 0x80-0xBF after it) and the reader's rule
 * falls back to Windows-1252 at the first one.
 */
const CP1252_CHARS = ['a', 'B', '7', ' ', ',', ';', '\t', '"', '\n', '\r', 'é', 'è', 'ç', 'à', 'É'];

interface Model {
  sep: string;
  eol: string;
  bom: boolean;
  cp1252: boolean;
  finalEol: boolean;
  /** Blank lines before each record (the header included). */
  blanks: number[];
  notes: string[];
  ids: string[];
  /** Revenue in cents, or null for a cell that is not a number ("n.c.": the row is rejected). */
  cents: (number | null)[];
  quoteAll: boolean[];
  /** Before data record r: a line holding only `""` (a record of one empty field: rejected). */
  quotedEmpty: boolean[];
  /** Where the columns go: [id, revenue, note] in this order in the file. */
  order: readonly number[];
}

const text = (chars: string[], max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...chars), { maxLength: max }).map((a) => a.join(''));

const model: fc.Arbitrary<Model> = fc
  .record({
    sep: fc.constantFrom(',', ';', '\t'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    cp1252: fc.boolean(),
    finalEol: fc.boolean(),
    rows: fc.nat(12),
    order: fc.constantFrom([0, 1, 2], [1, 0, 2], [2, 0, 1], [0, 2, 1]),
  })
  .chain((m) => {
    const chars = m.cp1252 ? CP1252_CHARS : UTF8_CHARS;
    return fc.record({
      sep: fc.constant(m.sep),
      eol: fc.constant(m.eol),
      bom: fc.constant(m.bom && !m.cp1252),
      cp1252: fc.constant(m.cp1252),
      finalEol: fc.constant(m.finalEol),
      order: fc.constant(m.order),
      blanks: fc.array(
        fc.nat(2).map((n) => (n === 2 ? 0 : n)),
        { minLength: m.rows + 1, maxLength: m.rows + 1 },
      ),
      // An id that is not white space only (String.trim's white space: U+FEFF and U+00A0 too).
      ids: fc.array(
        fc
          .tuple(text(chars, 6), fc.constantFrom('c', 'X', '😀', 'é'), text(chars, 4))
          .map(([a, b, c]) => (m.cp1252 && b === '😀' ? `${a}c${c}` : `${a}${b}${c}`)),
        { minLength: m.rows, maxLength: m.rows },
      ),
      notes: fc.array(text(chars, 10), { minLength: m.rows, maxLength: m.rows }),
      cents: fc.array(fc.option(fc.integer({ min: -10_000_000, max: 10_000_000 }), { freq: 8 }), {
        minLength: m.rows,
        maxLength: m.rows,
      }),
      quoteAll: fc.array(fc.boolean(), { minLength: m.rows + 1, maxLength: m.rows + 1 }),
      quotedEmpty: fc.array(
        fc.nat(7).map((n) => n === 0),
        { minLength: m.rows, maxLength: m.rows },
      ),
    });
  });

function quote(cell: string, sep: string, always: boolean): string {
  return always || cell.includes(sep) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function moneyText(cents: number | null): string {
  if (cents === null) return 'n.c.';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Line breaks in a text, as the reader counts them: LF, CRLF (one), lone CR. */
function lineBreaks(t: string): number {
  return (t.match(/\r\n|\r|\n/g) ?? []).length;
}

interface Built {
  bytes: Buffer;
  /** The text without BOM, for the reference parser. */
  text: string;
  /** Every record as written (the header first), as the reference parser must give them. */
  records: string[][];
  /** The cells and line of each record the reader uses. */
  usedCells: string[][];
  expectedUsed: { line: number; id: string; cents: number }[];
  /** The lines of the records rejected, in order. */
  expectedRejected: number[];
  /** Lines holding only `""`: a row of one empty field, skipped as a blank row (issue 13). */
  expectedSkipped: number;
}

function build(m: Model): Built {
  const header = ['client_id', 'revenue', 'note'];
  const place = (cells: string[]): string[] => m.order.map((i) => cells[i] as string);
  /** What is written, in order: the header, then each `""` line and data record. */
  const items: { cells: string[]; row?: number }[] = [{ cells: place(header) }];
  for (let r = 0; r < m.ids.length; r++) {
    if (m.quotedEmpty[r]) items.push({ cells: [''] });
    items.push({
      cells: place([m.ids[r] as string, moneyText(m.cents[r] ?? null), m.notes[r] as string]),
      row: r,
    });
  }
  let out = '';
  let line = 1;
  const usedCells: string[][] = [];
  const expectedUsed: Built['expectedUsed'] = [];
  const expectedRejected: number[] = [];
  let expectedSkipped = 0;
  items.forEach((item, k) => {
    for (let b = 0; b < (m.blanks[item.row === undefined ? 0 : item.row + 1] ?? 0); b++) {
      out += m.eol;
      line++;
    }
    const r = item.row;
    if (k > 0) {
      const cents = r === undefined ? null : (m.cents[r] ?? null);
      if (r === undefined) expectedSkipped++;
      else if (cents === null) expectedRejected.push(line);
      else {
        expectedUsed.push({ line, id: (m.ids[r] as string).trim(), cents });
        usedCells.push(item.cells);
      }
    }
    const written =
      r === undefined && k > 0
        ? '""'
        : item.cells.map((c) => quote(c, m.sep, r !== undefined && (m.quoteAll[r + 1] ?? false))).join(m.sep);
    line += lineBreaks(written);
    const last = k === items.length - 1;
    if (!last || m.finalEol) {
      out += written + m.eol;
      line++;
    } else {
      out += written;
    }
  });
  // The reader ends a record on its line break: "\r" then "\n" in the next record is CRLF. A
  // record ending on a lone CR with a cell starting with LF after it would be read as one line
  // break: the generator never writes a line starting with LF after a CR line ending (cells
  // starting with a line break are quoted, so the next line starts with a quote).
  let bytes: Buffer;
  if (m.cp1252) {
    bytes = Buffer.from([...out].map((ch) => ch.codePointAt(0) as number));
  } else {
    bytes = Buffer.concat([
      m.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
      Buffer.from(out, 'utf8'),
    ]);
  }
  return {
    bytes,
    text: out,
    records: items.map((i) => i.cells),
    usedCells,
    expectedUsed,
    expectedRejected,
    expectedSkipped,
  };
}

function makeIo(cwd: string, chunks: Buffer[] = []): Io {
  return {
    stdout: () => {},
    stderr: () => {},
    stdin: Readable.from(chunks),
    env: {},
    cwd,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    now: () => new Date('2026-11-23T12:00:00Z'),
  };
}

function cut(bytes: Buffer, points: number[]): Buffer[] {
  const sorted = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of [...sorted, bytes.length]) {
    if (p > from) chunks.push(bytes.subarray(from, p));
    from = p;
  }
  return chunks;
}

interface RowsRead {
  lines: number[];
  cells: string[][];
  used: { line: number; id: string; cents: number }[];
  rejected: number[];
  counts: { read: number; used: number; rejected: number };
  encoding: string;
}

async function readByRows(path: string, io: Io, options: ReadOptions): Promise<RowsRead> {
  const reader = await openTable(path, SPEC, options, io);
  const lines: number[] = [];
  const cells: string[][] = [];
  const used: RowsRead['used'] = [];
  await reader.forEachRow((row) => {
    lines.push(row.line);
    cells.push(row.cells);
    used.push({
      line: row.line,
      id: row.values.clientId as string,
      cents: Math.round((row.values.revenue as number) * 100),
    });
  });
  return {
    lines,
    cells,
    used,
    rejected: reader.firstRejections().map((r) => r.line),
    counts: reader.counts(),
    encoding: reader.detection.encoding,
  };
}

async function readByColumns(
  path: string,
  io: Io,
  options: ReadOptions,
): Promise<Omit<RowsRead, 'cells' | 'lines'>> {
  const reader = await openTable(path, SPEC, options, io);
  const used: RowsRead['used'] = [];
  for await (const batch of reader.columnBatches(['clientId', 'revenue'])) {
    const keys = batch.keys('clientId');
    const values = batch.numbers('revenue');
    const texts = reader.keyTexts('clientId');
    for (let i = 0; i < batch.length; i++) {
      used.push({
        line: batch.lines[i] as number,
        id: texts[keys[i] as number] as string,
        cents: Math.round((values[i] as number) * 100),
      });
    }
  }
  return {
    used,
    rejected: reader.firstRejections().map((r) => r.line),
    counts: reader.counts(),
    encoding: reader.detection.encoding,
  };
}

describe('the CSV reader against csv-parse, by rows, by columns and from stdin (differential fuzz)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-fuzz-'));

  it(`agrees on ${RUNS} generated files (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(
        model,
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (m, chunkRows, chunkColumns, stdinCuts) => {
          const built = build(m);
          writeFileSync(join(dir, 'in.csv'), built.bytes);
          const options: ReadOptions = { delimiter: m.sep, decimal: '.' };

          // The reference: csv-parse on the text (strict RFC 4180 quoting, as the generator writes).
          const reference = parse(built.text, {
            delimiter: m.sep,
            record_delimiter: [m.eol],
            relax_column_count: true,
            skip_empty_lines: true,
          }) as string[][];
          expect(reference).toEqual(built.records);

          const byRows = await readByRows('in.csv', makeIo(dir), { ...options, chunkBytes: chunkRows });
          const byStdin = await readByRows('-', makeIo(dir, cut(built.bytes, stdinCuts)), options);
          const byColumns = await readByColumns('in.csv', makeIo(dir), {
            ...options,
            chunkBytes: chunkColumns,
          });
          const byColumnsStdin = await readByColumns(
            '-',
            makeIo(
              dir,
              cut(
                built.bytes,
                stdinCuts.map((c) => c * 7 + 1),
              ),
            ),
            options,
          );

          const usedLines = built.expectedUsed.map((u) => u.line);
          const readCount = built.records.length - 1;
          const counts = {
            read: readCount,
            used: built.expectedUsed.length,
            rejected: built.expectedRejected.length,
            // The `""` lines; no other row is empty or a footer (every id holds c, X, an emoji or é).
            skipped: built.expectedSkipped,
          };
          const encoding =
            m.cp1252 && [...built.text].some((ch) => (ch.codePointAt(0) as number) > 0x7f)
              ? 'windows-1252'
              : m.bom
                ? 'utf-8-bom'
                : 'utf-8';
          for (const got of [byRows, byStdin]) {
            // Cells as read, untrimmed, as the reference parser gives them (the rows used).
            expect(got.cells).toEqual(built.usedCells);
            expect(got.lines).toEqual(usedLines);
          }
          for (const got of [byRows, byStdin, byColumns, byColumnsStdin]) {
            expect(got.used).toEqual(built.expectedUsed);
            expect(got.rejected).toEqual(built.expectedRejected.slice(0, 20));
            expect(got.counts).toEqual(counts);
            expect(got.encoding).toBe(encoding);
            // The total, in cents, as the generator summed it.
            const total = got.used.reduce((s, u) => s + u.cents, 0);
            expect(total).toBe(built.expectedUsed.reduce((s, u) => s + u.cents, 0));
          }
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 600_000);
});
