import { createRequire } from 'node:module';
import { Chalk } from 'chalk';
import type CliTable3 from 'cli-table3';
import { UsageError } from '../errors.js';
import { tr, type Lang } from '../i18n.js';
import { drawPlainGrid } from './grid.js';
import { formatCell, isNumericColumn, type Block, type Report, type TableBlock } from './report.js';
import { wrapSentences } from './wrap.js';

export interface TableStyle {
  lang: Lang;
  color: boolean;
  /**
   * The terminal's width in characters: tables are fitted to it (see fitColumns). Absent or
   * Infinity (`--wide`): every column at its natural width.
   */
  width?: number;
}

const require = createRequire(import.meta.url);
let cliTable3: typeof CliTable3 | undefined;

/**
 * cli-table3 (CommonJS), loaded when the first table that is not plain text is drawn (grid.ts draws
 * the others) rather than at start-up: with string-width and its dependencies it costs some 7 ms
 * of CPU that other runs do not need. Loaded here rather than through io/lazy-require.ts, which
 * render does not import.
 */
function loadCliTable3(): typeof CliTable3 {
  return (cliTable3 ??= require('cli-table3') as typeof CliTable3);
}

/**
 * Rows drawn in one terminal table. cli-table3 slows down faster than the rows grow (4,000 rows
 * take about a second, 200,000 would take hours): beyond this, the table says where the rest is.
 */
export const MAX_GRID_ROWS = 2000;

function drawWithCliTable3(
  head: string[],
  rows: string[][],
  alignRight: boolean[],
  colWidths: number[] | undefined,
): string {
  const Table = loadCliTable3();
  const table = new Table({
    head,
    colAligns: alignRight.map((right) => (right ? 'right' : 'left')),
    ...(colWidths ? { colWidths } : {}),
    style: { head: [], border: [], compact: true },
  });
  for (const row of rows) table.push(row);
  return table.toString();
}

function renderGrid(block: TableBlock, style: TableStyle, chalk: InstanceType<typeof Chalk>): string {
  const rows = block.rows.length > MAX_GRID_ROWS ? block.rows.slice(0, MAX_GRID_ROWS) : block.rows;
  const head = block.columns.map((c) => c.label[style.lang]);
  const cells = rows.map((row) => block.columns.map((c) => formatCell(row[c.key], c, style.lang)));
  const fit = fitColumns(
    head,
    cells,
    block.columns.map((c) => isNumericColumn(c)),
    style.width ?? Number.POSITIVE_INFINITY,
  );
  const shown = fit.shown;
  const gridHead = shown.map((i) => chalk.bold(fit.head[i] ?? ''));
  const gridRows = fit.cells.map((row) => shown.map((i) => row[i] ?? ''));
  const colWidths = fit.widths ? shown.map((i) => (fit.widths?.[i] ?? 0) + 2) : undefined;
  const alignRight = shown.map((i) => fit.numeric[i] === true);
  // plain text (nearly always) is drawn here as cli-table3 draws it; anything else by cli-table3
  const grid =
    drawPlainGrid({ head: gridHead, rows: gridRows, alignRight, ...(colWidths ? { colWidths } : {}) }) ??
    drawWithCliTable3(gridHead, gridRows, alignRight, colWidths);
  const notes: string[] = [];
  if (fit.dropped.length > 0)
    notes.push(
      droppedNote(
        fit.dropped.map((i) => head[i] ?? ''),
        style.lang,
      ),
    );
  const more = block.rows.length - rows.length;
  if (more > 0)
    notes.push(
      tr(style.lang, {
        en: `... and ${more} more rows: --format csv, json or markdown gives them all`,
        fr: `... et ${more} lignes de plus : --format csv, json ou markdown les donne toutes`,
      }),
    );
  return [grid, ...notes.map((n) => wrapSentences(n, style.width ?? Number.POSITIVE_INFINITY))].join('\n');
}

function droppedNote(labels: readonly string[], lang: Lang): string {
  const list = labels.join(', ');
  return labels.length === 1
    ? tr(lang, {
        en: `Not shown for lack of room: ${list}; --wide or --format csv shows it.`,
        fr: `Non affichée faute de place : ${list} ; --wide ou --format csv la montre.`,
      })
    : tr(lang, {
        en: `Not shown for lack of room: ${list}; --wide or --format csv shows them.`,
        fr: `Non affichées faute de place : ${list} ; --wide ou --format csv les montre.`,
      });
}

/** Characters a text takes on a terminal: code points, less combining marks (é written e + ◌́). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) if (!/\p{M}/u.test(ch)) width++;
  return width;
}

/** The longest line of a cell (cells may already hold line breaks). */
function cellWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, displayWidth(line));
  return widest;
}

