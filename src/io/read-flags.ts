import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { tr } from '../i18n.js';
import type { Context } from './context.js';
import { createReadProgress } from './progress.js';
import type { ReadOptions } from './read-table.js';
import { parseWhereFlags } from './where-filter.js';

/**
 * The read flags (--encoding, --delimiter, --decimal, --date-format, --map, --columns, --crm,
 * --rejects, --strict, --sheet, --where) turned into the reader's options. commands/read-options.ts
 * adds the flags to a command; src/io/open-input.ts turns them into options through this file.
 */

/** The read flags as commander gives them. */
export interface ReadFlags {
  encoding?: string;
  delimiter?: string;
  decimal?: string;
  dateFormat?: string;
  map?: string[];
  columns?: string;
  crm?: string;
  rejects?: string;
  strict?: boolean;
  sheet?: string;
  /** `--where EXPR`, repeatable (docs/filters.md). */
  where?: string[];
  /** The command's `--output`, when it has one: the rejects must not go to the same file. */
  output?: string;
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

/**
 * Turns the read flags into ReadOptions; bad values are usage errors (64). The project file
 * (prospect.yaml) fills what the flags leave unset: conventions here; the sheet and the column
 * headers of the file's kind when `openTable` knows the kind (ReadOptions.kind).
 */
export function buildReadOptions(flags: ReadFlags, ctx: Context): ReadOptions {
  const project = ctx.project?.();
  if (project !== undefined) {
    const c = project.conventions;
    flags = {
      ...(c.encoding === undefined ? {} : { encoding: c.encoding }),
      ...(c.delimiter === undefined ? {} : { delimiter: c.delimiter }),
      ...(c.decimal === undefined ? {} : { decimal: c.decimal }),
      ...(c.dateFormat === undefined ? {} : { dateFormat: c.dateFormat }),
      ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)),
    };
  }
  const options: ReadOptions = {
    progress: (name) => createReadProgress(ctx, name),
    lang: ctx.lang,
    note: (text) => ctx.note(tr(ctx.lang, text)),
  };
  // Tests only: small windows, so that the parts of a read with threads end anywhere.
  const chunk = Number(ctx.io.env.PROSPECT_TEST_CHUNK_BYTES);
  if (Number.isInteger(chunk) && chunk > 0) options.chunkBytes = chunk;
  if (
    flags.rejects !== undefined &&
    flags.output !== undefined &&
    flags.rejects !== '-' &&
    resolve(flags.rejects) === resolve(flags.output)
  ) {
    throw new UsageError({
      en: `--rejects and --output both name ${flags.output}; one would overwrite the other. Give them different files.`,
      fr: `--rejects et --output désignent tous deux ${flags.output} ; l’un écraserait l’autre. Donnez deux fichiers différents.`,
    });
  }
  if (flags.encoding !== undefined) options.encoding = flags.encoding;
  if (flags.delimiter !== undefined) {
    const d = DELIMITER_NAMES[flags.delimiter.toLowerCase()];
    if (d === undefined)
      throw new UsageError({
        en: `--delimiter: "${flags.delimiter}" is not a separator; expected , ; tab or |.`,
        fr: `--delimiter : « ${flags.delimiter} » n’est pas un séparateur ; attendu : , ; tab ou |.`,
      });
    options.delimiter = d;
  }
  if (flags.decimal !== undefined) {
    if (flags.decimal !== ',' && flags.decimal !== '.')
      throw new UsageError({
        en: `--decimal: "${flags.decimal}" is not a decimal mark; expected , or .`,
        fr: `--decimal : « ${flags.decimal} » n’est pas un séparateur décimal ; attendu : , ou .`,
      });
    options.decimal = flags.decimal;
  }
  if (flags.dateFormat !== undefined) {
    const order = DATE_FORMATS[flags.dateFormat.trim().toLowerCase()];
    if (order === undefined)
      throw new UsageError({
        en: `--date-format: "${flags.dateFormat}" is not a date order; expected dmy, mdy or ymd (or DD/MM/YYYY, MM/DD/YYYY, YYYY-MM-DD).`,
        fr: `--date-format : « ${flags.dateFormat} » n’est pas un ordre de date ; attendu : dmy, mdy ou ymd (ou JJ/MM/AAAA, MM/JJ/AAAA, AAAA-MM-JJ).`,
      });
    options.dateFormat = order;
  }
  if (flags.map !== undefined) {
    const map: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const pair of flags.map) {
      const at = pair.indexOf('=');
      const field = at < 0 ? '' : pair.slice(0, at).trim();
      const header = at < 0 ? '' : pair.slice(at + 1).trim();
      if (field === '' || header === '')
        throw new UsageError({
          en: `--map: "${pair}" is not field=Header; expected for example --map revenue="CA 2025".`,
          fr: `--map : « ${pair} » n’est pas de la forme champ=En-tête ; attendu : par exemple --map revenue="CA 2025".`,
        });
      map[field] = header;
    }
    options.map = map;
  }
  if (flags.columns !== undefined) options.columnsFile = flags.columns;
  if (flags.crm !== undefined) options.crm = flags.crm;
  if (flags.rejects !== undefined) options.rejectsFile = flags.rejects;
  if (flags.strict) options.strict = true;
  if (flags.sheet !== undefined) options.sheet = flags.sheet;
  if (flags.where !== undefined && flags.where.length > 0) options.where = parseWhereFlags(flags.where);
  if (project !== undefined) options.project = project;
  return options;
}
