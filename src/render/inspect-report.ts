import type { Texts } from '../i18n.js';
import type { Cell, Column, Report } from './report.js';
import { pluralWord } from './words.js';

/** What `prospect inspect` shows: the reader's findings about a file. */
export interface InspectFacts {
  file: string;
  encoding: string;
  encodingSource: string;
  delimiter: string;
  delimiterSource: string;
  decimal: string;
  decimalSource: string;
  dateOrder: string;
  dateOrderSource: string;
  rows: { read: number; used: number; rejected: number };
  sampleRows: number;
  columns: {
    index: number;
    header: string;
    field: string | null;
    kind: string;
    filled: number;
    unreadable: number;
    samples: string[];
  }[];
}

const DELIMITER_NAMES: Record<string, Texts> = {
  ',': { en: ', (comma)', fr: ', (virgule)' },
  ';': { en: '; (semicolon)', fr: '; (point-virgule)' },
  '\t': { en: 'tab', fr: 'tabulation' },
  '|': { en: '| (pipe)', fr: '| (barre verticale)' },
};

const SOURCES: Record<string, Texts> = {
  flag: { en: 'from the flag', fr: "d'après l'option" },
  detected: { en: 'detected', fr: 'détecté' },
  default: { en: 'default', fr: 'par défaut' },
};

const ORDERS: Record<string, Texts> = {
  dmy: { en: 'day first (22/11/2026)', fr: 'jour en premier (22/11/2026)' },
  mdy: { en: 'month first (11/22/2026)', fr: 'mois en premier (11/22/2026)' },
  ymd: { en: 'ISO only (2026-11-22)', fr: 'ISO seulement (2026-11-22)' },
};

const KINDS: Record<string, Texts> = {
  empty: { en: 'empty', fr: 'vide' },
  integer: { en: 'integer', fr: 'entier' },
  number: { en: 'number', fr: 'nombre' },
  rate: { en: 'percentage', fr: 'pourcentage' },
  date: { en: 'date', fr: 'date' },
  text: { en: 'text', fr: 'texte' },
};

function pick(table: Record<string, Texts>, key: string): Texts {
  return Object.hasOwn(table, key) ? (table[key] as Texts) : { en: key, fr: key };
}

/** The `inspect` report: the conventions found, then one row per column. */
export function buildInspectReport(f: InspectFacts): Report {
  const src = (s: string): Texts => pick(SOURCES, s);
  const line = (en: string, fr: string, value: Texts, source: string): Texts => ({
    en: `${en}: ${value.en} (${src(source).en})`,
    fr: `${fr} : ${value.fr} (${src(source).fr})`,
  });
  const lines: Texts[] = [
    line('Encoding', 'Encodage', { en: f.encoding, fr: f.encoding }, f.encodingSource),
    line('Separator', 'Séparateur', pick(DELIMITER_NAMES, f.delimiter), f.delimiterSource),
    line(
      'Decimal mark',
      'Séparateur décimal',
      f.decimal === ','
        ? { en: ', (1 234,56)', fr: ', (1 234,56)' }
        : { en: '. (1,234.56)', fr: '. (1,234.56)' },
      f.decimalSource,
    ),
    line('Dates', 'Dates', pick(ORDERS, f.dateOrder), f.dateOrderSource),
    {
      en: `Rows: ${f.rows.read} read, ${f.rows.used} usable, ${f.rows.rejected} rejected; ${f.columns.length} ${pluralWord(f.columns.length, 'en', { en: ['column', 'columns'], fr: ['', ''] })}`,
      fr: `Lignes : ${f.rows.read} ${pluralWord(f.rows.read, 'fr', { en: ['', ''], fr: ['lue', 'lues'] })}, ${f.rows.used} ${pluralWord(f.rows.used, 'fr', { en: ['', ''], fr: ['utilisable', 'utilisables'] })}, ${f.rows.rejected} ${pluralWord(f.rows.rejected, 'fr', { en: ['', ''], fr: ['rejetée', 'rejetées'] })} ; ${f.columns.length} ${pluralWord(f.columns.length, 'fr', { en: ['', ''], fr: ['colonne', 'colonnes'] })}`,
    },
  ];
  const columns: Column[] = [
    { key: 'index', label: { en: '#', fr: 'n°' }, kind: 'integer' },
    { key: 'header', label: { en: 'Header', fr: 'En-tête' }, kind: 'text' },
    { key: 'field', label: { en: 'Field', fr: 'Champ' }, kind: 'text' },
    { key: 'kind', label: { en: 'Type', fr: 'Type' }, kind: 'text' },
    { key: 'samples', label: { en: 'Sample values', fr: 'Exemples' }, kind: 'text' },
  ];
  const rows: Record<string, Cell>[] = f.columns.map((c) => ({
    index: c.index + 1,
    header: c.header,
    field: c.field ?? { en: '-', fr: '-' },
    kind:
      c.unreadable === 0
        ? pick(KINDS, c.kind)
        : {
            en: `${pick(KINDS, c.kind).en} (${c.unreadable} unreadable)`,
            fr: `${pick(KINDS, c.kind).fr} (${c.unreadable} illisible${c.unreadable > 1 ? 's' : ''})`,
          },
    samples: c.samples.join(' | '),
  }));
  return {
    title: { en: `Inspection of ${f.file}`, fr: `Inspection de ${f.file}` },
    blocks: [
      { kind: 'text', lines },
      {
        kind: 'table',
        title: {
          en: `Columns (types from the first ${f.sampleRows} rows)`,
          fr: `Colonnes (types d'après les ${f.sampleRows} premières lignes)`,
        },
        columns,
        rows,
      },
    ],
    json: {
      schemaVersion: 1,
      file: f.file,
      encoding: f.encoding,
      delimiter: f.delimiter,
      decimal: f.decimal,
      dateOrder: f.dateOrder,
      sources: {
        encoding: f.encodingSource,
        delimiter: f.delimiterSource,
        decimal: f.decimalSource,
        dateOrder: f.dateOrderSource,
      },
      rows: { ...f.rows },
      columns: f.columns.map((c) => ({
        index: c.index + 1,
        header: c.header,
        field: c.field,
        type: c.kind,
        filled: c.filled,
        unreadable: c.unreadable,
        samples: c.samples,
      })),
    },
    csv: {
      header: ['index', 'header', 'field', 'type', 'samples'],
      rows: f.columns.map((c) => [c.index + 1, c.header, c.field, c.kind, c.samples.join(' | ')]),
    },
  };
}