/**
 * The words of a line, as wrapping may break it: at spaces, except the spaces inside a number or
 * before its unit (`1 234 €`, `6 %` in French), which stay together.
 */
function splitWords(text: string): string[] {
  const words: string[] = [];
  for (const piece of text.split(' ')) {
    const last = words[words.length - 1];
    if (last !== undefined && /\d$/.test(last) && /^(\d|[€%]$)/.test(piece))
      words[words.length - 1] = `${last} ${piece}`;
    else words.push(piece);
  }
  return words;
}

function longestWord(text: string): number {
  let widest = 0;
  for (const line of text.split('\n'))
    for (const word of splitWords(line)) widest = Math.max(widest, displayWidth(word));
  return widest;
}

/** Cuts a text to `width` characters, the last one an ellipsis when something was cut. */
function shorten(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const chars = [...text];
  let out = '';
  for (const ch of chars) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}

/**
 * A text wrapped to lines of at most `width` characters at its spaces; a word longer than the
 * line is shortened with an ellipsis (`cut`, in table cells) or left whole (sentences).
 */
export function wrapText(text: string, width: number, cut = true): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of splitWords(paragraph)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (displayWidth(candidate) <= width) line = candidate;
      else {
        if (line !== '') lines.push(line);
        line = cut ? shorten(word, width) : word;
      }
    }
    lines.push(line);
  }
  return lines.join('\n');
}

export interface FittedColumns {
  /** Headers and cells, wrapped where a column was narrowed. */
  head: string[];
  cells: string[][];
  numeric: boolean[];
  /** Column indexes drawn, in order, and those left out for lack of room. */
  shown: number[];
  dropped: number[];
  /** Content widths per column index when any column was narrowed; undefined when all fit as they are. */
  widths?: number[];
}

/** Width of a cli-table3 grid whose columns hold `widths` characters: a border and two spaces each, plus one. */
function gridWidth(widths: readonly number[], shown: readonly number[]): number {
  let total = 1;
  for (const i of shown) total += (widths[i] ?? 0) + 3;
  return total;
}

/** Narrowest a text column is wrapped to before columns are dropped. */
const MIN_TEXT_WIDTH = 16;

/**
 * Fits a table to `maxWidth` terminal characters, in this order, each step only while the table
 * is still too wide:
 * 1. headers wrap at their spaces, down to the width of the column's widest value;
 * 2. text columns wrap at their spaces, the widest first, down to 16 characters (or their
 *    longest word);
 * 3. columns are left out, those without a value first, then from the right (never the first),
 *    and a line under the table says which and how to see them;
 * 4. long words in text columns are shortened with an ellipsis, down to 4 characters.
 * Numbers are never cut. With `maxWidth` Infinity, nothing changes.
 */
export function fitColumns(
  head: readonly string[],
  cells: readonly (readonly string[])[],
  numeric: readonly boolean[],
  maxWidth: number,
): FittedColumns {
  const count = head.length;
  const all = Array.from({ length: count }, (_, i) => i);
  const natural = all.map((i) =>
    Math.max(cellWidth(head[i] ?? ''), ...cells.map((row) => cellWidth(row[i] ?? ''))),
  );
  const plain: FittedColumns = {
    head: [...head],
    cells: cells.map((r) => [...r]),
    numeric: [...numeric],
    shown: all,
    dropped: [],
  };
  if (gridWidth(natural, all) <= maxWidth) return plain;

  const valueWidth = all.map((i) => Math.max(0, ...cells.map((row) => cellWidth(row[i] ?? ''))));
  // 1. headers wrapped down to the widest value (or the header's longest word)
  const headFloor = all.map((i) => Math.max(valueWidth[i] ?? 0, longestWord(head[i] ?? ''), 1));
  // 2. text wrapped down to 16 characters or its longest word (a longer word waits for step 4)
  const textFloor = all.map((i) =>
    numeric[i]
      ? (headFloor[i] ?? 1)
      : Math.max(
          Math.min(natural[i] ?? 0, MIN_TEXT_WIDTH),
          longestWord(head[i] ?? ''),
          Math.min(Math.max(0, ...cells.map((row) => longestWord(row[i] ?? ''))), MIN_TEXT_WIDTH),
        ),
  );
  // 4. long words shortened down to 4 characters
  const cutFloor = all.map((i) => (numeric[i] ? (headFloor[i] ?? 1) : Math.min(4, natural[i] ?? 4)));
  let widths = [...natural];
  const shown = [...all];
  const dropped: number[] = [];
  const tooWide = (): boolean => gridWidth(widths, shown) > maxWidth;
  // Narrows the widest shown column above its floor, one character at a time, while too wide.
  const narrow = (floor: readonly number[]): void => {
    while (tooWide()) {
      let pick = -1;
      for (const i of shown) {
        const w = widths[i] ?? 0;
        if (w > (floor[i] ?? 0) && (pick < 0 || w > (widths[pick] ?? 0))) pick = i;
      }
      if (pick < 0) return;
      widths[pick] = (widths[pick] ?? 1) - 1;
    }
  };
  const wrap = (): void => {
    widths = [...natural];
    narrow(headFloor);
    narrow(textFloor);
  };
  wrap();
  // 3. columns without a value left out first, then columns from the right
  for (const i of [...shown].reverse()) {
    if (!tooWide() || i === 0 || (valueWidth[i] ?? 0) > 0) continue;
    shown.splice(shown.indexOf(i), 1);
    dropped.push(i);
    wrap();
  }
  dropped.sort((a, b) => a - b);
  // ... the others widened again as far as they can from the right, the others widened again as far as they can
  while (tooWide() && shown.length > 1) {
    dropped.push(shown.pop() as number);
    dropped.sort((a, b) => a - b);
    wrap();
  }
  narrow(cutFloor);
  return {
    head: all.map((i) => wrapText(head[i] ?? '', widths[i] ?? 1)),
    cells: cells.map((row) =>
      all.map((i) => {
        const cell = row[i] ?? '';
        return cellWidth(cell) <= (widths[i] ?? 0) ? cell : wrapText(cell, widths[i] ?? 1);
      }),
    ),
    numeric: [...numeric],
    shown,
    dropped,
    widths,
  };
}

