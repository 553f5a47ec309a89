import { createRequire } from 'node:module';
import { Chalk } from 'chalk';
import type CliTable3 from 'cli-table3';
import { tr, type Lang } from '../i18n.js';
import { formatCell, isNumericColumn, type Block, type Report, type TableBlock } from './report.js';

export interface TableStyle {
  lang: Lang;
  color: boolean;
}

const require = createRequire(import.meta.url);
let cliTable3: typeof CliTable3 | undefined;

/**
 * cli-table3 (CommonJS), loaded when the first table is drawn rather than at start-up: with
 * string-width and its dependencies it costs some 7 ms of CPU that runs drawing no table
 * (`--version`, `--help`, `--format csv` or `json`) do not need. Loaded here rather than through
 * io/lazy-require.ts, which render does not import.
 */
function loadCliTable3(): typeof CliTable3 {
  return (cliTable3 ??= require('cli-table3') as typeof CliTable3);
}

/**
 * Rows drawn in one terminal table. cli-table3 slows down faster than the rows grow (4,000 rows
 * take about a second, 200,000 would take hours): beyond this, the table says where the rest is.
 */
export const MAX_GRID_ROWS = 2000;

function renderGrid(block: TableBlock, style: TableStyle, chalk: InstanceType<typeof Chalk>): string {
  const Table = loadCliTable3();
  const table = new Table({
    head: block.columns.map((c) => chalk.bold(c.label[style.lang])),
    colAligns: block.columns.map((c) => (isNumericColumn(c) ? 'right' : 'left')),
    style: { head: [], border: [], compact: true },
  });
  const rows = block.rows.length > MAX_GRID_ROWS ? block.rows.slice(0, MAX_GRID_ROWS) : block.rows;
  for (const row of rows) table.push(block.columns.map((c) => formatCell(row[c.key], c, style.lang)));
  const more = block.rows.length - rows.length;
  if (more === 0) return table.toString();
  return (
    table.toString() +
    '\n' +
    tr(style.lang, {
      en: `... and ${more} more rows: --format csv, json or markdown gives them all`,
      fr: `... et ${more} lignes de plus : --format csv, json ou markdown les donne toutes`,
    })
  );
}

function renderBlock(block: Block, style: TableStyle, chalk: InstanceType<typeof Chalk>): string {
  const title = block.title ? chalk.bold(block.title[style.lang]) + '\n' : '';
  switch (block.kind) {
    case 'table':
      return title + renderGrid(block, style, chalk);
    case 'text':
      return title + block.lines.map((l) => l[style.lang]).join('\n');
    case 'chart':
      return title + block.text;
  }
}

/** The report for a terminal: title, then each block, tables drawn with cli-table3. */
export function renderTable(report: Report, style: TableStyle): string {
  const chalk = new Chalk({ level: style.color ? 1 : 0 });
  const parts = [chalk.bold.underline(report.title[style.lang])];
  for (const block of report.blocks) parts.push(renderBlock(block, style, chalk));
  return parts.join('\n\n') + '\n';
}
