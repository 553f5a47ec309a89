import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SegmentBuilder, type SegmentClient, type TierSpec } from '../core/segment.js';
import { warnMergedSpellings } from './segment-spellings.js';
import type { Maturity } from '../core/status.js';
import { DataError, UsageError } from '../errors.js';
import { tr } from '../i18n.js';
import type { Context } from '../io/context.js';
import { canonicalField } from '../io/map-columns.js';
import { parseFlagNumber } from '../io/parse-flag.js';
import { openOutputStream } from '../io/output-stream.js';
import { type FieldSpec, type FieldType, type ReadOptions, type TableReader } from '../io/read-table.js';
import { openInput } from '../io/open-input.js';
import { addRowCounts } from '../io/row-counts.js';
import { RowSpool } from '../io/row-spool.js';
import { withWarnings } from '../io/warnings.js';
import {
  buildPerClientReport,
  buildSegmentReport,
  startPerClientOutput,
  type PerClientRow,
  type SegmentMeta,
} from '../render/segment-report.js';
import { addReadOptions, buildReadOptions, type ReadFlags } from './read-options.js';
import { addClientsByColumns, canSegmentByColumns } from './segment-columns.js';
import { addOutputOptions, emitReportAsync, type OutputOptions } from './shared-options.js';
import { addWarehouseOptions, type WarehouseFlags } from './warehouse.js';

import {
  addCallListOptions,
  addContactSpec,
  checkCallListFlags,
  detailsFromValues,
  emitCallList,
  makeSegmentList,
  type CallListFlags,
} from './call-list.js';
import { parseCellName, type SegmentListRow } from '../core/call-list.js';

export interface SegmentFlags extends OutputOptions, ReadFlags, WarehouseFlags, CallListFlags {
  by?: string;
  tiers?: string;
  tierBy: string;
  tierThresholds?: string;
  perClient?: boolean;
}

/** The fields of `--by`, as canonical names when they are (`Secteur` -> sector). */
export function parseByFlag(text: string | undefined): string[] {
  if (text === undefined) return [];
  const fields = text
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '')
    .map((f) => canonicalField(f) ?? f);
  if (fields.length === 0)
    throw new UsageError({
      en: '--by: no field given; expected for example --by status,sector.',
      fr: '--by : aucun champ donné ; attendu : par exemple --by status,sector.',
    });
  const seen = new Set<string>();
  for (const f of fields) {
    if (f === 'tier')
      throw new UsageError({
        en: '--by: "tier" is the name of the tiers; use --tiers N instead.',
        fr: '--by : « tier » est le nom des groupes de valeur ; utilisez plutôt --tiers N.',
      });
    if (seen.has(f))
      throw new UsageError({
        en: `--by: "${f}" is given twice; give each field once.`,
        fr: `--by : « ${f} » est donné deux fois ; donnez chaque champ une fois.`,
      });
    seen.add(f);
  }
  return fields;
}

