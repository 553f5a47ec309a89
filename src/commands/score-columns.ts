/**
 * `score`'s summary (table, Markdown) read by columns (the reader's `columnBatches`): no object and
 * no string per row. A text criterion's points are worked out once per distinct text of its column
 * (the reader interns texts), a date's once per day; the highest scores' rows are read again
 * from their bytes for their id. The same scores, counts and rows as scoring `forEachRow`'s rows
 * (test/score-columns.test.ts compares both on random files).
 */
import {
  computeRowScore,
  type GridScorer,
  type PreparedGrid,
  type ScoreTally,
} from '../core/score/compute.js';
import type { GridValue } from '../core/score/grid.js';
import type { ColumnBatch, FieldSpec, TableReader } from '../io/read-table.js';
import type { ScoredClient } from '../render/score-report.js';
import { isProspectRow } from './score.js';

/** Whether `score` can read these fields by columns: texts, numbers, dates and the status. */
export function canScoreByColumns(spec: readonly FieldSpec[]): boolean {
  return spec.every((s) => ['text', 'number', 'date', 'status'].includes(s.type) && s.unique !== true);
}

/** Days around the as-of date whose points a dated criterion keeps (one slot per day). */
const DAY_WINDOW = 4096;

/**
 * Scores every row of `table` into `tally`, keeping in `top` the `keep` highest scores (ties: the
 * earlier line first, as `byScore`), each with its breakdown-free result and its id.
 */
