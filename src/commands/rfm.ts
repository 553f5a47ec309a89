import type { Command } from 'commander';
import { addThreadsOption, readWithThreads, type ThreadsFlags, type TotalsTask } from './threads-option.js';
import {
  buildRfmColumns,
  computeRfm,
  computeRfmOfColumns,
  createRfmTotals,
  DEFAULT_SEGMENTS,
  type Binning,
  type RfmClient,
  type RfmColumns,
  type RfmTotals,
  type SegmentRule,
} from '../core/rfm.js';
import { DataError, inBoth, UsageError } from '../errors.js';
import { formatSentenceDate, tr } from '../i18n.js';
import { countNoun, fieldLabel } from '../render/words.js';
import type { Context } from '../io/context.js';
import type { ColumnBatch, FieldSpec, ParsedRow } from '../io/read-table.js';
import { readSegmentsFile } from '../io/read-segments.js';
import { buildRfmReport, formatDayNumber } from '../render/rfm-report.js';
import { firstPresent, parseAsOf, parseBreaks, parseWhole } from './client-input.js';
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
  openClientTableSource,
  resolveClientTableColumns,
  checkEngine,
  checkSameScores,
  openOrderSource,
  readEngineClients,
  ENGINE_RFM_COLUMNS,
  refuseUnsupported,
  resolveDialect,
  resolveOrderColumns,
  resolveTable,
  type WarehouseFlags,
} from './warehouse.js';
import { buildRfmSql } from '../sql/rfm-sql.js';
import {
  addCallListOptions,
  addContactSpec,
  checkCallListFlags,
  ContactCollector,
  detailsFromValues,
  detailsLookup,
  emitCallList,
  makeRfmList,
  resolveListName,
  rfmListChoices,
  type CallListFlags,
} from './call-list.js';
import type { ContactDetails } from '../core/call-list.js';

interface RfmFlags
  extends OutputOptions, ReadFlags, WarehouseFlags, OrderPeriodFlags, CallListFlags, ThreadsFlags {
  orders?: boolean;
  clients?: boolean;
  asOf?: string;
  bins?: string;
  recencyBins?: string;
  frequencyBins?: string;
  monetaryBins?: string;
  recencyBreaks?: string;
  frequencyBreaks?: string;
  monetaryBreaks?: string;
  binning: string;
  segments?: string;
  chart: boolean;
  rows: string;
  creditNotes: CreditNoteMode;
}

const METRICS = ['recency', 'frequency', 'monetary'] as const;

/** The binning of each metric from the flags: breaks win over a number of bins, which wins over --bins. */
export function resolveBinnings(flags: RfmFlags): Record<(typeof METRICS)[number], Binning> {
  if (flags.binning !== 'quantile' && flags.binning !== 'ntile')
    throw new UsageError({
      en: `--binning: "${flags.binning}" is not a method; expected quantile (R rfm, the default) or ntile.`,
      fr: `--binning : « ${flags.binning} » n’est pas une méthode ; attendu : quantile (celle de R rfm, par défaut) ou ntile.`,
    });
  const all =
    flags.bins === undefined ? 5 : parseWhole('--bins', flags.bins, 1, 20, 'a number of bins such as 5');
  const out = {} as Record<(typeof METRICS)[number], Binning>;
  for (const m of METRICS) {
    const breaks = flags[`${m}Breaks`];
    const bins = flags[`${m}Bins`];
    if (breaks !== undefined && bins !== undefined)
      throw new UsageError({
        en: `--${m}-breaks and --${m}-bins say the same thing; give one of them.`,
        fr: `--${m}-breaks et --${m}-bins disent la même chose ; donnez l’un des deux.`,
      });
    if (breaks !== undefined) {
      out[m] = { kind: 'breaks', breaks: parseBreaks(`--${m}-breaks`, breaks) };
      continue;
    }
    const n = bins === undefined ? all : parseWhole(`--${m}-bins`, bins, 1, 20, 'a number of bins such as 5');
    out[m] = flags.binning === 'ntile' ? { kind: 'ntile', bins: n } : { kind: 'quantile', bins: n };
  }
  return out;
}

