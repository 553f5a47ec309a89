import { TRACK_STAGES, type TrackCounts, type TrackStage } from '../core/track.js';
import { formatIsoDay } from '../core/calendar.js';
import { formatSentenceDate, type Texts } from '../i18n.js';
import type { Context } from './context.js';
import { openInput } from './open-input.js';
import type { FieldSpec, ReadOptions } from './read-table.js';

/**
 * A simple actuals file: one row per date (a day, a week...) with counts done on that date, in any
 * of the columns contacts, prospects, activeProspects (or "active prospects"), proposals, deals,
 * revenue, and optionally spontaneous. Only the columns present are tracked.
 */
export const ACTUALS_FIELDS: readonly FieldSpec[] = [
  { field: 'date', type: 'date', required: true },
  ...TRACK_STAGES.map((stage) => ({ field: stage, type: 'number' as const })),
  { field: 'spontaneous', type: 'number' },
  { field: 'owner', type: 'text' },
];

export interface ActualsFromFile {
  actuals: TrackCounts;
  spontaneous: number;
  /** The stages the file has a column for. */
  stages: TrackStage[];
  /** Rows dated before the start or after the end of the period: not counted. */
  outsidePeriod: number;
  /** Rows dated in the period but after the as-of date: not counted yet. */
  afterAsOf: number;
  /** Whether the file has an owner column (`track --by owner`). */
  hasOwner: boolean;
  /**
   * The counted rows' sums per owner as written (trimmed; null for a row without one), in the
   * order first met; they add up to `actuals`.
   */
  byOwner: Map<string | null, { actuals: TrackCounts; spontaneous: number; rows: number }>;
}

/**
 * Sums the rows dated from `startDay` to the earlier of `asOfDay` and `endDay` (both included).
 * Rows dated outside the period, or after the as-of date, are set aside: not used, counted and
 * named in the reading note.
 */
export async function readActualsFile(
  path: string,
  options: ReadOptions,
  startDay: number,
  endDay: number,
  asOfDay: number,
  ctx: Context,
): Promise<ActualsFromFile> {
  const { table } = await openInput(ctx, {
    kind: 'actuals',
    file: path,
    fields: {
      required: ACTUALS_FIELDS.filter((f) => f.required),
      wanted: ACTUALS_FIELDS.filter((f) => !f.required),
    },
    options,
  });
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
  let outsidePeriod = 0;
  let afterAsOf = 0;
  const byOwner: ActualsFromFile['byOwner'] = new Map();
  const from = formatIsoDay(startDay);
  const to = formatIsoDay(endDay);
  const outside: Texts = {
    en: `dated outside the period ${formatSentenceDate(from, 'en')} – ${formatSentenceDate(to, 'en')}`,
    fr: `hors de la période du ${formatSentenceDate(from, 'fr')} au ${formatSentenceDate(to, 'fr')}`,
  };
  const later: Texts = {
    en: `dated after the as-of date ${formatSentenceDate(formatIsoDay(asOfDay), 'en')}`,
    fr: `après la date du suivi, le ${formatSentenceDate(formatIsoDay(asOfDay), 'fr')}`,
  };
  for await (const row of table.rows()) {
    const day = row.values.date;
    if (typeof day !== 'number') continue;
    if (day < startDay || day > endDay) {
      outsidePeriod++;
      table.setAside(row, outside);
      continue;
    }
    if (day > asOfDay) {
      afterAsOf++;
      table.setAside(row, later);
      continue;
    }
    const rawOwner = row.values.owner;
    const owner = typeof rawOwner === 'string' && rawOwner.trim() !== '' ? rawOwner.trim() : null;
    let own = byOwner.get(owner);
    if (own === undefined) {
      own = {
        actuals: { contacts: 0, prospects: 0, activeProspects: 0, proposals: 0, deals: 0, revenue: 0 },
        spontaneous: 0,
        rows: 0,
      };
      byOwner.set(owner, own);
    }
    own.rows++;
    for (const stage of stages) {
      const value = row.values[stage];
      if (typeof value === 'number') {
        actuals[stage] += value;
        own.actuals[stage] += value;
      }
    }
    if (typeof row.values.spontaneous === 'number') {
      spontaneous += row.values.spontaneous;
      own.spontaneous += row.values.spontaneous;
    }
  }
  table.finish(ctx);
  const hasOwner = table.fieldColumns.has('owner');
  return { actuals, spontaneous, stages, outsidePeriod, afterAsOf, hasOwner, byOwner };
}