/** `--tiers`, `--tier-by`, `--tier-thresholds` into a TierSpec (or undefined without tiers). */
export function parseTierFlags(
  flags: Pick<SegmentFlags, 'tiers' | 'tierBy' | 'tierThresholds'>,
): TierSpec | undefined {
  if (flags.tierBy !== 'revenue' && flags.tierBy !== 'margin')
    throw new UsageError({
      en: `--tier-by: "${flags.tierBy}" is not a measure; expected revenue or margin.`,
      fr: `--tier-by : « ${flags.tierBy} » n’est pas une mesure ; attendu : revenue (chiffre d’affaires) ou margin (marge).`,
    });
  let count: number | undefined;
  if (flags.tiers !== undefined) {
    count = parseFlagNumber('--tiers', flags.tiers, 'a number of tiers from 2 to 10');
    if (!Number.isInteger(count) || count < 2 || count > 10)
      throw new UsageError({
        en: `--tiers: "${flags.tiers}" is out of range; expected a whole number from 2 to 10.`,
        fr: `--tiers : « ${flags.tiers} » est hors limites ; attendu : un nombre entier de 2 à 10.`,
      });
  }
  let thresholds: number[] | undefined;
  if (flags.tierThresholds !== undefined) {
    thresholds = flags.tierThresholds
      .split(/[;,]/)
      .map((t) => parseFlagNumber('--tier-thresholds', t, 'amounts such as 10000,50000'));
    for (let i = 1; i < thresholds.length; i++) {
      if ((thresholds[i] ?? 0) <= (thresholds[i - 1] ?? 0))
        throw new UsageError({
          en: `--tier-thresholds: "${flags.tierThresholds}" is not increasing; expected amounts from low to high such as 10000,50000.`,
          fr: `--tier-thresholds : « ${flags.tierThresholds} » n’est pas croissant ; attendu : des montants du plus bas au plus haut, comme 10000,50000.`,
        });
    }
    if (count !== undefined && count !== thresholds.length + 1)
      throw new UsageError({
        en: `--tiers ${count} and --tier-thresholds ${flags.tierThresholds} disagree: ${thresholds.length} thresholds make ${thresholds.length + 1} tiers; give one of them.`,
        fr: `--tiers ${count} et --tier-thresholds ${flags.tierThresholds} ne s’accordent pas : ${thresholds.length} seuils font ${thresholds.length + 1} groupes ; donnez l’un des deux.`,
      });
    count = thresholds.length + 1;
  }
  if (count === undefined) return undefined;
  return thresholds === undefined
    ? { count, measure: flags.tierBy }
    : { count, measure: flags.tierBy, thresholds };
}

function typeOf(field: string): FieldType {
  if (field === 'status') return 'status';
  if (field === 'maturity') return 'maturity';
  return 'text';
}

/** The fields `segment` reads from a client file, by field name. */
export function buildSegmentSpec(by: readonly string[], tiers: TierSpec | undefined): Map<string, FieldSpec> {
  const spec = new Map<string, FieldSpec>([
    ['clientId', { field: 'clientId', type: 'text', unique: true }],
    ['status', { field: 'status', type: 'status' }],
    [
      'revenue',
      { field: 'revenue', type: 'number', required: tiers?.measure === 'revenue' ? 'column' : false },
    ],
    ['margin', { field: 'margin', type: 'number', required: tiers?.measure === 'margin' ? 'column' : false }],
    ['maturity', { field: 'maturity', type: 'maturity' }],
  ]);
  for (const field of by) {
    const existing = spec.get(field);
    spec.set(field, { ...(existing ?? { field, type: typeOf(field) }), required: 'column' });
  }
  return spec;
}

