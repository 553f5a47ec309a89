/**
 * THE way a command opens an input file: one call says what kind of file it wants and which
 * fields it needs; everything else is done here or by the reader it wires:
 *
 * ```ts
 * const { table, outcome } = await openInput(ctx, {
 *   kind: 'orders',
 *   file,
 *   fields: {
 *     required: ['clientId', { field: 'orderDate', type: 'date' }],
 *     wanted: [{ field: 'amount', type: 'number' }, 'owner'],
 *     main: [{ field: 'amount', what: { en: 'no amounts', fr: 'pas de montants' } }],
 *   },
 *   flags, // the command's read flags: --map, --columns, --crm, --sheet, --rejects, --strict...
 *   outcome: true, // a deals file given as orders: its won/lost column, if it has one
 * });
 * ```
 *
 * - format: CSV (any encoding, separator, locale) or `.xlsx` (read-table.ts, read-xlsx.ts);
 * - the read flags -> options (read-flags.ts), the project file's conventions, headers and sheet
 *   for this kind of file (project-file.ts);
 * - columns: `--map`, `--columns`, the project file, the CRM profile (crm-profiles.ts), then the
 *   usual spellings (map-columns.ts); a required field with no column is a DataError (65) in both
 *   languages, now or later through `require` (when the fields depend on the file's shape);
 * - a main column missing (`fields.main`): one line on stderr and a `missing-column` entry in the
 *   JSON's `warnings`, both languages (missing-column.ts, warnings.ts);
 * - the outcome vocabulary: `outcome: true` finds a won/lost column (stage, else status) in the
 *   file's first rows (core/deal-outcome.ts, core/outcome.ts);
 * - report footers and blank rows skipped and counted (report-footers.ts); the row accounting
 *   `read = used + rejected + skipped` recorded by `table.finish(ctx)` for the JSON's `inputs`
 *   (row-counts.ts); `--rejects` written there too (rejects-file.ts).
 *
 * A row filter (`--where`) plugs in here: `readOptionsOf` is where every command's options are
 * made, so a filter given there reaches every reader, which counts the rows it leaves out as set
 * aside (`TableReader.setAside`: read = used + rejected + skipped + set aside).
 */
import { isOutcomeColumn } from '../core/deal-outcome.js';
import { DataError } from '../errors.js';
import type { Texts } from '../i18n.js';
import { fieldLabel } from '../render/words.js';
import type { Context } from './context.js';
import { warnMissingColumn } from './missing-column.js';
import { buildReadOptions, type ReadFlags } from './read-flags.js';
import {
  openTable,
  type FieldSpec,
  type FieldType,
  type ReadOptions,
  type TableReader,
} from './read-table.js';
import type { InputKind } from './row-counts.js';

/** A field a command asks for: a name (read as text) or a full spec (type, unique, money...). */
export type WantedField = string | FieldSpec;

/** A column without which the command's main figure is left out: said, never silent. */
export interface MainColumn {
  /** The field, or fields of which any one will do (`['amount', 'revenue']`). */
  field: string | readonly string[];
  /** What is left out without it, in both languages ("the table has no revenue figures"). */
  what: Texts;
}

export interface InputRequest {
  /**
   * What the file is: it picks the project file's headers and sheet for this kind, and names the
   * file in the JSON's `inputs`. `history` is a deals file read for its history (score --learn,
   * plan --pipeline): recorded as `deals`.
   */
  kind: InputKind | 'history';
  /** A path relative to the working folder, or `-` for stdin. */
  file: string;
  fields: {
    /** Fields whose column must exist (a spec's own `required` is kept: `'column'` lets a cell be
     * empty; a bare name or a spec without it means `true`: every row needs a value). */
    required?: readonly WantedField[];
    /** Fields used when the file has them. */
    wanted?: readonly WantedField[];
    /** Columns whose absence is warned about (stderr + JSON `warnings`), both languages. */
    main?: readonly MainColumn[];
  };
  /** The command's read flags; or `options` already made (a second file of the same run). */
  flags?: ReadFlags;
  options?: ReadOptions;
  /** Look for a won/lost column (stage, else status) in the first rows: a deals file read as
   * orders keeps only its won deals. Adds `stage` and `status` to the wanted fields. */
  outcome?: boolean;
}

/** The column that says won / lost / open in a deals file. */
export interface OutcomeColumn {
  field: string;
  header: string;
}

export interface OpenedInput {
  /** The reader: rows, batches, column batches, reject, setAside, finish, discard. */
  table: TableReader;
  /** The won/lost column when `outcome` was asked and the file has one, else null. */
  outcome: OutcomeColumn | null;
  /** Whether the file has a column for this field. */
  has(field: string): boolean;
  /** The first of `fields` that the file has. */
  first(fields: readonly string[]): string | undefined;
  /**
   * Requires columns once the command knows which it needs (an order file and a client table
   * need different ones): each entry a field or fields of which any one will do. Throws a
   * DataError (65) in both languages naming the missing fields, the headers seen and the --map.
   */
  require(fields: readonly (string | readonly string[])[], shape?: 'orders' | 'clients'): void;
  /** Warns (stderr + JSON) that a main column is missing; a no-op when the file has one. */
  warnMissing(main: MainColumn): void;
}

