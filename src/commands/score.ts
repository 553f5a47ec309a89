import { mapStageName } from '../core/stage-mapping.js';
import { warn } from '../io/warnings.js';
import type { Command } from 'commander';
import {
  buildGridFromModel,
  computeNaiveBayesModel,
  computeValueWeights,
  computeWinProbability,
  type LearnRow,
  type NaiveBayesModel,
  type Outcome,
} from '../core/learn.js';
import { compileGridScorer, computeRowScore, createScoreTally, prepareGrid } from '../core/score/compute.js';
import { matchesNormalised, normaliseText, type GridValue } from '../core/score/grid.js';
import { normaliseStatus } from '../core/status.js';
import { DataError, formatProblem, inBoth, UsageError } from '../errors.js';
import { tr } from '../i18n.js';
import type { Context } from '../io/context.js';
import { matchGridFields, readGrid, type GridFile } from '../io/read-grid.js';
import { openInput } from '../io/open-input.js';
import type { FieldSpec, TableReader } from '../io/read-table.js';
import { openOutputStream } from '../io/output-stream.js';
import { writeOutput } from '../io/write-output.js';
import { CsvLines } from '../render/csv.js';
import { formatNumber, formatPercent } from '../render/format.js';
import { renderGridYaml } from '../render/grid-yaml.js';
import type { Report } from '../render/report.js';
import { JsonArrayStream } from '../render/json-stream.js';
import type { TableRows } from '../render/xlsx.js';
import { addRowCounts } from '../io/row-counts.js';
import { withWarnings } from '../io/warnings.js';
import {
  buildExplainReport,
  buildScoreReport,
  clientJson,
  scoreTableRow,
  scoreCsvHeader,
  scoreCsvRow,
  TABLE_CLIENTS,
  type ScoredClient,
  type ScoreView,
} from '../render/score-report.js';
import { addReadOptions, buildReadOptions, type ReadFlags } from './read-options.js';
import { canScoreByColumns, scoreByColumns } from './score-columns.js';
import { addOutputOptions, emitReport, wantsXlsx, type OutputOptions } from './shared-options.js';
import { formatIsoDay } from '../core/calendar.js';
import { parseDayFlag } from '../io/parse-day-flag.js';
import {
  addCallListOptions,
  addContactSpec,
  checkCallListFlags,
  detailsFromValues,
  emitCallList,
  makeScoreList,
  resolveListName,
  type CallListFlags,
} from './call-list.js';
import type { ScoredListRow } from '../core/call-list.js';

interface ScoreFlags extends OutputOptions, ReadFlags, CallListFlags {
  grid?: string;
  asOf?: string;
  id?: string;
  explain?: string;
  learn?: string;
  fields?: string;
  outcome?: string;
  writeGrid?: string;
}

/** The spec the data layer reads for a grid: one field per criterion column, and the id. */
/**
 * The columns a grid reads (plus the id column), each with the one type its criteria need; a
 * column that two criteria read as different types is a DataError on the grid.
 */
export function buildGridSpec(gridFile: GridFile, idField: string | undefined): FieldSpec[] {
  const spec = new Map<string, FieldSpec>();
  for (const c of gridFile.grid.criteria) {
    const type = c.type === 'text' ? 'text' : c.type;
    const known = spec.get(c.field);
    if (known && known.type !== type) {
      throw new DataError([
        {
          file: gridFile.path,
          ...inBoth({
            en: `column "${c.field}" is read as ${known.type} by one criterion and as ${type} by "${c.name}"; use one kind per column.`,
            fr: `la colonne « ${c.field} » est lue comme ${KIND_FR[known.type] ?? known.type} par un critère et comme ${KIND_FR[type] ?? type} par « ${c.name} » ; utilisez un seul type par colonne.`,
          }),
        },
      ]);
    }
    spec.set(c.field, { field: c.field, type });
  }
  if (idField !== undefined && !spec.has(idField)) spec.set(idField, { field: idField, type: 'text' });
  // The status (client, prospect, lead...), when the file has one: only prospects and leads count
  // for the accessibility rate. A criterion that reads it as text keeps its own reading.
  if (!spec.has('status')) spec.set('status', { field: 'status', type: 'status' });
  return [...spec.values()];
}

