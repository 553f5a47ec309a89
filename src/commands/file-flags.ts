import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { tr } from '../i18n.js';
import type { Io } from '../io/context.js';
import { checkStdout, runFilesOf, sameTarget } from '../io/run-files.js';
import { checkOutputFolder } from '../io/write-output.js';
import { checkXlsxTarget } from './xlsx-target.js';

/**
 * Every option that takes a value, by commander attribute name, in one of three kinds: a file the
 * run reads, a file it writes, or not a file. test/file-flags.test.ts fails on an option missing
 * here, so a new flag cannot escape the input/output check.
 */
export const INPUT_OPTIONS: ReadonlySet<string> = new Set([
  'accessibilityFrom',
  'activities',
  'actuals',
  'clients',
  'columns',
  'config', // --config FILE (a global option): the project file, read by every command
  'deals',
  'file',
  'grid',
  'learn',
  'leads',
  'objectives',
  'orders',
  'params',
  'pipeline',
  'scores',
  'segments',
  'stages',
]);

export const OUTPUT_OPTIONS: ReadonlySet<string> = new Set(['output', 'rejects', 'writeGrid', 'save']);

export const NOT_FILE_OPTIONS: ReadonlySet<string> = new Set([
  'sheet', // a sheet's name in an .xlsx workbook
  'show', // --show COLUMNS: table headers
  'accessibility',
  'engine', // --engine duckdb: a name; the files are the command's argument
  'threads', // --threads N: a number of threads
  'sql', // --sql DIALECT: a dialect name
  'table', // --table NAME: a warehouse table, not a file
  'accessibilityRange',
  'asOf',
  'avgDeal',
  'binning',
  'bins',
  'by',
  'compare', // --compare previous
  'checkpoints',
  'compensationFactor',
  'contactsPerProspect',
  'contactsRange',
  'country',
  'creditNotes',
  'crm',
  'dateFormat',
  'decimal',
  'delimiter',
  'discountRate',
  'dormant',
  'effort',
  'effortBands',
  'encoding',
  'explain',
  'fields',
  'forCrm', // --for-crm CRM: a CRM's name; the file is --output
  'format',
  'frequencyBins',
  'frequencyBreaks',
  'from',
  'horizon',
  'hoursPerWeek',
  'id',
  'include',
  'lang',
  'level',
  'list', // --list NAME: a list's name (a class, a segment, a grade)
  'lostBelow',
  'map',
  'margin',
  'maturity',
  'minSample',
  'minutesPerContact',
  'monetaryBins',
  'monetaryBreaks',
  'months',
  'name',
  'objective',
  'outcome',
  'period',
  'potential',
  'probability',
  'proposalsPerDeal',
  'recencyBins',
  'recencyBreaks',
  'reps',
  'retention',
  'rounding',
  'rows',
  'rule',
  'spontaneous',
  'spontaneousSources',
  'thresholds',
  'tierBy',
  'tierThresholds',
  'tiers',
  'to',
  'tolerance',
  'top',
  'value',
  'weeks',
  'weights',
  'where', // --where EXPR: a filter expression (docs/filters.md)
  'winRate',
]);

/** Commands whose arguments are not files they read (init: a kind, and the file it creates). */
export const ARGUMENTS_NOT_READ: ReadonlySet<string> = new Set(['init']);

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function flagOf(command: Command, attribute: string): string {
  const option = command.options.find((o) => o.attributeName() === attribute);
  return option?.long ?? `--${attribute}`;
}

/**
 * Registers the files a command is about to read (its arguments and input flags) and refuses,
 * before anything is read or written, an output flag that names one of them or a missing folder
 * (exit 73), or two output flags that name the same file (exit 64). Called by main.ts before every command's action.
 */
export function guardCommandFiles(command: Command, io: Io): void {
  const files = runFilesOf(io);
  if (!ARGUMENTS_NOT_READ.has(command.name())) {
    for (const arg of command.processedArgs as unknown[])
      for (const path of strings(arg)) files.addInput(io, path);
  }
  const options = command.opts();
  // The project file named by the global --config is read too (src/io/project-file.ts).
  const config = (command.optsWithGlobals() as { config?: unknown }).config;
  for (const path of strings(config)) files.addInput(io, path);
  const outputs: { flag: string; target: string }[] = [];
  for (const [attribute, value] of Object.entries(options)) {
    if (INPUT_OPTIONS.has(attribute)) for (const path of strings(value)) files.addInput(io, path);
    else if (OUTPUT_OPTIONS.has(attribute))
      for (const target of strings(value)) outputs.push({ flag: flagOf(command, attribute), target });
  }
  for (const { flag, target } of outputs) files.checkOutput(io, flag, target);
  for (const { flag, target } of outputs) checkOutputFolder(io, flag, target);
  const hasOutput = command.options.some((o) => o.attributeName() === 'output');
  if (hasOutput) checkXlsxTarget(options as { format: string; output?: string }, files.lang);
  if (hasOutput && (options.output === undefined || options.output === '-')) checkStdout(io);
  const written = outputs.filter((o) => o.target !== '-');
  for (let i = 0; i < written.length; i++) {
    for (let j = i + 1; j < written.length; j++) {
      const a = written[i]!;
      const b = written[j]!;
      if (sameTarget(io, a.target, b.target)) {
        throw new UsageError(
          tr(files.lang, {
            en: `${b.flag} and ${a.flag} both name ${b.target}; one would overwrite the other. Give them different files.`,
            fr: `${b.flag} et ${a.flag} désignent tous deux ${b.target} ; l'un écraserait l'autre. Donnez-leur des fichiers différents.`,
          }),
        );
      }
    }
  }
}
