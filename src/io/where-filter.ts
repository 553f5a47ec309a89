/**
 * `--where`, `--from`, `--to` (docs/filters.md): the filter of the rows of a file, compiled once
 * against its headers and applied by the reader (read-table.ts) to every row it reads, whatever
 * the command. The expression is read by src/core/where.ts; here each field becomes a column of
 * the file, with a type, and each value is read in the file's conventions:
 *
 * - numbers (the file's decimal mark, `1 234,56`) compared in cents; rates as fractions;
 * - dates (ISO, or the column's order such as `31/12/2025`) compared as day numbers;
 * - statuses and maturities through their vocabularies (`ancien client` = `former`);
 * - texts case-, accent- and punctuation-insensitively (`santé` = `Sante`).
 *
 * A test on an empty cell is false (`!=` and `not in` are true: they are `not (=)`); `is empty`
 * tests emptiness. A cell the filter cannot read for its type (`abc` in a number column) makes the
 * row rejected, with the reason: it cannot be judged.
 */
import { normaliseMaturity, normaliseStatus } from '../core/status.js';
import {
  buildWherePredicate,
  formatWhereError,
  normaliseWhereText,
  parseWhere,
  whereTests,
  WhereSyntaxError,
  type WhereNode,
  type WhereTest,
  type WhereText,
} from '../core/where.js';
import { UsageError } from '../errors.js';
import { tr, type Lang, type Texts } from '../i18n.js';
import { canonicalField, fieldOfHeader, mapColumnsExplained } from './map-columns.js';
import { explainDate, parseDateText, type DateOrder } from './parse-date.js';
import {
  explainNumber,
  explainRate,
  parseLocaleNumber,
  parseRateText,
  type DecimalMark,
} from './parse-number.js';

/** One `--where` (or `--from`/`--to`): the flag, the expression as given, its tree. */
export interface WhereClause {
  flag: string;
  expression: string;
  node: WhereNode;
}

/** The type a filtered column is compared as. */
export type WhereType = 'number' | 'rate' | 'date' | 'status' | 'maturity' | 'text';

/** What the reader knows of a column, for the filter. */
export interface WhereColumnInfo {
  decimal: DecimalMark;
  dateOrder: DateOrder;
  percentScale: boolean;
}

/** What the filter needs from an opened file (given by openTable). */
export interface WhereFile {
  name: string;
  headers: readonly string[];
  /** Spec field -> column, with the spec's types. */
  fieldColumns: ReadonlyMap<string, number>;
  fieldTypes: ReadonlyMap<string, string>;
  /** field -> header from --map, --columns, the project file and the CRM profile. */
  overrides: ReadonlyMap<string, string>;
  /** The first records, for a column's type when no field says it. */
  sample: readonly (readonly string[])[];
  conventions(index: number): WhereColumnInfo;
  lang: Lang;
}

/**
 * Parses the `--where` flags (each a whole expression; several are ANDed). A syntax error is a
 * usage error with the expression and a caret under the place.
 */
export function parseWhereFlags(expressions: readonly string[]): WhereClause[] {
  return expressions.map((expression) => {
    try {
      return { flag: '--where', expression, node: parseWhere(expression) };
    } catch (error) {
      if (error instanceof WhereSyntaxError)
        throw new UsageError(formatWhereError(expression, error.column, error.found, error.expected));
      throw error;
    }
  });
}

/** The file each run's filter applies to (by its Io): the first file read with it. */
const MAIN_FILES = new WeakMap<object, { path: string; name: string }>();

/**
 * Whether the run's filter applies to the file at `path`: the first file a run reads with a filter
 * becomes the one (read again later, it is filtered again); other files of the run are not.
 */
export function isWhereTarget(io: object, path: string, name: string): boolean {
  const main = MAIN_FILES.get(io);
  if (main === undefined) {
    MAIN_FILES.set(io, { path, name });
    return true;
  }
  return main.path === path;
}

/** The name of the file the run's filter applies to, once a file took it. */
export function whereTargetName(io: object): string | undefined {
  return MAIN_FILES.get(io)?.name;
}

/** The flags that made the clauses, for messages: `--where`, `--from, --to`. */
export function whereFlags(clauses: readonly WhereClause[]): string {
  return [...new Set(clauses.map((c) => c.flag))].join(', ');
}

/** A `--from`/`--to` bound on the order date, as a clause (the day already checked, ISO). */
export function periodClause(flag: '--from' | '--to', isoDay: string): WhereClause {
  const expression = `orderDate ${flag === '--from' ? '>=' : '<='} ${isoDay}`;
  return { flag, expression, node: parseWhere(expression) };
}