/**
 * Whether a row counts as a prospect for the accessibility rate: with no status column every row
 * does; else prospects and leads only (as `segment`), an unknown status not.
 */
export function isProspectRow(value: unknown, hasStatus: boolean): boolean {
  if (!hasStatus) return true;
  const status = typeof value === 'string' ? (normaliseStatus(value) ?? value) : null;
  return status === 'prospect' || status === 'lead';
}

/** A column's kind as a French sentence names it. */
const KIND_FR: Record<string, string> = { text: 'texte', number: 'nombre', date: 'date', status: 'statut' };

function idOf(
  reader: TableReader,
  idField: string | undefined,
  row: { values: Record<string, unknown>; cells: string[] },
): string {
  if (idField !== undefined) {
    const v = row.values[idField];
    if (v !== null && v !== undefined && String(v) !== '') return String(v);
  }
  return row.cells[0] ?? '';
}

const byScore = (a: ScoredClient, b: ScoredClient): number =>
  b.result.score - a.result.score || a.line - b.line;

async function runGridScore(clients: string, flags: ScoreFlags, ctx: Context): Promise<void> {
  const asOfDay = parseDayFlag('--as-of', flags.asOf ?? ctx.today);
  if (!flags.grid)
    throw new UsageError({
      en: 'score: give --grid FILE (a scoring grid; `prospect init grid` writes one) or --learn DEALS.',
      fr: 'score : donnez --grid FICHIER (une grille de notation ; `prospect init grid` en écrit une) ou --learn AFFAIRES.',
    });
  // 1. The grid, validated before any row is read.
  const gridFile = readGrid(flags.grid, ctx.io);
  for (const w of gridFile.warnings)
    ctx.note(
      `${tr(ctx.lang, { en: 'prospect: warning: ', fr: 'prospect : attention : ' })}${formatProblem(w, ctx.lang)}`,
    );
  const idField = flags.id ?? gridFile.idField;
  checkCallListFlags(flags, ctx.lang);
  const gradeName =
    flags.list === undefined
      ? undefined
      : resolveListName(
          'score',
          flags.list,
          [...gridFile.grid.grades.map((g) => g.name), gridFile.grid.otherwise].map((g) => ({
            key: g,
            names: { en: g, fr: g },
          })),
          ctx.lang,
        );
  const spec = buildGridSpec(gridFile, idField);
  if (gradeName !== undefined) addContactSpec(spec);
  const { table: reader } = await openInput(ctx, {
    kind: 'clients',
    file: clients,
    fields: { wanted: spec }, // each with the grid's own `required`
    flags,
  });
  try {
    matchGridFields(gridFile, reader.headers, reader.fieldColumns);
    if (idField !== undefined && !reader.fieldColumns.has(idField)) {
      const where = flags.id !== undefined ? '--id' : `${gridFile.path}: id`;
      throw new DataError([
        {
          ...inBoth({
            en: `${where}: no column "${idField}" in ${reader.name}; expected one of ${reader.headers.join(', ')}.`,
            fr: `${where} : aucune colonne « ${idField} » dans ${reader.name} ; attendu : l’une de ${reader.headers.join(', ')}.`,
          }),
        },
      ]);
    }
    // 2. The rows.
    const prepared = prepareGrid(gridFile.grid);
    if (gradeName !== undefined) {
      // --list: the rows of one grade, with their contact details.
      const listRows: ScoredListRow[] = [];
      const scorer = compileGridScorer(prepared);
      await reader.forEachRow((row) => {
        const score = scorer.score(row.values as Record<string, GridValue>, asOfDay);
        const grade = scorer.gradeNames[scorer.gradeIndex(score)];
        if (grade !== gradeName) return;
        listRows.push({
          clientId: idOf(reader, idField, row),
          line: row.line,
          score,
          grade,
          details: detailsFromValues(row.values),
        });
      });
      reader.finish(ctx);
      await emitCallList(makeScoreList(listRows, gradeName), flags, ctx, [clients, flags.grid]);
      return;
    }
    if (flags.format === 'csv' && flags.explain === undefined) {
      await streamScoreCsv(reader, prepared, { asOfDay, idField, clients }, flags, ctx);
      return;
    }
    if (flags.format === 'json' && flags.explain === undefined) {
      await streamScoreJson(
        reader,
        prepared,
        { asOfDay, idField, clients, gridPath: gridFile.path },
        flags,
        ctx,
      );
      return;
    }
    const clientsScored: ScoredClient[] = [];
    const hasStatus = reader.fieldColumns.has('status');
    // Memory on large files: counts per grade and histogram bins (ScoreTally), not a value per
    // row; the per-criterion breakdown is kept only where it is shown (JSON, --explain); the table
    // keeps the highest scores (CSV is streamed above).
    const scorer = compileGridScorer(prepared);
    const tally = createScoreTally(gridFile.grid, prepared.bounds);
    // A workbook lists every client (a sheet per table), without the per-criterion breakdown: the
    // id, line and score of each (the rest follows from the score), written in order at the end.
    const keepAll = wantsXlsx(flags) && flags.explain === undefined ? new ScoreColumns() : undefined;
    const wantedId = flags.explain === undefined ? undefined : normaliseText(flags.explain);
    const light = (row: { values: Record<string, unknown>; cells: string[]; line: number }): ScoredClient => {
      const result = computeRowScore(prepared, row.values as Record<string, GridValue>, asOfDay);
      const id = idOf(reader, idField, row);
      return { id, line: row.line, result: { ...result, breakdown: [], groups: [] } };
    };
    // The summary table and Markdown keep the highest scores only: read by columns, no row made
    // (see score-columns.ts); the other forms by rows.
    const byColumns = keepAll === undefined && wantedId === undefined && canScoreByColumns(spec);
    const run = { spec, prepared, scorer, asOfDay, idField, keep: TABLE_CLIENTS };
    const eachRow = byColumns
      ? () => scoreByColumns(reader, run, tally, clientsScored)
      : (onRow: Parameters<TableReader['forEachRow']>[0]) => reader.forEachRow(onRow);
    await eachRow((row) => {
      const values = row.values as Record<string, GridValue>;
      const score = scorer.score(values, asOfDay);
      tally.add(score, scorer.gradeIndex(score), isProspectRow(row.values.status, hasStatus));
      if (wantedId !== undefined) {
        const id = idOf(reader, idField, row);
        if (matchesNormalised(id, wantedId))
          clientsScored.push({ id, line: row.line, result: computeRowScore(prepared, values, asOfDay) });
        return;
      }
      if (keepAll !== undefined) {
        keepAll.add(idOf(reader, idField, row), row.line, score);
        return;
      }
      // table and Markdown show the highest scores only: keep the top TABLE_CLIENTS (rows come in
      // line order, so a row that ties the lowest kept score stays out, as byScore says)
      if (clientsScored.length < TABLE_CLIENTS) {
        clientsScored.push(light(row));
        clientsScored.sort(byScore);
      } else if (score > (clientsScored[TABLE_CLIENTS - 1] as ScoredClient).result.score) {
        clientsScored[TABLE_CLIENTS - 1] = light(row);
        clientsScored.sort(byScore);
      }
    });
    reader.finish(ctx);
    const view: ScoreView = {
      gridPath: gridFile.path,
      grid: gridFile.grid,
      bounds: prepared.bounds,
      asOf: formatIsoDay(asOfDay),
      clients: clientsScored,
      summary: tally.summary(),
      histogram: tally.histogram(),
    };
    let report: Report;
    if (flags.explain !== undefined) {
      const client = clientsScored[0];
      if (!client) {
        const column = idField ?? reader.headers[0];
        throw new UsageError({
          en: `--explain: no client "${flags.explain}" in ${reader.name}; expected an id from the ${column ?? 'first'} column.`,
          fr: `--explain : aucun client « ${flags.explain} » dans ${reader.name} ; attendu : un identifiant de la ${column === undefined ? 'première colonne' : `colonne ${column}`}.`,
        });
      }
      report = buildExplainReport(view, client);
    } else {
      // CSV and JSON are streamed (streamScoreCsv, streamScoreJson): no rows of cells to give.
      report = buildScoreReport(
        view,
        { headers: reader.headers, cells: () => [] },
        ctx.lang,
        wantsXlsx(flags) ? 'xlsx' : flags.format,
      );
    }
    if (keepAll !== undefined) {
      // The workbook's clients table (the report's first): its rows made one at a time, highest
      // score first, as the workbook is written.
      const table = report.blocks.find((b) => b.kind === 'table');
      const rows = keepAll.rowsByScore(scorer);
      await emitReport(report, flags, ctx, [clients, flags.grid], (b) =>
        table !== undefined && b.rows === table.rows ? rows : undefined,
      );
      return;
    }
    await emitReport(report, flags, ctx, [clients, flags.grid]);
  } catch (error) {
    reader.discard();
    throw error;
  }
}

