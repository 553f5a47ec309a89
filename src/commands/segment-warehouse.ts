/**
 * `segment --sql DIALECT` and `segment --engine duckdb` (docs/warehouse.md): the segmentation as
 * SQL over a table, or run by DuckDB over CSV/Parquet client files and shown by the usual report.
 */
import type {
  MaturityCounts,
  MergedSpellings,
  SegmentResult,
  SegmentRow,
  TierSpec,
} from '../core/segment.js';
import { nameTiers } from '../core/segment.js';
import { UsageError } from '../errors.js';
import { tr } from '../i18n.js';
import type { Context } from '../io/context.js';
import { canonicalField } from '../io/map-columns.js';
import type { FieldSpec } from '../io/read-table.js';
import { openInput } from '../io/open-input.js';
import { buildSegmentReport, type SegmentMeta } from '../render/segment-report.js';
import { getDialect, type DialectRules } from '../sql/dialect.js';
import {
  buildSegmentSql,
  buildSpelledSql,
  buildSpellingsSql,
  buildTierBoundsSql,
  type SegmentKeyKind,
  type SegmentSqlOptions,
} from '../sql/segment-sql.js';
import { buildReadOptions } from './read-options.js';
import type { SegmentFlags } from './segment.js';
import { emitReportAsync } from './shared-options.js';
import { warnMergedSpellings } from './segment-spellings.js';
import {
  checkEngine,
  checkEngineOutput,
  createTypedOrTextSource,
  refuseUnsupported,
  resolveDialect,
  resolveTable,
} from './warehouse.js';

/** The optional client fields, besides the --by fields. */
const FIELDS = ['clientId', 'status', 'revenue', 'margin', 'maturity'] as const;

function kindOf(field: string): SegmentKeyKind {
  return field === 'status' ? 'status' : field === 'maturity' ? 'maturity' : 'text';
}

/** The builder's options, given the column of each field present (field -> column). */
function buildOptions(
  table: string,
  by: readonly string[],
  tiers: TierSpec | undefined,
  columns: ReadonlyMap<string, string>,
  rowOrder?: string,
): SegmentSqlOptions {
  const present: SegmentSqlOptions['columns'] = {};
  for (const f of FIELDS) {
    const column = columns.get(f);
    if (column !== undefined) present[f] = column;
  }
  return {
    table,
    by: by.map((field) => ({ field, column: columns.get(field) ?? field, kind: kindOf(field) })),
    columns: present,
    ...(tiers === undefined ? {} : { tiers }),
    ...(rowOrder === undefined ? {} : { rowOrder }),
  };
}

