/**
 * Learned scoring (issue 5): naive Bayes on won and lost deals, the method of Odoo's predictive
 * lead scoring (addons/crm/models/crm_lead.py, `_pls_get_naive_bayes_probabilities`): per field
 * and value, the counts of won and lost deals, each plus a small smoothing (Odoo adds 0.1);
 * P(value | won) = won count / sum of the field's won counts (likewise for lost); the win
 * probability of an open deal is
 *
 *   P(won) x prod P(v | won) / (P(won) x prod P(v | won) + P(lost) x prod P(v | lost))
 *
 * over the fields whose value was seen in the history (unseen or empty values carry no evidence),
 * with P(won) = won / (won + lost), clamped to 0.01 %..99.99 % as Odoo does.
 */
import { normaliseText, type Criterion, type Grid } from './score/grid.js';

export type Outcome = 'won' | 'lost' | 'open';

export interface LearnRow {
  outcome: Outcome;
  /** field -> value (null or blank when empty). */
  values: Record<string, string | null>;
}

export interface ValueCounts {
  /** The value as first seen in the file. */
  label: string;
  /** Smoothed counts (raw count + smoothing). */
  won: number;
  lost: number;
}

export interface FieldTable {
  field: string;
  /** Normalised value -> counts. */
  values: Map<string, ValueCounts>;
  wonTotal: number;
  lostTotal: number;
}

export interface NaiveBayesModel {
  fields: string[];
  won: number;
  lost: number;
  smoothing: number;
  tables: FieldTable[];
}

/** Odoo's additive smoothing. */
export const DEFAULT_SMOOTHING = 0.1;

const MIN_PROBABILITY = 0.0001;
const MAX_PROBABILITY = 0.9999;

function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.trim() === '' ? null : value.trim();
}

/**
 * Builds the frequency tables from the won and lost rows (open rows are ignored). Values are
 * compared case and accent insensitive. Each (value, outcome) count gets `smoothing` added, so a
 * value never seen among won deals still has a small, non-zero likelihood.
 *
 * @throws RangeError when there is no won or no lost deal (no probability can be learned).
 */
export function computeNaiveBayesModel(
  rows: Iterable<LearnRow>,
  fields: readonly string[],
  smoothing = DEFAULT_SMOOTHING,
): NaiveBayesModel {
  let won = 0;
  let lost = 0;
  const raw = fields.map(() => new Map<string, { label: string; won: number; lost: number }>());
  for (const row of rows) {
    if (row.outcome === 'open') continue;
    if (row.outcome === 'won') won++;
    else lost++;
    fields.forEach((field, i) => {
      const value = clean(row.values[field]);
      if (value === null) return;
      const key = normaliseText(value);
      const table = raw[i];
      if (!table) return;
      const counts = table.get(key) ?? { label: value, won: 0, lost: 0 };
      counts[row.outcome as 'won' | 'lost']++;
      table.set(key, counts);
    });
  }
  if (won === 0 || lost === 0) {
    throw new RangeError(`naive Bayes needs won and lost deals; found ${won} won and ${lost} lost`);
  }
  const tables = fields.map((field, i) => {
    const values = new Map<string, ValueCounts>();
    let wonTotal = 0;
    let lostTotal = 0;
    for (const [key, c] of raw[i] ?? []) {
      const counts = { label: c.label, won: c.won + smoothing, lost: c.lost + smoothing };
      values.set(key, counts);
      wonTotal += counts.won;
      lostTotal += counts.lost;
    }
    return { field, values, wonTotal, lostTotal };
  });
  return { fields: [...fields], won, lost, smoothing, tables };
}

export interface Evidence {
  field: string;
  value: string;
  pWon: number;
  pLost: number;
  /** ln(P(v | won) / P(v | lost)): above 0 pushes towards a win. */
  weight: number;
}

