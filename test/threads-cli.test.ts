// Reading with worker threads (--threads, src/io/parallel, docs/threads.md): the output must be
// the one-thread output, byte for byte (stdout, stderr, --rejects), on files cut in many places.
// The reference is the same run with --threads 1 (the one-thread reader, itself checked by the
// other tests against csv-parse and by hand). PROSPECT_TEST_CHUNK_BYTES makes the windows small,
// so that parts start and end anywhere, inside quoted fields too; PROSPECT_TEST_THREADS_TRACE
// says on stderr whether the workers' parts were taken (so that a test cannot pass by reading
// everything with one thread).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/prospect.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'prospect-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  trace: string[];
  rejects: string | undefined;
}

function prospect(args: string[], env: Record<string, string> = {}): Run {
  const rejects = args.includes('--rejects') ? join(dir, 'rejects.csv') : undefined;
  if (rejects !== undefined) rmSync(rejects, { force: true });
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: dir,
    env: { PATH: process.env.PATH, LANG: 'en_GB.UTF-8', PROSPECT_TEST_THREADS_TRACE: '1', ...env },
  });
  const lines = r.stderr.split('\n');
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: lines.filter((l) => !l.startsWith('threads: ')).join('\n'),
    trace: lines.filter((l) => l.startsWith('threads: ')),
    rejects: rejects === undefined ? undefined : readFileSync(rejects, 'utf8'),
  };
}

/** Runs `args` with --threads 1 and with `threads`, expects the same output, returns both runs. */
function expectSame(args: string[], threads: number, env: Record<string, string> = {}): Run[] {
  const one = prospect([...args, '--threads', '1'], env);
  const many = prospect([...args, '--threads', String(threads)], env);
  expect(one.trace).toEqual([]);
  expect(many.status).toBe(one.status);
  expect(many.stdout).toBe(one.stdout);
  expect(many.stderr).toBe(one.stderr);
  expect(many.rejects).toBe(one.rejects);
  return [one, many];
}

/** mulberry32: a small deterministic generator. */
function makeRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface FileShape {
  rows: number;
  delimiter: ',' | ';';
  /** Put this text, unquoted, in the note of row `at` (a stray quote: `12" pipe`). */
  stray?: { at: number; text: string };
  /** Notes with non-ASCII letters. */
  accents?: boolean;
}

/**
 * An order file (about 50 bytes a row) whose notes hold line breaks (LF, CRLF, a lone CR),
 * doubled quotes and both separators inside quotes; with a few rows the reader rejects (a bad
 * amount, a bad date, no id) and a report footer at the end.
 */
function orderFile({ rows, delimiter, stray, accents }: FileShape): string {
  const random = makeRandom(rows + delimiter.charCodeAt(0));
  const d = delimiter;
  const notes = [
    '',
    'plain',
    '"two\nlines"',
    '"with ""quotes""; and, \r\nCRLF"',
    '"a\rlone CR"',
    '"x\n\n\ny;z,w"',
    `"a${d}b"`,
    accents === true ? '"Société générale\nà Zürich"' : 'ok',
  ];
  const lines = [`client_id${d}order_date${d}amount${d}note`];
  for (let i = 0; i < rows; i++) {
    const id = `C${String(Math.floor(random() * 300) ** 1).padStart(4, '0')}`;
    const day = `2026-0${1 + Math.floor(random() * 6)}-1${Math.floor(random() * 9)}`;
    const cents = Math.floor(random() * 100000) - 2000;
    let amount = (cents / 100).toFixed(2);
    if (d === ';') amount = amount.replace('.', ',');
    let note = notes[Math.floor(random() * notes.length)] as string;
    if (stray?.at === i) note = stray.text;
    const bad = random();
    if (bad < 0.002) amount = 'abc';
    else if (bad < 0.004) lines.push(`${id}${d}2026-13-45${d}${amount}${d}${note}`);
    else if (bad < 0.006) lines.push(`${d}${day}${d}${amount}${d}${note}`);
    if (bad >= 0.002 && bad < 0.006) continue;
    lines.push(`${id}${d}${day}${d}${amount}${d}${note}`);
  }
  lines.push(`Total${d}${d}123${d}`);
  return lines.join('\n') + '\n';
}

