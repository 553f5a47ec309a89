import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Lang } from '../i18n.js';
import type { Context, Io } from './context.js';
import { createReadProgress, formatReadProgress, type ReadProgress } from './progress.js';

const MB = 1e6;

interface Fake {
  ctx: Context;
  err: string[];
  out: string[];
}

function makeCtx(
  over: { lang?: Lang; quiet?: boolean; stderrIsTTY?: boolean; env?: Record<string, string> } = {},
): Fake {
  const err: string[] = [];
  const out: string[] = [];
  const io: Io = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    stdin: Readable.from([]),
    env: over.env ?? {},
    cwd: '/',
    stdinIsTTY: false,
    stdoutIsTTY: true,
    stderrIsTTY: over.stderrIsTTY ?? true,
    now: () => new Date('2026-11-23T12:00:00Z'),
  };
  const ctx: Context = {
    io,
    lang: over.lang ?? 'en',
    color: false,
    quiet: over.quiet ?? false,
    note: (t) => io.stderr(t + '\n'),
    today: '2026-11-23',
  };
  return { ctx, err, out };
}

/**
 * What a terminal shows after `output`: its lines and the cursor's column. Knows the sequences
 * cli-progress and node:readline write for one line (save/restore cursor, column, erase); any
 * other escape would show up as stray characters and fail the test.
 */