/** Runs --sql or --engine duckdb for segment. */
export async function runSegmentWarehouse(
  file: string | undefined,
  flags: SegmentFlags,
  run: { by: string[]; tiers: TierSpec | undefined; spec: Map<string, FieldSpec> },
  ctx: Context,
): Promise<void> {
  const { by, tiers, spec } = run;
  const readOptions = buildReadOptions(flags, ctx);
  if (flags.sql !== undefined) {
    refuseUnsupported(
      '--sql',
      [flags.perClient === true && '--per-client', flags.where !== undefined && '--where'],
      ctx.lang,
    );
    const dialect = resolveDialect(flags.sql, ctx.lang);
    const table = resolveTable({ ...flags, table: flags.table ?? 'clients' }, ctx.lang);
    const columns = new Map<string, string>();
    if (file !== undefined) {
      // A sample of the table (an export with its header): the columns as prospect understands them.
      const { table: reader } = await openInput(ctx, {
        kind: 'clients',
        file,
        fields: { wanted: [...spec.values()] },
        options: readOptions,
      });
      reader.discard();
      for (const [field, index] of reader.fieldColumns) columns.set(field, reader.headers[index] as string);
    } else {
      // No sample: client_id and revenue, the --by columns, and the fields named by --map.
      const map = readOptions.map ?? {};
      columns.set('clientId', map.clientId ?? 'client_id');
      columns.set('revenue', map.revenue ?? 'revenue');
      if (tiers?.measure === 'margin') columns.set('margin', 'margin');
      for (const f of by) columns.set(f, map[f] ?? f);
      for (const [field, column] of Object.entries(map)) columns.set(canonicalField(field) ?? field, column);
    }
    ctx.io.stdout(buildSegmentSql(dialect, buildOptions(table, by, tiers, columns)));
    return;
  }
  checkEngine(flags, ctx.lang);
  refuseUnsupported(
    '--engine duckdb',
    [
      flags.perClient === true && '--per-client',
      flags.rejects !== undefined && '--rejects',
      flags.strict === true && '--strict',
      flags.where !== undefined && '--where',
    ],
    ctx.lang,
  );
  if (file === undefined)
    throw new UsageError(
      tr(ctx.lang, {
        en: 'segment --engine duckdb: no file; give client files (CSV or Parquet, globs such as clients/*.parquet).',
        fr: 'segment --engine duckdb : aucun fichier ; donnez des fichiers clients (CSV ou Parquet, motifs comme clients/*.parquet).',
      }),
    );
  const engine = await import('../io/duckdb-engine.js');
  const db = await engine.openDuckDb(ctx.lang);
  const files = await engine.listFiles(db, file, ctx.lang, ctx.io);
  checkEngineOutput(flags.output, ctx);
  const source = { file, lang: ctx.lang };
  const columns = new Map<string, string>();
  let read: number;
  if (/\.parquet$/i.test(file)) {
    const fields: Record<string, string[]> = {
      clientId: ['client_id', 'clientid', 'customer_id'],
      status: ['status'],
      revenue: ['revenue'],
      margin: ['margin'],
      maturity: ['maturity'],
    };
    for (const f of by) fields[f] = [f.toLowerCase()];
    const found = await engine.createParquetSource(db, file, fields, readOptions.map, ctx.lang, {
      optional: ['clientId', 'status', 'revenue', 'margin', 'maturity'],
      rowOrder: true,
    });
    for (const [field, column] of found) columns.set(field, column);
    read = Number((await engine.runQuery(db, 'SELECT COUNT(*) AS n FROM source', source))[0]?.n ?? 0);
  } else {
    const { table: reader } = await openInput(ctx, {
      kind: 'clients',
      file: files[0] as string,
      fields: {
        wanted: [...spec.values()],
        main: [
          {
            field: 'revenue',
            what: { en: 'the table has no revenue figures', fr: "le tableau n'a pas de chiffres d'affaires" },
          },
        ],
      },
      options: readOptions,
    });
    engine.requireUtf8(files[0] as string, reader.detection.encoding, ctx.lang);
    reader.discard();
    const layout: import('../io/duckdb-engine.js').CsvLayout = {
      delimiter: reader.detection.delimiter,
      columns: {},
    };
    const types: Record<string, 'text' | 'number'> = {};
    for (const [field, index] of reader.fieldColumns) {
      if (!spec.has(field)) continue;
      columns.set(field, reader.headers[index] as string);
      layout.columns[field] = {
        header: reader.headers[index] as string,
        decimal: reader.detection.fieldDecimal.get(field) ?? reader.detection.decimal,
      };
      types[field] = field === 'revenue' || field === 'margin' ? 'number' : 'text';
    }
    // Typed by DuckDB where the file allows it, as order files are (else as text, with a note).
    read =
      (await createTypedOrTextSource(db, file, layout, types, ctx, { rowOrder: true })) ??
      Number((await engine.runQuery(db, 'SELECT COUNT(*) AS n FROM source_rows', source))[0]?.n ?? 0);
  }
  // The SQL runs on the view `source`, whose columns are named as the fields.
  const asFields = new Map([...columns.keys()].map((f) => [f, f]));
  const options = { ...buildOptions('source', by, tiers, asFields, 'row_no'), engineColumns: true };
  const duckdb = getDialect('duckdb') as DialectRules;
  // The rows are read once, into `spelled` (one row per spelling of the keys and tier); the
  // report and the merged spellings are computed from it.
  await engine.runQuery(db, `CREATE TEMP TABLE spelled AS ${buildSpelledSql(duckdb, options)}`, source);
  const fromSpelled = { ...options, spelledTable: true };
  const rows = await engine.runQuery(db, buildSegmentSql(duckdb, fromSpelled), source);
  const boundsSql = buildTierBoundsSql(duckdb, options);
  const boundRow = boundsSql === undefined ? undefined : (await engine.runQuery(db, boundsSql, source))[0];
  const result = readSegmentRows(rows, by, tiers, {
    hasRevenue: columns.has('revenue'),
    hasMargin: columns.has('margin'),
    boundRow,
  });
  const spellingsSql = buildSpellingsSql(duckdb, fromSpelled);
  if (spellingsSql !== undefined)
    warnMergedSpellings(
      readMergedSpellings(await engine.runQuery(db, spellingsSql, source), by),
      (f) => columns.get(f) ?? f,
      ctx,
    );
  const used = result.totals.clients;
  ctx.note(
    tr(ctx.lang, {
      en: `prospect: DuckDB read ${read} rows, used ${used}, left out ${read - used} (a number or maturity that cannot be read, or a repeated client id).`,
      fr: `prospect : DuckDB a lu ${read} lignes, en a utilisé ${used}, écarté ${read - used} (un nombre ou une maturité illisible, ou un client en double).`,
    }),
  );
  // The reader's row counts: no line is skipped by the engine (DuckDB passes over blank lines).
  const counts = { read, used, rejected: read - used, skipped: 0 };
  const meta: SegmentMeta = {
    file,
    by,
    byHeaders: by.map((f) => columns.get(f) ?? f),
    hasMaturity: columns.has('maturity'),
    rows: counts,
  };
  await emitReportAsync(buildSegmentReport(result, meta), flags, ctx, files);
}