function renderBlock(block: Block, style: TableStyle, chalk: InstanceType<typeof Chalk>): string {
  // sentences wrapped to the terminal as the tables are fitted to it
  const wrap = (text: string): string => wrapSentences(text, style.width ?? Number.POSITIVE_INFINITY);
  const title = block.title ? chalk.bold(wrap(block.title[style.lang])) + '\n' : '';
  switch (block.kind) {
    case 'table':
      return title + renderGrid(block, style, chalk);
    case 'text':
      return title + block.lines.map((l) => wrap(l[style.lang])).join('\n');
    case 'chart':
      return title + block.text;
  }
}

/** The report for a terminal: title, then each block, tables drawn with cli-table3. */
export function renderTable(report: Report, style: TableStyle): string {
  const chalk = new Chalk({ level: style.color ? 1 : 0 });
  const parts = [
    chalk.bold.underline(wrapSentences(report.title[style.lang], style.width ?? Number.POSITIVE_INFINITY)),
  ];
  for (const block of report.blocks) parts.push(renderBlock(block, style, chalk));
  return parts.join('\n\n') + '\n';
}

/** A name as users may type it: case, accents and spaces ignored. */
function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_’'-]+/g, '');
}

/**
 * The report with only the named columns in its tables (`--show`), in the order named. A name is
 * a header in either language or a CSV column name, case and accents ignored. A table none of
 * whose columns is named stays whole; a name no table has is a usage error listing the headers.
 */
export function selectColumns(report: Report, names: readonly string[], lang: Lang): Report {
  const wanted = names.map((n) => n.trim()).filter((n) => n !== '');
  const matches = (column: TableBlock['columns'][number], name: string): boolean => {
    const n = normalizeName(name);
    return [column.key, column.label.en, column.label.fr].some((c) => normalizeName(c) === n);
  };
  const tables = report.blocks.filter((b): b is TableBlock => b.kind === 'table');
  const unknown = wanted.filter((name) => !tables.some((t) => t.columns.some((c) => matches(c, name))));
  if (unknown.length > 0 || wanted.length === 0) {
    const headers = [...new Set(tables.flatMap((t) => t.columns.map((c) => c.label[lang])))].join(', ');
    const what = unknown.map((n) => `"${n}"`).join(', ');
    throw new UsageError(
      wanted.length === 0
        ? tr(lang, {
            en: `--show: no column named; expected headers separated by commas, among: ${headers}.`,
            fr: `--show : aucune colonne nommée ; attendu : des en-têtes séparés par des virgules, parmi : ${headers}.`,
          })
        : tr(lang, {
            en: `--show: ${what} is not a column of this report; expected one of: ${headers}. Check the spelling, or run without --show to see them all.`,
            fr: `--show : ${what} n’est pas une colonne de ce rapport ; attendu l’une de : ${headers}. Vérifiez l’orthographe, ou lancez sans --show pour toutes les voir.`,
          }),
    );
  }
  const blocks = report.blocks.map((block) => {
    if (block.kind !== 'table') return block;
    const columns = wanted.flatMap((name) => block.columns.filter((c) => matches(c, name)));
    if (columns.length === 0) return block;
    return { ...block, columns: [...new Set(columns)] };
  });
  return { ...report, blocks };
}
