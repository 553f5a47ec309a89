import type { MaturityCounts, SegmentResult, SegmentRow } from '../core/segment.js';
import type { Texts } from '../i18n.js';
import { formatMoney, formatPercent } from './format.js';
import { CsvLines } from './csv.js';
import { renderJson } from './json.js';
import type { Block, Cell, Column, Report } from './report.js';
import { formatRowCounts } from './words.js';

/** Where the figures came from, for the report. */
export interface SegmentMeta {
  file: string;
  by: readonly string[];
  /** The header of each `by` field in the file (labels for the table). */
  /** The headers of the --by columns: the file's own (a string), or ours in both languages. */
  byHeaders: readonly (string | Texts)[];
  hasMaturity: boolean;
  rows: { read: number; used: number; rejected: number; filtered?: number };
}

const STATUS_LABELS: Record<string, Texts> = {
  client: { en: 'client', fr: 'client' },
  former: { en: 'former client', fr: 'ancien client' },
  prospect: { en: 'prospect', fr: 'prospect' },
  lead: { en: 'lead', fr: 'lead' },
};

const MATURITY_LABELS: Record<string, Texts> = {
  arid: { en: 'arid', fr: 'aride' },
  latent: { en: 'latent', fr: 'latent' },
  active: { en: 'active', fr: 'actif' },
};

const TIER_LABELS: Record<string, Texts> = {
  large: { en: 'large', fr: 'grands' },
  medium: { en: 'medium', fr: 'moyens' },
  small: { en: 'small', fr: 'petits' },
  all: { en: 'all', fr: 'tous' },
};

const EMPTY: Texts = { en: '(empty)', fr: '(vide)' };
const NO_TIER: Texts = { en: '(no tier)', fr: '(sans groupe)' };

/** A key value for readers: status, maturity and tier names translated; empty shown as such. */
export function labelKeyValue(field: string, value: string | null): Texts {
  if (value === null) return field === 'tier' ? NO_TIER : EMPTY;
  const table =
    field === 'status'
      ? STATUS_LABELS
      : field === 'maturity'
        ? MATURITY_LABELS
        : field === 'tier'
          ? TIER_LABELS
          : {};
  return Object.hasOwn(table, value) ? (table[value] as Texts) : { en: value, fr: value };
}

/** The key of a segment as one text: `Industrie / Bretagne / large`. */
export function labelSegment(key: Record<string, string | null>): Texts {
  const parts = Object.entries(key).map(([field, value]) => labelKeyValue(field, value));
  if (parts.length === 0) return { en: 'all', fr: 'tous' };
  return { en: parts.map((p) => p.en).join(' / '), fr: parts.map((p) => p.fr).join(' / ') };
}

function maturityJson(m: MaturityCounts, hasMaturity: boolean): MaturityCounts | null {
  return hasMaturity ? m : null;
}

function segmentJson(row: SegmentRow, hasMaturity: boolean): Record<string, unknown> {
  return {
    key: { ...row.key },
    clients: row.clients,
    clientShare: row.clientShare,
    revenue: row.revenue,
    revenueShare: row.revenueShare,
    margin: row.margin,
    marginRate: row.marginRate,
    averageRevenue: row.averageRevenue,
    maturity: maturityJson(row.maturity, hasMaturity),
  };
}