/**
 * The clients of a workbook, by columns: id, line and score of each (about 30 bytes a client
 * instead of a scored object), sorted at the end by score (highest first, then line).
 */
class ScoreColumns {
  private ids: string[] = [];
  private lines: Float64Array = new Float64Array(1024);
  private scores: Float64Array = new Float64Array(1024);

  add(id: string, line: number, score: number): void {
    const at = this.ids.length;
    if (at === this.scores.length) {
      const grow = (a: Float64Array): Float64Array => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.lines = grow(this.lines);
      this.scores = grow(this.scores);
    }
    this.ids.push(id);
    this.lines[at] = line;
    this.scores[at] = score;
  }

  /** The rows of the workbook's clients table, highest score first (then line), made on demand. */
  rowsByScore(scorer: ReturnType<typeof compileGridScorer>): TableRows {
    const { ids, lines, scores } = this;
    const order = new Uint32Array(ids.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort(
      (a, b) => (scores[b] as number) - (scores[a] as number) || (lines[a] as number) - (lines[b] as number),
    );
    return {
      count: order.length,
      at: (i) => {
        const k = order[i] as number;
        const score = scores[k] as number;
        const grade = scorer.gradeIndex(score);
        return scoreTableRow(ids[k] as string, {
          score,
          score100: scorer.score100(score),
          grade: scorer.gradeNames[grade] as string,
          maturity: scorer.gradeMaturity[grade],
        });
      },
    };
  }
}

/**
 * `score --format json`: each client's object (with its breakdown) written as it is scored once
 * more than a few thousand came (JsonArrayStream), so that memory is bounded by the grid, not by
 * the file; the summary, histogram and row counts come after the clients then. A small file's
 * JSON is the document as it always was. `--output` is whole or not at all.
 */
async function streamScoreJson(
  reader: TableReader,
  prepared: ReturnType<typeof prepareGrid>,
  run: { asOfDay: number; idField: string | undefined; clients: string; gridPath: string },
  flags: ScoreFlags,
  ctx: Context,
): Promise<void> {
  const output = openOutputStream(flags.output, ctx.io, [run.clients, flags.grid ?? run.clients]);
  try {
    const { grid, bounds } = prepared;
    const scorer = compileGridScorer(prepared);
    const tally = createScoreTally(grid, bounds);
    const hasStatus = reader.fieldColumns.has('status');
    const view = (): ScoreView => ({
      gridPath: run.gridPath,
      grid,
      bounds,
      asOf: formatIsoDay(run.asOfDay),
      clients: [],
      summary: tally.summary(),
      histogram: tally.histogram(),
    });
    const json = (): Record<string, unknown> =>
      buildScoreReport(view(), { headers: reader.headers, cells: () => [] }, ctx.lang, 'json').json as Record<
        string,
        unknown
      >;
    const clients = new JsonArrayStream(
      'clients',
      () => {
        // what is known before the rows: the grid and the date
        const { schemaVersion, grid: gridJson, asOf } = json();
        return { schemaVersion, grid: gridJson, asOf };
      },
      (text) => output.write(text),
    );
    await reader.forEachRow((row) => {
      const result = computeRowScore(prepared, row.values as Record<string, GridValue>, run.asOfDay);
      tally.add(result.score, scorer.gradeIndex(result.score), isProspectRow(row.values.status, hasStatus));
      clients.add(clientJson(grid, { id: idOf(reader, run.idField, row), line: row.line, result }));
    });
    reader.finish(ctx);
    clients.end(addRowCounts(withWarnings(json(), ctx), ctx) as Record<string, unknown>);
    output.commit();
  } catch (error) {
    output.abort();
    throw error;
  }
}

/**
 * `score --format csv`: each row written as it is scored (the input's cells, then score,
 * score_100, grade, maturity), so that memory is bounded by the grid, not by the file.
 * `--output` is whole or not at all (an error or a signal before the end leaves no file).
 */
async function streamScoreCsv(
  reader: TableReader,
  prepared: ReturnType<typeof prepareGrid>,
  run: { asOfDay: number; idField: string | undefined; clients: string },
  flags: ScoreFlags,
  ctx: Context,
): Promise<void> {
  const hasMaturity = prepared.grid.maturity !== undefined;
  const output = openOutputStream(flags.output, ctx.io, [run.clients, flags.grid ?? run.clients]);
  try {
    const lines = new CsvLines({ excel: flags.excel ?? false });
    lines.line(scoreCsvHeader(reader.headers, hasMaturity));
    const scorer = compileGridScorer(prepared);
    await reader.forEachRow((row) => {
      const score = scorer.score(row.values as Record<string, GridValue>, run.asOfDay);
      const grade = scorer.gradeIndex(score);
      const result = {
        score,
        score100: scorer.score100(score),
        grade: scorer.gradeNames[grade] as string,
        maturity: scorer.gradeMaturity[grade],
      };
      lines.line(scoreCsvRow(row.cells, result, hasMaturity));
      if (lines.length >= 64 * 1024) output.write(lines.take());
    });
    reader.finish(ctx);
    output.write(lines.take());
    output.commit();
  } catch (error) {
    output.abort();
    throw error;
  }
}

/** A deal's outcome from its stage or status text, by the shared vocabulary (core/outcome.ts):
 * won, lost, or open (a pipeline stage, or a word the vocabulary does not know). */
export function parseOutcome(text: string | null): Outcome {
  if (text === null) return 'open';
  const stage = mapStageName(text);
  return stage === 'won' || stage === 'lost' ? stage : 'open';
}

async function runLearn(clients: string | undefined, flags: ScoreFlags, ctx: Context): Promise<void> {
  const deals = flags.learn ?? '';
  const outcomeField = flags.outcome ?? 'stage';
  const gridFile = flags.grid ? readGrid(flags.grid, ctx.io) : undefined;
  const fields = flags.fields
    ? flags.fields
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean)
    : gridFile
      ? [...new Set(gridFile.grid.criteria.map((c) => c.field))]
      : [];
  if (fields.length === 0) {
    throw new UsageError({
      en: '--learn: give the fields to learn from with --fields sector,size,region (or a --grid whose fields to use).',
      fr: '--learn : donnez les champs à apprendre avec --fields sector,size,region (ou une --grid dont reprendre les champs).',
    });
  }
  if (fields.includes(outcomeField)) {
    throw new UsageError({
      en: `--fields: "${outcomeField}" is the outcome column (--outcome); learn from the other fields.`,
      fr: `--fields : « ${outcomeField} » est la colonne de l’issue (--outcome) ; apprenez à partir des autres champs.`,
    });
  }
  const readOptions = buildReadOptions(flags, ctx);
  const spec: FieldSpec[] = [
    { field: outcomeField, type: 'text', required: true },
    ...fields.map((field): FieldSpec => ({ field, type: 'text' })),
  ];
  const { table: history } = await openInput(ctx, {
    kind: 'history',
    file: deals,
    fields: { required: spec.slice(0, 1), wanted: spec.slice(1) },
    options: readOptions,
  });
  const rows: LearnRow[] = [];
  const unknownOutcomes = new Set<string>();
  const open: { id: string; line: number; values: Record<string, string | null> }[] = [];
  try {
    const missing = fields.filter((f) => !history.fieldColumns.has(f));
    if (missing.length) {
      throw new DataError(
        missing.map((f) => ({
          file: history.name,
          line: 1,
          ...inBoth({
            en: `no column "${f}" (--fields); columns: ${history.headers.join(', ')}.`,
            fr: `aucune colonne « ${f} » (--fields) ; colonnes : ${history.headers.join(', ')}.`,
          }),
        })),
      );
    }
    await history.forEachRow((row) => {
      const values: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
      for (const f of fields) values[f] = row.values[f] === null ? null : String(row.values[f]);
      const outcomeText = row.values[outcomeField] === null ? null : String(row.values[outcomeField]);
      const outcome = parseOutcome(outcomeText);
      if (outcomeText !== null && mapStageName(outcomeText) === undefined) unknownOutcomes.add(outcomeText);
      rows.push({ outcome, values });
      if (outcome === 'open' && clients === undefined)
        open.push({ id: row.cells[0] ?? '', line: row.line, values });
    });
    history.finish(ctx);
  } catch (error) {
    history.discard();
    throw error;
  }
  if (unknownOutcomes.size > 0) {
    const names = [...unknownOutcomes]
      .slice(0, 10)
      .map((n) => `"${n}"`)
      .join(', ');
    warn(ctx, 'unknown-outcome', {
      en: `${history.name}: ${unknownOutcomes.size} ${outcomeField} value${unknownOutcomes.size > 1 ? 's' : ''} say${unknownOutcomes.size > 1 ? '' : 's'} neither won nor lost and count${unknownOutcomes.size > 1 ? '' : 's'} as open: ${names}; rename ${unknownOutcomes.size > 1 ? 'them' : 'it'} (Won, Lost, Gagnée, Perdue...) for closed deals.`,
      fr: `${history.name} : ${unknownOutcomes.size} valeur${unknownOutcomes.size > 1 ? 's' : ''} de ${outcomeField} ne di${unknownOutcomes.size > 1 ? 'sent' : 't'} ni gagné ni perdu et compte${unknownOutcomes.size > 1 ? 'nt' : ''} comme en cours : ${names} ; renommez-${unknownOutcomes.size > 1 ? 'les' : 'la'} (Gagnée, Perdue, Won, Lost...) pour des affaires conclues.`,
    });
  }
  let model: NaiveBayesModel;
  try {
    model = computeNaiveBayesModel(rows, fields);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const won = rows.filter((r) => r.outcome === 'won').length;
    const lost = rows.filter((r) => r.outcome === 'lost').length;
    throw new DataError([
      {
        file: history.name,
        ...inBoth({
          en: `naive Bayes needs won and lost deals; found ${won} won and ${lost} lost; the ${outcomeField} column must say Won or Lost for closed deals.`,
          fr: `l’apprentissage demande des affaires gagnées et perdues ; trouvé ${won} gagnée${won >= 2 ? 's' : ''} et ${lost} perdue${lost >= 2 ? 's' : ''} ; la colonne ${outcomeField} doit dire Gagnée ou Perdue pour les affaires conclues.`,
        }),
      },
    ]);
  }
  if (clients !== undefined) {
    const { table: reader } = await openInput(ctx, {
      kind: 'clients',
      file: clients,
      fields: { wanted: fields.map((field): FieldSpec => ({ field, type: 'text' })) },
      options: readOptions,
    });
    try {
      await reader.forEachRow((row) => {
        const values: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
        for (const f of fields)
          values[f] = row.values[f] === null || row.values[f] === undefined ? null : String(row.values[f]);
        open.push({ id: row.cells[0] ?? '', line: row.line, values });
      });
      reader.finish(ctx);
    } catch (error) {
      reader.discard();
      throw error;
    }
  }
  const scored = open.map((o) => ({ ...o, ...computeWinProbability(model, o.values) }));
  const weights = computeValueWeights(model);
  if (flags.writeGrid) {
    const grid = buildGridFromModel(model);
    const text = renderGridYaml(grid, [
      `Learned by prospect score --learn ${deals} (naive Bayes, as Odoo's predictive lead scoring):`,
      `${model.won} won and ${model.lost} lost deals, smoothing ${model.smoothing}.`,
      'Points = 10 x ln(P(value | won) / P(value | lost)): +7 doubles the odds of winning, -7 halves them.',
      'Edit freely; `prospect score CLIENTS --grid THIS_FILE` uses it as any grid.',
    ]);
    writeOutput(flags.writeGrid, text, ctx.io, [deals, ...(clients ? [clients] : [])], '--write-grid');
    ctx.note(
      tr(ctx.lang, {
        en: `prospect: wrote the learned grid to ${flags.writeGrid}`,
        fr: `prospect : grille apprise écrite dans ${flags.writeGrid}`,
      }),
    );
  }
  const report: Report = {
    title: { en: `Win probability learned from ${deals}`, fr: `Probabilité de gain apprise de ${deals}` },
    blocks: [
      {
        kind: 'table',
        sheet: { en: 'Win probability', fr: 'Probabilité de gain' },
        columns: [
          { key: 'id', label: { en: 'Deal', fr: 'Affaire' }, kind: 'text' },
          {
            key: 'probability',
            label: { en: 'Win probability', fr: 'Probabilité de gain' },
            kind: 'percent',
          },
          { key: 'because', label: { en: 'Strongest evidence', fr: 'Indice le plus fort' }, kind: 'text' },
        ],
        rows: [...scored]
          .sort((a, b) => b.probability - a.probability || a.line - b.line)
          // A workbook has every deal; a table the 20 likeliest.
          .slice(0, wantsXlsx(flags) ? undefined : 20)
          .map((s) => {
            const top = [...s.evidence].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))[0];
            const because = (lang: 'en' | 'fr'): string =>
              top
                ? `${top.field} = ${top.value} (${top.weight >= 0 ? '+' : ''}${formatNumber(top.weight, lang, 2, 2)})`
                : '';
            return {
              id: s.id,
              probability: s.probability,
              because: { en: because('en'), fr: because('fr') },
            };
          }),
      },
      {
        kind: 'table',
        title: { en: 'Values that weigh most', fr: 'Les valeurs qui pèsent le plus' },
        columns: [
          { key: 'field', label: { en: 'Field', fr: 'Champ' }, kind: 'text' },
          { key: 'value', label: { en: 'Value', fr: 'Valeur' }, kind: 'text' },
          { key: 'won', label: { en: 'Won', fr: 'Gagnées' }, kind: 'integer' },
          { key: 'lost', label: { en: 'Lost', fr: 'Perdues' }, kind: 'integer' },
          {
            key: 'weight',
            label: { en: 'Weight (log odds)', fr: 'Poids (log des cotes)' },
            kind: 'number',
            decimals: 2,
          },
        ],
        rows: weights.slice(0, 15).map((w) => ({
          field: w.field,
          value: w.value,
          won: w.wonCount,
          lost: w.lostCount,
          weight: w.weight,
        })),
      },
      {
        kind: 'text',
        lines: [
          {
            en: `${formatNumber(model.won, 'en')} won, ${formatNumber(model.lost, 'en')} lost (prior ${formatPercent(model.won / (model.won + model.lost), 'en')}); ${formatNumber(scored.length, 'en')} open deals scored. A weight above 0 pushes towards a win.`,
            fr: `${formatNumber(model.won, 'fr')} gagnées, ${formatNumber(model.lost, 'fr')} perdues (a priori ${formatPercent(model.won / (model.won + model.lost), 'fr')}) ; ${formatNumber(scored.length, 'fr')} affaires ouvertes évaluées. Un poids positif pousse vers le gain.`,
          },
        ],
      },
    ],
    json: {
      schemaVersion: 1,
      learnedFrom: { path: deals, won: model.won, lost: model.lost, smoothing: model.smoothing, fields },
      deals: scored.map((s) => ({
        id: s.id,
        line: s.line,
        probability: s.probability,
        evidence: s.evidence,
      })),
      weights: weights.map((w) => ({
        field: w.field,
        value: w.value,
        won: w.wonCount,
        lost: w.lostCount,
        pWon: w.pWon,
        pLost: w.pLost,
        weight: w.weight,
      })),
    },
    csv: {
      header: ['id', 'line', 'probability'],
      rows: scored.map((s) => [s.id, s.line, Math.round(s.probability * 1e6) / 1e6]),
    },
  };
  await emitReport(report, flags, ctx, [deals, ...(clients ? [clients] : [])]);
}