/** The fields that say a deal's outcome, looked for when `outcome` is asked. */
export const OUTCOME_FIELDS = ['stage', 'status'] as const;

const toSpec = (f: WantedField, required: FieldSpec['required']): FieldSpec => {
  if (typeof f === 'string')
    return { field: f, type: 'text' as FieldType, ...(required ? { required } : {}) };
  if (required && f.required === undefined) return { ...f, required };
  return f;
};

/** The spec a request asks for: required fields first, then wanted ones, each field once. */
export function buildInputSpec(request: Pick<InputRequest, 'fields' | 'outcome'>): FieldSpec[] {
  const spec: FieldSpec[] = [];
  const add = (s: FieldSpec): void => {
    if (!spec.some((x) => x.field === s.field)) spec.push(s);
  };
  for (const f of request.fields.required ?? []) add(toSpec(f, true));
  for (const f of request.fields.wanted ?? []) add(toSpec(f, undefined));
  if (request.outcome) for (const field of OUTCOME_FIELDS) add({ field, type: 'text' });
  return spec;
}

/** The reader's options of a request: its own, else made from the flags (with the project file). */
export function readOptionsOf(ctx: Context, request: Pick<InputRequest, 'flags' | 'options'>): ReadOptions {
  return request.options ?? buildReadOptions(request.flags ?? {}, ctx);
}

/**
 * Opens a file of a kind with the fields a command needs (see the top of this file). Throws
 * InputFileError (66) when the file cannot be read, DataError (65) when it is empty, not a
 * workbook, or lacks a required column, UsageError (64) for a bad read flag.
 */
export async function openInput(ctx: Context, request: InputRequest): Promise<OpenedInput> {
  const kind: InputKind = request.kind === 'history' ? 'deals' : request.kind;
  const options = readOptionsOf(ctx, request);
  const table = await openTable(request.file, buildInputSpec(request), { ...options, kind }, ctx.io);
  const input = wrapInput(ctx, table, request.outcome === true);
  try {
    for (const main of request.fields.main ?? []) input.warnMissing(main);
  } catch (error) {
    table.discard();
    throw error;
  }
  return input;
}

function wrapInput(ctx: Context, table: TableReader, outcome: boolean): OpenedInput {
  const has = (field: string): boolean => table.fieldColumns.has(field);
  return {
    table,
    outcome: outcome ? findOutcomeColumn(table) : null,
    has,
    first: (fields) => fields.find(has),
    require(fields, shape) {
      const missing = fields
        .map((f) => (typeof f === 'string' ? [f] : f))
        .filter((options) => !options.some(has));
      if (missing.length === 0) return;
      throw missingColumnsError(table, missing, shape ?? (table.kind === 'orders' ? 'orders' : 'clients'));
    },
    warnMissing(main) {
      const fields = typeof main.field === 'string' ? [main.field] : main.field;
      if (fields.some(has)) return;
      warnMissingColumn(ctx, table, fields[0] ?? '', main.what);
    },
  };
}

/**
 * The DataError of columns a command needs and the file lacks, in both languages: the fields
 * (any one of a group will do), the headers seen and the --map to give.
 */
export function missingColumnsError(
  file: { name: string; headers: readonly string[] },
  missing: readonly (readonly string[])[],
  shape: 'orders' | 'clients',
): DataError {
  const headers = file.headers.map((h) => `"${h}"`).join(', ');
  const first = missing[0]?.[0] ?? '';
  const en = `no column for ${missing.map((m) => m.join(' or ')).join(', ')} in a ${shape === 'orders' ? 'file of orders' : 'client table'}; found ${headers}. Map one with --map ${first}="Header".`;
  const fr = `aucune colonne pour ${missing.map((m) => m.map((f) => fieldLabel(f, 'fr')).join(' ou ')).join(', ')} dans ${shape === 'orders' ? 'un fichier de commandes' : 'une table clients'} ; en-têtes trouvés : ${headers}. Nommez-la avec --map ${first}="En-tête".`;
  return new DataError([{ file: file.name, line: 1, message: en, texts: { en, fr } }]);
}

/**
 * The outcome column of a deals file: the stage column, else the status column, when the first
 * rows of the file (the reader's sample) hold at least one won or lost deal. An order file's
 * status (shipped, paid) or a client status (client, prospect) is not an outcome column.
 */
export function findOutcomeColumn(reader: TableReader): OutcomeColumn | null {
  for (const field of OUTCOME_FIELDS) {
    const index = reader.fieldColumns.get(field);
    if (index === undefined) continue;
    const values = new Set<string>();
    for (const record of reader.sample) {
      const v = record[index];
      if (v !== undefined) values.add(v);
    }
    if (isOutcomeColumn(values)) return { field, header: reader.headers[index] ?? field };
  }
  return null;
}