export async function scoreByColumns(
  table: TableReader,
  run: {
    spec: readonly FieldSpec[];
    prepared: PreparedGrid;
    scorer: GridScorer;
    asOfDay: number;
    idField: string | undefined;
    keep: number;
  },
  tally: ScoreTally,
  top: ScoredClient[],
): Promise<void> {
  const { spec, prepared, scorer, asOfDay, idField, keep } = run;
  const typeOf = new Map(spec.map((s) => [s.field, s.type]));
  const has = (f: string): boolean => table.fieldColumns.has(f);
  const hasStatus = has('status');
  // The id is read from the row's cells for the rows kept only (see idOf), unless a criterion reads it.
  const fields = [...new Set([...scorer.fields, ...(hasStatus ? ['status'] : [])])].filter(has);
  const isText = (f: string): boolean => typeOf.get(f) === 'text' || typeOf.get(f) === 'status';
  // A text matched by a pattern (an e-mail) seldom repeats, and `present` needs no text: such
  // columns are read as texts, not interned (the keys would keep every e-mail of the file).
  const rulesOf = (field: string): string[][] =>
    prepared.grid.criteria.filter((c) => c.field === field).map((c) => c.rules.map((r) => r.kind));
  const presentOnly = (kinds: string[]): boolean => kinds.length > 0 && kinds.every((k) => k === 'present');
  const asTexts = fields.filter(
    (f) =>
      typeOf.get(f) === 'text' &&
      rulesOf(f).every((kinds) => kinds.includes('pattern') || presentOnly(kinds)),
  );
  const criteria = scorer.fields.map((field, index) => ({
    field,
    index,
    present: has(field),
    text: isText(field),
    asText: asTexts.includes(field),
    /** A criterion whose rules are all `present`: one number of points for every text. */
    presentOnly: presentOnly((prepared.grid.criteria[index]?.rules ?? []).map((r) => r.kind)),
    presentPoints: Number.NaN,
    /** Per key of a text column: the points, NaN when not worked out yet. */
    byKey: new Float64Array(0),
    /** Per day from asOfDay - DAY_WINDOW / 2: the points of a date, NaN when not worked out yet. */
    byDay: new Float64Array(DAY_WINDOW).fill(Number.NaN),
  }));
  const missing = criteria.map((c) => scorer.criterionPoints(c.index, null, asOfDay));
  const points = new Float64Array(criteria.length);
  const firstDay = asOfDay - DAY_WINDOW / 2;
  /** Per status key: 1 when the row counts as a prospect, 0 when not, -1 not looked at yet. */
  let prospectOf = new Int8Array(0);
  /** The values of row `i` as the row path gives them (for a kept row's full score). */
  const valuesOf = (batch: ColumnBatch, i: number): Record<string, GridValue> => {
    const values: Record<string, GridValue> = Object.create(null) as Record<string, GridValue>;
    for (const field of fields) {
      if (asTexts.includes(field)) {
        values[field] = batch.text(field, i);
      } else if (isText(field)) {
        const key = batch.keys(field)[i] as number;
        values[field] = key < 0 ? null : (table.keyTexts(field)[key] ?? null);
      } else {
        const n = batch.numbers(field)[i] as number;
        values[field] = n === n ? n : null;
      }
    }
    return values;
  };
  const idColumn = idField === undefined ? undefined : table.fieldColumns.get(idField);
  const idOf = (batch: ColumnBatch, i: number): string => {
    const cells = table.cellsOfRow(batch, i);
    const id = idColumn === undefined ? '' : (cells[idColumn] ?? '').trim();
    return id !== '' ? id : (cells[0] ?? '');
  };
  for await (const batch of table.columnBatches(fields, { texts: asTexts })) {
    const columns = criteria.map((c) => {
      if (!c.present) return undefined;
      if (!c.text) return batch.numbers(c.field);
      if (c.asText) return batch.keys(c.field); // -1: empty; else the text is read from the row
      const keys = batch.keys(c.field);
      const texts = table.keyTexts(c.field);
      if (c.byKey.length < texts.length) {
        const grown = new Float64Array(Math.max(64, texts.length * 2)).fill(Number.NaN);
        grown.set(c.byKey);
        c.byKey = grown;
      }
      return keys;
    });
    const statuses = hasStatus ? batch.keys('status') : undefined;
    const statusTexts = hasStatus ? table.keyTexts('status') : [];
    if (prospectOf.length < statusTexts.length) {
      const grown = new Int8Array(statusTexts.length * 2 + 8).fill(-1);
      grown.set(prospectOf);
      prospectOf = grown;
    }
    for (let i = 0; i < batch.length; i++) {
      for (let c = 0; c < criteria.length; c++) {
        const criterion = criteria[c] as (typeof criteria)[number];
        const column = columns[c];
        let p: number;
        if (column === undefined) {
          p = missing[c] as number;
        } else if (criterion.asText) {
          if ((column[i] as number) === -1) {
            p = missing[c] as number;
          } else if (criterion.presentOnly && criterion.presentPoints === criterion.presentPoints) {
            p = criterion.presentPoints;
          } else {
            p = scorer.criterionPoints(c, batch.text(criterion.field, i), asOfDay);
            if (criterion.presentOnly) criterion.presentPoints = p;
          }
        } else if (criterion.text) {
          const key = column[i] as number;
          if (key < 0) {
            p = missing[c] as number;
          } else {
            p = criterion.byKey[key] as number;
            if (p !== p) {
              p = scorer.criterionPoints(c, table.keyTexts(criterion.field)[key] ?? null, asOfDay);
              criterion.byKey[key] = p;
            }
          }
        } else {
          const n = column[i] as number;
          if (n !== n) {
            p = missing[c] as number;
          } else {
            const day = n - firstDay;
            if (day >= 0 && day < DAY_WINDOW && Number.isInteger(day)) {
              p = criterion.byDay[day] as number;
              if (p !== p) p = criterion.byDay[day] = scorer.criterionPoints(c, n, asOfDay);
            } else {
              p = scorer.criterionPoints(c, n, asOfDay);
            }
          }
        }
        points[c] = p;
      }
      const score = scorer.total(points);
      let prospect = true;
      if (statuses !== undefined) {
        const s = statuses[i] as number;
        if (s < 0) prospect = isProspectRow(null, true);
        else {
          let known = prospectOf[s] as number;
          if (known < 0) known = prospectOf[s] = isProspectRow(statusTexts[s] ?? null, true) ? 1 : 0;
          prospect = known === 1;
        }
      }
      tally.add(score, scorer.gradeIndex(score), prospect);
      // Rows come in line order: a row that ties the lowest kept score stays out (as byScore).
      if (top.length < keep || score > (top[keep - 1] as ScoredClient).result.score) {
        const result = computeRowScore(prepared, valuesOf(batch, i), asOfDay);
        const client: ScoredClient = {
          id: idOf(batch, i),
          line: batch.lines[i] as number,
          result: { ...result, breakdown: [], groups: [] },
        };
        if (top.length < keep) top.push(client);
        else top[keep - 1] = client;
        top.sort((a, b) => b.result.score - a.result.score || a.line - b.line);
      }
    }
  }
}
