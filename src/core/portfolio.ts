/**
 * The portfolio's three dimensions (DOMAIN.md section 6, seed 002): how many clients or projects,
 * their potential in euros, and the relationship quality or win probability. Potential x
 * probability = expected value.
 */
import type { DealOutcome } from './deal-outcome.js';
import { computeCents } from './money.js';
import { computePlan, type PlanParameters, type PlanResult, type RoundingMode } from './plan.js';
import { normaliseText } from './score/grid.js';

export interface PortfolioRow {
  /** Potential in euros (>= 0). */
  potential: number;
  /** Probability or relationship quality as a fraction (0..1). */
  probability: number;
  /** The values of the `--by` fields, in order (empty without grouping; '' for an empty cell). */
  key: string[];
  /** The deal's outcome when the file has an outcome column; open otherwise. */
  outcome?: DealOutcome;
}

export interface PortfolioGroup {
  key: string[];
  count: number;
  potential: number;
  /** Average probability weighted by potential = expected value / potential; null when potential is 0. */
  probability: number | null;
  expectedValue: number;
  /** Share of the portfolio's expected value (0..1); 0 when the portfolio's expected value is 0. */
  share: number;
}

export interface PortfolioResult {
  total: PortfolioGroup;
  /** Groups, largest expected value first (ties by key). */
  groups: PortfolioGroup[];
  /** Won and lost deals: count and potential (amount), whether or not `included` sums them in. */
  closed: { won: { count: number; potential: number }; lost: { count: number; potential: number } };
  /** The outcomes summed into the expected value (open always). */
  included: DealOutcome[];
}

/**
 * Sums a portfolio per group: count, total potential, expected value (sum of potential x
 * probability), average probability weighted by potential (expected value / potential) and the
 * group's share of the whole expected value. Shares sum to 1 when the expected value is positive.
 *
 * The expected value is that of the open pipeline (DOMAIN.md section 8): won deals are revenue
 * already and lost deals are worth 0, so both are counted apart unless `include` names them.
 * Group keys are compared as `score` compares texts (case, accents and spaces ignored) and shown
 * in their most frequent spelling (ties: the first seen); an empty key is a group of its own, so
 * the groups always add up to the total.
 *
 * @example rows (10 000, 50 %) and (20 000, 25 %): potential 30 000, expected value 10 000,
 * weighted probability 33.3 %
 */
export function computePortfolio(
  rows: Iterable<PortfolioRow>,
  include: readonly DealOutcome[] = [],
): PortfolioResult {
  const tally = createPortfolioTally(include);
  for (const row of rows) tally.add(row);
  return tally.result();
}

/** `computePortfolio` a row at a time: `add` each row as it is read, then `result` once. */
export interface PortfolioTally {
  add(row: PortfolioRow): void;
  result(): PortfolioResult;
}

/**
 * The sums of `computePortfolio` kept as rows come (the same additions in the same order), so
 * that a file of a million deals needs memory for its groups, not its rows.
 *
 * @example const t = createPortfolioTally(); t.add({ potential: 10000, probability: 0.5, key: [] }); t.result().total.expectedValue // 5000
 */
export function createPortfolioTally(include: readonly DealOutcome[] = []): PortfolioTally {
  const included = new Set<DealOutcome>(['open', ...include]);
  const closed = { won: { count: 0, potential: 0 }, lost: { count: 0, potential: 0 } };
  const groups = new Map<string, PortfolioGroup>();
  // Per group and field, how often each spelling occurs (a Map keeps the first seen first).
  const spellings = new Map<string, Map<string, number>[]>();
  const total: PortfolioGroup = {
    key: [],
    count: 0,
    potential: 0,
    probability: null,
    expectedValue: 0,
    share: 1,
  };
  const add = (row: PortfolioRow): void => {
    const outcome = row.outcome ?? 'open';
    if (outcome !== 'open') {
      const c = outcome === 'won' ? closed.won : closed.lost;
      c.count++;
      c.potential = (computeCents(c.potential) + computeCents(row.potential)) / 100;
    }
    if (!included.has(outcome)) return;
    const id = JSON.stringify(row.key.map((k) => normaliseText(k)));
    let g = groups.get(id);
    if (!g) {
      g = { key: [...row.key], count: 0, potential: 0, probability: null, expectedValue: 0, share: 0 };
      groups.set(id, g);
      spellings.set(
        id,
        row.key.map(() => new Map()),
      );
    }
    (spellings.get(id) as Map<string, number>[]).forEach((m, i) => {
      const k = (row.key[i] as string).trim().replace(/\s+/g, ' ');
      m.set(k, (m.get(k) ?? 0) + 1);
    });
    const ev = row.potential * row.probability;
    for (const target of [g, total]) {
      target.count++;
      // In whole cents (docs/numbers.md): the potentials are amounts.
      target.potential = (computeCents(target.potential) + computeCents(row.potential)) / 100;
      target.expectedValue += ev;
    }
  };
  const finish = (g: PortfolioGroup): void => {
    g.probability = g.potential > 0 ? g.expectedValue / g.potential : null;
    g.share = total.expectedValue > 0 ? g.expectedValue / total.expectedValue : 0;
  };
  const result = (): PortfolioResult => {
    finish(total);
    for (const [id, g] of groups) {
      g.key = (spellings.get(id) as Map<string, number>[]).map((m) => {
        let best = '';
        let most = 0;
        for (const [k, n] of m) if (n > most) [best, most] = [k, n];
        return best;
      });
    }
    const list = [...groups.values()];
    list.forEach(finish);
    list.sort(
      (a, b) => b.expectedValue - a.expectedValue || a.key.join('\u0000').localeCompare(b.key.join('\u0000')),
    );
    return { total, groups: list, closed, included: [...included] };
  };
  return { add, result };
}

export interface ObjectiveGap {
  objective: number;
  expectedValue: number;
  /** objective - expected value; 0 or less means the portfolio covers the objective. */
  gap: number;
  covered: boolean;
  /** The effort to close the gap, in plan terms (objective = the gap); absent when covered. */
  plan?: PlanResult;
}

/**
 * The gap between an objective and the portfolio's expected value, and what closing it takes:
 * the plan of seed 001 (computePlan) with the gap as its objective and the other parameters given.
 *
 * @example objective 60 000, expected value 13 000: gap 47 000 -> 47 000 / 20 000 = 2.35 -> 3 deals
 */
export function computeObjectiveGap(
  objective: number,
  expectedValue: number,
  parameters: Omit<PlanParameters, 'objective'>,
  rounding: RoundingMode = 'up',
): ObjectiveGap {
  const gap = objective - expectedValue;
  if (gap <= 1e-9) return { objective, expectedValue, gap, covered: true };
  return {
    objective,
    expectedValue,
    gap,
    covered: false,
    plan: computePlan({ ...parameters, objective: gap }, rounding),
  };
}
