/**
 * `--sql DIALECT`, `--table NAME` and `--engine duckdb` for rfm (docs/warehouse.md): the order
 * columns from --map, the SQL printed, or run by DuckDB over CSV/Parquet files.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { tr, type Lang } from '../i18n.js';
import type { Context } from '../io/context.js';
import { openInput } from '../io/open-input.js';
import type { ReadOptions } from '../io/read-table.js';
import { checkStdout, runFilesOf } from '../io/run-files.js';
import { getDialect, SQL_DIALECTS, TABLE_NAME, type DialectRules } from '../sql/dialect.js';
import type { CreditNoteMode, OrderColumns, RfmSqlOptions } from '../sql/rfm-sql.js';
import type { RfmClient } from '../core/rfm.js';

export interface WarehouseFlags {
  sql?: string;
  table?: string;
  engine?: string;
  creditNotes?: CreditNoteMode;
}

/** Adds --sql, --table and --engine to a command. */
export function addWarehouseOptions(command: Command, lang: Lang, table = 'orders'): Command {
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  return command
    .option(
      '--sql <dialect>',
      t(
        `print the SQL that computes the same result (${SQL_DIALECTS.join(', ')}) instead of reading a file`,
        `afficher le SQL qui calcule le même résultat (${SQL_DIALECTS.join(', ')}) au lieu de lire un fichier`,
      ),
    )
    .option(
      '--table <name>',
      t(`the table or view for --sql (${table})`, `la table ou vue pour --sql (${table})`),
    )
    .option(
      '--engine <name>',
      t(
        'duckdb: compute with DuckDB (CSV or Parquet files, globs; npm install @duckdb/node-api)',
        'duckdb : calculer avec DuckDB (fichiers CSV ou Parquet, motifs ; npm install @duckdb/node-api)',
      ),
    );
}

/** The dialect named by --sql, or a usage error listing the dialects. */
export function resolveDialect(name: string, lang: Lang): DialectRules {
  const d = getDialect(name.toLowerCase());
  if (d === undefined)
    throw new UsageError(
      tr(lang, {
        en: `--sql: "${name}" is not a dialect; expected one of ${SQL_DIALECTS.join(', ')}.`,
        fr: `--sql : « ${name} » n'est pas un dialecte ; attendu : ${SQL_DIALECTS.join(', ')}.`,
      }),
    );
  return d;
}

/** The table named by --table (default `orders`), checked to be plain name parts. */
export function resolveTable(flags: WarehouseFlags, lang: Lang): string {
  const table = flags.table ?? 'orders';
  if (!TABLE_NAME.test(table))
    throw new UsageError(
      tr(lang, {
        en: `--table: "${table}" is not a table name; expected letters, digits and _ in dot-separated parts, such as sales.orders.`,
        fr: `--table : « ${table} » n'est pas un nom de table ; attendu des lettres, chiffres et _ en parties séparées par des points, comme ventes.commandes.`,
      }),
    );
  return table;
}

/** The order columns for --sql: --map field=Column, else client_id, order_date, amount. */
export function resolveOrderColumns(map: Record<string, string> | undefined): OrderColumns {
  return {
    clientId: map?.clientId ?? 'client_id',
    orderDate: map?.orderDate ?? 'order_date',
    amount: map?.amount ?? map?.revenue ?? 'amount',
  };
}

/** The columns of a client table for `rfm --clients --sql`: --map, else the usual names. */
export function resolveClientTableColumns(
  map: Record<string, string> | undefined,
): NonNullable<RfmSqlOptions['clientTable']> {
  return {
    ...(map?.recencyDays !== undefined && map.lastPurchase === undefined
      ? { recencyDays: map.recencyDays }
      : { lastPurchase: map?.lastPurchase ?? 'last_purchase' }),
    transactionCount: map?.transactionCount ?? 'transaction_count',
    amount: map?.amount ?? map?.revenue ?? 'amount',
  };
}

/**
 * `rfm --clients --engine duckdb`: the view `source` over client tables (CSV as prospect's reader
 * understands the first file, or Parquet by column names), with columns named as the fields;
 * returns the columns for the SQL and the number of rows.
 */
