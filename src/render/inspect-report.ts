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
  /** The project file used (prospect.yaml), or null for none. */
  settingsFile?: string | null;
  /** For an `.xlsx` file: the sheet read, the workbook's sheets, the header's rows. */
  sheet?: { name: string; sheets: string[]; headerRows: [number, number] };
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
  /** The CRM whose export this looks like (or `--crm`), if any. */
  crm: { id: string; name: string } | null;
  /** Fields that two headers claimed, the one taken, the rule, and the sentence that says so. */
  choices: { field: string; chosen: string; others: string[]; rule: string; text: Texts }[];
  /** Headers read as nothing that look like a field. */
  lookAlikes: { header: string; field: string; map: string }[];
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
  const sheet = f.sheet;
  const [top, bottom] = sheet?.headerRows ?? [1, 1];
  const lines: Texts[] = [
    ...(sheet === undefined
      ? [
          line('Encoding', 'Encodage', { en: f.encoding, fr: f.encoding }, f.encodingSource),
          line('Separator', 'Séparateur', pick(DELIMITER_NAMES, f.delimiter), f.delimiterSource),
        ]
      : [
          {
            en: `Sheet: "${sheet.name}" (${sheet.sheets.indexOf(sheet.name) + 1} of ${sheet.sheets.length}: ${sheet.sheets.map((n) => `"${n}"`).join(', ')}); header on ${top === bottom ? `row ${top}` : `rows ${top}-${bottom}`}`,
            fr: `Feuille : "${sheet.name}" (${sheet.sheets.indexOf(sheet.name) + 1} sur ${sheet.sheets.length} : ${sheet.sheets.map((n) => `"${n}"`).join(', ')}) ; en-tête ${top === bottom ? `ligne ${top}` : `lignes ${top} à ${bottom}`}`,
          },
        ]),
    line(
      'Decimal mark',
      'Séparateur décimal',
      f.decimal === ','
        ? { en: ', (1 234,56)', fr: ', (1 234,56)' }
        : { en: '. (1,234.56)', fr: '. (1,234.56)' },
      f.decimalSource,
    ),
    line('Dates', 'Dates', pick(ORDERS, f.dateOrder), f.dateOrderSource),
    ...(f.settingsFile === undefined
      ? []
      : [
          f.settingsFile === null
            ? {
                en: 'Settings: none (no prospect.yaml here or above)',
                fr: 'Réglages : aucun (pas de prospect.yaml ici ni au-dessus)',
              }
            : { en: `Settings: ${f.settingsFile}`, fr: `Réglages : ${f.settingsFile}` },
        ]),
    {
      en: `Rows: ${f.rows.read} read, ${f.rows.used} usable, ${f.rows.rejected} rejected; ${f.columns.length} ${pluralWord(f.columns.length, 'en', { en: ['column', 'columns'], fr: ['', ''] })}`,
      fr: `Lignes : ${f.rows.read} ${pluralWord(f.rows.read, 'fr', { en: ['', ''], fr: ['lue', 'lues'] })}, ${f.rows.used} ${pluralWord(f.rows.used, 'fr', { en: ['', ''], fr: ['utilisable', 'utilisables'] })}, ${f.rows.rejected} ${pluralWord(f.rows.rejected, 'fr', { en: ['', ''], fr: ['rejetée', 'rejetées'] })} ; ${f.columns.length} ${pluralWord(f.columns.length, 'fr', { en: ['', ''], fr: ['colonne', 'colonnes'] })}`,
    },
  ];
  lines.push(
    f.crm === null
      ? {
          en: 'CRM: none recognised (--crm NAME to name one)',
          fr: 'CRM : aucun reconnu (--crm NOM pour le nommer)',
        }
      : { en: `CRM: ${f.crm.name} (--crm ${f.crm.id})`, fr: `CRM : ${f.crm.name} (--crm ${f.crm.id})` },
  );
  for (const c of f.choices) {
    const d = c.text;
    lines.push({ en: `Choice: ${d.en}`, fr: `Choix : ${d.fr}` });
  }
  for (const l of f.lookAlikes) {
    lines.push({
      en: `Not read: "${l.header}" looks like ${l.field}; to read it: ${l.map}`,
      fr: `Non lu : « ${l.header} » ressemble à ${l.field} ; pour le lire : ${l.map}`,
    });
  }
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
      crm: f.crm,
      choices: f.choices.map((c) => ({ field: c.field, chosen: c.chosen, others: c.others, rule: c.rule })),
      lookAlikes: f.lookAlikes.map((l) => ({ ...l })),
      ...(f.settingsFile === undefined ? {} : { settingsFile: f.settingsFile }),
      ...(sheet === undefined
        ? {}
        : { sheet: { name: sheet.name, sheets: [...sheet.sheets], headerRows: [top, bottom] } }),
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
