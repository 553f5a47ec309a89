import type { Command } from 'commander';
import { addThreadsOption, readWithThreads, type ThreadsFlags, type TotalsTask } from './threads-option.js';
import {
  buildParetoColumns,
  computeClassNames,
  computeEffortCrossTab,
  computeMaturityCrossTab,
  computePareto,
  computeParetoOfColumns,
  createValueTotals,
  type BoundaryRule,
  type ValueTotals,
  type ParetoColumns,
  type ParetoInput,
} from '../core/pareto.js';
import { DataError, inBoth, UsageError } from '../errors.js';
import { fieldLabel } from '../render/words.js';
import { tr } from '../i18n.js';
import type { Context } from '../io/context.js';
import type { ColumnBatch, FieldSpec, ParsedRow } from '../io/read-table.js';
import { buildParetoReport } from '../render/pareto-report.js';
import { firstPresent, parseThresholds, parseWhole } from './client-input.js';
import {
  addOrderPeriodOptions,
  addReadOptions,
  buildReadOptions,
  type OrderPeriodFlags,
  type ReadFlags,
} from './read-options.js';
import {
  addCreditNotesOption,
  createKeyedDealCounter,
  openOrdersOrClients,
  type KeyedDealCounter,
  createWarnings,
  describeDeals,
  type CreditNoteMode,
} from './order-rows.js';
import { describeCreditNotes, type DealTally } from '../core/deal-outcome.js';
import { addOutputOptions, emitReportAsync, type OutputOptions } from './shared-options.js';
import {
  addWarehouseOptions,
  checkEngine,
  openOrderSource,
  refuseUnsupported,
  resolveDialect,
  resolveTable,
  type WarehouseFlags,
} from './warehouse.js';
import { buildParetoSql } from '../sql/pareto-sql.js';
import {
  addCallListOptions,
  addContactSpec,
  checkCallListFlags,
  ContactCollector,
  detailsFromValues,
  detailsLookup,
  emitCallList,
  makeParetoList,
  paretoListChoices,
  resolveListName,
  type CallListFlags,
} from './call-list.js';
import type { ContactDetails } from '../core/call-list.js';

interface ParetoFlags
  extends OutputOptions, ReadFlags, WarehouseFlags, OrderPeriodFlags, CallListFlags, ThreadsFlags {
  orders?: boolean;
  clients?: boolean;
  value?: string;
  thresholds: string;
  rule: string;
  maturity?: string;
  effort?: string;
  effortBands: string;
  chart: boolean;
  rows: string;
  creditNotes: CreditNoteMode;
}