export async function openClientTableSource(
  pattern: string,
  readOptions: ReadOptions,
  ctx: Context,
  output: string | undefined,
): Promise<{
  db: Awaited<ReturnType<typeof import('../io/duckdb-engine.js').openDuckDb>>;
  rows: number;
  columns: NonNullable<RfmSqlOptions['clientTable']>;
}> {
  const engine = await import('../io/duckdb-engine.js');
  const db = await engine.openDuckDb(ctx.lang);
  const files = await engine.listFiles(db, pattern, ctx.lang, ctx.io);
  checkEngineOutput(output, ctx);
  const fields = ['clientId', 'lastPurchase', 'recencyDays', 'transactionCount', 'amount', 'revenue'];
  let present: Set<string>;
  if (isParquet(pattern)) {
    const found = await engine.createParquetSource(
      db,
      pattern,
      {
        clientId: ['client_id', 'clientid', 'customer_id'],
        lastPurchase: ['last_purchase', 'last_order_date'],
        recencyDays: ['recency_days', 'recency'],
        transactionCount: ['transaction_count', 'frequency'],
        amount: ['amount', 'revenue', 'monetary'],
      },
      readOptions.map,
      ctx.lang,
      { optional: ['lastPurchase', 'recencyDays'] },
    );
    present = new Set(found.keys());
  } else {
    const types: Record<string, 'text' | 'date' | 'number'> = {
      clientId: 'text',
      lastPurchase: 'date',
      recencyDays: 'number',
      transactionCount: 'number',
      amount: 'number',
      revenue: 'number',
    };
    const { table: reader } = await openInput(ctx, {
      kind: 'clients',
      file: files[0] as string,
      fields: {
        wanted: fields.map((field) => ({ field, type: types[field] as 'text' | 'date' | 'number' })),
      },
      options: readOptions,
    });
    engine.requireUtf8(files[0] as string, reader.detection.encoding, ctx.lang);
    reader.discard();
    const columns: Record<
      string,
      { header: string; decimal?: ',' | '.'; dateOrder?: 'dmy' | 'mdy' | 'ymd' }
    > = {};
    for (const [field, index] of reader.fieldColumns) {
      if (!fields.includes(field)) continue;
      columns[field] = {
        header: reader.headers[index] as string,
        decimal: reader.detection.fieldDecimal.get(field) ?? reader.detection.decimal,
        dateOrder: reader.detection.fieldDateOrder.get(field) ?? reader.detection.dateOrder,
      };
    }
    if (columns.amount === undefined && columns.revenue !== undefined) columns.amount = columns.revenue;
    delete columns.revenue;
    delete types.revenue;
    // Typed by DuckDB where the file allows it, as order files are (else as text, with a note).
    await createTypedOrTextSource(
      db,
      pattern,
      { delimiter: reader.detection.delimiter, columns },
      types,
      ctx,
    );
    present = new Set(Object.keys(columns));
  }
  const missing = ['clientId', 'transactionCount', 'amount'].filter((f) => !present.has(f));
  if (!present.has('lastPurchase') && !present.has('recencyDays')) missing.push('lastPurchase');
  if (missing.length > 0)
    throw new UsageError(
      tr(ctx.lang, {
        en: `${files[0]}: no column for ${missing.join(', ')}; rfm --clients reads a client table (client, last purchase or recency days, transaction count, amount): name the columns with --map field=Header.`,
        fr: `${files[0]} : aucune colonne pour ${missing.join(', ')} ; rfm --clients lit une table clients (client, dernier achat ou récence en jours, nombre d'achats, montant) : nommez les colonnes avec --map champ=EnTête.`,
      }),
    );
  const count = await engine.runQuery(db, 'SELECT COUNT(*) AS n FROM source', {
    file: pattern,
    lang: ctx.lang,
  });
  return {
    db,
    rows: Number(count[0]?.n ?? 0),
    columns: {
      ...(present.has('recencyDays') ? { recencyDays: 'recencyDays' } : { lastPurchase: 'lastPurchase' }),
      transactionCount: 'transactionCount',
      amount: 'amount',
    },
  };
}

/**
 * Creates the view `source` (with `rowOrder`: `source_rows` numbered in file order, and `source`)
 * over CSV files: typed by DuckDB's own reader where the file's conventions allow it (much
 * cheaper), then every typed column read once (COUNT(*) alone would skip their conversion),
 * which gives the number of rows. A cell DuckDB cannot convert sends the whole read back to text
 * cells parsed in SQL by prospect's rules (createCsvSource, createCsvClientSource), with a note
 * in both languages: no row is dropped or read differently. Returns the rows of a typed read;
 * undefined after a read as text (the caller counts them).
 */