/** The summary report of `prospect segment`: one row per segment, totals, tiers, maturity. */
export function buildSegmentReport(result: SegmentResult, meta: SegmentMeta): Report {
  const hasRevenue = result.totals.revenue !== null;
  const hasMargin = result.totals.margin !== null;
  const keyFields = [...meta.by, ...(result.tiers ? ['tier'] : [])];
  const keyLabels: Texts[] = [
    ...meta.byHeaders.map((h) => (typeof h === 'string' ? { en: h, fr: h } : h)),
    ...(result.tiers
      ? [
          result.tiers.measure === 'margin'
            ? { en: 'Tier (margin)', fr: 'Groupe (marge)' }
            : { en: 'Tier (revenue)', fr: 'Groupe (CA)' },
        ]
      : []),
  ];
  const columns: Column[] = [
    ...keyFields.map((f, i): Column => ({
      key: `k${i}`,
      label: keyLabels[i] ?? { en: f, fr: f },
      kind: 'text',
    })),
    { key: 'clients', label: { en: 'Clients', fr: 'Clients' }, kind: 'integer' },
    { key: 'clientShare', label: { en: '% clients', fr: '% clients' }, kind: 'percent' },
  ];
  if (hasRevenue)
    columns.push(
      { key: 'revenue', label: { en: 'Revenue', fr: 'CA' }, kind: 'money', decimals: 0 },
      { key: 'revenueShare', label: { en: '% revenue', fr: '% CA' }, kind: 'percent' },
    );
  if (hasMargin)
    columns.push(
      { key: 'margin', label: { en: 'Margin', fr: 'Marge' }, kind: 'money', decimals: 0 },
      { key: 'marginRate', label: { en: 'Margin rate', fr: 'Taux de marge' }, kind: 'percent' },
    );
  if (hasRevenue)
    columns.push({
      key: 'averageRevenue',
      label: { en: 'Avg revenue', fr: 'CA moyen' },
      kind: 'money',
      decimals: 0,
    });
  if (meta.hasMaturity)
    columns.push(
      { key: 'arid', label: { en: 'Arid', fr: 'Arides' }, kind: 'integer' },
      { key: 'latent', label: { en: 'Latent', fr: 'Latents' }, kind: 'integer' },
      { key: 'active', label: { en: 'Active', fr: 'Actifs' }, kind: 'integer' },
      { key: 'accessibilityRate', label: { en: 'Accessibility', fr: 'Accessibilité' }, kind: 'percent' },
    );
  const figures = (
    r: Pick<SegmentRow, 'clients' | 'revenue' | 'margin' | 'marginRate' | 'averageRevenue' | 'maturity'> & {
      clientShare: number;
      revenueShare: number | null;
    },
  ): Record<string, Cell> => ({
    clients: r.clients,
    clientShare: r.clientShare,
    revenue: r.revenue,
    revenueShare: r.revenueShare,
    margin: r.margin,
    marginRate: r.marginRate,
    averageRevenue: r.averageRevenue,
    // Segments without prospects show blanks rather than zeros.
    ...(r.maturity.arid + r.maturity.latent + r.maturity.active + r.maturity.unknown === 0
      ? {}
      : {
          arid: r.maturity.arid,
          latent: r.maturity.latent,
          active: r.maturity.active,
          accessibilityRate: r.maturity.accessibilityRate,
        }),
  });
  const rows: Record<string, Cell>[] = result.segments.map((s) => {
    const row: Record<string, Cell> = figures(s);
    keyFields.forEach((f, i) => {
      row[`k${i}`] = labelKeyValue(f, s.key[f] ?? null);
    });
    return row;
  });
  const totalRow: Record<string, Cell> = figures({
    ...result.totals,
    clientShare: result.totals.clients === 0 ? 0 : 1,
    revenueShare: hasRevenue ? 1 : null,
    averageRevenue: result.totals.averageRevenue,
  });
  totalRow.k0 = { en: 'Total', fr: 'Total' };
  if (keyFields.length > 0) rows.push(totalRow);

  const lines: Texts[] = [];
  if (result.tiers) {
    const { names, lowerBounds, measure } = result.tiers;
    const what = measure === 'margin' ? { en: 'margin', fr: 'marge' } : { en: 'revenue', fr: 'CA' };
    const parts = names.map((name, i): Texts => {
      const label = labelKeyValue('tier', name);
      const bound = lowerBounds[i];
      if (bound === undefined) {
        const above = lowerBounds[i - 1];
        return above === undefined
          ? label
          : {
              en: `${label.en} below ${formatMoney(above, 'en', 0)}`,
              fr: `${label.fr} sous ${formatMoney(above, 'fr', 0)}`,
            };
      }
      return {
        en: `${label.en} from ${formatMoney(bound, 'en', 0)}`,
        fr: `${label.fr} dès ${formatMoney(bound, 'fr', 0)}`,
      };
    });
    lines.push({
      en: `Tiers by ${what.en}: ${parts.map((p) => p.en).join('; ')}.`,
      fr: `Groupes par ${what.fr} : ${parts.map((p) => p.fr).join(' ; ')}.`,
    });
  }
  if (meta.hasMaturity) {
    const m = result.totals.maturity;
    const rate = m.accessibilityRate;
    lines.push(
      rate === null
        ? {
            en: 'Prospect maturity: no prospect with a maturity value, so no accessibility rate.',
            fr: "Maturité des prospects : aucun prospect n'a de maturité, donc pas de taux d'accessibilité.",
          }
        : {
            en: `Prospects by maturity: ${m.arid} arid, ${m.latent} latent, ${m.active} active${m.unknown > 0 ? ` (${m.unknown} without maturity, left out)` : ''}. Accessibility rate (active / prospects): ${formatPercent(rate, 'en', 1)}; use it with prospect plan --accessibility ${(Math.round(rate * 1000) / 10).toString()}.`,
            fr: `Prospects par maturité : ${m.arid} aride${m.arid >= 2 ? 's' : ''}, ${m.latent} latent${m.latent >= 2 ? 's' : ''}, ${m.active} actif${m.active >= 2 ? 's' : ''}${m.unknown > 0 ? ` (${m.unknown} sans maturité, non compté${m.unknown >= 2 ? 's' : ''})` : ''}. Taux d'accessibilité (actifs / prospects) : ${formatPercent(rate, 'fr', 1)} ; à reprendre dans prospect plan --accessibility ${(Math.round(rate * 1000) / 10).toString()}.`,
          },
    );
  }
  lines.push({
    en: `${formatRowCounts(meta.rows, 'en')}.`,
    fr: `${formatRowCounts(meta.rows, 'fr')}.`,
  });

  const csvHeader = [
    ...keyFields,
    'clients',
    'clientShare',
    'revenue',
    'revenueShare',
    'margin',
    'marginRate',
    'averageRevenue',
    'arid',
    'latent',
    'active',
    'accessibilityRate',
  ];
  const csvRows: Cell[][] = result.segments.map((s) => [
    ...keyFields.map((f) => s.key[f] ?? null),
    s.clients,
    s.clientShare,
    s.revenue,
    s.revenueShare,
    s.margin,
    s.marginRate,
    s.averageRevenue,
    meta.hasMaturity ? s.maturity.arid : null,
    meta.hasMaturity ? s.maturity.latent : null,
    meta.hasMaturity ? s.maturity.active : null,
    meta.hasMaturity ? s.maturity.accessibilityRate : null,
  ]);

  return {
    title: {
      en: `Segments of ${meta.file}${meta.by.length > 0 ? ` by ${meta.byHeaders.map((h) => (typeof h === 'string' ? h : h.en)).join(', ')}` : ''}`,
      fr: `Segments de ${meta.file}${meta.by.length > 0 ? ` par ${meta.byHeaders.map((h) => (typeof h === 'string' ? h : h.fr)).join(', ')}` : ''}`,
    },
    blocks: [
      { kind: 'table', columns, rows },
      { kind: 'text', lines },
    ],
    json: {
      schemaVersion: 1,
      file: meta.file,
      by: [...meta.by],
      tiers: result.tiers
        ? { measure: result.tiers.measure, names: result.tiers.names, lowerBounds: result.tiers.lowerBounds }
        : null,
      segments: result.segments.map((s) => segmentJson(s, meta.hasMaturity)),
      totals: {
        clients: result.totals.clients,
        revenue: result.totals.revenue,
        margin: result.totals.margin,
        marginRate: result.totals.marginRate,
        averageRevenue: result.totals.averageRevenue,
        maturity: maturityJson(result.totals.maturity, meta.hasMaturity),
      },
      rows: { ...meta.rows },
    },
    csv: { header: csvHeader, rows: csvRows },
  };
}