/** `prospect pareto FILE`: ABC classes, concentration, chart and cross-tabs. */
export async function runPareto(file: string | undefined, flags: ParetoFlags, ctx: Context): Promise<void> {
  const thresholds = parseThresholds(flags.thresholds);
  if (flags.rule !== 'before' && flags.rule !== 'including')
    throw new UsageError({
      en: `--rule: "${flags.rule}" is not a rule; expected before or including.`,
      fr: `--rule : « ${flags.rule} » n’est pas une règle ; attendu : before (avant) ou including (y compris).`,
    });
  const rows = parseWhole('--rows', flags.rows, 0, 1e9, 'a number of clients to list, 0 for all');
  const effortBands = parseWhole('--effort-bands', flags.effortBands, 1, 10, 'a number of bands such as 3');
  const valueWanted = flags.value;
  checkCallListFlags(flags, ctx.lang);
  const listName =
    flags.list === undefined
      ? undefined
      : resolveListName(
          'pareto',
          flags.list,
          paretoListChoices(computeClassNames(thresholds.length + 1)),
          ctx.lang,
        );
  // A call list is the clients of a class; the cross-tabs it would leave out are not silently dropped.
  if (listName !== undefined && (flags.maturity !== undefined || flags.effort !== undefined))
    throw new UsageError({
      en: '--list gives the clients of a class, not the cross-tabs; leave out --maturity and --effort with --list, or run them apart.',
      fr: "--list donne les clients d'une classe, pas les tableaux croisés ; retirez --maturity et --effort avec --list, ou lancez-les à part.",
    });
  const notInSql = [
    flags.maturity !== undefined && '--maturity',
    flags.effort !== undefined && '--effort',
    flags.list !== undefined && '--list',
    flags.where !== undefined && '--where',
    flags.from !== undefined && '--from',
    flags.to !== undefined && '--to',
  ];
  if (flags.sql !== undefined) {
    refuseUnsupported('--sql', notInSql, ctx.lang);
    const map = buildReadOptions(flags, ctx).map;
    const value = valueWanted ?? map?.amount ?? map?.revenue ?? 'amount';
    const sql = buildParetoSql(resolveDialect(flags.sql, ctx.lang), {
      table: resolveTable(flags, ctx.lang),
      columns: { clientId: map?.clientId ?? 'client_id', value: map?.[value] ?? value },
      thresholds,
      rule: flags.rule as BoundaryRule,
    });
    ctx.io.stdout(sql);
    return;
  }
  if (file === undefined)
    throw new UsageError(
      tr(ctx.lang, {
        en: 'pareto: no file; give a client table or an order file (- for stdin), or --sql DIALECT.',
        fr: 'pareto : aucun fichier ; donnez une table clients ou un fichier de commandes (- pour stdin), ou --sql DIALECTE.',
      }),
    );
  if (checkEngine(flags, ctx.lang)) {
    refuseUnsupported(
      '--engine duckdb',
      [...notInSql, flags.rejects !== undefined && '--rejects', flags.strict === true && '--strict'],
      ctx.lang,
    );
    const { db, rows: read } = await openOrderSource(
      file,
      buildReadOptions(flags, ctx),
      ctx,
      {
        date: false,
        values: valueWanted ? [valueWanted] : ['amount', 'revenue'],
      },
      flags.output,
    );
    const sql = buildParetoSql(resolveDialect('duckdb', ctx.lang), {
      table: 'source',
      columns: { clientId: 'clientId', value: 'amount' },
      thresholds,
      rule: flags.rule as BoundaryRule,
    });
    const { runQuery, runColumns } = await import('../io/duckdb-engine.js');
    const sqlColumns = await runColumns(db, sql, ['client_id', 'value', 'class'], { file, lang: ctx.lang });
    const [counted] = await runQuery(
      db,
      `SELECT COUNT(*) AS used FROM source WHERE clientId IS NOT NULL AND TRIM(clientId) <> '' AND amount IS NOT NULL`,
      { file, lang: ctx.lang },
    );
    const used = Number(counted?.used ?? 0);
    ctx.note(
      tr(ctx.lang, {
        en: `prospect: DuckDB read ${read} rows, used ${used}, left out ${read - used} (no client or value).`,
        fr: `prospect : DuckDB a lu ${read} lignes, en a utilisé ${used}, écarté ${read - used} (sans client ni valeur).`,
      }),
    );
    const ids = sqlColumns.client_id.map(String);
    if (ids.length === 0)
      throw new DataError([
        {
          file,
          ...inBoth({
            en: 'no usable row: every row was left out or the files have no data.',
            fr: 'aucune ligne utilisable : toutes les lignes ont été écartées ou les fichiers n’ont pas de données.',
          }),
        },
      ]);
    const inputs: ParetoInput[] = ids.map((clientId, i) => ({
      clientId,
      value: Number(sqlColumns.value[i]),
    }));
    const result = computePareto(inputs, { thresholds, rule: flags.rule as BoundaryRule });
    const classOf = new Map(ids.map((id, i) => [id, String(sqlColumns.class[i])]));
    for (const c of result.clients)
      if (classOf.get(c.clientId) !== c.className)
        throw new Error(
          `--engine duckdb: client ${c.clientId} is in class ${classOf.get(c.clientId) ?? 'none'} by the SQL and ${c.className} by the built-in engine.`,
        );
    const report = buildParetoReport({
      result,
      source: {
        file,
        shape: used > ids.length ? 'orders' : 'clients',
        valueField: valueWanted ?? 'amount',
        orders: used,
      },
      chart: flags.chart,
      rows,
      lang: ctx.lang,
    });
    await emitReportAsync(report, flags, ctx, [file]);
    return;
  }
  const spec: FieldSpec[] = [
    { field: 'clientId', type: 'text' },
    { field: 'orderDate', type: 'text' }, // only to detect an order file: pareto has no use for dates
    { field: 'amount', type: 'number' },
    { field: 'revenue', type: 'number' },
  ];
  if (valueWanted && !spec.some((s) => s.field === valueWanted))
    spec.push({ field: valueWanted, type: 'number', money: true });
  if (flags.maturity) spec.push({ field: flags.maturity, type: 'text' });
  if (flags.effort) spec.push({ field: flags.effort, type: 'number' });
  if (listName !== undefined) addContactSpec(spec);
  const warnings = createWarnings(ctx);
  const { input, shape } = await openOrdersOrClients(ctx, file, spec, flags);
  const reader = input.table;
  try {
    const valueField =
      valueWanted ??
      (shape === 'orders'
        ? (firstPresent(reader, ['amount', 'revenue']) ?? 'amount')
        : (firstPresent(reader, ['revenue', 'amount']) ?? 'revenue'));
    input.require(['clientId', valueField], shape);
    const extra = [flags.maturity, flags.effort].filter((f): f is string => f !== undefined);
    input.require(extra, shape);

    let columns: ParetoColumns;
    let orders = 0;
    let creditNotes: number | undefined;
    let deals: DealTally | null = null;
    let details = new Map<string, ContactDetails>();
    const idOf = (row: ParsedRow): string | undefined => {
      const id = row.values.clientId;
      if (id === null || id === undefined || String(id).trim() === '') {
        reader.reject(
          row,
          tr(ctx.lang, { en: 'no client id', fr: 'pas d’identifiant client' }),
          (reader.fieldColumns.get('clientId') ?? 0) + 1,
        );
        return undefined;
      }
      return String(id).trim();
    };
    const valueOf = (row: ParsedRow): number | undefined => {
      const v = row.values[valueField];
      if (typeof v !== 'number') {
        reader.reject(
          row,
          tr(ctx.lang, {
            en: `no ${fieldLabel(valueField, 'en')}`,
            fr: `pas de ${fieldLabel(valueField, 'fr')}`,
          }),
          (reader.fieldColumns.get(valueField) ?? 0) + 1,
        );
        return undefined;
      }
      return v;
    };
    if (shape === 'orders') {
      // Millions of orders: read as columns, netted per client number into typed arrays.
      const totals = createValueTotals(flags.creditNotes);
      const idColumn = (reader.fieldColumns.get('clientId') ?? 0) + 1;
      const valueColumn = (reader.fieldColumns.get(valueField) ?? 0) + 1;
      // A deals file: only won deals are orders (DOMAIN.md section 8).
      const outcome = input.outcome;
      const dealCounter =
        outcome === null
          ? null
          : createKeyedDealCounter(outcome.header, () => reader.keyTexts(outcome.field));
      const outcomeFields = outcome === null || extra.includes(outcome.field) ? [] : [outcome.field];
      const contacts =
        listName === undefined
          ? null
          : new ContactCollector(reader, ['clientId', valueField, ...extra, ...outcomeFields]);
      // Per-client attributes from orders: the last non-empty maturity, the sum of efforts.
      const maturityOf: number[] = [];
      const effortOf: number[] = [];
      const noValue = tr(ctx.lang, {
        en: `no ${fieldLabel(valueField, 'en')}`,
        fr: `pas de ${fieldLabel(valueField, 'fr')}`,
      });
      const read = ['clientId', valueField, ...extra, ...outcomeFields, ...(contacts?.fields ?? [])];
      const noId = tr(ctx.lang, { en: 'no client id', fr: 'pas d’identifiant client' });
      // docs/threads.md: with threads, a plain order file is summed per client in each part.
      const task: TotalsTask | undefined =
        outcome === null && contacts === null && extra.length === 0
          ? {
              kind: 'pareto',
              id: 'clientId',
              value: valueField,
              creditNotes: flags.creditNotes ?? 'as-credit',
              noId,
              noValue,
              idColumn,
              valueColumn,
            }
          : undefined;
      const threads = await readWithThreads(reader, read, flags, ctx, task);
      for await (const batch of reader.columnBatches(read)) {
        orders += addOrderBatch(batch, {
          ids: batch.keys('clientId'),
          values: batch.numbers(valueField),
          maturities: flags.maturity ? batch.keys(flags.maturity) : undefined,
          efforts: flags.effort ? batch.numbers(flags.effort) : undefined,
          outcomes: outcome === null ? undefined : batch.keys(outcome.field),
          dealCounter,
          totals,
          contacts,
          maturityOf,
          effortOf,
          reject: (i, reason, column) => reader.rejectRow(batch, i, reason, column),
          noId,
          noValue,
          idColumn,
          valueColumn,
        });
      }
      for await (const part of threads.parts()) {
        const t = part.totals;
        const counts = t.orders as Int32Array;
        for (let i = 0; i < part.keys.length; i++)
          totals.merge(part.keys[i] as number, t.cents[i] as number, counts[i] as number);
        totals.addCreditNotes(t.creditNotes);
        orders += t.used;
      }
      const ids = reader.keyTexts('clientId');
      if (contacts !== null) details = contacts.build(reader, ids);
      const maturityTexts = flags.maturity ? reader.keyTexts(flags.maturity) : [];
      const { clientIds, keys, cents } = totals.columns(ids);
      columns = { clientIds, cents };
      // Each client's attributes, by its number (keys): the last non-empty maturity, the efforts.
      if (flags.maturity)
        columns.maturity = Array.from(keys, (id) => {
          const m = maturityOf[id];
          return m === undefined ? undefined : m >= 0 ? (maturityTexts[m] ?? null) : null;
        });
      if (flags.effort)
        columns.effort = Array.from(keys, (id) => {
          const e = effortOf[id];
          return e === undefined ? undefined : Number.isNaN(e) ? null : e;
        });
      creditNotes = totals.creditNotes();
      orders -= creditNotes;
      deals = dealCounter === null ? null : dealCounter.tally();
    } else {
      const inputs: ParetoInput[] = [];
      const seen = new Map<string, number>();
      await reader.forEachRow((row) => {
        const id = idOf(row);
        if (id === undefined) return;
        const first = seen.get(id);
        if (first !== undefined) {
          reader.reject(
            row,
            `client ${id} already on line ${first}; a client table has one row per client (use --orders to sum rows)`,
          );
          return;
        }
        const v = valueOf(row);
        if (v === undefined) return;
        seen.set(id, row.line);
        if (listName !== undefined) details.set(id, detailsFromValues(row.values));
        const input: ParetoInput = { clientId: id, value: v };
        if (flags.maturity) {
          const m = row.values[flags.maturity];
          input.maturity = m === null || m === undefined ? null : String(m);
        }
        if (flags.effort) {
          const e = row.values[flags.effort];
          input.effort = typeof e === 'number' ? e : null;
        }
        inputs.push(input);
      });
      columns = buildParetoColumns(inputs);
    }
    reader.finish(ctx);
    warnings.add(describeDeals(deals));
    if (creditNotes !== undefined) warnings.add(describeCreditNotes(creditNotes, true));
    if (columns.clientIds.length === 0)
      throw new DataError([
        {
          file: reader.name,
          ...inBoth({
            en: 'no usable row: every row was rejected or the file has no data.',
            fr: 'aucune ligne utilisable : toutes les lignes ont été rejetées ou le fichier n’a pas de données.',
          }),
        },
      ]);
    const result = computeParetoOfColumns(columns, { thresholds, rule: flags.rule as BoundaryRule });
    if (listName !== undefined) {
      const list = makeParetoList(result.clients, listName, valueField, detailsLookup(details));
      await emitCallList(list, flags, ctx, [file], { valueField });
      return;
    }
    const effort = flags.effort
      ? (columns.effort ?? []).some((e) => typeof e === 'number')
        ? { field: flags.effort, ...computeEffortCrossTab(result, effortBands) }
        : undefined
      : undefined;
    if (flags.effort && !effort)
      ctx.note(
        tr(ctx.lang, {
          en: `prospect: no client has a value for ${flags.effort}; the effort cross-tab is left out.`,
          fr: `prospect : aucun client n’a de valeur pour ${flags.effort} ; le tableau croisé de l’effort est omis.`,
        }),
      );
    const report = buildParetoReport({
      result,
      source: {
        file: reader.name,
        shape,
        valueField,
        ...(shape === 'orders' ? { orders, creditNotes, creditNotesMode: flags.creditNotes } : {}),
        ...(deals === null ? {} : { deals }),
      },
      warnings: warnings.list(),
      ...(flags.maturity
        ? { maturity: { field: flags.maturity, cells: computeMaturityCrossTab(result) } }
        : {}),
      ...(effort ? { effort } : {}),
      chart: flags.chart,
      rows,
      lang: ctx.lang,
    });
    await emitReportAsync(report, flags, ctx, [file]);
  } catch (error) {
    reader.discard();
    throw error;
  }
}

