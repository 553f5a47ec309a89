import {
  computeDecayFactor,
  prepareRule,
  type Criterion,
  type Grid,
  type GridValue,
  type Maturity,
  type PreparedRule,
} from './grid.js';

/** The points one criterion gave one row. */
export interface CriterionPoints {
  criterion: string;
  field: string;
  /** The value read (a date as a day number), null when empty. */
  value: GridValue;
  /** Index of the rule that matched; -1 for none, `missing` when the value was empty. */
  rule: number | 'missing';
  /** Points of the rule before decay. */
  basePoints: number;
  /** Decay factor applied (1 without decay). */
  decay: number;
  /** Points after decay, before any cap. */
  points: number;
  group?: string;
}

export interface GroupPoints {
  group: string;
  /** Sum of the group's criteria. */
  sum: number;
  /** The sum after the group's cap. */
  points: number;
  capped: boolean;
}

export interface RowScore {
  breakdown: CriterionPoints[];
  groups: GroupPoints[];
  /** Sum after group caps, before the total cap. */
  uncapped: number;
  /** The score: after group caps and the total cap. */
  score: number;
  /** The score on 0-100 between the grid's minimum and maximum possible scores. */
  score100: number;
  grade: string;
  maturity?: Maturity;
}

export interface ScoreBounds {
  min: number;
  max: number;
}

/** A grid ready to score many rows: rules prepared once. */
export interface PreparedGrid {
  grid: Grid;
  rules: PreparedRule[][];
  bounds: ScoreBounds;
}

function capAt(value: number, cap: number | undefined): number {
  return cap === undefined ? value : Math.min(value, cap);
}

/**
 * The lowest and highest points a criterion can give: over its rules' points, its `missing`
 * points and 0 (a value no rule matches). Decay only shrinks points towards 0, which is already in.
 */
export function computeCriterionBounds(criterion: Criterion): ScoreBounds {
  const options = [0, criterion.missing, ...criterion.rules.map((r) => r.points)];
  return { min: Math.min(...options), max: Math.max(...options) };
}

/**
 * The minimum and maximum possible scores of a grid: per criterion the bounds above, summed per
 * group and capped by the group's cap, then summed and capped by the total cap. Caps are upper
 * limits, so they apply to both bounds (min(sum, cap)).
 *
 * @example a grid with one criterion (rules 10 and -5, missing 0) and no caps: { min: -5, max: 10 }
 */
export function computeScoreBounds(grid: Grid): ScoreBounds {
  const perGroup = new Map<string, ScoreBounds>();
  let min = 0;
  let max = 0;
  for (const c of grid.criteria) {
    const b = computeCriterionBounds(c);
    if (c.group === undefined) {
      min += b.min;
      max += b.max;
    } else {
      const g = perGroup.get(c.group) ?? { min: 0, max: 0 };
      perGroup.set(c.group, { min: g.min + b.min, max: g.max + b.max });
    }
  }
  for (const [name, b] of perGroup) {
    const cap = grid.groups[name]?.cap;
    min += capAt(b.min, cap);
    max += capAt(b.max, cap);
  }
  return { min: capAt(min, grid.totalCap), max: capAt(max, grid.totalCap) };
}

/** Prepares a grid for scoring: compiles its rules and computes its bounds. */
export function prepareGrid(grid: Grid): PreparedGrid {
  return {
    grid,
    rules: grid.criteria.map((c) => c.rules.map(prepareRule)),
    bounds: computeScoreBounds(grid),
  };
}

/**
 * The grade of a score: the first threshold (highest first) with score >= min, else `otherwise`.
 *
 * @example computeGrade(55, [{ name: 'A', min: 70 }, { name: 'B', min: 40 }], 'C') // 'B'
 */
export function computeGrade(score: number, grades: Grid['grades'], otherwise: string): string {
  for (const g of grades) if (score >= g.min - 1e-9) return g.name;
  return otherwise;
}

/** A score on 0-100 between the bounds (0 when the grid cannot tell rows apart: max = min). */
export function computeScore100(score: number, bounds: ScoreBounds): number {
  const span = bounds.max - bounds.min;
  if (span <= 0) return 0;
  return Math.min(100, Math.max(0, ((score - bounds.min) / span) * 100));
}

/**
 * Scores one row against a prepared grid. Per criterion: an empty value (null or blank text)
 * gives the criterion's `missing` points; otherwise the first matching rule gives its points
 * (0 if none), multiplied by 0.5 ^ (age / half-life) when the criterion decays (age = as-of day -
 * the date). Points are summed per group and capped by the group's cap; the groups and the
 * ungrouped criteria are summed and capped by the total cap. Then the grade and maturity.
 *
 * @param values field -> value (dates as day numbers since 1970-01-01)
 * @param asOfDay the as-of date as a day number (for `within` rules and decay)
 */