function screen(output: string): { lines: string[]; column: number } {
  const lines = [''];
  let row = 0;
  let column = 0;
  let saved = { row: 0, column: 0 };
  const put = (text: string): void => {
    const line = (lines[row] ?? '').padEnd(column);
    lines[row] = line.slice(0, column) + text + line.slice(column + text.length);
    column += text.length;
  };
  // eslint-disable-next-line no-control-regex
  for (const m of output.matchAll(/\x1b7|\x1b8|\x1b\[(\d*)G|\x1b\[([012]?)K|\r|\n|[^]/gu)) {
    const token = m[0];
    if (token === '\x1b7') saved = { row, column };
    else if (token === '\x1b8') ({ row, column } = saved);
    else if (token === '\r') column = 0;
    else if (token === '\n') {
      row += 1;
      column = 0;
      lines[row] ??= '';
    } else if (m[1] !== undefined) column = Math.max(0, Number(m[1] || '1') - 1);
    else if (m[2] !== undefined) {
      const line = lines[row] ?? '';
      lines[row] =
        m[2] === '2' ? '' : m[2] === '1' ? ' '.repeat(column) + line.slice(column) : line.slice(0, column);
    } else put(token);
  }
  return { lines: lines.map((l) => l.trimEnd()), column };
}

let open: ReadProgress | undefined;
afterEach(() => open?.stop());

/** A progress on a fake terminal `width` columns wide, with a clock the test moves. */
function start(label = 'clients.csv', over: Parameters<typeof makeCtx>[0] = {}, width = 120) {
  const fake = makeCtx(over);
  const time = { now: 0 };
  const progress = createReadProgress(fake.ctx, label, { clock: () => time.now, columns: () => width });
  open = progress;
  const shown = (): string[] => screen(fake.err.join('')).lines;
  return { ...fake, time, progress, shown };
}

describe('createReadProgress', () => {
  it('shows nothing during the first second', () => {
    const { progress, time, err } = start();
    for (const [t, bytes] of [
      [0, 0],
      [500, 10 * MB],
      [999, 20 * MB],
    ] as const) {
      time.now = t;
      progress?.update(bytes, 200 * MB, bytes / 1000);
    }
    progress?.stop();
    expect(err).toEqual([]);
  });

  it('after a second draws percentage, sizes, rows, rate and ETA, on stderr only', () => {
    const { progress, time, shown, out } = start();
    time.now = 2000;
    // 50 of 200 MB: 25%; 25 MB/s over 2 s; 150 MB left at that rate: 6 s.
    progress?.update(50 * MB, 200 * MB, 120_000);
    expect(shown()).toEqual([
      'Reading clients.csv  [========----------------------]   25%   50.0/200.0 MB  120,000 rows  25.0 MB/s  ETA 0:06',
    ]);
    expect(out).toEqual([]);
  });

  it('draws at the delay itself and honours another delay', () => {
    const a = start();
    a.time.now = 1000;
    a.progress?.update(MB, 200 * MB, 10);
    expect(a.err.length).toBeGreaterThan(0);
    a.progress?.stop();

    const fake = makeCtx();
    const time = { now: 0 };
    const b = createReadProgress(fake.ctx, 'x.csv', {
      clock: () => time.now,
      delayMs: 3000,
      columns: () => 80,
    });
    time.now = 2999;
    b?.update(MB, 200 * MB, 10);
    expect(fake.err).toEqual([]);
    time.now = 3000;
    b?.update(MB, 200 * MB, 10);
    expect(fake.err.length).toBeGreaterThan(0);
    b?.stop();
  });

  it('redraws at most every 100 ms, with the latest numbers', () => {
    const { progress, time, err, shown } = start();
    time.now = 1000;
    progress?.update(10 * MB, 200 * MB, 1000);
    const drawn = err.length;
    time.now = 1099;
    progress?.update(20 * MB, 200 * MB, 2000);
    expect(err.length).toBe(drawn);
    time.now = 1100;
    // 100 of 200 MB in 1.1 s: 50%, 90.9 MB/s, 100 MB left: ceil(1.1) = 2 s.
    progress?.update(100 * MB, 200 * MB, 3000);
    expect(shown()).toEqual([
      'Reading clients.csv  [===============---------------]   50%  100.0/200.0 MB  3,000 rows  90.9 MB/s  ETA 0:02',
    ]);
  });

  it('without a total (stdin) shows rows, size and rate, no bar or percentage', () => {
    const { progress, time, shown } = start('stdin');
    time.now = 4000;
    progress?.update(50 * MB, undefined, 120_000);
    expect(shown()).toEqual(['Reading stdin  120,000 rows  50.0 MB  12.5 MB/s']);
  });

  it('speaks French', () => {
    const { progress, time, shown } = start('clients.csv', { lang: 'fr' });
    time.now = 2000;
    progress?.update(50 * MB, 200 * MB, 120_000);
    expect(shown()).toEqual([
      'Lecture de clients.csv  [========----------------------]   25 %   50,0/200,0 Mo  120 000 lignes  25,0 Mo/s  reste 0:06',
    ]);
  });

  it('stop erases the line and leaves the cursor at its start, once', () => {
    const { progress, time, err, ctx } = start();
    time.now = 2000;
    progress?.update(50 * MB, 200 * MB, 120_000);
    progress?.stop();
    expect(screen(err.join(''))).toEqual({ lines: [''], column: 0 });
    const written = err.length;
    progress?.stop();
    time.now = 5000;
    progress?.update(150 * MB, 200 * MB, 300_000);
    expect(err.length).toBe(written);
    ctx.note('clients.csv: 300000 rows read, 300000 used, 0 rejected');
    expect(screen(err.join('')).lines).toEqual([
      'clients.csv: 300000 rows read, 300000 used, 0 rejected',
      '',
    ]);
  });

  it('stop before anything was drawn writes nothing', () => {
    const { progress, err } = start();
    progress?.update(MB, 200 * MB, 10);
    progress?.stop();
    expect(err).toEqual([]);
  });

  it.each([
    ['stderr is not a terminal', { stderrIsTTY: false }],
    ['--quiet', { quiet: true }],
    ['CI is set', { env: { CI: 'true' } }],
    ['CI=1', { env: { CI: '1' } }],
    ['a dumb terminal', { env: { TERM: 'dumb' } }],
  ])('gives no progress when %s', (_why, over) => {
    expect(createReadProgress(makeCtx(over).ctx, 'clients.csv')).toBeUndefined();
  });

  it.each([
    ['CI is empty', { CI: '' }],
    ['CI=false', { CI: 'false' }],
  ])('gives a progress when %s', (_why, env) => {
    const progress = createReadProgress(makeCtx({ env }).ctx, 'clients.csv');
    expect(progress).toBeDefined();
    progress?.stop();
  });

  it('does not keep the process alive if stop is forgotten', async () => {
    const realSetTimeout = globalThis.setTimeout;
    const timers: NodeJS.Timeout[] = [];
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
      ...args: Parameters<typeof setTimeout>
    ) => {
      const timer = realSetTimeout(...args);
      timers.push(timer);
      return timer;
    }) as typeof setTimeout);
    try {
      const { progress, time } = start();
      time.now = 2000;
      progress?.update(50 * MB, 200 * MB, 120_000);
      expect(timers.length).toBe(1);
      // cli-progress's own timer fires every 100 ms and re-arms itself.
      await new Promise((resolve) => realSetTimeout(resolve, 250));
      expect(timers.length).toBeGreaterThanOrEqual(2);
      expect(timers.map((t) => t.hasRef())).toEqual(timers.map(() => false));
    } finally {
      spy.mockRestore();
    }
  });
});