/** One client of `--per-client`: its cells as read and its segment. */
export interface PerClientRow {
  line: number;
  cells: readonly string[];
  key: Record<string, string | null>;
}

/**
 * The JSON name of each header: the header itself, or `header_N` (N its 1-based column) for a
 * repeat of an earlier header. Linear in the number of headers.
 * @example perClientJsonNames(['id', 'x', 'x']) // ['id', 'x', 'x_3']
 */
export function perClientJsonNames(headers: readonly string[]): string[] {
  const seen = new Set<string>();
  return headers.map((h, i) => {
    if (seen.has(h)) return `${h}_${i + 1}`;
    seen.add(h);
    return h;
  });
}

/** The segment of a per-client row as one label (the key without its tier). */
function perClientSegment(key: Record<string, string | null>): Texts {
  const withoutTier = Object.fromEntries(Object.entries(key).filter(([f]) => f !== 'tier'));
  return labelSegment(withoutTier);
}

/** The CSV cells of one client: its cells as read (padded to the header), segment, tier. */
function perClientCsvCells(width: number, c: PerClientRow, hasTiers: boolean): Cell[] {
  const row: Cell[] = new Array<Cell>(width);
  for (let i = 0; i < width; i++) row[i] = c.cells[i] ?? '';
  row.push(perClientSegment(c.key).en);
  if (hasTiers) row.push(c.key.tier ?? null);
  return row;
}