/** `prospect segment FILE`: clients, revenue and margin per segment, value tiers, maturity. */
export async function runSegment(file: string | undefined, flags: SegmentFlags, ctx: Context): Promise<void> {
  const by = parseByFlag(flags.by);
  const tiers = parseTierFlags(flags);
  checkCallListFlags(flags, ctx.lang);
  if (flags.sql !== undefined || flags.engine !== undefined) {
    if (flags.list !== undefined)
      throw new UsageError(
        tr(ctx.lang, {
          en: '--list works on the built-in reader only; leave out --sql and --engine to list clients.',
          fr: '--list ne fonctionne qu’avec le lecteur intégré ; retirez --sql et --engine pour lister des clients.',
        }),
      );
    const { runSegmentWarehouse } = await import('./segment-warehouse.js');
    await runSegmentWarehouse(file, flags, { by, tiers, spec: buildSegmentSpec(by, tiers) }, ctx);
    return;
  }
  if (file === undefined)
    throw new UsageError(
      tr(ctx.lang, {
        en: 'segment: no file; give a client file (- for stdin), or --sql DIALECT.',
        fr: 'segment : aucun fichier ; donnez un fichier clients (- pour stdin), ou --sql DIALECTE.',
      }),
    );
  if (flags.list !== undefined && flags.perClient)
    throw new UsageError(
      tr(ctx.lang, {
        en: '--list and --per-client both list clients; give one of them.',
        fr: '--list et --per-client listent tous deux des clients ; donnez l’un des deux.',
      }),
    );
  const cellName =
    flags.list === undefined ? undefined : checkCellName(flags.list, by, tiers !== undefined, ctx);
  const readOptions = buildReadOptions(flags, ctx);
  const spec = buildSegmentSpec(by, tiers);
  if (cellName !== undefined)
    for (const s of addContactSpec([...spec.values()])) if (!spec.has(s.field)) spec.set(s.field, s);
  const { table, has } = await openInput(ctx, {
    kind: 'clients',
    file,
    fields: {
      wanted: [...spec.values()], // each with its own `required`
      main: [
        {
          field: 'revenue',
          what: { en: 'the table has no revenue figures', fr: "le tableau n'a pas de chiffres d'affaires" },
        },
      ],
    },
    options: readOptions,
  });
  try {
    const builder = new SegmentBuilder({
      by,
      ...(tiers === undefined ? {} : { tiers }),
      hasRevenue: has('revenue'),
      hasMargin: has('margin'),
      hasStatus: has('status'),
    });
    // --per-client as CSV or JSON is streamed: rows are written as they are read (see
    // streamPerClient); the table and Markdown forms keep the rows to size their columns.
    const format = flags.excel && flags.format === 'table' ? 'csv' : flags.format;
    if (flags.perClient && (format === 'csv' || format === 'json')) {
      await streamPerClient(file, flags, format, { table, builder, by, spec, readOptions }, ctx);
      return;
    }
    if (cellName !== undefined) {
      const rows: Omit<SegmentListRow, 'cell'>[] = [];
      await table.forEachRow((row) => {
        builder.add(segmentClient(by, row.values));
        const v = row.values;
        const id = v.clientId === null || v.clientId === undefined ? '' : String(v.clientId).trim();
        rows.push({
          clientId: id === '' ? (row.cells[0] ?? `#${row.line}`) : id,
          line: row.line,
          revenue: typeof v.revenue === 'number' ? v.revenue : null,
          margin: typeof v.margin === 'number' ? v.margin : null,
          details: detailsFromValues(v),
        });
      });
      const names = builder.compute().tiers?.names ?? [];
      warnMergedSpellings(builder.mergedSpellings(), headerOf(table), ctx);
      table.finish(ctx);
      const listRows = rows.map((r, i) => ({
        ...r,
        cell: perClientKey(by, builder.keyOf(i), builder.tierOf(i), names),
      }));
      await emitCallList(makeSegmentList(listRows, cellName), flags, ctx, [file]);
      return;
    }
    if (!flags.perClient && canSegmentByColumns(by, spec)) {
      // The summary needs no client's values after it is added (tiers aside): none are kept.
      const summary = new SegmentBuilder(builder.spec, { keepClients: false });
      await addClientsByColumns(table, by, spec, summary);
      const result = summary.compute();
      warnMergedSpellings(summary.mergedSpellings(), headerOf(table), ctx);
      table.finish(ctx);
      await emitReportAsync(buildSegmentReport(result, segmentMeta(table, by)), flags, ctx, [file]);
      return;
    }
    const kept: { line: number; cells: string[] }[] = [];
    await table.forEachRow((row) => {
      builder.add(segmentClient(by, row.values));
      if (flags.perClient) kept.push({ line: row.line, cells: row.cells });
    });
    const result = builder.compute();
    warnMergedSpellings(builder.mergedSpellings(), headerOf(table), ctx);
    table.finish(ctx);
    const meta = segmentMeta(table, by);
    if (flags.perClient) {
      const names = result.tiers?.names ?? [];
      const clients: PerClientRow[] = kept.map((c, i) => ({
        line: c.line,
        cells: c.cells,
        key: perClientKey(by, builder.keyOf(i), builder.tierOf(i), names),
      }));
      await emitReportAsync(
        buildPerClientReport(table.headers, clients, meta, tiers !== undefined),
        flags,
        ctx,
        [file],
      );
    } else {
      await emitReportAsync(buildSegmentReport(result, meta), flags, ctx, [file]);
    }
  } finally {
    table.discard();
  }
}