function write(name: string, text: string | Buffer): string {
  writeFileSync(join(dir, name), text);
  return name;
}

const RFM = ['--as-of', '2026-06-30', '--credit-notes', 'as-credit'];

/** A deals file (a stage column: only won deals are orders) with a maturity column. */
function dealsFile(): string {
  const rows = ['client_id,order_date,amount,stage,maturity'];
  const stages = ['won', 'lost', 'Closed Won', 'open'];
  const random = makeRandom(7);
  for (let i = 0; i < 20000; i++)
    rows.push(
      `C${Math.floor(random() * 400)},2026-0${1 + (i % 6)}-1${i % 9},${(random() * 900).toFixed(2)},${stages[i % 4]},${['active', 'latent', ''][i % 3]}`,
    );
  return write('deals.csv', rows.join('\n') + '\n');
}

describe('--threads: the same output as one thread', () => {
  const comma = write('comma.csv', orderFile({ rows: 30000, delimiter: ',' }));
  const semi = write('semi.csv', orderFile({ rows: 30000, delimiter: ';', accents: true }));

  it.each([
    ['64 KiB windows', '65536'],
    ['1 KiB windows', '1021'],
    ['small windows', '211'],
  ])('rfm csv and --rejects, 2 and 3 threads, %s', (_, chunk) => {
    for (const threads of [2, 3]) {
      const [, many] = expectSame(
        ['rfm', comma, ...RFM, '--format', 'csv', '--rejects', 'rejects.csv'],
        threads,
        { PROSPECT_TEST_CHUNK_BYTES: chunk },
      );
      expect(many?.trace).toContain('threads: part 1 taken');
      expect(many?.rejects?.split('\n').length).toBeGreaterThan(100);
    }
  });

  it('rfm and pareto JSON, semicolons, decimal commas, accents, 2 and 3 threads', () => {
    for (const threads of [2, 3]) {
      const [, rfm] = expectSame(['rfm', semi, ...RFM, '--format', 'json'], threads, {
        PROSPECT_TEST_CHUNK_BYTES: '4093',
      });
      expect(rfm?.trace).toContain('threads: part 1 taken');
      const [, pareto] = expectSame(['pareto', semi, '--format', 'json'], threads, {
        PROSPECT_TEST_CHUNK_BYTES: '4093',
      });
      expect(pareto?.trace).toContain('threads: part 1 taken');
    }
  });

  it('a UTF-8 file with a BOM', () => {
    const bom = write(
      'bom.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(readFileSync(join(dir, semi)))]),
    );
    const [, many] = expectSame(['rfm', bom, ...RFM, '--format', 'csv'], 2, {
      PROSPECT_TEST_CHUNK_BYTES: '4093',
    });
    expect(many?.trace).toEqual(['threads: part 1 taken', 'threads: part 1 summed']);
  });

  it('a stray quote fools the split: the parts are read again, the output is the same', () => {
    // Early in the file: every guess after it is wrong (the first part is refused).
    const early = write(
      'stray-early.csv',
      orderFile({ rows: 30000, delimiter: ',', stray: { at: 100, text: '12" pipe' } }),
    );
    const [, a] = expectSame(['rfm', early, ...RFM, '--format', 'csv'], 2, {
      PROSPECT_TEST_CHUNK_BYTES: '1021',
    });
    expect(a?.trace).toEqual(['threads: part 1 refused']);
    // Between the starts of the workers' parts: the second is read again by the main thread.
    const middle = write(
      'stray-middle.csv',
      orderFile({ rows: 30000, delimiter: ',', stray: { at: 17000, text: '12" pipe' } }),
    );
    const [, b] = expectSame(['rfm', middle, ...RFM, '--format', 'csv'], 3, {
      PROSPECT_TEST_CHUNK_BYTES: '1021',
    });
    expect(b?.trace).toEqual([
      'threads: part 1 taken',
      'threads: part 1 summed',
      'threads: part 2 refused',
      'threads: part 2 summed by the main thread',
    ]);
  });

  it('Windows-1252: read by one thread, with a note when --threads asks for more', () => {
    const text = readFileSync(join(dir, semi), 'utf8');
    const latin = write('latin.csv', Buffer.from(text, 'latin1'));
    const one = prospect(['rfm', latin, ...RFM, '--format', 'csv', '--threads', '1']);
    const two = prospect(['rfm', latin, ...RFM, '--format', 'csv', '--threads', '2']);
    expect(two.stdout).toBe(one.stdout);
    expect(two.trace).toEqual([]);
    expect(two.stderr).toBe(
      `prospect: latin.csv is read by one thread: --threads applies to a CSV file on disk, in UTF-8, without --where, --from or --to.\n${one.stderr}`,
    );
    // Detected as UTF-8 from its first bytes, Windows-1252 further on: the part is refused, and the
    // one-thread note on the encoding is kept.
    const ascii = orderFile({ rows: 30000, delimiter: ';' });
    const cut = ascii.indexOf('\n', Math.floor(ascii.length * 0.8)) + 1;
    const mixed = write(
      'mixed.csv',
      Buffer.concat([
        Buffer.from(ascii.slice(0, cut)),
        Buffer.from('C0001;2026-01-12;12,00;"caf\xe9"\n', 'latin1'),
        Buffer.from(ascii.slice(cut)),
      ]),
    );
    const [first, many] = expectSame(['rfm', mixed, ...RFM, '--format', 'csv'], 2, {
      PROSPECT_TEST_CHUNK_BYTES: '4093',
    });
    expect(first?.stdout).toContain('C0001');
    expect(many?.trace).toEqual(['threads: part 1 refused']);
  });

  it('a header-only file and a file smaller than one window after the opening', () => {
    const header = write('header.csv', 'client_id,order_date,amount\n');
    expectSame(['rfm', header, ...RFM, '--format', 'csv'], 2);
    const small = write('small.csv', orderFile({ rows: 200, delimiter: ',' }));
    const [, many] = expectSame(['pareto', small, '--format', 'csv'], 3);
    expect(many?.trace).toEqual([]);
  });

  it('by default (auto): one thread up to the size threshold, the cores above it (2 here at least)', () => {
    const small = { PROSPECT_TEST_CHUNK_BYTES: '4093', PROSPECT_TEST_THREADS_MIN_BYTES: '1000' };
    const one = prospect(['pareto', comma, '--format', 'csv', '--threads', '1'], small);
    expect(one.trace).toEqual([]);
    // Under the threshold (100 MiB): one thread, by default and with auto.
    const under = prospect(['pareto', comma, '--format', 'csv'], { PROSPECT_TEST_CHUNK_BYTES: '4093' });
    const underAuto = prospect(['pareto', comma, '--format', 'csv', '--threads', 'auto'], {
      PROSPECT_TEST_CHUNK_BYTES: '4093',
    });
    expect(under.trace).toEqual([]);
    expect(underAuto.trace).toEqual([]);
    // Over it: the cores (the machines that run these tests have 2 or more).
    const over = prospect(['pareto', comma, '--format', 'csv'], small);
    const overAuto = prospect(['pareto', comma, '--format', 'csv', '--threads', 'auto'], small);
    expect(over.trace).toContain('threads: part 1 summed');
    expect(overAuto.trace).toContain('threads: part 1 summed');
    for (const r of [under, underAuto, over, overAuto]) {
      expect(r.stdout).toBe(one.stdout);
      expect(r.stderr).toBe(one.stderr);
    }
  });

  it('by default, a deals file is read by one thread (its batches would go row by row)', () => {
    const r = prospect(['rfm', dealsFile(), ...RFM, '--format', 'csv'], {
      PROSPECT_TEST_CHUNK_BYTES: '4093',
      PROSPECT_TEST_THREADS_MIN_BYTES: '1000',
    });
    expect(r.status).toBe(0);
    expect(r.trace).toEqual([]);
  });

  it("rows dated after --as-of in the workers' parts: the same reasons, count and warning, both languages", () => {
    // The worker writes no reason with a date in it: the main thread writes it (LATE_REASON).
    for (const lang of ['en', 'fr']) {
      const [one, many] = expectSame(
        [
          'rfm',
          comma,
          '--as-of',
          '2026-03-31',
          '--lang',
          lang,
          '--format',
          'json',
          '--rejects',
          'rejects.csv',
        ],
        3,
        { PROSPECT_TEST_CHUNK_BYTES: '4093' },
      );
      expect(many?.trace).toContain('threads: part 2 summed');
      // About half the rows are dated April to June (days drawn evenly over January..June).
      expect(one?.rejects).toContain(lang === 'en' ? 'is after the analysis date' : 'postérieure à la date');
      expect(one?.rejects).not.toContain('\u0000');
      const late = (one?.rejects?.match(/(after the analysis date|postérieure à la date)/g) ?? []).length;
      expect(late).toBeGreaterThan(10000);
    }
  });

  it('CRLF and lone CR line ends, and credit notes counted as orders', () => {
    const text = orderFile({ rows: 30000, delimiter: ',' });
    const crlf = write('crlf.csv', text.replace(/\n/g, '\r\n'));
    const cr = write('cr.csv', text.replace(/\n/g, '\r'));
    // A part starts after a LF: a file whose records end with a lone CR is read by the main thread.
    for (const [file, trace] of [
      [crlf, 'threads: part 1 summed'],
      [cr, 'threads: part 1 refused'],
    ] as const) {
      const [, many] = expectSame(['rfm', file, ...RFM, '--format', 'csv', '--rejects', 'rejects.csv'], 3, {
        PROSPECT_TEST_CHUNK_BYTES: '4093',
      });
      expect(many?.trace).toContain(trace);
    }
    const [, pareto] = expectSame(['pareto', comma, '--credit-notes', 'as-orders', '--format', 'json'], 2, {
      PROSPECT_TEST_CHUNK_BYTES: '4093',
    });
    expect(pareto?.trace).toContain('threads: part 1 summed');
  });

  it("--strict stops at the first bad row, in a worker's part", () => {
    // 20,000 good rows, then a bad date (line 20,002 with the header): in the second half.
    const rows = ['client_id,order_date,amount'];
    for (let i = 0; i < 20000; i++) rows.push(`C${i % 500},2026-01-${10 + (i % 9)},${(i % 97) + 0.5}`);
    rows.push('C1,2026-13-45,1.00', 'C2,,2.00');
    for (let i = 0; i < 5000; i++) rows.push(`C${i % 500},2026-02-1${i % 9},3.25`);
    const file = write('strict.csv', rows.join('\n') + '\n');
    const [one, many] = expectSame(['rfm', file, ...RFM, '--strict'], 2, {
      PROSPECT_TEST_CHUNK_BYTES: '4093',
    });
    expect(one?.status).toBe(65);
    expect(one?.stderr).toContain('strict.csv:20002');
    expect(many?.trace).toContain('threads: part 1 taken');
  });

  it("amounts whose sum reaches 10^13 in a worker's part: the same error at the same line", () => {
    // 500,000,000.00 a row (5 * 10^10 cents): the sum of absolute amounts reaches 10^15 cents
    // (docs/numbers.md) at the 20,000th row, line 20,001, in the last third of the file.
    const rows = ['client_id,order_date,amount'];
    for (let i = 0; i < 26000; i++) rows.push(`C${i % 300},2026-01-1${i % 9},500000000.00`);
    const file = write('huge.csv', rows.join('\n') + '\n');
    for (const command of ['rfm', 'pareto']) {
      const [one, many] = expectSame([command, file, ...(command === 'rfm' ? RFM : [])], 3, {
        PROSPECT_TEST_CHUNK_BYTES: '4093',
      });
      expect(one?.status).toBe(65);
      expect(one?.stderr).toContain('huge.csv:20001:3');
      expect(many?.trace).toContain('threads: part 1 taken');
    }
  });

  it('a deals file (won deals only) and pareto --maturity: the batches sent row by row, the same output', () => {
    const file = dealsFile();
    const env = { PROSPECT_TEST_CHUNK_BYTES: '4093' };
    const [, rfm] = expectSame(['rfm', file, ...RFM, '--format', 'csv'], 2, env);
    expect(rfm?.trace).toEqual(['threads: part 1 taken']);
    const [, pareto] = expectSame(
      ['pareto', file, '--orders', '--maturity', 'maturity', '--format', 'json'],
      3,
      env,
    );
    expect(pareto?.trace).toEqual(['threads: part 1 taken']);
  });

  it('--threads must be a whole number from 1 to 64, or auto', () => {
    const r = prospect(['pareto', comma, '--threads', '0']);
    expect(r.status).toBe(64);
    expect(r.stderr).toContain('--threads: "0" is not a number of threads');
  });
});