export function computeRowScore(
  prepared: PreparedGrid,
  values: Record<string, GridValue>,
  asOfDay: number,
): RowScore {
  const { grid } = prepared;
  const breakdown: CriterionPoints[] = [];
  const groupSums = new Map<string, number>();
  let ungrouped = 0;
  grid.criteria.forEach((c, i) => {
    const raw = values[c.field] ?? null;
    const value = typeof raw === 'string' && raw.trim() === '' ? null : raw;
    let rule: CriterionPoints['rule'] = -1;
    let basePoints = 0;
    let decay = 1;
    if (value === null) {
      rule = 'missing';
      basePoints = c.missing;
    } else {
      const rules = prepared.rules[i] ?? [];
      const index = rules.findIndex((r) => r.test(value, asOfDay));
      if (index >= 0) {
        rule = index;
        basePoints = rules[index]?.rule.points ?? 0;
        if (c.decay && typeof value === 'number') {
          decay = computeDecayFactor(value, asOfDay, c.decay.halfLifeDays);
        }
      }
    }
    const points = basePoints * decay;
    breakdown.push({
      criterion: c.name,
      field: c.field,
      value,
      rule,
      basePoints,
      decay,
      points,
      ...(c.group !== undefined ? { group: c.group } : {}),
    });
    if (c.group === undefined) ungrouped += points;
    else groupSums.set(c.group, (groupSums.get(c.group) ?? 0) + points);
  });
  const groups: GroupPoints[] = [];
  let uncapped = ungrouped;
  for (const [group, sum] of groupSums) {
    const points = capAt(sum, grid.groups[group]?.cap);
    groups.push({ group, sum, points, capped: points < sum });
    uncapped += points;
  }
  const score = capAt(uncapped, grid.totalCap);
  const grade = computeGrade(score, grid.grades, grid.otherwise);
  const maturity = grid.maturity?.[grade];
  return {
    breakdown,
    groups,
    uncapped,
    score,
    score100: computeScore100(score, prepared.bounds),
    grade,
    ...(maturity ? { maturity } : {}),
  };
}

export interface ScoreSummary {
  count: number;
  /** Grade -> count, in the grid's order (thresholds, then `otherwise`). */
  perGrade: { grade: string; count: number; share: number }[];
  /** Maturity -> count of prospects (clients left out), when the grid maps grades to maturity. */
  perMaturity?: Record<Maturity, number>;
  /** The rows that count as prospects: all rows, or only prospects and leads with a status. */
  prospects: number;
  /** Actives / all graded prospects (seed 001's accessibility rate), when maturity is mapped. */
  accessibilityRate?: number;
  mean: number;
}

/**
 * Counts per grade (and per maturity), the mean score, and the accessibility rate of seed 001:
 * the share of graded prospects whose maturity is `active` (actives / all prospects). Only rows
 * with `prospect` not false count for maturity and the rate: a client is not a prospect (DOMAIN.md
 * section 8; `segment` does the same). Without a maturity mapping there is no rate. With no
 * prospect the rate is undefined (0 / 0).
 *
 * @example computeScoreSummary(grid, [{ score: 80, grade: 'A' }, { score: 90, grade: 'A', prospect: false }])
 *   // A is active: accessibility 1 / 1 (the client is graded, not counted as a prospect)
 */
export function computeScoreSummary(
  grid: Grid,
  scores: readonly { score: number; grade: string; prospect?: boolean }[],
): ScoreSummary {
  const names = [...grid.grades.map((g) => g.name), grid.otherwise];
  const counts = new Map<string, number>(names.map((n) => [n, 0]));
  const prospectCounts = new Map<string, number>(names.map((n) => [n, 0]));
  let total = 0;
  let prospects = 0;
  for (const s of scores) {
    counts.set(s.grade, (counts.get(s.grade) ?? 0) + 1);
    total += s.score;
    if (s.prospect === false) continue;
    prospects++;
    prospectCounts.set(s.grade, (prospectCounts.get(s.grade) ?? 0) + 1);
  }
  const count = scores.length;
  const perGrade = [...counts].map(([grade, n]) => ({ grade, count: n, share: count ? n / count : 0 }));
  const summary: ScoreSummary = { count, perGrade, prospects, mean: count ? total / count : 0 };
  if (grid.maturity) {
    const perMaturity: Record<Maturity, number> = { active: 0, latent: 0, arid: 0 };
    for (const [grade, n] of prospectCounts) {
      const m = grid.maturity[grade];
      if (m) perMaturity[m] += n;
    }
    summary.perMaturity = perMaturity;
    if (prospects > 0) summary.accessibilityRate = perMaturity.active / prospects;
  }
  return summary;
}