export async function createTypedOrTextSource(
  db: Awaited<ReturnType<typeof import('../io/duckdb-engine.js').openDuckDb>>,
  pattern: string,
  layout: import('../io/duckdb-engine.js').CsvLayout,
  fields: Record<string, 'text' | 'date' | 'number'>,
  ctx: Context,
  options: { rowOrder?: boolean } = {},
): Promise<number | undefined> {
  const engine = await import('../io/duckdb-engine.js');
  if (await engine.createTypedCsvSource(db, pattern, layout, fields, options)) {
    try {
      const typed = Object.keys(fields).filter(
        (f) => fields[f] !== 'text' && layout.columns[f] !== undefined,
      );
      const count = await engine.runQuery(
        db,
        `SELECT COUNT(*) AS n${typed.map((f, i) => `, COUNT("${f}") AS c${i}`).join('')} FROM ${options.rowOrder ? 'source_rows' : 'source'}`,
      );
      return Number(count[0]?.n ?? 0);
    } catch (error) {
      if (!engine.isConversionError(error)) throw error;
      const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] as string;
      ctx.note(
        tr(ctx.lang, {
          en: `prospect: DuckDB cannot read every cell of ${pattern} as a number or a date of the file's format (${first}); reading the cells as text instead (slower, same rules as prospect's reader).`,
          fr: `prospect : DuckDB ne peut pas lire chaque cellule de ${pattern} comme un nombre ou une date au format du fichier (${first}) ; lecture des cellules comme texte à la place (plus lent, mêmes règles que le lecteur de prospect).`,
        }),
      );
    }
  }
  if (options.rowOrder) {
    const numbers = Object.fromEntries(
      Object.entries(fields).map(([f, t]) => [f, t === 'number' ? 'number' : 'text']),
    ) as Record<string, 'text' | 'number'>;
    await engine.createCsvClientSource(db, pattern, layout, numbers);
  } else {
    await engine.createCsvSource(db, pattern, layout, fields);
  }
  return undefined;
}

/** Refuses the options that --sql or --engine do not carry out, rather than ignoring them. */
export function refuseUnsupported(
  mode: '--sql' | '--engine duckdb',
  given: readonly (string | false)[],
  lang: Lang,
): void {
  const names = given.filter((g): g is string => g !== false);
  if (names.length > 0)
    throw new UsageError(
      tr(lang, {
        en: `${names.join(', ')}: not available with ${mode} (docs/warehouse.md); leave ${names.length === 1 ? 'it' : 'them'} out, or run without ${mode}.`,
        fr: `${names.join(', ')} : indisponible avec ${mode} (docs/warehouse.md) ; retirez ${names.length === 1 ? 'cette option' : 'ces options'}, ou lancez sans ${mode}.`,
      }),
    );
}

/** Checks --engine: only duckdb. */
export function checkEngine(flags: WarehouseFlags, lang: Lang): boolean {
  if (flags.engine === undefined) return false;
  if (flags.engine.toLowerCase() !== 'duckdb')
    throw new UsageError(
      tr(lang, {
        en: `--engine: "${flags.engine}" is not an engine; expected duckdb (or leave it out for the built-in one).`,
        fr: `--engine : « ${flags.engine} » n'est pas un moteur ; attendu duckdb (ou rien pour le moteur intégré).`,
      }),
    );
  return true;
}

/**
 * Refuses, before the engine runs, an --output (or a redirected stdout) that is one of the files
 * the engine reads: the glob's matches are inputs of the run (listFiles registers them).
 */
export function checkEngineOutput(output: string | undefined, ctx: Context): void {
  if (output !== undefined && output !== '-') runFilesOf(ctx.io).checkOutput(ctx.io, '--output', output);
  else checkStdout(ctx.io);
}

/** Whether a path or glob names Parquet files. */
function isParquet(pattern: string): boolean {
  return /\.parquet$/i.test(pattern);
}

/**
 * Creates the DuckDB view `source` (client_id, order_date, amount) over the files, understood as
 * prospect's reader understands the first CSV file (header names, --map, delimiter, decimal mark,
 * date order), or by column names for Parquet. Returns the number of source rows.
 */