/**
 * The merged spellings from the rows of buildSpellingsSql (in the order first seen), as the
 * built-in engine gives them: shown, the most frequent (ties: the first seen).
 */
export function readMergedSpellings(
  rows: readonly Record<string, unknown>[],
  by: readonly string[],
): MergedSpellings[] {
  const groups = new Map<string, { field: string; spellings: { spelling: string; clients: number }[] }>();
  for (const r of rows) {
    const id = `${String(r.field_no)}\u0000${String(r.f)}`;
    let g = groups.get(id);
    if (g === undefined) groups.set(id, (g = { field: by[Number(r.field_no) - 1] ?? '', spellings: [] }));
    g.spellings.push({ spelling: String(r.spelling), clients: Number(r.clients) });
  }
  return [...groups.values()].map(({ field, spellings }) => {
    const shown = spellings.reduce((best, s) => (s.clients > best.clients ? s : best));
    return {
      field,
      shown: shown.spelling,
      shownClients: shown.clients,
      others: spellings.filter((s) => s !== shown),
    };
  });
}

/** The segmentation from the rows of the SQL (with its engine columns: cents and no-maturity counts). */
export function readSegmentRows(
  rows: readonly Record<string, unknown>[],
  by: readonly string[],
  tiers: TierSpec | undefined,
  has: { hasRevenue: boolean; hasMargin: boolean; boundRow: Record<string, unknown> | undefined },
): SegmentResult {
  const names = tiers
    ? nameTiers(tiers.thresholds !== undefined ? tiers.thresholds.length + 1 : tiers.count)
    : [];
  const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  const total = { clients: 0, revenue: 0, margin: 0, arid: 0, latent: 0, active: 0, unknown: 0 };
  const maturityOf = (m: Omit<MaturityCounts, 'accessibilityRate'>): MaturityCounts => {
    const known = m.arid + m.latent + m.active;
    return { ...m, accessibilityRate: known === 0 ? null : m.active / known };
  };
  const segments: SegmentRow[] = rows.map((r) => {
    const key: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
    for (const f of by) key[f] = text(r[f]);
    if (tiers) key.tier = text(r.tier);
    const counts = {
      arid: Number(r.arid_count),
      latent: Number(r.latent_count),
      active: Number(r.active_count),
      unknown: Number(r.no_maturity_count),
    };
    total.clients += Number(r.clients);
    total.revenue += Number(r.revenue_cents);
    total.margin += Number(r.margin_cents);
    total.arid += counts.arid;
    total.latent += counts.latent;
    total.active += counts.active;
    total.unknown += counts.unknown;
    return {
      key,
      ...(tiers ? { tierIndex: key.tier === null ? -1 : names.indexOf(key.tier as string) } : {}),
      clients: Number(r.clients),
      clientShare: Number(r.clientShare),
      revenue: num(r.revenue),
      revenueShare: num(r.revenueShare),
      margin: num(r.margin),
      marginRate: num(r.marginRate),
      averageRevenue: num(r.averageRevenue),
      maturity: maturityOf(counts),
    };
  });
  let lowerBounds: number[] = [];
  if (tiers?.thresholds !== undefined) lowerBounds = [...tiers.thresholds].sort((a, b) => b - a);
  else if (tiers !== undefined && has.boundRow !== undefined)
    for (let i = 1; i < tiers.count; i++) {
      const b = has.boundRow[`b${i}`];
      if (b !== null && b !== undefined) lowerBounds.push(Number(b) / 100);
    }
  return {
    segments,
    totals: {
      clients: total.clients,
      revenue: has.hasRevenue ? total.revenue / 100 : null,
      margin: has.hasMargin ? total.margin / 100 : null,
      marginRate:
        has.hasMargin && has.hasRevenue && total.revenue !== 0 ? total.margin / total.revenue : null,
      averageRevenue: has.hasRevenue && total.clients > 0 ? total.revenue / 100 / total.clients : null,
      maturity: maturityOf({
        arid: total.arid,
        latent: total.latent,
        active: total.active,
        unknown: total.unknown,
      }),
    },
    ...(tiers ? { tiers: { names, measure: tiers.measure, lowerBounds } } : {}),
  };
}