/**
 * The accessibility rate from maturities already assigned (e.g. a scored CSV's `maturity` column):
 * actives / all rows with a maturity. Undefined when no row has one.
 *
 * @example computeAccessibilityRate(['active', 'arid', 'latent', 'arid']) // 0.25
 */
export function computeAccessibilityRate(maturities: readonly (Maturity | null)[]): number | undefined {
  let all = 0;
  let active = 0;
  for (const m of maturities) {
    if (m === null) continue;
    all++;
    if (m === 'active') active++;
  }
  return all === 0 ? undefined : active / all;
}

/**
 * A histogram of scores: `bins` equal-width bins from `min` to `max` (the last bin closed), the
 * count in each. Scores outside the range go to the nearest end bin.
 */
export function computeHistogram(
  scores: readonly number[],
  min: number,
  max: number,
  bins = 10,
): { from: number; to: number; count: number }[] {
  const width = max > min ? (max - min) / bins : 1;
  const out = Array.from({ length: bins }, (_, i) => ({
    from: min + i * width,
    to: min + (i + 1) * width,
    count: 0,
  }));
  for (const s of scores) {
    const index = Math.min(bins - 1, Math.max(0, Math.floor((s - min) / width + 1e-9)));
    const bin = out[index];
    if (bin) bin.count++;
  }
  return out;
}

/**
 * A grid compiled to score many rows fast, without the per-criterion breakdown: each criterion
 * becomes one function of the row, and groups become slots of an array. `score` gives the same
 * number as `computeRowScore(...).score` (the same additions in the same order: criteria in the
 * grid's order, groups in the order of their first criterion), `gradeIndex` the index of the
 * grade in `gradeNames` (the thresholds, then `otherwise`).
 *
 * @example const s = compileGridScorer(prepareGrid(grid)); s.gradeNames[s.gradeIndex(s.score(row, asOf))]
 */
export interface GridScorer {
  score(values: Record<string, GridValue>, asOfDay: number): number;
  gradeIndex(score: number): number;
  /** The grades' names, thresholds first, then `otherwise`. */
  gradeNames: readonly string[];
  /** The maturity of each grade of `gradeNames` (undefined where the grid maps none). */
  gradeMaturity: readonly (Maturity | undefined)[];
  /** A score on 0-100 between the grid's bounds, as `computeScore100`. */
  score100(score: number): number;
  /** The field each criterion reads, in the grid's order. */
  fields: readonly string[];
  /** The points criterion `index` gives `value` (an empty value: its `missing` points), after
   * decay, before any cap: what `score` adds for it. */
  criterionPoints(index: number, value: GridValue, asOfDay: number): number;
  /** The score of a row from each criterion's points (`criterionPoints`, in the grid's order):
   * `score` is `total` of its criteria's points, the same additions in the same order. */
  total(points: ArrayLike<number>): number;
}

