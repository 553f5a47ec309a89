import type { Lang, Texts } from '../i18n.js';
import { formatDate, formatMoney, formatNumber, formatPercent } from './format.js';

/**
 * The shape every command's result takes before rendering: the same object gives the table,
 * Markdown, CSV and JSON outputs, so that they always agree.
 */
export type ColumnKind = 'text' | 'integer' | 'number' | 'money' | 'percent' | 'date';

export interface Column {
  key: string;
  label: Texts;
  kind: ColumnKind;
  /** Fraction digits for `number` (default 2) and `percent` (default 1). */
  decimals?: number;
}

/**
 * A number shown as a formatted text (`€22,000` in a column whose rows mix amounts and rates):
 * tables, Markdown and CSV show the text; a workbook writes the number with the kind's format.
 */
export interface TypedText extends Texts {
  value: number;
  kind: Exclude<ColumnKind, 'text' | 'date'>;
  decimals?: number;
}

/** A cell: a raw value, or a text in both languages (formatted labels, formulas). */
export type Cell = string | number | boolean | Texts | TypedText | null | undefined;

/** `texts` with the number it shows, for a workbook (see `TypedText`). */
export function typedText(texts: Texts, value: number, kind: TypedText['kind'], decimals?: number): TypedText {
  return { ...texts, value, kind, ...(decimals === undefined ? {} : { decimals }) };
}

export interface TableBlock {
  kind: 'table';
  title?: Texts;
  /** The sheet's name in a workbook (at most 31 characters), when the title is too long for one. */
  sheet?: Texts;
  columns: Column[];
  rows: Record<string, Cell>[];
}

export interface TextBlock {
  kind: 'text';
  title?: Texts;
  lines: Texts[];
}

/** Pre-drawn text (a chart): shown in tables and Markdown (as a code block), never in CSV or JSON. */
export interface ChartBlock {
  kind: 'chart';
  title?: Texts;
  text: string;
}

export type Block = TableBlock | TextBlock | ChartBlock;

/** Flat rows for CSV: raw machine values, one header. */
export interface CsvData {
  header: string[];
  /**
   * The rows, in order: an array, or any iterable (a generator lets a report of 200,000 clients
   * make each row as it is written instead of holding them all).
   */
  rows: Iterable<readonly Cell[]>;
}

export interface Report {
  title: Texts;
  blocks: Block[];
  /** The JSON document: stable keys, with a `schemaVersion`. */
  json: unknown;
  /** What `--format csv` writes. */
  csv: CsvData;
}

/**
 * Text from the data shown on a terminal: line breaks and tabs become spaces and other control
 * characters (an ESC that would clear the screen or recolour it) become U+FFFD.
 */
export function toDisplayText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n|[\r\n\t]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}

/** One cell as a reader sees it in a table or Markdown. */
export function formatCell(value: Cell, column: Column, lang: Lang): string {
  return toDisplayText(formatRawCell(value, column, lang));
}

function formatRawCell(value: Cell, column: Column, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'object') return value[lang];
  if (typeof value === 'string') return column.kind === 'date' ? formatDate(value, lang) : value;
  if (typeof value === 'boolean')
    return value ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no';
  switch (column.kind) {
    case 'integer':
      return formatNumber(value, lang, 0);
    case 'number':
      return formatNumber(value, lang, column.decimals ?? 2);
    case 'money':
      return formatMoney(value, lang, column.decimals);
    case 'percent':
      return formatPercent(value, lang, column.decimals ?? 1);
    default:
      return String(value);
  }
}

/** Whether a column is right-aligned (numbers) in tables. */
export function isNumericColumn(column: Column): boolean {
  return column.kind !== 'text' && column.kind !== 'date';
}