/** The JSON object of one client (`names`: perClientJsonNames; `plain`: no `__proto__` name). */
function perClientJson(
  names: readonly string[],
  plain: boolean,
  c: PerClientRow,
  hasTiers: boolean,
): Record<string, unknown> {
  // Plain objects that share one shape (far smaller than objects without a prototype, which
  // V8 keeps as dictionaries), unless a header would set the prototype.
  const values: Record<string, string | null> = plain
    ? {}
    : (Object.create(null) as Record<string, string | null>);
  for (let i = 0; i < names.length; i++) values[names[i] as string] = c.cells[i] ?? '';
  return {
    line: c.line,
    values,
    segment: Object.fromEntries(Object.entries(c.key).filter(([f]) => f !== 'tier')),
    tier: hasTiers ? (c.key.tier ?? null) : undefined,
  };
}

/** The per-client JSON document around its `clients` (`rows`: the counts, known at the end). */
function perClientDocument(
  headers: readonly string[],
  meta: Pick<SegmentMeta, 'file' | 'by' | 'rows'>,
  hasTiers: boolean,
  clients: unknown,
): Record<string, unknown> {
  return {
    schemaVersion: 1,
    file: meta.file,
    by: [...meta.by],
    columns: [...headers, ...(hasTiers ? ['segment', 'tier'] : ['segment'])],
    clients,
    rows: { ...meta.rows },
  };
}

/**
 * `--per-client`: the input columns as read, plus `segment` (and `tier` with tiers). The table,
 * JSON and CSV forms are built when asked for (getters): a run writes one of them, and each is
 * as large as the file. Linear in the cells. (CSV and JSON are streamed instead: see
 * `startPerClientOutput`.)
 */
