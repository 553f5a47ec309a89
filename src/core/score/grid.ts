/**
 * The scoring grid (*grille de scorage*, DOMAIN.md section 5): criteria on fields, rules that give
 * points, groups with caps, a cap on the total, grades by thresholds and an optional maturity
 * mapping (seed 001: active / latent / arid). The grid is validated by src/io/read-grid.ts before
 * it reaches the core; the core only computes.
 */

/** A value of a row as the data layer gives it: text, a number, a date as a day number, or null. */
export type GridValue = string | number | null;

/** The longest pattern a grid may hold, and the longest text a pattern is run on. */
export const MAX_PATTERN_LENGTH = 200;
export const MAX_PATTERN_INPUT = 1000;

/** `equals` one value or one of a list: text compared case and accent insensitive. */
export interface EqualsRule {
  kind: 'equals';
  values: string[];
  points: number;
}

/** A numeric range; each bound is optional and says whether it is inclusive. */
export interface RangeRule {
  kind: 'range';
  min?: number;
  minInclusive: boolean;
  max?: number;
  maxInclusive: boolean;
  points: number;
}

/** A date within the last `days` days of the as-of date: `asOf - days <= date <= asOf`. */
export interface WithinRule {
  kind: 'within';
  days: number;
  points: number;
}

/** Any value at all (the criterion's `missing` points cover the absent case). */
export interface PresentRule {
  kind: 'present';
  points: number;
}

/** A regular expression, case-insensitive, on the text (the first MAX_PATTERN_INPUT characters). */
export interface PatternRule {
  kind: 'pattern';
  pattern: string;
  points: number;
}

export type Rule = EqualsRule | RangeRule | WithinRule | PresentRule | PatternRule;

/** What a criterion's field holds, as the data layer must parse it. */
export type CriterionType = 'text' | 'number' | 'date';

export interface Criterion {
  /** Name shown in the breakdown (unique in the grid). */
  name: string;
  /** The column the criterion reads. */
  field: string;
  type: CriterionType;
  /** Tried in order: the first rule that matches gives its points; none matches gives 0. */
  rules: Rule[];
  /** Points for an empty value (default 0). */
  missing: number;
  /** Points from dated behaviour fade with age: halved every `halfLifeDays` days. */
  decay?: { halfLifeDays: number };
  /** The group the criterion's points count towards (capped there). */
  group?: string;
}

export interface Grade {
  /** Grade label, e.g. `A`. */
  name: string;
  /** The grade applies when score >= min. */
  min: number;
}

export type Maturity = 'active' | 'latent' | 'arid';

export interface Grid {
  criteria: Criterion[];
  /** Group name -> cap on the sum of its criteria's points. */
  groups: Record<string, { cap?: number }>;
  /** Cap on the total score. */
  totalCap?: number;
  /** Thresholds, highest first (validated in that order). */
  grades: Grade[];
  /** The grade of a score under every threshold. */
  otherwise: string;
  /** Optional: grade -> prospect maturity. */
  maturity?: Record<string, Maturity>;
}

/**
 * Text for comparison: accents removed (NFD, combining marks dropped), lower case, inner spaces
 * collapsed, trimmed. `  Île-de-France ` and `ILE-DE-FRANCE` compare equal.
 *
 * @example normaliseText('Île-de-FRANCE') // 'ile-de-france'
 */
export function normaliseText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Whether `text` normalises (normaliseText) to `normalised`, without normalising most texts that
 * do not: printable ASCII without spaces normalises to its lower case, of the same length, so a
 * different length settles it.
 *
 * @example matchesNormalised('C0042', 'c0042') // true
 */
export function matchesNormalised(text: string, normalised: string): boolean {
  if (text.length !== normalised.length && /^[\x21-\x7e]*$/.test(text)) return false;
  return normaliseText(text) === normalised;
}

/** The grid's rules, prepared once: normalised lists and compiled patterns. */
export interface PreparedRule {
  rule: Rule;
  test: (value: string | number, asOfDay: number) => boolean;
}

/**
 * Prepares a rule for matching. Equals lists become a set of normalised texts; patterns are
 * compiled case-insensitive and run on at most MAX_PATTERN_INPUT characters (the grid reader
 * refuses longer or nested-quantifier patterns before this point).
 */
export function prepareRule(rule: Rule): PreparedRule {
  switch (rule.kind) {
    case 'equals': {
      const set = new Set(rule.values.map(normaliseText));
      // categorical columns repeat a few values: remember the answer for each text seen
      const seen = new Map<string, boolean>();
      return {
        rule,
        test: (v) => {
          const text = String(v);
          let hit = seen.get(text);
          if (hit === undefined) {
            hit = set.has(normaliseText(text));
            if (seen.size < 10_000) seen.set(text, hit);
          }
          return hit;
        },
      };
    }
    case 'range':
      return {
        rule,
        test: (v) => {
          if (typeof v !== 'number') return false;
          if (rule.min !== undefined && (rule.minInclusive ? v < rule.min : v <= rule.min)) return false;
          if (rule.max !== undefined && (rule.maxInclusive ? v > rule.max : v >= rule.max)) return false;
          return true;
        },
      };
    case 'within':
      return {
        rule,
        test: (v, asOf) => typeof v === 'number' && v <= asOf && v >= asOf - rule.days,
      };
    case 'present':
      return { rule, test: () => true };
    case 'pattern': {
      const re = new RegExp(rule.pattern.slice(0, MAX_PATTERN_LENGTH), 'iu');
      return { rule, test: (v) => re.test(String(v).slice(0, MAX_PATTERN_INPUT)) };
    }
  }
}

/** The decay factor of a dated value: 0.5 ^ (age / half-life), age = asOf - date (never below 0). */
export function computeDecayFactor(dateDay: number, asOfDay: number, halfLifeDays: number): number {
  const age = Math.max(0, asOfDay - dateDay);
  return Math.pow(0.5, age / halfLifeDays);
}
