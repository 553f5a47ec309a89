import { TRACK_STAGES, type TrackCounts, type TrackStage } from '../core/track.js';
import type { Context } from './context.js';
import { openTable, type FieldSpec, type ReadOptions } from './read-table.js';

/**
 * A simple actuals file: one row per date (a day, a week...) with counts done on that date, in any
 * of the columns contacts, prospects, activeProspects (or "active prospects"), proposals, deals,
 * revenue, and optionally spontaneous. Only the columns present are tracked.
 */
export const ACTUALS_FIELDS: readonly FieldSpec[] = [
  { field: 'date', type: 'date', required: true },
  ...TRACK_STAGES.map((stage) => ({ field: stage, type: 'number' as const })),
  { field: 'spontaneous', type: 'number' },
];

export interface ActualsFromFile {
  actuals: TrackCounts;
  spontaneous: number;
  /** The stages the file has a column for. */
  stages: TrackStage[];
}

/** Sums the rows dated from `startDay` to `asOfDay` (both included); later rows are left out. */
export async function readActualsFile(
  path: string,
  options: ReadOptions,
  startDay: number,
  asOfDay: number,
  ctx: Context,
): Promise<ActualsFromFile> {
  const table = await openTable(path, ACTUALS_FIELDS, { ...options, kind: 'actuals' }, ctx.io);
  const stages = TRACK_STAGES.filter((stage) => table.fieldColumns.has(stage));
  const actuals: TrackCounts = {
    contacts: 0,
    prospects: 0,
    activeProspects: 0,
    proposals: 0,
    deals: 0,
    revenue: 0,
  };
  let spontaneous = 0;
  for await (const row of table.rows()) {
    const day = row.values.date;
    if (typeof day !== 'number' || day < startDay || day > asOfDay) continue;
    for (const stage of stages) {
      const value = row.values[stage];
      if (typeof value === 'number') actuals[stage] += value;
    }
    if (typeof row.values.spontaneous === 'number') spontaneous += row.values.spontaneous;
  }
  table.finish(ctx);
  return { actuals, spontaneous, stages };
}
