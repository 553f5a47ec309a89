/**
 * The reader gives the same rows whatever the chunking (file chunks of any size, stdin chunks of
 * any size), and the reproducers of issue 17 for reading. Expected values are worked out by hand
 * from the bytes written in each test.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DataError } from '../errors.js';
import type { Context, Io } from './context.js';
import { RecordScanner, MAX_FIELD_CHARS } from './csv-scanner.js';
import { openTable, type FieldSpec, type ReadOptions } from './read-table.js';

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

function makeCtx(io: Io): { ctx: Context; notes: string[] } {
  const notes: string[] = [];
  return {
    ctx: { io, lang: 'en', color: false, quiet: false, note: (t) => notes.push(t), today: '2026-11-23' },
    notes,
  };
}

const CLIENTS: FieldSpec[] = [
  { field: 'clientId', type: 'text', unique: true },
  { field: 'revenue', type: 'number' },
];

interface Read {
  rows: [number, string | null, number | null][];
  cells: string[][];
  counts: { read: number; used: number; rejected: number };
  notes: string[];
}

/** Reads `bytes` as a file in chunks of `chunkBytes`, or as stdin cut at `cuts`. */
async function readRows(
  bytes: Buffer,
  how: { chunkBytes?: number; stdinCuts?: number[] },
  spec: FieldSpec[] = CLIENTS,
  options: ReadOptions = {},
): Promise<Read> {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-chunks-'));
  writeFileSync(join(dir, 'in.csv'), bytes);
  let io: Io;
  let path = 'in.csv';
  if (how.stdinCuts !== undefined) {
    const points = [...new Set(how.stdinCuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
    const chunks: Buffer[] = [];
    let from = 0;
    for (const p of [...points, bytes.length]) {
      if (p > from) chunks.push(bytes.subarray(from, p));
      from = p;
    }
    io = makeIo(dir, chunks);
    path = '-';
  } else {
    io = makeIo(dir);
  }
  const opts = how.chunkBytes === undefined ? options : { ...options, chunkBytes: how.chunkBytes };
  const reader = await openTable(path, spec, opts, io);
  const rows: Read['rows'] = [];
  const cells: string[][] = [];
  await reader.forEachRow((r) => {
    rows.push([r.line, r.values.clientId as string | null, r.values.revenue as number | null]);
    cells.push(r.cells);
  });
  const { ctx, notes } = makeCtx(io);
  reader.finish(ctx);
  return { rows, cells, counts: reader.counts(), notes };
}

/** Every way to cut `bytes`: file chunks of 1..n bytes and stdin cut at every single point. */
async function everyChunking(bytes: Buffer, spec: FieldSpec[] = CLIENTS): Promise<Read[]> {
  const out: Read[] = [];
  for (let size = 1; size <= bytes.length + 1; size++)
    out.push(await readRows(bytes, { chunkBytes: size }, spec));
  for (let cut = 0; cut <= bytes.length; cut++) out.push(await readRows(bytes, { stdinCuts: [cut] }, spec));
  out.push(await readRows(bytes, { stdinCuts: [...bytes.keys()] }, spec)); // one byte at a time
  return out;
}

describe('U+FEFF inside the data (issue 17)', () => {
  it('is data wherever a chunk starts: same rows and cells for every chunking, file or stdin', async () => {
    // BOM, header, then records that start with U+FEFF (EF BB BF), one of them the last record
    // without a final line break. String.trim counts U+FEFF as white space: the id is "B".
    const bytes = Buffer.from('\ufeffclient_id,revenue\nA,10\n\ufeffB,20\nC,\ufeff30\n\ufeffD,4', 'utf8');
    const want = {
      rows: [
        [2, 'A', 10],
        [3, 'B', 20],
        [4, 'C', 30],
        [5, 'D', 4],
      ],
      cells: [
        ['A', '10'],
        ['\ufeffB', '20'],
        ['C', '\ufeff30'],
        ['\ufeffD', '4'],
      ],
      counts: { read: 4, used: 4, rejected: 0, skipped: 0 },
    };
    for (const got of await everyChunking(bytes)) {
      expect({ rows: got.rows, cells: got.cells, counts: got.counts }).toEqual(want);
    }
  });

  it('a double BOM: the first is the BOM, the second is data (trimmed from the header)', async () => {
    const bytes = Buffer.from('\ufeff\ufeffclient_id,revenue\nA,10\n', 'utf8');
    for (const got of await everyChunking(bytes)) expect(got.rows).toEqual([[2, 'A', 10]]);
  });

  it('keeps no BOM when stdin gives the first bytes one at a time', async () => {
    const bytes = Buffer.from('\ufeffclient_id;revenue\nA;1,5\n', 'utf8');
    const got = await readRows(bytes, { stdinCuts: [1, 2, 3] });
    expect(got.rows).toEqual([[2, 'A', 1.5]]);
  });
});

describe('a rejected row leaves its client id to the next one (issue 17)', () => {
  it('printf "client_id,revenue\\nA,n.c.\\nA,100\\nB,5\\n": A = 100 and B = 5', async () => {
    const got = await readRows(Buffer.from('client_id,revenue\nA,n.c.\nA,100\nB,5\n'), {});
    expect(got.rows).toEqual([
      [3, 'A', 100],
      [4, 'B', 5],
    ]);
    expect(got.counts).toEqual({ read: 3, used: 2, rejected: 1, skipped: 0 });
  });

  it('the first usable row wins: a later duplicate is still rejected, naming it', async () => {
    const got = await readRows(Buffer.from('client_id,revenue\nA,x\nA,1\nA,2\n'), {});
    expect(got.rows).toEqual([[3, 'A', 1]]);
    expect(got.notes.join('\n')).toContain(
      'in.csv:4:1: duplicate client id "A" (first on line 3); expected each once',
    );
  });
});

describe('leading blank lines (issue 17)', () => {
  it('are skipped for the separator and the header', async () => {
    const got = await readRows(Buffer.from('\nclient_id;revenue\nA;10,5\n'), {});
    expect(got.rows).toEqual([[3, 'A', 10.5]]);
    const crlf = await readRows(Buffer.from('\r\n\r\nclient_id;revenue\r\nA;10,5\r\n'), {});
    expect(crlf.rows).toEqual([[4, 'A', 10.5]]);
  });
});

describe('lines that are not blank, and line numbers (issue 17)', () => {
  it('a line holding only "" is a record: an empty row, skipped and counted (issue 13)', async () => {
    const got = await readRows(Buffer.from('client_id,revenue\n""\nA,1\n'), {});
    expect(got.rows).toEqual([[3, 'A', 1]]);
    expect(got.counts).toEqual({ read: 2, used: 1, rejected: 0, skipped: 1 });
    expect(got.notes.join('\n')).toContain('in.csv: 2 rows read, 1 used, 0 rejected, 1 skipped');
  });

  it('a lone CR inside quotes is a line break: later lines keep their numbers', async () => {
    // Line 2 holds "x<CR>y", so the record of B starts on line 4 (the CR ends line 2).
    const spec: FieldSpec[] = [...CLIENTS, { field: 'note', type: 'text' }];
    const got = await readRows(Buffer.from('client_id,revenue,note\nA,1,"x\ry"\nB,2,z\n'), {}, spec);
    expect(got.rows).toEqual([
      [2, 'A', 1],
      [4, 'B', 2],
    ]);
    const crlf = await readRows(Buffer.from('client_id,revenue,note\nA,1,"x\r\ny"\nB,2,z\n'), {}, spec);
    expect(crlf.rows.map((r) => r[0])).toEqual([2, 4]);
  });
});

describe('a header written twice (issue 17)', () => {
  it('says which column is used', async () => {
    const got = await readRows(Buffer.from('client_id,revenue,Revenue\nA,1,2\n'), {});
    expect(got.rows).toEqual([[2, 'A', 1]]);
    expect(got.notes[0]).toBe(
      'prospect: warning: in.csv:1: the header "revenue" is in columns 2, 3; revenue is read from column 2, the others are not used',
    );
  });
});

describe('encodings: one rule for the whole file (issue 17)', () => {
  it('UTF-8 then a byte that is not UTF-8, within the first 256 KB: exit 65 naming line and byte', async () => {
    const bytes = Buffer.concat([
      Buffer.from('client_id,revenue\nRené,1\nX', 'utf8'),
      Buffer.from([0xe9, 0x2c, 0x32, 0x0a]),
    ]);
    const error = await readRows(bytes, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    // "client_id,revenue\n" 18 bytes, "René,1\n" 8 bytes, "X" 1: the bad byte is byte 28, line 3.
    expect((error as DataError).problems[0]).toMatchObject({ file: 'in.csv', line: 3 });
    expect((error as DataError).problems[0]?.message).toMatch(/^byte 28 \(0xE9\) is not UTF-8/);
  });

  it('the same byte far after the start: the same error', async () => {
    const filler = 'Z,1\n'.repeat(100_000); // 400 KB of ASCII, then UTF-8, then the bad byte
    const bytes = Buffer.concat([
      Buffer.from(`client_id,revenue\n${filler}René,1\nX`, 'utf8'),
      Buffer.from([0xe9, 0x2c, 0x32, 0x0a]),
    ]);
    const error = await readRows(bytes, {}, [{ field: 'clientId', type: 'text' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).problems[0]).toMatchObject({ line: 100_003 });
  });

  it('ASCII then Windows-1252: read as Windows-1252, a note when doubtful; --strict: exit 65', async () => {
    const bytes = Buffer.from([...Buffer.from('client_id,revenue\nRen'), 0xe9, ...Buffer.from(',1\n')]);
    const got = await readRows(bytes, {});
    expect(got.rows).toEqual([[2, 'René', 1]]);
    // A clean guess (é is a letter of Windows-1252) is no longer noted on every run (issue 13);
    // a doubtful one is, below, with the fall back first.
    expect(got.notes.filter((n) => n.includes('warning'))).toEqual([]);
    // --strict takes this guess (every non-ASCII byte is a Windows-1252 character)...
    expect((await readRows(bytes, {}, CLIENTS, { strict: true })).rows).toEqual([[2, 'René', 1]]);
    // ...not a doubtful one: 0x81 is no character in Windows-1252 (byte 23, line 2).
    const doubtful = Buffer.from([
      ...Buffer.from('client_id,revenue\nRen'),
      0xe9,
      0x81,
      ...Buffer.from(',1\n'),
    ]);
    const error = await readRows(doubtful, {}, CLIENTS, { strict: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).problems[0]).toMatchObject({ line: 2 });
    expect((error as DataError).problems[0]?.message).toMatch(
      /^byte 23 \(0x81\) is neither UTF-8 nor a character of Windows-1252/,
    );
    const noted = await readRows(doubtful, {});
    expect(noted.notes[0]).toBe(
      `prospect: warning: in.csv:2: byte 22 is not UTF-8; the file is read as Windows-1252 (Excel's "CSV" on Windows); give --encoding to choose another`,
    );
    expect(noted.notes[1]).toContain('in.csv:2: byte 23 (0x81) is no character in Windows-1252 either');
    // --encoding says it: no guess, no note.
    const forced = await readRows(bytes, {}, CLIENTS, { encoding: 'windows-1252' });
    expect(forced.notes.filter((n) => n.includes('warning'))).toEqual([]);
  });

  it('`c\\0i\\0,...` without a BOM is not UTF-16: exit 65', async () => {
    const bytes = Buffer.from('c\0i\0,revenue\nA,1\n', 'latin1');
    const error = await readRows(bytes, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).problems[0]?.message).toMatch(/not in the pattern of UTF-16 text/);
  });

  it('UTF-16LE without a BOM, NULs throughout: read, with a note', async () => {
    const bytes = Buffer.from('client_id,revenue\r\nRené,1\r\n', 'utf16le');
    const got = await readRows(bytes, {});
    expect(got.rows).toEqual([[2, 'René', 1]]);
    expect(got.notes[0]).toContain('read as UTF-16 LE');
  });
});

describe('a long field (issue 17)', () => {
  it('costs copies in proportion to its length, not its square', () => {
    // 8 MB in 64 KB chunks: the old carry copied the whole record again at each chunk (about
    // 8 MB x 128 chunks / 2 = 512 MB). A store that doubles copies each byte a bounded number of
    // times: appended once, moved by the doublings (under 2 x 8 MB in all), copied once into the
    // finished record: under 4 x 8 MB (and some).
    const records: number[] = [];
    const scanner = new RecordScanner(',', (v) => records.push(v.ends[1]! - v.starts[1]!));
    const size = 8 * 1024 * 1024;
    scanner.push(Buffer.from('a,"'));
    const chunk = Buffer.alloc(64 * 1024, 0x78);
    for (let done = 0; done < size; done += chunk.length) scanner.push(chunk);
    scanner.push(Buffer.from('"\n'));
    expect(records).toEqual([size]);
    expect(scanner.bytesCopied).toBeLessThan(4.1 * size);
  });

  it('beyond the 64 MB limit: exit 65 naming the line where the record starts', async () => {
    const head = Buffer.from('client_id,revenue\nA,1\nB,"');
    const body = Buffer.alloc(MAX_FIELD_CHARS + 1024, 0x78);
    const error = await readRows(Buffer.concat([head, body, Buffer.from('"\n')]), {}).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).problems[0]).toMatchObject({ file: 'in.csv', line: 3 });
  });
});
