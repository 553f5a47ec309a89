import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Context } from '../io/context.js';
import { writeOutput } from '../io/write-output.js';
import { renderCsv } from '../render/csv.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import type { Report } from '../render/report.js';
import { renderTable } from '../render/table.js';

export type OutputFormat = 'table' | 'json' | 'csv' | 'markdown';

/** The output flags, word for word the same on every command. */
export interface OutputOptions {
  format: OutputFormat;
  output?: string;
  excel?: boolean;
}

/** Adds `--format`, `--output` and `--excel` to a command. */
export function addOutputOptions(command: Command): Command {
  return command
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json', 'csv', 'markdown'])
        .default('table'),
    )
    .option('-o, --output <file>', 'write the output to FILE (whole or not at all); - for stdout')
    .option('--excel', 'CSV for French Excel: UTF-8 with BOM, ";" separator, decimal comma');
}

/** Renders a report in the chosen format and writes it to stdout or `--output`. */
export function emitReport(
  report: Report,
  options: OutputOptions,
  ctx: Context,
  inputs: readonly string[] = [],
): void {
  let text: string;
  // --excel is a CSV flavour: alone it means CSV.
  const format = options.excel && options.format === 'table' ? 'csv' : options.format;
  switch (format) {
    case 'json':
      text = renderJson(report.json);
      break;
    case 'csv':
      text = renderCsv(report.csv, { excel: options.excel ?? false });
      if (options.excel) text = '\ufeff' + text;
      break;
    case 'markdown':
      text = renderMarkdown(report, ctx.lang);
      break;
    case 'table':
      text = renderTable(report, { lang: ctx.lang, color: ctx.color && (options.output ?? '-') === '-' });
      break;
    default:
      throw new UsageError(
        `unknown format "${String(options.format)}"; expected table, json, csv or markdown.`,
      );
  }
  writeOutput(options.output, text, ctx.io, inputs);
}