/**
 * The win probability of one deal or prospect, with the evidence of each field used.
 *
 * @example with won {Industrie: 3, Commerce: 1} and lost {Industrie: 1, Commerce: 3}, smoothing
 * 0.1: P(won | Industrie) = 3.1/4.2 / (3.1/4.2 + 1.1/4.2) = 0.738
 */
export function computeWinProbability(
  model: NaiveBayesModel,
  values: Record<string, string | null>,
): { probability: number; evidence: Evidence[] } {
  let logWon = Math.log(model.won / (model.won + model.lost));
  let logLost = Math.log(model.lost / (model.won + model.lost));
  const evidence: Evidence[] = [];
  for (const table of model.tables) {
    const value = clean(values[table.field]);
    if (value === null) continue;
    const counts = table.values.get(normaliseText(value));
    if (!counts) continue;
    const pWon = counts.won / table.wonTotal;
    const pLost = counts.lost / table.lostTotal;
    logWon += Math.log(pWon);
    logLost += Math.log(pLost);
    evidence.push({ field: table.field, value: counts.label, pWon, pLost, weight: Math.log(pWon / pLost) });
  }
  // p = 1 / (1 + exp(logLost - logWon)), computed in logs so that many fields do not underflow
  const probability = 1 / (1 + Math.exp(logLost - logWon));
  return { probability: Math.min(MAX_PROBABILITY, Math.max(MIN_PROBABILITY, probability)), evidence };
}

/**
 * Every (field, value) with its weight ln(P(v | won) / P(v | lost)) and raw counts, strongest
 * first (by absolute weight; ties by field, then value).
 */
export function computeValueWeights(
  model: NaiveBayesModel,
): (Evidence & { wonCount: number; lostCount: number })[] {
  const out: (Evidence & { wonCount: number; lostCount: number })[] = [];
  for (const table of model.tables) {
    for (const counts of table.values.values()) {
      const pWon = counts.won / table.wonTotal;
      const pLost = counts.lost / table.lostTotal;
      out.push({
        field: table.field,
        value: counts.label,
        pWon,
        pLost,
        weight: Math.log(pWon / pLost),
        wonCount: Math.round((counts.won - model.smoothing) * 1e9) / 1e9,
        lostCount: Math.round((counts.lost - model.smoothing) * 1e9) / 1e9,
      });
    }
  }
  return out.sort(
    (a, b) =>
      Math.round((Math.abs(b.weight) - Math.abs(a.weight)) * 1e9) ||
      a.field.localeCompare(b.field) ||
      a.value.localeCompare(b.value),
  );
}

/** Points per unit of log-likelihood ratio in an exported grid. */
export const POINTS_PER_LOG_UNIT = 10;

/**
 * The model as an editable scoring grid: one criterion per field, one `equals` rule per value
 * seen, points = round(10 x ln(P(v | won) / P(v | lost))), values with 0 points left out. A score
 * is then about 10 x the log of how much the deal's values multiply its odds of winning: grade A
 * from 10 (odds x 2.7 or more), B from 0, C below.
 */
export function buildGridFromModel(model: NaiveBayesModel): Grid {
  const criteria: Criterion[] = [];
  for (const table of model.tables) {
    const rules = [...table.values.values()]
      .map((c) => ({
        label: c.label,
        points: Math.round(
          POINTS_PER_LOG_UNIT * Math.log(c.won / table.wonTotal / (c.lost / table.lostTotal)),
        ),
      }))
      .filter((r) => r.points !== 0)
      .sort((a, b) => b.points - a.points || a.label.localeCompare(b.label))
      .map((r) => ({ kind: 'equals' as const, values: [r.label], points: r.points }));
    if (rules.length > 0)
      criteria.push({ name: table.field, field: table.field, type: 'text', missing: 0, rules });
  }
  return {
    criteria,
    groups: {},
    grades: [
      { name: 'A', min: 10 },
      { name: 'B', min: 0 },
    ],
    otherwise: 'C',
  };
}