/** Compiles a prepared grid into a `GridScorer` (see there). */
export function compileGridScorer(prepared: PreparedGrid): GridScorer {
  const { grid, bounds } = prepared;
  const groupNames: string[] = [];
  const criteria = grid.criteria.map((c, i) => {
    let slot = -1;
    if (c.group !== undefined) {
      slot = groupNames.indexOf(c.group);
      if (slot < 0) slot = groupNames.push(c.group) - 1;
    }
    const rules = prepared.rules[i] ?? [];
    return {
      field: c.field,
      slot,
      missing: c.missing,
      tests: rules.map((r) => r.test),
      points: rules.map((r) => r.rule.points),
      halfLifeDays: c.decay?.halfLifeDays,
    };
  });
  const caps = groupNames.map((g) => grid.groups[g]?.cap);
  const sums = new Float64Array(groupNames.length);
  const totalCap = grid.totalCap;
  const thresholds = grid.grades.map((g) => g.min - 1e-9);
  const gradeNames = [...grid.grades.map((g) => g.name), grid.otherwise];
  const row = new Float64Array(criteria.length);
  const criterionPoints = (index: number, raw: GridValue, asOfDay: number): number => {
    const c = criteria[index] as (typeof criteria)[number];
    if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return c.missing;
    const { tests } = c;
    for (let r = 0; r < tests.length; r++) {
      if (!(tests[r] as PreparedRule['test'])(raw, asOfDay)) continue;
      let points = c.points[r] as number;
      if (c.halfLifeDays !== undefined && typeof raw === 'number')
        points *= computeDecayFactor(raw, asOfDay, c.halfLifeDays);
      return points;
    }
    return 0;
  };
  const total = (points: ArrayLike<number>): number => {
    let ungrouped = 0;
    sums.fill(0);
    for (let i = 0; i < criteria.length; i++) {
      const slot = (criteria[i] as (typeof criteria)[number]).slot;
      if (slot < 0) ungrouped += points[i] as number;
      else sums[slot] = (sums[slot] as number) + (points[i] as number);
    }
    let uncapped = ungrouped;
    for (let g = 0; g < caps.length; g++) uncapped += capAt(sums[g] as number, caps[g]);
    return capAt(uncapped, totalCap);
  };
  return {
    gradeNames,
    gradeMaturity: gradeNames.map((g) => grid.maturity?.[g]),
    fields: criteria.map((c) => c.field),
    criterionPoints,
    total,
    score(values, asOfDay) {
      for (let i = 0; i < criteria.length; i++)
        row[i] = criterionPoints(
          i,
          values[(criteria[i] as (typeof criteria)[number]).field] ?? null,
          asOfDay,
        );
      return total(row);
    },
    gradeIndex(score) {
      for (let g = 0; g < thresholds.length; g++) if (score >= (thresholds[g] as number)) return g;
      return thresholds.length;
    },
    score100: (score) => computeScore100(score, bounds),
  };
}

/**
 * Counts scores as they come, in memory bounded by the grid: the count per grade (and of
 * prospects per grade), the sum for the mean, and the histogram's bins. `summary()` equals
 * `computeScoreSummary` and `histogram()` equals `computeHistogram(scores, min, max, bins)` over
 * the same scores in the same order.
 */
export interface ScoreTally {
  add(score: number, gradeIndex: number, prospect: boolean): void;
  summary(): ScoreSummary;
  histogram(): { from: number; to: number; count: number }[];
}

/** A `ScoreTally` for `grid`, its histogram with `bins` bins between `bounds`. */
export function createScoreTally(grid: Grid, bounds: ScoreBounds, bins = 10): ScoreTally {
  const names = [...grid.grades.map((g) => g.name), grid.otherwise];
  const counts = new Float64Array(names.length);
  const prospectCounts = new Float64Array(names.length);
  const binCounts = new Float64Array(bins);
  const { min, max } = bounds;
  const width = max > min ? (max - min) / bins : 1;
  let count = 0;
  let prospects = 0;
  let total = 0;
  return {
    add(score, gradeIndex, prospect) {
      count++;
      total += score;
      counts[gradeIndex] = (counts[gradeIndex] as number) + 1;
      if (prospect) {
        prospects++;
        prospectCounts[gradeIndex] = (prospectCounts[gradeIndex] as number) + 1;
      }
      // as computeHistogram
      const index = Math.min(bins - 1, Math.max(0, Math.floor((score - min) / width + 1e-9)));
      binCounts[index] = (binCounts[index] as number) + 1;
    },
    summary() {
      const perName = new Map<string, number>(names.map((n) => [n, 0]));
      const prospectsPerName = new Map<string, number>(names.map((n) => [n, 0]));
      names.forEach((n, i) => {
        perName.set(n, (perName.get(n) ?? 0) + (counts[i] as number));
        prospectsPerName.set(n, (prospectsPerName.get(n) ?? 0) + (prospectCounts[i] as number));
      });
      const perGrade = [...perName].map(([grade, n]) => ({ grade, count: n, share: count ? n / count : 0 }));
      const summary: ScoreSummary = { count, perGrade, prospects, mean: count ? total / count : 0 };
      if (grid.maturity) {
        const perMaturity: Record<Maturity, number> = { active: 0, latent: 0, arid: 0 };
        for (const [grade, n] of prospectsPerName) {
          const m = grid.maturity[grade];
          if (m) perMaturity[m] += n;
        }
        summary.perMaturity = perMaturity;
        if (prospects > 0) summary.accessibilityRate = perMaturity.active / prospects;
      }
      return summary;
    },
    histogram() {
      return Array.from({ length: bins }, (_, i) => ({
        from: min + i * width,
        to: min + (i + 1) * width,
        count: binCounts[i] as number,
      }));
    },
  };
}