/** One batch of orders and what `addOrderBatch` adds them to. */
interface OrderBatch {
  ids: Int32Array;
  values: Float64Array;
  maturities: Int32Array | undefined;
  efforts: Float64Array | undefined;
  outcomes: Int32Array | undefined;
  dealCounter: KeyedDealCounter | null;
  totals: ValueTotals;
  contacts: ContactCollector | null;
  /** Per client number: the last non-empty maturity, the sum of efforts. */
  maturityOf: number[];
  effortOf: number[];
  /** Rejects row i of the batch. */
  reject(i: number, reason: string, column: number): void;
  noId: string;
  noValue: string;
  idColumn: number;
  valueColumn: number;
}

/**
 * Nets the orders of one batch per client number; returns the rows added. A function of its own,
 * not a loop inside runPareto: small, it is optimised after a few batches, where the loop made V8
 * compile the whole command (twice, about 0.2 s each, measured with --trace-opt).
 */
function addOrderBatch(batch: ColumnBatch, b: OrderBatch): number {
  const { ids, values, maturities, efforts, outcomes, dealCounter, totals, contacts } = b;
  const { maturityOf, effortOf } = b;
  if (outcomes === undefined && contacts === null && maturities === undefined && efforts === undefined) {
    // The usual batch, every row an order: summed in one loop (ValueTotals.addMany).
    let usable = true;
    for (let i = 0; i < batch.length && usable; i++)
      usable = (ids[i] as number) >= 0 && values[i] === values[i];
    if (usable) {
      totals.addMany(ids, values, batch.length);
      return batch.length;
    }
  }
  let added = 0;
  for (let i = 0; i < batch.length; i++) {
    const id = ids[i] as number;
    const value = values[i] as number;
    // a lost or open deal (often without an amount yet): counted in the note, not an order
    if (outcomes !== undefined && !(dealCounter as KeyedDealCounter).isOrder(outcomes[i] as number)) continue;
    if (id < 0) {
      b.reject(i, b.noId, b.idColumn);
      continue;
    }
    if (Number.isNaN(value)) {
      b.reject(i, b.noValue, b.valueColumn);
      continue;
    }
    totals.add(id, value);
    contacts?.add(batch, i, id);
    added++;
    if (maturities !== undefined) {
      const m = maturities[i] as number;
      if (m >= 0 || maturityOf[id] === undefined) maturityOf[id] = m;
    }
    if (efforts !== undefined) {
      const e = efforts[i] as number;
      if (!Number.isNaN(e)) effortOf[id] = (effortOf[id] ?? 0) + e;
      else if (effortOf[id] === undefined) effortOf[id] = Number.NaN;
    }
  }
  return added;
}

