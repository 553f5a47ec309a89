import type { SingleBar } from 'cli-progress';
import { tr, type Lang } from '../i18n.js';
import { formatNumber, formatPercent } from '../render/format.js';
import type { Context } from './context.js';
import { loadCliProgress } from './lazy-require.js';

/**
 * What a reader reports while it reads. Get one from `createReadProgress`; it is `undefined` when
 * no progress should be shown, so callers write `progress?.update(...)`.
 */
export interface ReadProgress {
  /**
   * Bytes read so far, the total when known (a file; `undefined` for stdin), rows so far. Meant
   * to be called for every chunk: when nothing is redrawn it costs a clock read and a compare.
   */
  update(bytesRead: number, totalBytes: number | undefined, rows: number): void;
  /**
   * Clears the bar, if one was shown, so that later notes start on a clean line. Idempotent; call
   * it in a `finally` so that an error message does not land after the bar. Updates after it are
   * ignored.
   */
  stop(): void;
}

export interface ReadProgressOptions {
  /** Milliseconds, monotonic (default `performance.now`). */
  clock?: () => number;
  /** Nothing is shown before this many milliseconds after creation (default 1000). */
  delayMs?: number;
  /** Terminal width in columns (default: `process.stderr.columns` on a TTY, else 80). */
  columns?: () => number;
}

/** What one redraw shows. */
export interface ReadSnapshot {
  bytesRead: number;
  /** `undefined` (or 0) when unknown: no bar, percentage or ETA. */
  totalBytes: number | undefined;
  rows: number;
  /** Since the progress was created, for the rate and the ETA. */
  elapsedMs: number;
}

const DEFAULT_DELAY_MS = 1000;
/** At most 10 redraws a second. */
const REDRAW_EVERY_MS = 100;
const BAR_MIN = 10;
const BAR_MAX = 30;
const GAP = '  ';

/**
 * A progress line on stderr for a read, or `undefined` when there must be none: stderr is not a
 * terminal, `--quiet`, `CI` is set (not empty, not `false`), or `TERM=dumb` (no cursor control).
 * Nothing is drawn during the first `delayMs`; after that the line is redrawn at most 10 times a
 * second, through cli-progress. Never writes to stdout.
 *
 * @param label what is read, as the notes name it (`clients.csv`, `stdin`).
 * @example
 *   const progress = createReadProgress(ctx, 'clients.csv');
 *   try { for (const chunk of chunks) progress?.update(bytes, size, rows); }
 *   finally { progress?.stop(); }
 */