const DATE_FIELDS: ReadonlySet<string> = new Set([
  'orderDate',
  'lastInteraction',
  'firstPurchase',
  'lastPurchase',
  'createdDate',
]);
const NUMBER_FIELDS: ReadonlySet<string> = new Set([
  'revenue',
  'margin',
  'potential',
  'amount',
  'employees',
  'interactions',
]);

function typeOfSpec(type: string): WhereType {
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'rate' || type === 'date' || type === 'status' || type === 'maturity') return type;
  return 'text';
}

function typeOfField(field: string | undefined): WhereType | undefined {
  if (field === undefined) return undefined;
  if (DATE_FIELDS.has(field)) return 'date';
  if (NUMBER_FIELDS.has(field)) return 'number';
  if (field === 'probability') return 'rate';
  if (field === 'status') return 'status';
  if (field === 'maturity') return 'maturity';
  return undefined;
}

/** A column's type from its first cells: all dates, all numbers, else text; undefined if all empty. */
function typeOfCells(cells: readonly string[], info: WhereColumnInfo): WhereType | undefined {
  let dates = 0;
  let numbers = 0;
  let filled = 0;
  for (const raw of cells) {
    const cell = raw.trim();
    if (cell === '') continue;
    filled++;
    if (!Number.isNaN(parseDateText(cell, info.dateOrder)) && /[-/.]/.test(cell)) dates++;
    else if (!Number.isNaN(parseLocaleNumber(cell, info.decimal))) numbers++;
  }
  if (filled === 0) return undefined;
  if (dates === filled) return 'date';
  if (numbers === filled) return 'number';
  return 'text';
}

interface ResolvedColumn {
  index: number;
  header: string;
  type: WhereType;
  info: WhereColumnInfo;
  /** Whether the type is the command's or the field's (else only guessed from the first cells:
   * `=`, `!=` and `in` with a value that is not of that type compare as text). */
  declared: boolean;
}

/** What one test reads from a row: the cell of its column. */
type CellOf = (index: number) => string;

/**
 * The filter of a file: `test` says whether a row is kept; when it cannot judge a row (a cell its
 * column's type cannot read), `test` returns false and `problem` holds the reason and column.
 */
export class RowFilter {
  /** Set by `test` when the last row could not be judged: the reject reason and 1-based column. */
  problem: { reason: string; column: number } | undefined;
  /** The columns the filter reads (0-based). */
  readonly columns: readonly number[];
  private readonly predicates: ((cell: CellOf) => boolean)[];

  constructor(columns: readonly number[], predicates: ((cell: CellOf) => boolean)[]) {
    this.columns = columns;
    this.predicates = predicates;
  }

  /** Whether the row whose cells `cell` gives passes every clause. */
  test(cell: CellOf): boolean {
    this.problem = undefined;
    try {
      for (const p of this.predicates) if (!p(cell)) return false;
      return true;
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      this.problem = { reason: error.reason, column: error.column };
      return false;
    }
  }
}

/** Marks a cell that could not be read: the filter stops there and the reader rejects the row. */
class CellProblem extends Error {
  constructor(
    readonly reason: string,
    readonly column: number,
  ) {
    super(reason);
  }
}

/** The column a field of an expression names in this file, or undefined. */
function findColumn(file: WhereFile, name: string): number | undefined {
  // A spec field or a canonical field name as written (`revenue`, `orderDate`).
  const direct = file.fieldColumns.get(name);
  if (direct !== undefined) return direct;
  // A header as written (case and accents aside).
  const key = normaliseWhereText(name);
  const byHeader = file.headers.findIndex((h) => normaliseWhereText(h) === key);
  if (byHeader >= 0) return byHeader;
  // A field by one of its names (`ca`, `secteur`, `statut`), mapped as the reader maps it.
  const field = canonicalField(name);
  if (field === undefined) return undefined;
  const mapped = file.fieldColumns.get(field);
  if (mapped !== undefined) return mapped;
  const overrides = new Map(file.overrides);
  return mapColumnsExplained(file.headers, [field], overrides).columns.get(field);
}

function listColumns(file: WhereFile): string {
  return file.headers
    .map((h) => {
      const field = fieldOfHeader(h);
      const shown = /^[\p{L}\p{N}_.-]+$/u.test(h) ? h : `[${h}]`;
      return field === undefined || field === h ? shown : `${shown} (${field})`;
    })
    .join(', ');
}