/**
 * Checks a `--list` cell name before the file is read: each `field=value` names a `--by` field or
 * `tier` (with --tiers), and there is a cell to pick from.
 */
function checkCellName(text: string, by: readonly string[], hasTiers: boolean, ctx: Context): string {
  const fields = [...by, ...(hasTiers ? ['tier'] : [])];
  const conditions = parseCellName(text);
  const usage = (en: string, fr: string): UsageError => new UsageError(tr(ctx.lang, { en, fr }));
  if (fields.length === 0)
    throw usage(
      `segment --list: "${text}" names a cell, but there are no cells; give --by FIELDS (e.g. --by status --list status=prospect) or --tiers N.`,
      `segment --list : « ${text} » désigne une cellule, mais il n'y a pas de cellules ; donnez --by CHAMPS (ex. --by status --list status=prospect) ou --tiers N.`,
    );
  if (conditions.length === 0)
    throw usage(
      `segment --list: no cell named; expected FIELD=VALUE with a field among ${fields.join(', ')}, or a value.`,
      `segment --list : aucune cellule nommée ; attendu CHAMP=VALEUR avec un champ parmi ${fields.join(', ')}, ou une valeur.`,
    );
  for (const c of conditions) {
    if (c.field === undefined) continue;
    const field = c.field.toLowerCase() === 'tier' ? 'tier' : (canonicalField(c.field) ?? c.field);
    if (!fields.includes(field))
      throw usage(
        `segment --list: "${c.field}" is not a field of the cells; expected one of ${fields.join(', ')} (the --by fields${hasTiers ? ' and tier' : ''}).`,
        `segment --list : « ${c.field} » n'est pas un champ des cellules ; attendu l'un de ${fields.join(', ')} (les champs de --by${hasTiers ? ' et tier' : ''}).`,
      );
    c.field = field;
  }
  return conditions.map((c) => (c.field === undefined ? c.value : `${c.field}=${c.value}`)).join(',');
}

/** A row as the segmentation sees it. */
export function segmentClient(by: readonly string[], v: Record<string, unknown>): SegmentClient {
  return {
    key: by.map((f) => {
      const value = v[f];
      return value === null || value === undefined ? null : String(value);
    }),
    revenue: typeof v.revenue === 'number' ? v.revenue : null,
    margin: typeof v.margin === 'number' ? v.margin : null,
    status: typeof v.status === 'string' ? v.status : null,
    maturity: typeof v.maturity === 'string' ? (v.maturity as Maturity) : null,
  };
}

/** A field's name as the file writes it: its column's header (the field itself when absent). */
function headerOf(table: TableReader): (field: string) => string {
  return (f) => table.headers[table.fieldColumns.get(f) ?? -1] ?? f;
}

function segmentMeta(table: TableReader, by: readonly string[]): SegmentMeta {
  return {
    file: table.name,
    by,
    byHeaders: by.map(headerOf(table)),
    hasMaturity: table.fieldColumns.has('maturity'),
    rows: table.counts(),
  };
}

/** The segment key of one client of `--per-client`: its `by` values, and its tier's name. */
function perClientKey(
  by: readonly string[],
  segmentKey: readonly (string | null)[],
  tier: number | undefined,
  names: readonly string[],
): Record<string, string | null> {
  const key: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
  by.forEach((f, j) => {
    key[f] = segmentKey[j] ?? null;
  });
  if (tier !== undefined) key.tier = tier < 0 ? null : (names[tier] ?? null);
  return key;
}