export async function openOrderSource(
  pattern: string,
  readOptions: ReadOptions,
  ctx: Context,
  needs: { date: boolean; values: readonly string[] } = { date: true, values: ['amount', 'revenue'] },
  output?: string,
): Promise<{ db: Awaited<ReturnType<typeof import('../io/duckdb-engine.js').openDuckDb>>; rows: number }> {
  const engine = await import('../io/duckdb-engine.js');
  const db = await engine.openDuckDb(ctx.lang);
  const files = await engine.listFiles(db, pattern, ctx.lang, ctx.io);
  checkEngineOutput(output, ctx);
  const fields: Record<string, 'text' | 'date' | 'number'> = { clientId: 'text', amount: 'number' };
  if (needs.date) fields.orderDate = 'date';
  const wanted = ['clientId', ...(needs.date ? ['orderDate'] : []), 'amount'];
  if (isParquet(pattern)) {
    await engine.createParquetSource(
      db,
      pattern,
      {
        clientId: ['client_id', 'clientid', 'customer_id'],
        orderDate: ['order_date', 'date'],
        amount: ['amount', 'revenue'],
      },
      readOptions.map,
      ctx.lang,
    );
  } else {
    const { table: reader } = await openInput(ctx, {
      kind: 'table',
      file: files[0] as string,
      fields: {
        wanted: [
          { field: 'clientId', type: 'text' },
          { field: 'orderDate', type: 'date' },
          ...['amount', 'revenue', ...needs.values]
            .filter((f, i, all) => all.indexOf(f) === i)
            .map((field) => ({ field, type: 'number' as const })),
        ],
      },
      options: readOptions,
    });
    engine.requireUtf8(files[0] as string, reader.detection.encoding, ctx.lang);
    reader.discard();
    const columns: Record<
      string,
      { header: string; decimal?: ',' | '.'; dateOrder?: 'dmy' | 'mdy' | 'ymd' }
    > = {};
    for (const field of ['clientId', 'orderDate', ...needs.values]) {
      const index = reader.fieldColumns.get(field);
      if (index === undefined) continue;
      columns[field] = {
        header: reader.headers[index] as string,
        decimal: reader.detection.fieldDecimal.get(field) ?? reader.detection.decimal,
        dateOrder: reader.detection.fieldDateOrder.get(field) ?? reader.detection.dateOrder,
      };
    }
    const value = needs.values.find((v) => columns[v] !== undefined);
    if (value !== undefined) columns.amount = columns[value] as (typeof columns)[string];
    const missing = wanted.filter((f) => columns[f] === undefined);
    if (missing.length > 0)
      throw new UsageError(
        tr(ctx.lang, {
          en: `${files[0]}: no column for ${missing.join(', ')}; --engine duckdb reads order files (client, order date, amount): name the columns with --map field=Header.`,
          fr: `${files[0]} : aucune colonne pour ${missing.join(', ')} ; --engine duckdb lit des fichiers de commandes (client, date, montant) : nommez les colonnes avec --map champ=EnTête.`,
        }),
      );
    const layout = { delimiter: reader.detection.delimiter, columns };
    const rows = await createTypedOrTextSource(db, pattern, layout, fields, ctx);
    if (rows !== undefined) return { db, rows };
  }
  const count = await engine.runQuery(db, 'SELECT COUNT(*) AS n FROM source', {
    file: pattern,
    lang: ctx.lang,
  });
  return { db, rows: Number(count[0]?.n ?? 0) };
}

/** The columns of the rfm SQL's result that the engine reads back (by the columnar API). */
export const ENGINE_RFM_COLUMNS = [
  'client_id',
  'recency_days',
  'transaction_count',
  'amount',
  'recency_score',
  'frequency_score',
  'monetary_score',
] as const;

/**
 * The clients of the engine's result, checked against the scores the built-in engine gives on
 * the same metrics: the SQL and the JS rules must agree client by client (else an internal error).
 */
export function readEngineClients(
  columns: Record<(typeof ENGINE_RFM_COLUMNS)[number], unknown[]>,
  asOfDay: number,
  withLastOrder = true,
): {
  clients: RfmClient[];
  scores: Map<string, [number, number, number]>;
} {
  const clients: RfmClient[] = [];
  const scores = new Map<string, [number, number, number]>();
  const c = columns;
  for (let i = 0; i < c.client_id.length; i++) {
    const recencyDays = Number(c.recency_days[i]);
    const id = String(c.client_id[i]);
    clients.push({
      clientId: id,
      recencyDays,
      transactionCount: Number(c.transaction_count[i]),
      amount: Number(c.amount[i]),
      ...(withLastOrder ? { lastOrderDay: asOfDay - recencyDays } : {}),
    });
    scores.set(id, [Number(c.recency_score[i]), Number(c.frequency_score[i]), Number(c.monetary_score[i])]);
  }
  return { clients, scores };
}

/** Throws an internal error when a client's SQL scores differ from the built-in engine's. */
export function checkSameScores(
  expected: Map<string, [number, number, number]>,
  scored: readonly {
    clientId: string;
    recencyScore: number;
    frequencyScore: number;
    monetaryScore: number;
  }[],
): void {
  for (const c of scored) {
    const s = expected.get(c.clientId);
    if (s === undefined || s[0] !== c.recencyScore || s[1] !== c.frequencyScore || s[2] !== c.monetaryScore)
      throw new Error(
        `--engine duckdb: client ${c.clientId} scored ${s?.join('/') ?? 'nothing'} by the SQL and ${c.recencyScore}/${c.frequencyScore}/${c.monetaryScore} by the built-in engine.`,
      );
  }
}