function typeName(type: WhereType): Texts {
  switch (type) {
    case 'number':
      return { en: 'numbers', fr: 'des nombres' };
    case 'rate':
      return { en: 'rates', fr: 'des taux' };
    case 'date':
      return { en: 'dates', fr: 'des dates' };
    case 'status':
      return { en: 'statuses', fr: 'des statuts' };
    case 'maturity':
      return { en: 'maturities', fr: 'des maturités' };
    case 'text':
      return { en: 'text', fr: 'du texte' };
  }
}

function quoted(text: string): Texts {
  return { en: `"${text}"`, fr: `« ${text} »` };
}

/**
 * Compiles the clauses against a file: each field to a column (else a usage error listing the
 * file's columns), each value read as its column's type (else a usage error with a caret).
 */
export function compileWhere(clauses: readonly WhereClause[], file: WhereFile): RowFilter {
  const used = new Set<number>();
  const predicates: ((cell: CellOf) => boolean)[] = [];
  for (const clause of clauses) {
    const fail = (at: WhereText, found: Texts, expected: Texts): never => {
      throw new UsageError(formatWhereError(clause.expression, at.start, found, expected, clause.flag));
    };
    const columns = new Map<WhereTest, ResolvedColumn>();
    for (const test of whereTests(clause.node)) {
      const index = findColumn(file, test.field.text);
      if (index === undefined) {
        if (clause.flag !== '--where')
          throw new UsageError({
            en: `${clause.flag}: ${file.name} has no order date column; --from and --to filter order files (one date per order).`,
            fr: `${clause.flag} : ${file.name} n'a pas de colonne de date de commande ; --from et --to filtrent les fichiers de commandes (une date par commande).`,
          });
        const list = listColumns(file);
        fail(test.field, quoted(test.field.text), {
          en: `a column of ${file.name}: ${list}`,
          fr: `une colonne de ${file.name} : ${list}`,
        });
      }
      const i = index as number;
      const header = file.headers[i] ?? '';
      const info = file.conventions(i);
      let specType: WhereType | undefined;
      // A spec's type, but `text` (commands read some columns as plain text): the file decides.
      for (const [field, column] of file.fieldColumns) {
        const t = typeOfSpec(file.fieldTypes.get(field) ?? 'text');
        if (column === i && t !== 'text') specType ??= t;
      }
      const canonical = fieldOfHeader(header);
      const fieldType = typeOfField(canonical);
      const sampleType = typeOfCells(
        file.sample.map((r) => r[i] ?? ''),
        info,
      );
      // The field's type (`ca`: numbers) unless no first cell is of it (`employees` as `50-99`).
      const fieldFits =
        fieldType !== undefined &&
        (fieldType === 'status' ||
          fieldType === 'maturity' ||
          sampleType === undefined ||
          file.sample.some((r) => {
            const cell = (r[i] ?? '').trim();
            return (
              cell !== '' &&
              readKey(cell, { index: i, header, type: fieldType, info, declared: true }) !== undefined
            );
          }));
      let type: WhereType = specType ?? (fieldFits ? fieldType : undefined) ?? sampleType ?? 'text';
      // A rate column not in the spec reads as numbers in the sample: a rate if the field says so.
      if (specType === undefined && fieldType === 'rate' && type === 'number') type = 'rate';
      const declared = specType !== undefined || fieldFits;
      columns.set(test, { index: i, header, type, info, declared });
      used.add(i);
    }
    const predicate = buildWherePredicate<CellOf>(clause.node, (test) => {
      let column = columns.get(test) as ResolvedColumn;
      // A guessed type and an equality with a value not of it (`id = C001` where the first ids
      // were numbers): compared as text.
      const values = test.kind === 'in' ? test.values : test.kind === 'compare' ? [test.value] : [];
      const equality =
        test.kind === 'in' || (test.kind === 'compare' && (test.op === '=' || test.op === '!='));
      if (!column.declared && equality && values.some((v) => readKey(v.text.trim(), column) === undefined))
        column = { ...column, type: 'text' };
      return compileTest(test, column, fail, file.lang);
    });
    predicates.push(predicate);
  }
  return new RowFilter([...used], predicates);
}

type Fail = (at: WhereText, found: Texts, expected: Texts) => never;

/** A value of a cell or a literal, as its type compares it: a number, or a normalised text. */
type Key = number | string;

