import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { tr, type Lang, type Texts } from '../i18n.js';
import type { Context } from '../io/context.js';
import { runWarnings, warn, withWarnings } from '../io/warnings.js';
import { writeOutput } from '../io/write-output.js';
import { addRowCounts } from '../io/row-counts.js';
import { renderCsvBytes } from '../render/csv.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import type { Report } from '../render/report.js';
import { renderTable, selectColumns } from '../render/table.js';
import { renderXlsx, writeXlsx, type TableRows } from '../render/xlsx.js';
import type { TableBlock } from '../render/report.js';
import { openOutputStream, outputWritable } from '../io/output-stream.js';
import { checkXlsxTarget, wantsXlsx } from './xlsx-target.js';
import { helpLang } from './help-lang.js';

export { checkXlsxTarget, wantsXlsx } from './xlsx-target.js';
export { setHelpLang } from './help-lang.js';

export type OutputFormat = 'table' | 'json' | 'csv' | 'markdown' | 'xlsx';

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
    en: 'write the output to FILE (whole or not at all); a FILE.xlsx gets a workbook; - for stdout',
    fr: 'écrire la sortie dans FICHIER (entière ou pas du tout) ; un FICHIER.xlsx reçoit un classeur ; - pour stdout',
  },
  excel: {
    en: 'CSV for French Excel: UTF-8 with BOM, ";" separator, decimal comma',
    fr: 'CSV pour Excel en français : UTF-8 avec BOM, séparateur ";", virgule décimale',
  },
};

/**
 * Adds `--format` (table, json, csv, markdown, xlsx), `--output`, `--excel`, `--wide` and `--show`
 * to a command, described in the run's language. Every command that takes them emits with
 * `emitReport`, so every one of them writes `.xlsx` too.
 */
export function addOutputOptions(command: Command, lang: Lang = helpLang()): Command {
  return command
    .addOption(
      new Option('-f, --format <format>', OUTPUT_HELP.format[lang])
        .choices(['table', 'json', 'csv', 'markdown', 'xlsx'])
        .default('table'),
    )
    .option('-o, --output <file>', OUTPUT_HELP.output[lang])
    .option('--excel', OUTPUT_HELP.excel[lang])
    .option('--wide', OUTPUT_HELP.wide[lang])
    .option('--show <columns>', OUTPUT_HELP.show[lang]);
}

/**
 * Renders a report in the chosen format and writes it to stdout or `--output`, whole or not at
 * all. `--format xlsx` (or `--output FILE.xlsx` with no `--format`) writes a workbook, one sheet
 * per table (see src/render/xlsx.ts), to a file only. `xlsxRows` gives the rows of a table
 * one at a time (a million clients): the workbook is then written as it is made (`writeXlsx`).
 */
export async function emitReport(
  report: Report,
  options: OutputOptions,
  ctx: Context,
  inputs: readonly string[] = [],
  xlsxRows?: (block: TableBlock) => TableRows | undefined,
): Promise<void> {
  let text: string | Uint8Array;
  if (options.show !== undefined) report = selectColumns(report, options.show.split(','), ctx.lang);
  if (wantsXlsx(options)) {
    checkXlsxTarget(options, ctx.lang);
    const warnings = runWarnings(ctx).map((w) => w.message);
    // The parameters sheet shows the JSON's settings, with the rows read and used.
    const withCounts = { ...report, json: addRowCounts(report.json, ctx) };
    const cut = ({ cutCells }: { cutCells: number }): void =>
      warn(ctx, 'xlsx-cell-cut', {
        en: `${cutCells} ${cutCells === 1 ? 'text was' : 'texts were'} longer than an Excel cell holds (32,767 characters) and cut there in the workbook.`,
        fr: `${cutCells} ${cutCells === 1 ? 'texte dépassait' : 'textes dépassaient'} ce qu'une cellule Excel contient (32 767 caractères) et ${cutCells === 1 ? 'y a été coupé' : 'y ont été coupés'} dans le classeur.`,
      });
    if (xlsxRows !== undefined) {
      // whole or not at all: a temporary file renamed into place by commit
      const output = openOutputStream(options.output, ctx.io, inputs);
      try {
        await writeXlsx(withCounts, ctx.lang, outputWritable(output), warnings, cut, xlsxRows);
        output.commit();
      } catch (error) {
        output.abort();
        throw error;
      }
      return;
    }
    const bytes = await renderXlsx(withCounts, ctx.lang, warnings, cut);
    writeOutput(options.output, bytes, ctx.io, inputs);
    return;
  }
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
      throw new UsageError(
        tr(ctx.lang, {
          en: `unknown format "${String(options.format)}"; expected table, json, csv, markdown or xlsx.`,
          fr: `format inconnu « ${String(options.format)} » ; attendu : table, json, csv, markdown ou xlsx.`,
        }),
      );
  }
  writeOutput(options.output, text, ctx.io, inputs);
}

/** `emitReport` under its former name (segment, pareto and rfm wrote `.xlsx` first). */
export const emitReportAsync = emitReport;