/** `prospect score`: scoring grids (seed 002's *scorage*) and learned win probabilities. */
export async function runScore(clients: string | undefined, flags: ScoreFlags, ctx: Context): Promise<void> {
  if (flags.learn !== undefined && flags.list !== undefined)
    throw new UsageError(
      tr(ctx.lang, {
        en: '--list takes the grades of a grid; leave out --learn, or --list.',
        fr: '--list prend les notes d’une grille ; retirez --learn, ou --list.',
      }),
    );
  if (flags.learn !== undefined) return runLearn(clients, flags, ctx);
  if (clients === undefined)
    throw new UsageError({
      en: 'score: give the client file: prospect score CLIENTS.csv --grid grid.yaml.',
      fr: 'score : donnez le fichier des clients : prospect score CLIENTS.csv --grid grid.yaml.',
    });
  return runGridScore(clients, flags, ctx);
}

export function registerScore(program: Command, ctx: Context): void {
  const { lang } = ctx;
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  const command = program
    .command('score')
    .argument('[clients]', t('client file (CSV); - for stdin', 'fichier clients (CSV) ; - pour stdin'))
    .option(
      '--grid <file>',
      t(
        'scoring grid (YAML); `prospect init grid` writes an example',
        'grille de scorage (YAML) ; `prospect init grid` en écrit un exemple',
      ),
    )
    .option(
      '--as-of <date>',
      t(
        'date for recency rules and decay (YYYY-MM-DD, default today)',
        'date de référence pour la récence et la décroissance (AAAA-MM-JJ, par défaut aujourd’hui)',
      ),
    )
    .option(
      '--id <column>',
      t(
        'column naming a client (default: the grid’s id, else the first column)',
        'colonne qui nomme un client (par défaut : id de la grille, sinon la première colonne)',
      ),
    )
    .option('--explain <id>', t('one client’s breakdown in words', 'le détail d’un client, en clair'))
    .option(
      '--learn <deals>',
      t(
        'won and lost deals (CSV) to learn win probabilities from (naive Bayes)',
        'affaires gagnées et perdues (CSV) dont apprendre les probabilités de gain (Bayes naïf)',
      ),
    )
    .option(
      '--fields <list>',
      t(
        'with --learn: the fields to learn from, comma-separated',
        'avec --learn : les champs à apprendre, séparés par des virgules',
      ),
    )
    .option(
      '--outcome <column>',
      t(
        'with --learn: the column saying Won / Lost (default: stage)',
        'avec --learn : la colonne Gagnée / Perdue (par défaut : stage)',
      ),
    )
    .option(
      '--write-grid <file>',
      t(
        'with --learn: write the learned weights as an editable grid',
        'avec --learn : écrire les poids appris en grille modifiable',
      ),
    );
  addCallListOptions(command, lang, {
    en: 'a grade of the grid: A, B...',
    fr: 'une note de la grille : A, B...',
  });
  addReadOptions(command, lang);
  addOutputOptions(command).action((clients: string | undefined, flags: ScoreFlags) =>
    runScore(clients, flags, ctx),
  );
}
