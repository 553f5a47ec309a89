/**
 * The portfolio's three dimensions (DOMAIN.md section 6, seed 002): how many clients or projects,
 * their potential in euros, and the relationship quality or win probability. Potential x
 * probability = expected value.
 */
import { computeCents } from './money.js';
import { computePlan, type PlanParameters, type PlanResult, type RoundingMode } from './plan.js';

export interface PortfolioRow {
  /** Potential in euros (>= 0). */
  potential: number;
  /** Probability or relationship quality as a fraction (0..1). */
  probability: number;
  /** The values of the `--by` fields, in order (empty without grouping). */
  key: string[];
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
}

/**
 * Sums a portfolio per group: count, total potential, expected value (sum of potential x
 * probability), average probability weighted by potential (expected value / potential) and the
 * group's share of the whole expected value. Shares sum to 1 when the expected value is positive.
 *
 * @example rows (10 000, 50 %) and (20 000, 25 %): potential 30 000, expected value 10 000,
 * weighted probability 33.3 %
 */
export function computePortfolio(rows: Iterable<PortfolioRow>): PortfolioResult {
  const groups = new Map<string, PortfolioGroup>();
  const total: PortfolioGroup = {
    key: [],
    count: 0,
    potential: 0,
    probability: null,
    expectedValue: 0,
    share: 1,
  };
  for (const row of rows) {
    const id = JSON.stringify(row.key);
    let g = groups.get(id);
    if (!g) {
      g = { key: [...row.key], count: 0, potential: 0, probability: null, expectedValue: 0, share: 0 };
      groups.set(id, g);
    }
    const ev = row.potential * row.probability;
    for (const target of [g, total]) {
      target.count++;
      // In whole cents (docs/numbers.md): the potentials are amounts.
      target.potential = (computeCents(target.potential) + computeCents(row.potential)) / 100;
      target.expectedValue += ev;
    }
  }
  const finish = (g: PortfolioGroup): void => {
    g.probability = g.potential > 0 ? g.expectedValue / g.potential : null;
    g.share = total.expectedValue > 0 ? g.expectedValue / total.expectedValue : 0;
  };
  finish(total);
  const list = [...groups.values()];
  list.forEach(finish);
  list.sort(
    (a, b) => b.expectedValue - a.expectedValue || a.key.join('\u0000').localeCompare(b.key.join('\u0000')),
  );
  return { total, groups: list };
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