/** Whether `file` can be read a second time (a regular file, not stdin, a FIFO or a device). */
function canReadTwice(file: string, ctx: Context): boolean {
  if (file === '-') return false;
  try {
    return statSync(resolve(ctx.io.cwd, file)).isFile();
  } catch {
    return false;
  }
}

/**
 * `--per-client` as CSV or JSON, streamed: memory bounded by what the segmentation needs, not by
 * the file. Each row's segment is written as its group shows it (the most frequent spelling,
 * known only at the end of the file) and tiers need every client's measure, so the rows are
 * written in a second pass: the file read again, or, for stdin (which cannot be read twice), the
 * cells kept compactly as UTF-8 bytes (RowSpool: about the input's size). The first pass keeps,
 * for a file, the sums by segment, each distinct spelling of the --by values and one bit per line
 * (the rows it used), plus, with tiers, about 22 bytes per client (SegmentBuilder); for stdin,
 * the 22 bytes per client and the spool. `--output` is whole or not at all: an error or a signal
 * before the end leaves no file.
 */
async function streamPerClient(
  file: string,
  flags: SegmentFlags,
  format: 'csv' | 'json',
  run: {
    table: TableReader;
    builder: SegmentBuilder;
    by: string[];
    spec: Map<string, FieldSpec>;
    readOptions: ReadOptions;
  },
  ctx: Context,
): Promise<void> {
  const { table, by } = run;
  const hasTiers = run.builder.spec.tiers !== undefined;
  const output = openOutputStream(flags.output, ctx.io, [file]);
  try {
    const writer = startPerClientOutput(
      format,
      table.headers,
      { file: table.name, by },
      hasTiers,
      flags.excel ?? false,
      (piece) => output.write(piece),
    );
    const spool = canReadTwice(file, ctx) ? undefined : new RowSpool();
    const used = spool === undefined ? new LineSet() : undefined;
    const builder =
      hasTiers || spool !== undefined
        ? run.builder
        : new SegmentBuilder(run.builder.spec, { keepClients: false });
    await table.forEachRow((row) => {
      builder.add(segmentClient(by, row.values));
      spool?.add(row.line, row.cells);
      used?.add(row.line);
    });
    const names = builder.compute().tiers?.names ?? [];
    warnMergedSpellings(builder.mergedSpellings(), headerOf(table), ctx);
    table.finish(ctx);
    // The second reading gives each row's values again: its key is shown from its own spellings.
    const emit = (
      i: number,
      line: number,
      cells: readonly string[],
      values?: Record<string, unknown>,
    ): void => {
      const key = values === undefined ? builder.keyOf(i) : builder.shownKeyOf(segmentClient(by, values).key);
      writer.row({ line, cells, key: perClientKey(by, key, builder.tierOf(i), names) });
    };
    if (spool !== undefined) {
      for (let i = 0; i < spool.length; i++) emit(i, spool.lineOf(i), spool.cellsOf(i));
    } else {
      await rereadRows(file, run, { count: table.counts().used, lines: used as LineSet }, emit, ctx);
    }
    // As emitReport does: the run's warnings (merged spellings...), then the row counts.
    writer.end(table.counts(), (json) => addRowCounts(withWarnings(json, ctx), ctx));
    output.commit();
  } catch (error) {
    output.abort();
    throw error;
  }
}

/** A set of line numbers, one bit each: the rows used at a first reading. */
class LineSet {
  private bits = new Uint8Array(8192);

  add(line: number): void {
    const at = line >>> 3;
    if (at >= this.bits.length) {
      const bigger = new Uint8Array(Math.max(at + 1, this.bits.length * 2));
      bigger.set(this.bits);
      this.bits = bigger;
    }
    this.bits[at] = (this.bits[at] as number) | (1 << (line & 7));
  }