describe('formatReadProgress', () => {
  const at = (bytesRead: number, totalBytes: number | undefined, rows = 120_000, elapsedMs = 2000) => ({
    bytesRead,
    totalBytes,
    rows,
    elapsedMs,
  });

  it.each([
    // 80 columns: the rate goes, the bar keeps its minimum of 10.
    [80, 'Reading clients.csv  [===-------]   25%   50.0/200.0 MB  120,000 rows  ETA 0:06'],
    // 60: with the ETA the bar would get 6 columns; without it, 16.
    [60, 'Reading clients.csv  [====------------]   25%  120,000 rows'],
    [50, 'Reading clients.csv   25%  120,000 rows'],
    [40, 'Reading clients.csv   25%  120,000 rows'],
    [30, ' 25%  120,000 rows'],
    [10, ' 25%  120'],
  ])('fits %i columns', (width, expected) => {
    const line = formatReadProgress(at(50 * MB, 200 * MB), 'clients.csv', 'en', width);
    expect(line).toBe(expected);
    expect(line.length).toBeLessThan(width);
  });

  it.each([
    [58 * MB, 200 * MB, ' 29%'], // 58/200*100 is 28.999… in floating point
    [199.9 * MB, 200 * MB, ' 99%'], // rounded down: 100% only at the end
    [200 * MB, 200 * MB, '100%'],
    [250 * MB, 200 * MB, '100%'], // the file grew while read
  ])('%d of %d bytes is %s', (bytesRead, total, percent) => {
    const line = formatReadProgress(at(bytesRead, total), 'a.csv', 'en', 200);
    expect(line.split('  ')).toContain(percent);
  });

  it('counts in GB from 1 GB, and formats long ETAs with hours', () => {
    // 2.5 of 12 GB in 10 min: 4.17 MB/s, 9.5 GB left: 2280 s = 38:00.
    const line = formatReadProgress(at(2.5e9, 12e9, 1, 600_000), 'big.csv', 'en', 200);
    expect(line).toContain(' 2.50/12.00 GB  1 row  4.2 MB/s  ETA 38:00');
    const slow = formatReadProgress(at(1e9, 12e9, 1, 600_000), 'big.csv', 'en', 200);
    // 1 GB in 600 s; 11 GB left: 6600 s = 1:50:00.
    expect(slow).toContain('ETA 1:50:00');
  });

  it('keeps the end of a long label', () => {
    const line = formatReadProgress(
      at(50 * MB, 200 * MB),
      '/home/me/exports/2026/november/clients-full.csv',
      'en',
      80,
    );
    expect(line.startsWith('Reading …november/clients-full.csv  [')).toBe(true);
    expect(line.length).toBeLessThan(80);
  });

  it('shows no rate or ETA before time has passed', () => {
    expect(formatReadProgress(at(0, 200 * MB, 0, 0), 'a.csv', 'en', 200)).toBe(
      'Reading a.csv  [------------------------------]    0%    0.0/200.0 MB  0 rows',
    );
  });
});