export function buildPerClientReport(
  headers: readonly string[],
  clients: readonly PerClientRow[],
  meta: SegmentMeta,
  hasTiers: boolean,
): Report {
  const extra = hasTiers ? ['segment', 'tier'] : ['segment'];
  const width = headers.length;
  return {
    title: {
      en: `Clients of ${meta.file} with their segment`,
      fr: `Clients de ${meta.file} avec leur segment`,
    },
    get blocks() {
      const columns: Column[] = [
        ...headers.map((h, i): Column => ({ key: `c${i}`, label: { en: h, fr: h }, kind: 'text' })),
        { key: 'segment', label: { en: 'segment', fr: 'segment' }, kind: 'text' },
        ...(hasTiers ? [{ key: 'tier', label: { en: 'tier', fr: 'groupe' }, kind: 'text' } as Column] : []),
      ];
      const keys = headers.map((_h, i) => `c${i}`);
      const rows = clients.map((c) => {
        const row: Record<string, Cell> = {};
        for (let i = 0; i < width; i++) row[keys[i] as string] = c.cells[i] ?? '';
        row.segment = perClientSegment(c.key);
        if (hasTiers) row.tier = labelKeyValue('tier', c.key.tier ?? null);
        return row;
      });
      return [{ kind: 'table', columns, rows }] as Block[];
    },
    get json() {
      const names = perClientJsonNames(headers);
      const plain = !names.includes('__proto__');
      return perClientDocument(
        headers,
        meta,
        hasTiers,
        clients.map((c) => perClientJson(names, plain, c, hasTiers)),
      );
    },
    get csv() {
      return {
        header: [...headers, ...extra],
        rows: clients.map((c) => perClientCsvCells(width, c, hasTiers)),
      };
    },
  };
}

/** A `--per-client` output being written row by row (`startPerClientOutput`). */
export interface PerClientOutput {
  /** One client, in file order. */
  row(client: PerClientRow): void;
  /** The end of the output; `complete` adds what the run knows at the end to the JSON document
   * (the row counts of every input). */
  end(rows: SegmentMeta['rows'], complete: (json: unknown) => unknown): void;
}

/** Where the clients go in the JSON document rendered around them (no file name holds a NUL). */
const CLIENTS_MARK = '\u0000clients\u0000';
const BATCH_BYTES = 64 * 1024;

/**
 * `--per-client` as CSV or JSON, written row by row through `write` (in pieces of about 64 KiB):
 * the same bytes as `renderCsvBytes` / `renderJson` of `buildPerClientReport`, without keeping the
 * rows (the JSON document is rendered by `renderJson` around a mark where the clients go).
 */
export function startPerClientOutput(
  format: 'csv' | 'json',
  headers: readonly string[],
  meta: Pick<SegmentMeta, 'file' | 'by'>,
  hasTiers: boolean,
  excel: boolean,
  write: (piece: Uint8Array | string) => void,
): PerClientOutput {
  const width = headers.length;
  if (format === 'csv') {
    const lines = new CsvLines({ excel });
    lines.line([...headers, ...(hasTiers ? ['segment', 'tier'] : ['segment'])]);
    return {
      row: (c) => {
        lines.line(perClientCsvCells(width, c, hasTiers));
        if (lines.length >= BATCH_BYTES) write(lines.take());
      },
      end: () => write(lines.take()),
    };
  }
  const names = perClientJsonNames(headers);
  const plain = !names.includes('__proto__');
  const marked = (rows: SegmentMeta['rows'], complete: (json: unknown) => unknown): [string, string] => {
    const text = renderJson(complete(perClientDocument(headers, { ...meta, rows }, hasTiers, CLIENTS_MARK)));
    const mark = `\n  "clients": ${JSON.stringify(CLIENTS_MARK)}`;
    const at = text.indexOf(mark);
    if (at < 0) throw new Error('per-client JSON: the clients mark is missing');
    return [
      text.slice(0, at + mark.length - JSON.stringify(CLIENTS_MARK).length),
      text.slice(at + mark.length),
    ];
  };
  const [head] = marked({ read: 0, used: 0, rejected: 0 }, (json) => json);
  let batch = `${head}[`;
  let count = 0;
  return {
    row: (c) => {
      const text = JSON.stringify(perClientJson(names, plain, c, hasTiers), null, 2);
      // JSON strings hold no raw line break: every one is the object's own, indented 4 more.
      batch += `${count === 0 ? '' : ','}\n    ${text.replace(/\n/g, '\n    ')}`;
      count++;
      if (batch.length >= BATCH_BYTES) {
        write(batch);
        batch = '';
      }
    },
    end: (rows, complete) => {
      const [, tail] = marked(rows, complete);
      write(`${batch}${count === 0 ? '' : '\n  '}]${tail}`);
    },
  };
}
