import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Lang, Texts } from '../i18n.js';
import type { Context } from '../io/context.js';
import { writeOutput } from '../io/write-output.js';
import { addRowCounts } from '../io/row-counts.js';
import { renderCsvBytes } from '../render/csv.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import type { Report } from '../render/report.js';
import { renderTable, selectColumns } from '../render/table.js';

export type OutputFormat = 'table' | 'json' | 'csv' | 'markdown';

/** The output flags, word for word the same on every command. */
export interface OutputOptions {
  format: OutputFormat;
  output?: string;
  excel?: boolean;
  /** Every column of the terminal table, however wide. */
  wide?: boolean;
  /** The columns a table or Markdown shows, comma-separated names (header or key). */
  show?: string;
}

const OUTPUT_HELP: Record<'format' | 'output' | 'excel' | 'wide' | 'show', Texts> = {
  wide: {
    en: 'every column, however wide the table (default: fit the terminal, COLUMNS or 80)',
    fr: 'toutes les colonnes, quelle que soit la largeur (par défaut : tenir dans le terminal, COLUMNS ou 80)',
  },
  show: {
    en: 'columns to show, by header, comma-separated (e.g. --show "Step,Plan")',
    fr: 'colonnes à afficher, par en-tête, séparées par des virgules (ex. --show "Étape,Plan")',
  },
  format: { en: 'output format', fr: 'format de sortie' },
  output: {
    en: 'write the output to FILE (whole or not at all); - for stdout',
    fr: 'écrire la sortie dans FICHIER (entière ou pas du tout) ; - pour stdout',
  },
  excel: {
    en: 'CSV for French Excel: UTF-8 with BOM, ";" separator, decimal comma',
    fr: 'CSV pour Excel en français : UTF-8 avec BOM, séparateur ";", virgule décimale',
  },
};

/** Adds `--format`, `--output` and `--excel` to a command, described in the run's language. */
export function addOutputOptions(command: Command, lang: Lang = currentHelpLang): Command {
  return command
    .addOption(
      new Option('-f, --format <format>', OUTPUT_HELP.format[lang])
        .choices(['table', 'json', 'csv', 'markdown'])
        .default('table'),
    )
    .option('-o, --output <file>', OUTPUT_HELP.output[lang])
    .option('--excel', OUTPUT_HELP.excel[lang])
    .option('--wide', OUTPUT_HELP.wide[lang])
    .option('--show <columns>', OUTPUT_HELP.show[lang]);
}

let currentHelpLang: Lang = 'en';

/** The language of the help texts of the shared flags; set once by `buildProgram`. */
export function setHelpLang(lang: Lang): void {
  currentHelpLang = lang;
}

/** Renders a report in the chosen format and writes it to stdout or `--output`. */
export function emitReport(
  report: Report,
  options: OutputOptions,
  ctx: Context,
  inputs: readonly string[] = [],
): void {
  let text: string | Uint8Array;
  if (options.show !== undefined) report = selectColumns(report, options.show.split(','), ctx.lang);
  // --excel is a CSV flavour: alone it means CSV.
  const format = options.excel && options.format === 'table' ? 'csv' : options.format;
  switch (format) {
    case 'json':
      text = renderJson(addRowCounts(report.json, ctx));
      break;
    case 'csv':
      text = renderCsvBytes(report.csv, { excel: options.excel ?? false });
      break;
    case 'markdown':
      text = renderMarkdown(report, ctx.lang);
      break;
    case 'table':
      text = renderTable(report, {
        lang: ctx.lang,
        color: ctx.color && (options.output ?? '-') === '-',
        width: options.wide ? Number.POSITIVE_INFINITY : (ctx.width ?? 80),
      });
      break;
    default:
      throw new UsageError(
        `unknown format "${String(options.format)}"; expected table, json, csv or markdown.`,
      );
  }
  writeOutput(options.output, text, ctx.io, inputs);
}