export function createReadProgress(
  ctx: Context,
  label: string,
  options: ReadProgressOptions = {},
): ReadProgress | undefined {
  const env = ctx.io.env;
  const ci = env.CI !== undefined && env.CI !== '' && env.CI.toLowerCase() !== 'false';
  if (!ctx.io.stderrIsTTY || ctx.quiet || ci || env.TERM === 'dumb') return undefined;

  const clock = options.clock ?? (() => performance.now());
  const columns = options.columns ?? stderrColumns;
  const startedAt = clock();
  let nextDrawAt = startedAt + (options.delayMs ?? DEFAULT_DELAY_MS);
  let bar: SingleBar | undefined;
  let stopped = false;

  const lineAt = (now: number, bytesRead: number, totalBytes: number | undefined, rows: number): string =>
    formatReadProgress(
      { bytesRead, totalBytes, rows, elapsedMs: now - startedAt },
      label,
      ctx.lang,
      columns(),
    );

  return {
    update(bytesRead, totalBytes, rows) {
      if (stopped) return;
      const now = clock();
      if (now < nextDrawAt) return;
      nextDrawAt = now + REDRAW_EVERY_MS;
      const payload = { line: lineAt(now, bytesRead, totalBytes, rows) };
      if (bar === undefined) {
        const QuietTimerBar = quietTimerBarClass();
        bar = new QuietTimerBar({
          stream: stderrStream(ctx, columns),
          format: (_options, _params, p: { line: string }) => p.line,
          // We throttle with our clock and redraw ourselves; cli-progress only draws.
          synchronousUpdate: false,
          fps: 1000 / REDRAW_EVERY_MS,
          clearOnComplete: true,
          stopOnComplete: false,
          // Trim to the width rather than switch the terminal's line wrapping off and on: a crash
          // between the two would leave the terminal without wrapping.
          linewrap: true,
          // The cursor stays visible (a crash before stop() would leave it hidden), and no SIGINT
          // handler: cli-progress's would stop the bar and swallow the Ctrl-C meant to end the run.
          hideCursor: false,
          gracefulExit: false,
        });
        bar.start(totalBytes ?? 0, bytesRead, payload); // draws
      } else {
        bar.update(bytesRead, payload);
        bar.render();
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar?.stop(); // clearOnComplete: back to column 0 of an erased line
    },
  };
}

/**
 * The progress line for a terminal `width` columns wide, never longer than `width - 1` (writing
 * the last column makes some terminals wrap). With a known total:
 * `Reading clients.csv  [=======-----]  25%  50.0/200.0 MB  120,000 rows  25.0 MB/s  ETA 0:06`;
 * with none (stdin): `Reading stdin  120,000 rows  50.0 MB  25.0 MB/s`. When the line is too wide
 * the rate goes first, then the sizes, the ETA, the bar and the label; a long label keeps its end.
 * The percentage is rounded down (100% only when every byte is read).
 * MB are 10^6 bytes (GB, 10^9, from 1 GB, for the sizes and the rate each); the rate and the ETA
 * are averages since the start.
 */
export function formatReadProgress(snapshot: ReadSnapshot, label: string, lang: Lang, width: number): string {
  const room = Math.max(1, width - 1);
  const { bytesRead, rows, elapsedMs } = snapshot;
  const total =
    snapshot.totalBytes !== undefined && snapshot.totalBytes > 0 ? snapshot.totalBytes : undefined;
  const seconds = elapsedMs / 1000;
  const bytesPerSecond = seconds > 0 ? bytesRead / seconds : 0;

  const labelRoom = Math.max(12, Math.floor(room / 3));
  const shownLabel = label.length > labelRoom ? keepEnd(label, labelRoom) : label;
  const head = tr(lang, { en: `Reading ${shownLabel}`, fr: `Lecture de ${shownLabel}` });
  const rowsText = `${formatNumber(rows, lang)} ${tr(lang, rows === 1 ? { en: 'row', fr: 'ligne' } : { en: 'rows', fr: 'lignes' })}`;
  const unit = sizeUnit(Math.max(total ?? 0, bytesRead), lang);
  const rateUnit = sizeUnit(bytesPerSecond, lang);
  const rateText =
    bytesPerSecond > 0 ? `${formatSize(bytesPerSecond, rateUnit, lang)} ${rateUnit.name}/s` : undefined;

  let layouts: (string | undefined)[][];
  let fraction = 0;
  if (total === undefined) {
    const sizeText = `${formatSize(bytesRead, unit, lang)} ${unit.name}`;
    layouts = [
      [head, rowsText, sizeText, rateText],
      [head, rowsText, sizeText],
      [head, rowsText],
      [rowsText],
    ];
  } else {
    fraction = Math.min(1, bytesRead / total);
    // Padded to their final width, so that the bar does not jump as the numbers grow.
    const percentText = formatPercent(Math.floor(fraction * 100 + 1e-9) / 100, lang, 0).padStart(
      formatPercent(1, lang, 0).length,
    );
    const totalText = formatSize(total, unit, lang);
    const sizeText = `${formatSize(bytesRead, unit, lang).padStart(totalText.length)}/${totalText} ${unit.name}`;
    const remainingSeconds =
      bytesPerSecond > 0 ? Math.ceil((total - Math.min(bytesRead, total)) / bytesPerSecond) : undefined;
    const etaText =
      remainingSeconds === undefined
        ? undefined
        : `${tr(lang, { en: 'ETA', fr: 'reste' })} ${formatClock(remainingSeconds)}`;
    layouts = [
      [head, BAR, percentText, sizeText, rowsText, rateText, etaText],
      [head, BAR, percentText, sizeText, rowsText, etaText],
      [head, BAR, percentText, rowsText, etaText],
      [head, BAR, percentText, rowsText],
      [head, percentText, rowsText],
      [percentText, rowsText],
    ];
  }

  for (const layout of layouts) {
    const parts = layout.filter((part): part is string => part !== undefined);
    const textWidth =
      parts.reduce((sum, part) => sum + (part === BAR ? 2 : part.length), 0) +
      GAP.length * (parts.length - 1);
    const barWidth = Math.min(BAR_MAX, room - textWidth);
    if (parts.includes(BAR) ? barWidth < BAR_MIN : textWidth > room) continue;
    return parts.map((part) => (part === BAR ? `[${drawBar(fraction, barWidth)}]` : part)).join(GAP);
  }
  const last = layouts[layouts.length - 1]?.filter((part) => part !== undefined).join(GAP) ?? '';
  return last.slice(0, room);
}

/** Stands for the bar in a layout; replaced by the drawn bar. */
const BAR = '\u0000bar';

function drawBar(fraction: number, width: number): string {
  const done = Math.round(fraction * width);
  return '='.repeat(done) + '-'.repeat(width - done);
}

function keepEnd(text: string, width: number): string {
  return '…' + text.slice(text.length - (width - 1));
}

interface SizeUnit {
  name: string;
  bytes: number;
  decimals: number;
}

function sizeUnit(largest: number, lang: Lang): SizeUnit {
  return largest >= 1e9
    ? { name: tr(lang, { en: 'GB', fr: 'Go' }), bytes: 1e9, decimals: 2 }
    : { name: tr(lang, { en: 'MB', fr: 'Mo' }), bytes: 1e6, decimals: 1 };
}

function formatSize(bytes: number, unit: SizeUnit, lang: Lang): string {
  return formatNumber(bytes / unit.bytes, lang, unit.decimals, unit.decimals);
}

/** Seconds as `m:ss`, or `h:mm:ss` from an hour. */
function formatClock(totalSeconds: number): string {
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function stderrColumns(): number {
  return process.stderr.isTTY && process.stderr.columns > 0 ? process.stderr.columns : 80;
}

/**
 * The stream cli-progress draws on, writing through `ctx.io.stderr`. Its Terminal and the
 * node:readline helpers it calls (cursorTo, clearLine) use only `write`, `isTTY` and `columns`.
 */
function stderrStream(ctx: Context, columns: () => number): NodeJS.WritableStream {
  const stream = {
    isTTY: true,
    get columns(): number {
      return columns();
    },
    write(chunk: string | Uint8Array): boolean {
      ctx.io.stderr(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    },
  };
  return stream as unknown as NodeJS.WritableStream;
}

let quietTimerBar: typeof SingleBar | undefined;

/**
 * SingleBar re-renders on a timer of its own between updates; we never need it (the line only
 * changes when we update) and it must not keep the process alive if a caller forgets `stop()` on
 * an error path: `runCli` sets the exit code and lets the event loop drain. The timer is private
 * to cli-progress (3.12), hence the cast; every render, ours or the timer's, re-arms it.
 *
 * Defined when the first bar is drawn, with cli-progress loaded then: most runs (not on a
 * terminal, or done within the delay) never load it.
 */
function quietTimerBarClass(): typeof SingleBar {
  return (quietTimerBar ??= class QuietTimerBar extends loadCliProgress().SingleBar {
    override render(): void {
      super.render();
      (this as unknown as { timer?: { unref?: () => void } | null }).timer?.unref?.();
    }
  });
}
