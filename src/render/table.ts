import Table from 'cli-table3';
import { Chalk } from 'chalk';
import type { Lang } from '../i18n.js';
import { formatCell, isNumericColumn, type Block, type Report, type TableBlock } from './report.js';

export interface TableStyle {
  lang: Lang;
  color: boolean;
}

function renderGrid(block: TableBlock, style: TableStyle, chalk: InstanceType<typeof Chalk>): string {
  const table = new Table({
    head: block.columns.map((c) => chalk.bold(c.label[style.lang])),
    colAligns: block.columns.map((c) => (isNumericColumn(c) ? 'right' : 'left')),
    style: { head: [], border: [], compact: true },
  });
  for (const row of block.rows) table.push(block.columns.map((c) => formatCell(row[c.key], c, style.lang)));
  return table.toString();
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
