import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { tr, type Lang, type Texts } from '../i18n.js';
import type { Context } from '../io/context.js';
import { withWarnings } from '../io/warnings.js';
import { writeOutput } from '../io/write-output.js';
import { addRowCounts } from '../io/row-counts.js';
import { renderCsvBytes } from '../render/csv.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import type { Report } from '../render/report.js';
import { renderTable, selectColumns } from '../render/table.js';
import { renderXlsx } from '../render/xlsx.js';

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

/**
 * Adds `--format`, `--output` and `--excel` to a command, described in the run's language; with
 * `xlsx`, `--format xlsx` too (the command then emits with `emitReportAsync`).
 */
export function addOutputOptions(
  command: Command,
  lang: Lang = currentHelpLang,
  formats: { xlsx?: boolean } = {},
): Command {
  return command
    .addOption(
      new Option('-f, --format <format>', OUTPUT_HELP.format[lang])
        .choices(['table', 'json', 'csv', 'markdown', ...(formats.xlsx ? ['xlsx'] : [])])
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
      text = renderJson(addRowCounts(withWarnings(report.json, ctx), ctx));
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
      throw new UsageError({
        en: `--format: unknown format "${String(options.format)}"; expected table, json, csv or markdown.`,
        fr: `--format : format « ${String(options.format)} » inconnu ; attendu : table, json, csv ou markdown.`,
      });
  }
  writeOutput(options.output, text, ctx.io, inputs);
}

/** Whether a run asks for a workbook: `--format xlsx`, or `--output FILE.xlsx` with no `--format`. */
export function wantsXlsx(options: OutputOptions): boolean {
  return (
    (options.format as string) === 'xlsx' ||
    (options.format === 'table' && /\.xlsx$/i.test(options.output ?? ''))
  );
}

/**
 * `emitReport`, plus `.xlsx` (one sheet per table, see src/render/xlsx.ts), which is written to a
 * file only: `--output FILE.xlsx`.
 */
export async function emitReportAsync(
  report: Report,
  options: OutputOptions,
  ctx: Context,
  inputs: readonly string[] = [],
): Promise<void> {
  if (!wantsXlsx(options)) {
    emitReport(report, options, ctx, inputs);
    return;
  }
  if (options.output === undefined || options.output === '-')
    throw new UsageError(
      tr(ctx.lang, {
        en: '--format xlsx writes a workbook, which a terminal or a pipe cannot show; give --output FILE.xlsx.',
        fr: "--format xlsx écrit un classeur, qu'un terminal ou un tube ne peut pas montrer ; donnez --output FICHIER.xlsx.",
      }),
    );
  writeOutput(options.output, await renderXlsx(report, ctx.lang), ctx.io, inputs);
}
