import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { tr } from '../i18n.js';
import type { Context } from '../io/context.js';
import { createReadProgress } from '../io/progress.js';
import type { ReadOptions } from '../io/read-table.js';

/** The read flags as commander gives them. */
export interface ReadFlags {
  encoding?: string;
  delimiter?: string;
  decimal?: string;
  dateFormat?: string;
  map?: string[];
  columns?: string;
  rejects?: string;
  strict?: boolean;
  /** The command's `--output`, when it has one: the rejects must not go to the same file. */
  output?: string;
}

/**
 * Adds the read flags, word for word the same on every command that reads a CSV file:
 * --encoding, --delimiter, --decimal, --date-format, --map (repeatable), --columns, --rejects,
 * --strict.
 */
export function addReadOptions(command: Command, lang: Lang = 'en'): Command {
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  return command
    .option(
      '--encoding <name>',
      t(
        'input encoding: utf-8, utf-16le, utf-16be, windows-1252 (default: detected)',
        "encodage de l'entrée : utf-8, utf-16le, utf-16be, windows-1252 (par défaut : détecté)",
      ),
    )
    .option(
      '--delimiter <char>',
      t('field separator: , ; tab | (default: detected)', 'séparateur : , ; tab | (par défaut : détecté)'),
    )
    .addOption(
      new Option(
        '--decimal <mark>',
        t(
          'decimal mark for ambiguous numbers such as 1,234 (default: detected)',
          'séparateur décimal des nombres ambigus comme 1,234 (par défaut : détecté)',
        ),
      ).choices([',', '.']),
    )
    .option(
      '--date-format <order>',
      t(
        'dmy (22/11/2026), mdy (11/22/2026) or ymd (ISO only) (default: detected, else dmy)',
        'dmy (22/11/2026), mdy (11/22/2026) ou ymd (ISO seulement) (par défaut : détecté, sinon dmy)',
      ),
    )
    .option(
      '--map <field=Header>',
      t(
        'read FIELD from the column HEADER (repeatable)',
        'lire le champ FIELD dans la colonne HEADER (répétable)',
      ),
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option(
      '--columns <file>',
      t('YAML file of field: Header pairs', 'fichier YAML de paires champ: En-tête'),
    )
    .option(
      '--rejects <file>',
      t(
        'write the rejected rows, with line and reason, to FILE',
        'écrire les lignes rejetées, avec numéro et raison, dans FICHIER',
      ),
    )
    .option(
      '--strict',
      t(
        'stop at the first row that cannot be used (exit 65)',
        'arrêter à la première ligne inutilisable (code 65)',
      ),
    );
}

const DELIMITER_NAMES: Record<string, string> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
  '|': '|',
  pipe: '|',
};

const DATE_FORMATS: Record<string, 'dmy' | 'mdy' | 'ymd'> = {
  dmy: 'dmy',
  'dd/mm/yyyy': 'dmy',
  'dd.mm.yyyy': 'dmy',
  'dd-mm-yyyy': 'dmy',
  'dd/mm/yy': 'dmy',
  mdy: 'mdy',
  'mm/dd/yyyy': 'mdy',
  'mm/dd/yy': 'mdy',
  ymd: 'ymd',
  'yyyy-mm-dd': 'ymd',
  iso: 'ymd',
};

/** Turns the read flags into ReadOptions; bad values are usage errors (64). */
export function buildReadOptions(flags: ReadFlags, ctx: Context): ReadOptions {
  const options: ReadOptions = { lang: ctx.lang, progress: (name) => createReadProgress(ctx, name) };
  if (
    flags.rejects !== undefined &&
    flags.output !== undefined &&
    flags.rejects !== '-' &&
    resolve(flags.rejects) === resolve(flags.output)
  ) {
    throw new UsageError(
      `--rejects and --output both name ${flags.output}; one would overwrite the other. Give them different files.`,
    );
  }
  if (flags.encoding !== undefined) options.encoding = flags.encoding;
  if (flags.delimiter !== undefined) {
    const d = DELIMITER_NAMES[flags.delimiter.toLowerCase()];
    if (d === undefined)
      throw new UsageError(`--delimiter: "${flags.delimiter}" is not a separator; expected , ; tab or |.`);
    options.delimiter = d;
  }
  if (flags.decimal !== undefined) {
    if (flags.decimal !== ',' && flags.decimal !== '.')
      throw new UsageError(`--decimal: "${flags.decimal}" is not a decimal mark; expected , or .`);
    options.decimal = flags.decimal;
  }
  if (flags.dateFormat !== undefined) {
    const order = DATE_FORMATS[flags.dateFormat.trim().toLowerCase()];
    if (order === undefined)
      throw new UsageError(
        `--date-format: "${flags.dateFormat}" is not a date order; expected dmy, mdy or ymd (or DD/MM/YYYY, MM/DD/YYYY, YYYY-MM-DD).`,
      );
    options.dateFormat = order;
  }
  if (flags.map !== undefined) {
    const map: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const pair of flags.map) {
      const at = pair.indexOf('=');
      const field = at < 0 ? '' : pair.slice(0, at).trim();
      const header = at < 0 ? '' : pair.slice(at + 1).trim();
      if (field === '' || header === '')
        throw new UsageError(
          `--map: "${pair}" is not field=Header; expected for example --map revenue="CA 2025".`,
        );
      map[field] = header;
    }
    options.map = map;
  }
  if (flags.columns !== undefined) options.columnsFile = flags.columns;
  if (flags.rejects !== undefined) options.rejectsFile = flags.rejects;
  if (flags.strict) options.strict = true;
  return options;
}