/** `prospect rfm FILE`: recency, frequency, monetary scores as R's rfm 0.3.0, segments, heat map. */
export async function runRfm(file: string | undefined, flags: RfmFlags, ctx: Context): Promise<void> {
  const binnings = resolveBinnings(flags);
  const rows = parseWhole('--rows', flags.rows, 0, 1e9, 'a number of clients to list, 0 for all');
  const asOf = parseAsOf(flags.asOf ?? ctx.today);
  const binCount = (b: Binning): number => (b.kind === 'breaks' ? b.breaks.length + 1 : b.bins);
  let segments: readonly SegmentRule[] = DEFAULT_SEGMENTS;
  if (flags.segments !== undefined) {
    segments = readSegmentsFile(flags.segments, ctx.io, {
      recency: binCount(binnings.recency),
      frequency: binCount(binnings.frequency),
      monetary: binCount(binnings.monetary),
    });
  } else if (METRICS.some((m) => binCount(binnings[m]) !== 5)) {
    ctx.note(
      tr(ctx.lang, {
        en: 'prospect: the default segments are written for 5 bins; with other bins, give --segments FILE (prospect init segments writes one).',
        fr: 'prospect : les segments par défaut sont écrits pour 5 classes ; avec d’autres classes, donnez --segments FICHIER (prospect init segments en écrit un).',
      }),
    );
  }
  checkCallListFlags(flags, ctx.lang);
  const listKey =
    flags.list === undefined
      ? undefined
      : resolveListName('rfm', flags.list, rfmListChoices(segments), ctx.lang);
  // Credit notes: --credit-notes (docs/rules-orders.md), as the built-in engine reads them.
  const creditNotes = flags.creditNotes ?? 'as-orders';
  if (flags.sql !== undefined) {
    refuseUnsupported(
      '--sql',
      [
        flags.where !== undefined && '--where',
        flags.from !== undefined && '--from',
        flags.to !== undefined && '--to',
        flags.list !== undefined && '--list',
      ],
      ctx.lang,
    );
    const map = buildReadOptions(flags, ctx).map;
    const sql = buildRfmSql(resolveDialect(flags.sql, ctx.lang), {
      table: resolveTable(flags, ctx.lang),
      columns: resolveOrderColumns(map),
      ...(flags.clients === true ? { clientTable: resolveClientTableColumns(map) } : {}),
      asOf: asOf.iso,
      ...binnings,
      segments,
      creditNotes,
      lang: ctx.lang,
    });
    ctx.io.stdout(sql);
    return;
  }
  if (file === undefined)
    throw new UsageError(
      tr(ctx.lang, {
        en: 'rfm: no file; give an order file or a client table (- for stdin), or --sql DIALECT.',
        fr: 'rfm : aucun fichier ; donnez un fichier de commandes ou une table clients (- pour stdin), ou --sql DIALECTE.',
      }),
    );
  if (checkEngine(flags, ctx.lang)) {
    refuseUnsupported(
      '--engine duckdb',
      [
        flags.list !== undefined && '--list',
        flags.rejects !== undefined && '--rejects',
        flags.strict === true && '--strict',
        flags.where !== undefined && '--where',
        flags.from !== undefined && '--from',
        flags.to !== undefined && '--to',
      ],
      ctx.lang,
    );
    if (flags.clients === true) {
      // A client table (one row per client), read by DuckDB: the same SQL with a `clients` CTE.
      const source = await openClientTableSource(file, buildReadOptions(flags, ctx), ctx, flags.output);
      const { runColumns } = await import('../io/duckdb-engine.js');
      const sqlColumns = await runColumns(
        source.db,
        buildRfmSql(resolveDialect('duckdb', ctx.lang), {
          table: 'source',
          columns: { clientId: 'clientId', orderDate: 'lastPurchase', amount: 'amount' },
          clientTable: source.columns,
          asOf: asOf.iso,
          ...binnings,
          segments,
          creditNotes,
          lang: ctx.lang,
        }),
        ENGINE_RFM_COLUMNS,
        { file, lang: ctx.lang },
      );
      const { clients, scores } = readEngineClients(
        sqlColumns,
        asOf.day,
        source.columns.lastPurchase !== undefined,
      );
      ctx.note(
        tr(ctx.lang, {
          en: `prospect: DuckDB read ${source.rows} rows, used ${clients.length}, left out ${source.rows - clients.length} (no client, recency, count or amount, or a last purchase after ${formatSentenceDate(asOf.iso, 'en')}).`,
          fr: `prospect : DuckDB a lu ${source.rows} lignes, en a utilisé ${clients.length}, écarté ${source.rows - clients.length} (sans client, récence, nombre ou montant, ou un dernier achat après le ${formatSentenceDate(asOf.iso, 'fr')}).`,
        }),
      );
      if (clients.length === 0)
        throw new DataError([
          {
            file,
            ...inBoth({
              en: `no usable row at the analysis date ${formatSentenceDate(asOf.iso, 'en')}: every row was left out or the files have no data.`,
              fr: `aucune ligne utilisable à la date d'analyse du ${formatSentenceDate(asOf.iso, 'fr')} : toutes les lignes ont été écartées ou les fichiers sont vides.`,
            }),
          },
        ]);
      const result = computeRfm(clients, { ...binnings, segments });
      checkSameScores(scores, result.clients);
      const orders = clients.reduce((sum, c) => sum + c.transactionCount, 0);
      const report = buildRfmReport({
        result,
        asOf: asOf.iso,
        asOfSource: flags.asOf !== undefined ? 'flag' : 'today',
        source: { file, shape: 'clients', orders, rejectedAfterAsOf: 0 },
        segments,
        segmentsSource: flags.segments ?? 'default',
        chart: flags.chart,
        rows,
        lang: ctx.lang,
      });
      await emitReportAsync(report, flags, ctx, [file]);
      return;
    }
    const { db, rows: read } = await openOrderSource(
      file,
      buildReadOptions(flags, ctx),
      ctx,
      undefined,
      flags.output,
    );
    const sql = buildRfmSql(resolveDialect('duckdb', ctx.lang), {
      table: 'source',
      columns: { clientId: 'clientId', orderDate: 'orderDate', amount: 'amount' },
      asOf: asOf.iso,
      ...binnings,
      segments,
      creditNotes,
      lang: ctx.lang,
    });
    const { runQuery, runColumns } = await import('../io/duckdb-engine.js');
    const [counted] = await runQuery(
      db,
      `SELECT COUNT(*) AS used FROM source WHERE clientId IS NOT NULL AND orderDate IS NOT NULL AND amount IS NOT NULL AND orderDate <= DATE '${asOf.iso}'`,
      { file, lang: ctx.lang },
    );
    const used = Number(counted?.used ?? 0);
    const { clients, scores } = readEngineClients(
      await runColumns(db, sql, ENGINE_RFM_COLUMNS, { file, lang: ctx.lang }),
      asOf.day,
    );
    ctx.note(
      tr(ctx.lang, {
        en: `prospect: DuckDB read ${read} rows, used ${used}, left out ${read - used} (no client, date or amount, or dated after ${formatSentenceDate(asOf.iso, 'en')}).`,
        fr: `prospect : DuckDB a lu ${read} lignes, en a utilisé ${used}, écarté ${read - used} (sans client, date ou montant, ou datées après le ${formatSentenceDate(asOf.iso, 'fr')}).`,
      }),
    );
    if (clients.length === 0)
      throw new DataError([
        {
          file,
          ...inBoth({
            en: `no usable row at the analysis date ${formatSentenceDate(asOf.iso, 'en')}: every row was left out or the files have no data; check --as-of and the file.`,
            fr: `aucune ligne utilisable à la date d’analyse du ${formatSentenceDate(asOf.iso, 'fr')} : toutes les lignes ont été écartées ou les fichiers n’ont pas de données ; vérifiez --as-of et le fichier.`,
          }),
        },
      ]);
    const result = computeRfm(clients, { ...binnings, segments });
    checkSameScores(scores, result.clients);
    const report = buildRfmReport({
      result,
      asOf: asOf.iso,
      asOfSource: flags.asOf !== undefined ? 'flag' : 'today',
      source: { file, shape: 'orders', orders: used, rejectedAfterAsOf: 0 },
      segments,
      segmentsSource: flags.segments ?? 'default',
      chart: flags.chart,
      rows,
      lang: ctx.lang,
    });
    await emitReportAsync(report, flags, ctx, [file]);
    return;
  }
  const spec: FieldSpec[] = [
    { field: 'clientId', type: 'text' },
    { field: 'orderDate', type: 'date' },
    { field: 'amount', type: 'number' },
    { field: 'revenue', type: 'number' },
    { field: 'lastPurchase', type: 'date' },
    { field: 'recencyDays', type: 'number' },
    { field: 'transactionCount', type: 'number' },
  ];
  if (listKey !== undefined) addContactSpec(spec);
  const warnings = createWarnings(ctx);
  const { input, shape } = await openOrdersOrClients(ctx, file, spec, flags);
  const reader = input.table;
  try {
    const amountField = firstPresent(reader, ['amount', 'revenue']) ?? 'amount';
    const column = (field: string): number => (reader.fieldColumns.get(field) ?? 0) + 1;
    const idOf = (row: ParsedRow): string | undefined => {
      const id = row.values.clientId;
      if (id === null || id === undefined || String(id).trim() === '') {
        reader.reject(
          row,
          tr(ctx.lang, { en: 'no client id', fr: 'pas d’identifiant client' }),
          column('clientId'),
        );
        return undefined;
      }
      return String(id).trim();
    };
    let columns: RfmColumns;
    let orders = 0;
    let afterAsOf = 0;
    let credit: { creditNotes: number; creditOnlyClients: string[] } | undefined;
    let deals: DealTally | null = null;
    let details = new Map<string, ContactDetails>();
    if (shape === 'orders') {
      input.require(['clientId', 'orderDate', ['amount', 'revenue']], shape);
      // Millions of orders: read as columns, summed per client number into typed arrays.
      const totals = createRfmTotals(flags.creditNotes);
      const idColumn = column('clientId');
      const dayColumn = column('orderDate');
      const amountColumn = column(amountField);
      // A deals file: only won deals are orders (DOMAIN.md section 8).
      const outcome = input.outcome;
      const dealCounter =
        outcome === null
          ? null
          : createKeyedDealCounter(outcome.header, () => reader.keyTexts(outcome.field));
      const fields = ['clientId', 'orderDate', amountField, ...(outcome === null ? [] : [outcome.field])];
      const contacts = listKey === undefined ? null : new ContactCollector(reader, fields);
      const read = [...fields, ...(contacts?.fields ?? [])];
      const noId = tr(ctx.lang, { en: 'no client id', fr: 'pas d’identifiant client' });
      const noDate = tr(ctx.lang, { en: 'no order date', fr: 'pas de date de commande' });
      const noAmount = tr(ctx.lang, {
        en: `no ${fieldLabel(amountField, 'en')}`,
        fr: `pas de ${fieldLabel(amountField, 'fr')}`,
      });
      const lateReason = (day: number): string =>
        tr(ctx.lang, {
          en: `order dated ${formatSentenceDate(formatDayNumber(day), 'en')} is after the analysis date ${formatSentenceDate(asOf.iso, 'en')}; expected on or before it`,
          fr: `commande du ${formatSentenceDate(formatDayNumber(day), 'fr')} postérieure à la date d’analyse du ${formatSentenceDate(asOf.iso, 'fr')} ; attendu : à cette date ou avant`,
        });
      // docs/threads.md: with threads, a plain order file is summed per client in each part.
      const task: TotalsTask | undefined =
        outcome === null && contacts === null
          ? {
              kind: 'rfm',
              id: 'clientId',
              day: 'orderDate',
              amount: amountField,
              asOfDay: asOf.day,
              creditNotes: flags.creditNotes ?? 'as-credit',
              noId,
              noDate,
              noAmount,
              idColumn,
              dayColumn,
              amountColumn,
            }
          : undefined;
      const threads = await readWithThreads(reader, read, flags, ctx, task, lateReason);
      for await (const batch of reader.columnBatches(read)) {
        const added = addOrderBatch(batch, {
          ids: batch.keys('clientId'),
          days: batch.numbers('orderDate'),
          amounts: batch.numbers(amountField),
          outcomes: outcome === null ? undefined : batch.keys(outcome.field),
          dealCounter,
          totals,
          contacts,
          asOfDay: asOf.day,
          reject: (i, reason, column) => reader.rejectRow(batch, i, reason, column),
          lateReason,
          noId,
          noDate,
          noAmount,
          idColumn,
          dayColumn,
          amountColumn,
        });
        orders += added.orders;
        afterAsOf += added.afterAsOf;
      }
      for await (const part of threads.parts()) {
        const t = part.totals;
        const lastDays = t.lastDays as Int32Array;
        const purchases = t.purchases as Int32Array;
        for (let i = 0; i < part.keys.length; i++)
          totals.merge(
            part.keys[i] as number,
            t.cents[i] as number,
            lastDays[i] as number,
            purchases[i] as number,
          );
        totals.addCreditNotes(t.creditNotes);
        orders += t.used;
        afterAsOf += t.afterAsOf;
      }
      const idTexts = reader.keyTexts('clientId');
      if (contacts !== null) details = contacts.build(reader, idTexts);
      columns = totals.columns(idTexts, asOf.day);
      credit = { creditNotes: totals.creditNotes(), creditOnlyClients: totals.creditOnlyClients(idTexts) };
      orders -= credit.creditNotes;
      deals = dealCounter === null ? null : dealCounter.tally();
    } else {
      input.require(
        ['clientId', ['recencyDays', 'lastPurchase'], 'transactionCount', ['amount', 'revenue']],
        shape,
      );
      const useDays = reader.fieldColumns.has('recencyDays');
      const clients: RfmClient[] = [];
      const seen = new Map<string, number>();
      await reader.forEachRow((row) => {
        const id = idOf(row);
        if (id === undefined) return;
        const first = seen.get(id);
        if (first !== undefined) {
          reader.reject(
            row,
            `client ${id} already on line ${first}; a client table has one row per client (use --orders for orders)`,
          );
          return;
        }
        const count = row.values.transactionCount;
        const amount = row.values[amountField];
        let recencyDays: number;
        let lastOrderDay: number | undefined;
        if (useDays) {
          const r = row.values.recencyDays;
          if (typeof r !== 'number' || r < 0) {
            reader.reject(row, 'recency days must be a number of days, 0 or more', column('recencyDays'));
            return;
          }
          recencyDays = r;
        } else {
          const d = row.values.lastPurchase;
          if (typeof d !== 'number') {
            reader.reject(row, 'no last purchase date', column('lastPurchase'));
            return;
          }
          if (d > asOf.day) {
            afterAsOf++;
            reader.reject(
              row,
              tr(ctx.lang, {
                en: `last purchase ${formatSentenceDate(formatDayNumber(d), 'en')} is after the analysis date ${formatSentenceDate(asOf.iso, 'en')}; expected on or before it`,
                fr: `dernier achat du ${formatSentenceDate(formatDayNumber(d), 'fr')} postérieur à la date d’analyse du ${formatSentenceDate(asOf.iso, 'fr')} ; attendu : à cette date ou avant`,
              }),
              column('lastPurchase'),
            );
            return;
          }
          recencyDays = asOf.day - d;
          lastOrderDay = d;
        }
        if (typeof count !== 'number' || count < 0) {
          reader.reject(row, 'transaction count must be a number, 0 or more', column('transactionCount'));
          return;
        }
        if (typeof amount !== 'number') {
          reader.reject(row, `no ${amountField}`, column(amountField));
          return;
        }
        seen.set(id, row.line);
        if (listKey !== undefined) details.set(id, detailsFromValues(row.values));
        orders += count;
        clients.push({
          clientId: id,
          recencyDays,
          transactionCount: count,
          amount,
          ...(lastOrderDay !== undefined ? { lastOrderDay } : {}),
        });
      });
      columns = buildRfmColumns(clients);
    }
    reader.finish(ctx);
    if (afterAsOf > 0)
      warnings.add({
        en: `prospect: ${countNoun(afterAsOf, 'en', shape === 'orders' ? { en: ['order', 'orders'], fr: ['', ''] } : { en: ['client', 'clients'], fr: ['', ''] })} dated after the analysis date ${formatSentenceDate(asOf.iso, 'en')} rejected (--as-of moves it).`,
        fr: `prospect : ${countNoun(afterAsOf, 'fr', shape === 'orders' ? { en: ['', ''], fr: ['commande', 'commandes'] } : { en: ['', ''], fr: ['client', 'clients'] })} postérieur${shape === 'orders' ? 'e' : ''}${afterAsOf >= 2 ? 's' : ''} à la date d’analyse (${formatSentenceDate(asOf.iso, 'fr')}) ${afterAsOf >= 2 ? 'rejeté' + (shape === 'orders' ? 'es' : 's') : 'rejeté' + (shape === 'orders' ? 'e' : '')} (--as-of la déplace).`,
      });
    warnings.add(describeDeals(deals));
    if (credit !== undefined) {
      warnings.add(describeCreditNotes(credit.creditNotes, true));
      const only = credit.creditOnlyClients.length;
      if (only > 0)
        warnings.add({
          en: `prospect: ${only === 1 ? '1 client has' : `${only} clients have`} only credit notes and no purchase up to ${formatSentenceDate(asOf.iso, 'en')}, so no recency: left out of the scores (${credit.creditOnlyClients.slice(0, 5).join(', ')}${only > 5 ? ', ...' : ''}).`,
          fr: `prospect : ${only === 1 ? '1 client n’a' : `${only} clients n’ont`} que des avoirs et aucun achat jusqu’au ${formatSentenceDate(asOf.iso, 'fr')}, donc pas de récence : hors des scores (${credit.creditOnlyClients.slice(0, 5).join(', ')}${only > 5 ? ', ...' : ''}).`,
        });
    }
    if (columns.clientIds.length === 0)
      throw new DataError([
        {
          file: reader.name,
          ...inBoth({
            en: `no usable row at the analysis date ${formatSentenceDate(asOf.iso, 'en')}: every row was rejected or the file has no data; check --as-of and the file.`,
            fr: `aucune ligne utilisable à la date d’analyse du ${formatSentenceDate(asOf.iso, 'fr')} : toutes les lignes ont été rejetées ou le fichier n’a pas de données ; vérifiez --as-of et le fichier.`,
          }),
        },
      ]);
    const result = computeRfmOfColumns(columns, { ...binnings, segments });
    if (listKey !== undefined) {
      await emitCallList(makeRfmList(result.clients, listKey, segments, detailsLookup(details)), flags, ctx, [
        file,
      ]);
      return;
    }
    const report = buildRfmReport({
      result,
      asOf: asOf.iso,
      asOfSource: flags.asOf !== undefined ? 'flag' : 'today',
      source: {
        file: reader.name,
        shape,
        orders,
        rejectedAfterAsOf: afterAsOf,
        ...(credit === undefined
          ? {}
          : {
              creditNotes: credit.creditNotes,
              creditNotesMode: flags.creditNotes,
              creditOnlyClients: credit.creditOnlyClients,
            }),
        ...(deals === null ? {} : { deals }),
      },
      warnings: warnings.list(),
      segments,
      segmentsSource: flags.segments ?? 'default',
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
  days: Float64Array;
  amounts: Float64Array;
  outcomes: Int32Array | undefined;
  dealCounter: KeyedDealCounter | null;
  totals: RfmTotals;
  contacts: ContactCollector | null;
  asOfDay: number;
  /** Rejects row i of the batch. */
  reject(i: number, reason: string, column: number): void;
  lateReason(day: number): string;
  noId: string;
  noDate: string;
  noAmount: string;
  idColumn: number;
  dayColumn: number;
  amountColumn: number;
}

/**
 * Sums the orders of one batch per client number; returns the orders added and those dated after
 * the analysis date. A function of its own, not a loop inside runRfm: small, it is optimised after
 * a few batches, where the loop made V8 compile the whole command (twice, about 0.17 s each,
 * measured with --trace-opt).
 */
function addOrderBatch(batch: ColumnBatch, b: OrderBatch): { orders: number; afterAsOf: number } {
  const { ids, days, amounts, outcomes, dealCounter, totals, contacts, asOfDay } = b;
  if (outcomes === undefined && contacts === null) {
    // The usual batch, every row an order: summed in one loop (RfmTotals.addMany).
    let usable = true;
    for (let i = 0; i < batch.length && usable; i++) {
      const day = days[i] as number;
      usable = (ids[i] as number) >= 0 && day <= asOfDay && amounts[i] === amounts[i];
    }
    if (usable) {
      totals.addMany(ids, days, amounts, batch.length);
      return { orders: batch.length, afterAsOf: 0 };
    }
  }
  let orders = 0;
  let afterAsOf = 0;
  for (let i = 0; i < batch.length; i++) {
    const id = ids[i] as number;
    const day = days[i] as number;
    const amount = amounts[i] as number;
    if (outcomes !== undefined && !(dealCounter as KeyedDealCounter).isOrder(outcomes[i] as number)) {
      // a lost or open deal (an open one often has no close date yet): counted in the note, not
      // an order
    } else if (id < 0) b.reject(i, b.noId, b.idColumn);
    else if (Number.isNaN(day)) b.reject(i, b.noDate, b.dayColumn);
    else if (Number.isNaN(amount)) b.reject(i, b.noAmount, b.amountColumn);
    else if (day > asOfDay) {
      afterAsOf++;
      b.reject(i, b.lateReason(day), b.dayColumn);
    } else {
      totals.add(id, day, amount);
      contacts?.add(batch, i, id);
      orders++;
    }
  }
  return { orders, afterAsOf };
}

export function registerRfm(program: Command, ctx: Context): void {
  const t = (en: string, fr: string): string => tr(ctx.lang, { en, fr });
  const command = program
    .command('rfm')
    .argument(
      '[file]',
      t(
        'order file or client table (CSV), - for stdin',
        'fichier de commandes ou table clients (CSV), - pour stdin',
      ),
    )
    .option('--orders', t('the file has one row per order', 'le fichier a une ligne par commande'))
    .option(
      '--clients',
      t(
        'the file has one row per client (recency or last purchase, count, amount)',
        'le fichier a une ligne par client (récence ou dernier achat, nombre, montant)',
      ),
    )
    .option(
      '--as-of <date>',
      t('analysis date YYYY-MM-DD (default: today)', "date d'analyse AAAA-MM-JJ (défaut : aujourd'hui)"),
    )
    .option('--bins <n>', t('bins for the three scores (5)', 'tranches pour les trois scores (5)'))
    .option('--recency-bins <n>', t('bins for recency', 'tranches pour la récence'))
    .option('--frequency-bins <n>', t('bins for frequency', 'tranches pour la fréquence'))
    .option('--monetary-bins <n>', t('bins for monetary', 'tranches pour le montant'))
    .option(
      '--recency-breaks <list>',
      t(
        'recency breaks in days, used as given (30,90,180,365)',
        'seuils de récence en jours, pris tels quels (30,90,180,365)',
      ),
    )
    .option(
      '--frequency-breaks <list>',
      t('frequency breaks, used as given', 'seuils de fréquence, pris tels quels'),
    )
    .option(
      '--monetary-breaks <list>',
      t('monetary breaks, used as given', 'seuils de montant, pris tels quels'),
    )
    .option(
      '--binning <method>',
      t(
        'quantile (R rfm, default) or ntile (equal counts)',
        'quantile (R rfm, défaut) ou ntile (effectifs égaux)',
      ),
      'quantile',
    )
    .option(
      '--segments <file>',
      t(
        'segments YAML file (prospect init segments writes one)',
        'fichier YAML de segments (prospect init segments en écrit un)',
      ),
    )
    .option(
      '--no-chart',
      t('leave the heat map and distribution out', 'sans la carte de chaleur ni la distribution'),
    )
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
    en: 'a segment: at-risk, cant-lose-them, champions...',
    fr: 'un segment : a-risque, a-ne-pas-perdre, champions...',
  });
  addReadOptions(command, ctx.lang);
  addOrderPeriodOptions(command, ctx.lang);
  addWarehouseOptions(command, ctx.lang);
  addOutputOptions(command, ctx.lang).action(async (file: string | undefined, flags: RfmFlags) => {
    await runRfm(file, flags, ctx);
  });
}