export function registerPareto(program: Command, ctx: Context): void {
  const t = (en: string, fr: string): string => tr(ctx.lang, { en, fr });
  const command = program
    .command('pareto')
    .argument(
      '[file]',
      t(
        'client table or order file (CSV), - for stdin',
        'table clients ou fichier de commandes (CSV), - pour stdin',
      ),
    )
    .option(
      '--orders',
      t(
        'the file has one row per order (summed per client)',
        'le fichier a une ligne par commande (cumulée par client)',
      ),
    )
    .option('--clients', t('the file has one row per client', 'le fichier a une ligne par client'))
    .option(
      '--value <field>',
      t(
        'value field: revenue (clients), amount (orders), margin or any numeric column',
        'champ valeur : revenue (clients), amount (commandes), margin ou toute colonne numérique',
      ),
    )
    .option(
      '--thresholds <list>',
      t(
        'cumulative-share thresholds in %, one per class boundary',
        'seuils de part cumulée en %, un par frontière de classe',
      ),
      '80,95',
    )
    .option(
      '--rule <rule>',
      t(
        'before: the client crossing a threshold stays in the class (default); including: it goes to the next',
        'before : le client qui franchit un seuil reste dans la classe (défaut) ; including : il passe à la suivante',
      ),
      'before',
    )
    .option(
      '--maturity <field>',
      t(
        'cross the classes with this field (status, maturity, stage...)',
        'croiser les classes avec ce champ (statut, maturité, étape...)',
      ),
    )
    .option(
      '--effort <field>',
      t(
        'cross the classes with effort bands of this field (interactions, visits...)',
        "croiser les classes avec des tranches d'effort de ce champ (interactions, visites...)",
      ),
    )
    .option(
      '--effort-bands <n>',
      t('number of effort bands (terciles)', "nombre de tranches d'effort (terciles)"),
      '3',
    )
    .option('--no-chart', t('leave the Pareto chart out', 'sans la courbe de Pareto'))
    .option(
      '--rows <n>',
      t(
        'clients listed in table/markdown output, 0 for all',
        'clients listés en sortie table/markdown, 0 pour tous',
      ),
      '20',
    );
  addCreditNotesOption(command, ctx.lang);
  addThreadsOption(command, ctx.lang);
  addCallListOptions(command, ctx.lang, {
    en: 'a class: A, B, C',
    fr: 'une classe : A, B, C',
  });
  addReadOptions(command, ctx.lang);
  addOrderPeriodOptions(command, ctx.lang);
  addWarehouseOptions(command, ctx.lang);
  addOutputOptions(command, ctx.lang).action(async (file: string | undefined, flags: ParetoFlags) => {
    await runPareto(file, flags, ctx);
  });
}
