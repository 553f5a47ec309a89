import type { Lang } from '../i18n.js';
import { formatCell, isNumericColumn, type Block, type Report } from './report.js';

function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function renderBlock(block: Block, lang: Lang): string {
  const title = block.title ? `### ${block.title[lang]}\n\n` : '';
  switch (block.kind) {
    case 'table': {
      const head = `| ${block.columns.map((c) => escapeCell(c.label[lang])).join(' | ')} |`;
      const rule = `| ${block.columns.map((c) => (isNumericColumn(c) ? '---:' : '---')).join(' | ')} |`;
      const rows = block.rows.map(
        (r) => `| ${block.columns.map((c) => escapeCell(formatCell(r[c.key], c, lang))).join(' | ')} |`,
      );
      return title + [head, rule, ...rows].join('\n');
    }
    case 'text':
      return title + block.lines.map((l) => l[lang]).join('\n\n');
    case 'chart':
      return title + '```\n' + block.text + '\n```';
  }
}

/** The report as GitHub-flavoured Markdown. */
export function renderMarkdown(report: Report, lang: Lang): string {
  return [`## ${report.title[lang]}`, ...report.blocks.map((b) => renderBlock(b, lang))].join('\n\n') + '\n';
}