  has(line: number): boolean {
    return (((this.bits[line >>> 3] ?? 0) >> (line & 7)) & 1) === 1;
  }
}

/**
 * The second pass of a streamed `--per-client`: the file read again, quietly (no notes, no
 * rejects file, no row counts: the first pass gave them), each row the first pass used (`used`:
 * their lines and number) handed to `emit` with its index and its values. The ids are not checked
 * for repeats again (the first pass did, and the lines of the rows it kept say which to take):
 * a second table of every id would double the memory. A file that changed between the passes is
 * refused (DataError, 65).
 */
async function rereadRows(
  file: string,
  run: { spec: Map<string, FieldSpec>; readOptions: ReadOptions },
  used: { count: number; lines: LineSet },
  emit: (i: number, line: number, cells: readonly string[], values: Record<string, unknown>) => void,
  ctx: Context,
): Promise<void> {
  const { rejectsFile: _rejects, progress: _progress, ...quiet } = run.readOptions;
  const expected = used.count;
  const { table: again } = await openInput(ctx, {
    kind: 'clients',
    file,
    fields: { wanted: [...run.spec.values()].map((s) => ({ ...s, unique: false })) },
    options: quiet,
  });
  let i = 0;
  const changed = (): DataError =>
    new DataError([
      {
        file: again.name,
        message: tr(ctx.lang, {
          en: `the file changed while it was read (${expected} rows used at the first reading); nothing was written. Run again once the file is complete.`,
          fr: `le fichier a changé pendant sa lecture (${expected} lignes utilisées à la première lecture) ; rien n'a été écrit. Relancez une fois le fichier complet.`,
        }),
      },
    ]);
  try {
    await again.forEachRow((row) => {
      if (!used.lines.has(row.line)) return; // a repeated id, rejected at the first reading
      if (i >= expected) throw changed();
      emit(i, row.line, row.cells, row.values);
      i++;
    });
    if (i !== expected) throw changed();
  } finally {
    again.discard();
  }
}

export function registerSegment(program: Command, ctx: Context): void {
  const { lang } = ctx;
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  const command = program
    .command('segment')
    .argument(
      '[file]',
      t(
        'client file (CSV), or - for stdin; with --sql, an export of the table, read for its header',
        'fichier clients (CSV), ou - pour stdin ; avec --sql, un export de la table, lu pour son en-tête',
      ),
    )
    .option(
      '--by <fields>',
      t(
        'segment by these fields, comma-separated (status,sector,zone or any header)',
        'segmenter selon ces champs, séparés par des virgules (status,sector,zone ou tout en-tête)',
      ),
    )
    .option(
      '--tiers <n>',
      t(
        'split clients into N value tiers of equal counts (3: large, medium, small)',
        'répartir les clients en N groupes de valeur de même effectif (3 : grands, moyens, petits)',
      ),
    )
    .option(
      '--tier-by <measure>',
      t('tier by revenue or margin', 'groupes selon revenue (CA) ou margin (marge)'),
      'revenue',
    )
    .option(
      '--tier-thresholds <amounts>',
      t(
        'tiers by fixed lower bounds instead, low to high (10000,50000)',
        'groupes par seuils fixes, du plus bas au plus haut (10000,50000)',
      ),
    )
    .option(
      '--per-client',
      t(
        'one row per client: the input columns as read, plus segment and tier',
        'une ligne par client : les colonnes lues, plus segment et groupe',
      ),
    );
  addCallListOptions(command, lang, {
    en: 'a cell: status=prospect, tier=large, or a value of the cells',
    fr: 'une cellule : status=prospect, tier=large, ou une valeur des cellules',
  });
  addWarehouseOptions(addReadOptions(addOutputOptions(command, lang), lang), lang, 'clients').action(
    (file: string | undefined, flags: SegmentFlags) => runSegment(file, flags, ctx),
  );
}