function readKey(text: string, column: ResolvedColumn): Key | undefined {
  const { info } = column;
  switch (column.type) {
    case 'number': {
      const n = parseLocaleNumber(text, info.decimal);
      return Number.isNaN(n) ? undefined : Math.round(n * 100);
    }
    case 'rate': {
      const n = parseRateText(text, info.decimal, info.percentScale || /%/.test(text));
      return Number.isNaN(n) ? undefined : Math.round(n * 1e9);
    }
    case 'date': {
      const n = parseDateText(text, info.dateOrder);
      return Number.isNaN(n) ? undefined : n;
    }
    case 'status':
      return normaliseStatus(text) ?? normaliseWhereText(text);
    case 'maturity':
      return normaliseMaturity(text) ?? normaliseWhereText(text);
    case 'text':
      return normaliseWhereText(text);
  }
}

function explainCell(text: string, column: ResolvedColumn, lang: Lang): string {
  if (column.type === 'date') return explainDate(text, column.info.dateOrder, lang);
  if (column.type === 'rate') return explainRate(text, lang);
  return explainNumber(text, lang);
}

function expectedValue(column: ResolvedColumn): Texts {
  const order = column.info.dateOrder;
  const example = order === 'mdy' ? '12/31/2025' : order === 'ymd' ? '2025-12-31' : '31/12/2025';
  switch (column.type) {
    case 'number':
      return {
        en: `a number, as column "${column.header}" holds numbers (e.g. 10000 or 1 234,56)`,
        fr: `un nombre, car la colonne « ${column.header} » contient des nombres (ex. 10000 ou 1 234,56)`,
      };
    case 'rate':
      return {
        en: `a rate, as column "${column.header}" holds rates (e.g. 30% or 0.3)`,
        fr: `un taux, car la colonne « ${column.header} » contient des taux (ex. 30 % ou 0,3)`,
      };
    default:
      return {
        en: `a date, as column "${column.header}" holds dates (e.g. 2025-12-31 or ${example})`,
        fr: `une date, car la colonne « ${column.header} » contient des dates (ex. 2025-12-31 ou ${example})`,
      };
  }
}

function compileTest(
  test: WhereTest,
  column: ResolvedColumn,
  fail: Fail,
  lang: Lang,
): (cell: CellOf) => boolean {
  const { index } = column;
  const literal = (value: WhereText): Key => {
    const key = readKey(value.text.trim(), column);
    if (key === undefined) fail(value, quoted(value.text), expectedValue(column));
    return key as Key;
  };
  /** The cell's key; undefined when empty; a CellProblem when it cannot be read. */
  const cellKey = (cell: CellOf): Key | undefined => {
    const text = cell(index).trim();
    if (text === '') return undefined;
    const key = readKey(text, column);
    if (key === undefined)
      throw new CellProblem(
        tr(lang, {
          en: `column "${column.header}": ${explainCell(text, column, 'en')}; --where cannot compare it`,
          fr: `colonne « ${column.header} » : ${explainCell(text, column, 'fr')} ; --where ne peut pas la comparer`,
        }),
        index + 1,
      );
    return key;
  };
  switch (test.kind) {
    case 'empty':
      return test.negated ? (cell) => cell(index).trim() !== '' : (cell) => cell(index).trim() === '';
    case 'in': {
      const keys = new Set<Key>(test.values.map(literal));
      return test.negated
        ? (cell) => {
            const k = cellKey(cell);
            return k === undefined || !keys.has(k);
          }
        : (cell) => {
            const k = cellKey(cell);
            return k !== undefined && keys.has(k);
          };
    }
    case 'compare': {
      const ordered = test.op !== '=' && test.op !== '!=';
      if (ordered && (column.type === 'text' || column.type === 'status' || column.type === 'maturity'))
        fail(test.field, quoted(`${test.field.text} ${test.op}`), {
          en: `=, != or in (...): column "${column.header}" holds ${typeName(column.type).en}; <, <=, >, >= compare numbers and dates`,
          fr: `=, != ou dans (...) : la colonne « ${column.header} » contient ${typeName(column.type).fr} ; <, <=, >, >= comparent des nombres et des dates`,
        });
      const v = literal(test.value);
      switch (test.op) {
        case '=':
          return (cell) => cellKey(cell) === v;
        case '!=':
          return (cell) => cellKey(cell) !== v;
        case '<':
          return (cell) => {
            const k = cellKey(cell);
            return k !== undefined && k < v;
          };
        case '<=':
          return (cell) => {
            const k = cellKey(cell);
            return k !== undefined && k <= v;
          };
        case '>':
          return (cell) => {
            const k = cellKey(cell);
            return k !== undefined && k > v;
          };
        case '>=':
          return (cell) => {
            const k = cellKey(cell);
            return k !== undefined && k >= v;
          };
      }
    }
  }
}
