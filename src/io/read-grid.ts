import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import type { LineCounter, Node, Pair } from 'yaml';
import type { Criterion, CriterionType, Grid, Maturity, Rule } from '../core/score/grid.js';
import { MAX_PATTERN_LENGTH } from '../core/score/grid.js';
import { DataError, inBoth, InputFileError, type InputProblem } from '../errors.js';
import type { Io } from './context.js';
import { loadYaml } from './lazy-require.js';
import { parseYamlGuarded } from './read-yaml.js';
import { scalarText } from './yaml-scalar.js';

/**
 * The scoring grid file (YAML), read and validated before any row of the client file is read.
 * Every problem is collected with the grid's line and column; overlapping or gapped ranges are
 * warnings. The YAML is walked node by node (never turned into plain objects), so `__proto__`
 * keys are only unknown keys; aliases are refused (no alias bombs); the file size is bounded.
 *
 * Format (see `prospect init grid` for a commented example):
 *
 *   id: client_id               # optional: the column that names a client
 *   total_cap: 100              # optional: cap on the total
 *   groups: { fit: { cap: 60 } }
 *   criteria:
 *     - name: sector            # optional, default the field
 *       field: sector
 *       group: fit              # optional
 *       missing: -5             # points for an empty value, default 0
 *       decay: halve every 90 days   # optional, dated criteria
 *       rules:                  # tried in order, the first match gives its points
 *         - { equals: Industrie, points: 20 }
 *         - { one_of: [Santé, Pharmacie], points: 15 }
 *         - { min: 50, below: 250, points: 10 }   # min/max inclusive, above/below exclusive
 *         - { within_days: 90, points: 30 }
 *         - { present: true, points: 5 }
 *         - { matches: '\.fr$', points: 5 }
 *   grades: { A: 70, B: 40, otherwise: C }
 *   maturity: { A: active, B: latent, C: arid }
 */

export interface GridPosition {
  line: number;
  column: number;
}

export interface GridFile {
  path: string;
  grid: Grid;
  /** The column naming a client, when the grid says so. */
  idField?: string;
  /** Where each criterion's `field` is written (same order as grid.criteria). */
  fieldPositions: GridPosition[];
  /** Overlapping or gapped ranges: shown, not fatal. */
  warnings: InputProblem[];
}

/** Files above this size are refused before parsing (a grid is a few kilobytes). */
export const MAX_GRID_BYTES = 1_000_000;

const TOP_KEYS = ['title', 'description', 'id', 'total_cap', 'groups', 'criteria', 'grades', 'maturity'];
const GROUP_KEYS = ['cap'];
const CRITERION_KEYS = ['name', 'field', 'group', 'missing', 'decay', 'rules'];
const RULE_KINDS = ['equals', 'one_of', 'min', 'max', 'above', 'below', 'within_days', 'present', 'matches'];
const RULE_KEYS = [...RULE_KINDS, 'points'];
const MATURITIES: Maturity[] = ['active', 'latent', 'arid'];

/** A pattern with a quantified group that is itself quantified, e.g. `(a+)+`: exponential backtracking. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d*,?\d*\})/;

function suggest(word: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  const best = closest(word, [...candidates]);
  const d = distance(word.toLowerCase(), best.toLowerCase());
  return d <= Math.max(2, Math.floor(best.length / 3)) && d < word.length ? ` (did you mean "${best}"?)` : '';
}

class GridReader {
  readonly problems: InputProblem[] = [];
  readonly warnings: InputProblem[] = [];
  constructor(
    readonly file: string,
    readonly lines: LineCounter,
  ) {}

  at(node: unknown): GridPosition {
    const n = node as { range?: [number, number, number]; key?: { range?: [number, number, number] } } | null;
    const offset = n?.range?.[0] ?? n?.key?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  problem(node: unknown, message: string): void {
    this.problems.push({ file: this.file, ...this.at(node), message });
  }

  warn(node: unknown, message: string): void {
    this.warnings.push({ file: this.file, ...this.at(node), message });
  }

  /** The pairs of a map, with unknown keys and non-text keys reported. */
  pairs(node: unknown, where: string, known: readonly string[]): [string, Node | null, Pair][] {
    const { isAlias, isMap, isScalar } = loadYaml();
    if (isAlias(node)) {
      this.problem(node, `${where}: aliases (*name) are not allowed in a grid; write the value out.`);
      return [];
    }
    if (!isMap(node)) {
      this.problem(node, `${where}: expected a mapping of keys to values; found ${describe(node)}.`);
      return [];
    }
    const out: [string, Node | null, Pair][] = [];
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string') {
        this.problem(key as Node, `${where}: a key must be a word; found ${describe(key)}.`);
        continue;
      }
      if (!known.includes(key.value)) {
        this.problem(
          key,
          `${where}: unknown key "${key.value}"; expected one of ${known.join(', ')}${suggest(key.value, known)}.`,
        );
        continue;
      }
      out.push([key.value, pair.value as Node | null, pair]);
    }
    return out;
  }

  number(node: Node | null, where: string): number | undefined {
    const { isScalar } = loadYaml();
    if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value)) return node.value;
    this.problem(node, `${where}: expected a number; found ${describe(node)}.`);
    return undefined;
  }

  text(node: Node | null, where: string): string | undefined {
    const { isScalar } = loadYaml();
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
      const text = scalarText(node).trim();
      if (text !== '') return text;
    }
    this.problem(node, `${where}: expected a text; found ${describe(node)}.`);
    return undefined;
  }
}

function describe(node: unknown): string {
  const { isAlias, isMap, isScalar, isSeq } = loadYaml();
  if (node === null || node === undefined) return 'nothing';
  if (isAlias(node)) return 'an alias';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'nothing';
    if (typeof node.value === 'string') return `"${node.value.slice(0, 40)}"`;
    return String(node.value);
  }
  return 'something else';
}

interface RangeAt {
  min?: number;
  minInclusive: boolean;
  max?: number;
  maxInclusive: boolean;
  node: Node;
  index: number;
}

function checkRanges(r: GridReader, where: string, ranges: RangeAt[]): void {
  const sorted = [...ranges].sort((a, b) => (a.min ?? -Infinity) - (b.min ?? -Infinity));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const next = sorted[i];
    if (!prev || !next) continue;
    const upper = prev.max ?? Infinity;
    const lower = next.min ?? -Infinity;
    const rule = `rule ${next.index + 1}`;
    const other = `rule ${prev.index + 1}`;
    if (upper > lower || (upper === lower && prev.maxInclusive && next.minInclusive)) {
      r.warn(next.node, `${where}: ${rule} overlaps ${other}; the first rule in the file wins.`);
    } else if (upper < lower || (upper === lower && !prev.maxInclusive && !next.minInclusive)) {
      r.warn(
        next.node,
        `${where}: ${rule} leaves a gap after ${other} (${upper} to ${lower}); values there get 0 points.`,
      );
    }
  }
}

function readRule(r: GridReader, node: unknown, where: string): { rule?: Rule; range?: RangeAt } {
  const { isMap, isScalar, isSeq } = loadYaml();
  const pairs = r.pairs(node, where, RULE_KEYS);
  if (!isMap(node)) return {};
  const get = (k: string): [string, Node | null, Pair] | undefined => pairs.find(([key]) => key === k);
  const kinds = pairs.map(([k]) => k).filter((k) => k !== 'points');
  const pointsPair = get('points');
  let points: number | undefined;
  if (!pointsPair) r.problem(node, `${where}: no "points"; expected points: NUMBER.`);
  else points = r.number(pointsPair[1], `${where}: points`);
  const bounds = kinds.filter((k) => ['min', 'max', 'above', 'below'].includes(k));
  const others = kinds.filter((k) => !bounds.includes(k));
  if (kinds.length === 0) {
    // an unknown key was reported already: that is the condition the user meant
    if (node.items.length > pairs.length) return {};
    r.problem(node, `${where}: no condition; expected one of ${RULE_KINDS.join(', ')}.`);
    return {};
  }
  if (others.length > 1 || (others.length === 1 && bounds.length > 0)) {
    r.problem(node, `${where}: one condition per rule; found ${kinds.join(' and ')}.`);
    return {};
  }
  if (bounds.length > 0) {
    if (get('min') && get('above')) r.problem(node, `${where}: give min or above, not both.`);
    if (get('max') && get('below')) r.problem(node, `${where}: give max or below, not both.`);
    const num = (k: string): number | undefined => {
      const p = get(k);
      return p ? r.number(p[1], `${where}: ${k}`) : undefined;
    };
    const min = num('min') ?? num('above');
    const max = num('max') ?? num('below');
    const minInclusive = get('min') !== undefined;
    const maxInclusive = get('max') !== undefined;
    if (
      min !== undefined &&
      max !== undefined &&
      (min > max || (min === max && !(minInclusive && maxInclusive)))
    ) {
      r.problem(node, `${where}: the range is empty (${min} to ${max}); expected the lower bound first.`);
    }
    if (points === undefined) return {};
    const rule: Rule = {
      kind: 'range',
      ...(min !== undefined ? { min } : {}),
      minInclusive,
      ...(max !== undefined ? { max } : {}),
      maxInclusive,
      points,
    };
    return {
      rule,
      range: {
        ...(min !== undefined ? { min } : {}),
        minInclusive,
        ...(max !== undefined ? { max } : {}),
        maxInclusive,
        node: node,
        index: 0,
      },
    };
  }
  const [kind, value] = [others[0], get(others[0] ?? '')?.[1] ?? null];
  switch (kind) {
    case 'equals': {
      const text = r.text(value, `${where}: equals`);
      return text !== undefined && points !== undefined
        ? { rule: { kind: 'equals', values: [text], points } }
        : {};
    }
    case 'one_of': {
      if (!isSeq(value) || value.items.length === 0) {
        r.problem(
          value,
          `${where}: one_of: expected a list of values such as [Industrie, Santé]; found ${describe(value)}.`,
        );
        return {};
      }
      const values = value.items.map((item) => r.text(item as Node, `${where}: one_of`));
      if (values.some((v) => v === undefined) || points === undefined) return {};
      return { rule: { kind: 'equals', values: values as string[], points } };
    }
    case 'within_days': {
      const days = r.number(value, `${where}: within_days`);
      if (days !== undefined && !(days > 0))
        r.problem(value, `${where}: within_days: expected a number of days above 0; found ${days}.`);
      return days !== undefined && days > 0 && points !== undefined
        ? { rule: { kind: 'within', days, points } }
        : {};
    }
    case 'present': {
      if (!isScalar(value) || value.value !== true) {
        r.problem(
          value,
          `${where}: present: expected true; found ${describe(value)} (empty values get the criterion's "missing" points).`,
        );
        return {};
      }
      return points !== undefined ? { rule: { kind: 'present', points } } : {};
    }
    case 'matches': {
      const pattern = r.text(value, `${where}: matches`);
      if (pattern === undefined) return {};
      if (pattern.length > MAX_PATTERN_LENGTH) {
        r.problem(
          value,
          `${where}: matches: the pattern has ${pattern.length} characters; expected at most ${MAX_PATTERN_LENGTH}.`,
        );
        return {};
      }
      if (NESTED_QUANTIFIER.test(pattern)) {
        r.problem(
          value,
          `${where}: matches: "${pattern}" repeats a repeated group, which can take exponential time; write it without nested repetition.`,
        );
        return {};
      }
      try {
        new RegExp(pattern, 'iu');
      } catch (error) {
        r.problem(
          value,
          `${where}: matches: "${pattern}" is not a valid pattern (${(error as Error).message}).`,
        );
        return {};
      }
      return points !== undefined ? { rule: { kind: 'pattern', pattern, points } } : {};
    }
    default:
      return {};
  }
}

function readDecay(r: GridReader, node: Node | null, where: string): number | undefined {
  const { isScalar } = loadYaml();
  if (isScalar(node) && typeof node.value === 'string') {
    const m = /^\s*halve\s+every\s+(\d+(?:\.\d+)?)\s+days?\s*$/i.exec(node.value);
    if (m && Number(m[1]) > 0) return Number(m[1]);
  }
  if (isScalar(node) && typeof node.value === 'number' && node.value > 0) return node.value;
  r.problem(node, `${where}: decay: expected "halve every N days" (N above 0); found ${describe(node)}.`);
  return undefined;
}

function readCriterion(
  r: GridReader,
  node: unknown,
  index: number,
  groups: Set<string>,
): { criterion?: Criterion; fieldAt: GridPosition } {
  const { isMap, isSeq } = loadYaml();
  let where = `criterion ${index + 1}`;
  const pairs = r.pairs(node, where, CRITERION_KEYS);
  const get = (k: string): [string, Node | null, Pair] | undefined => pairs.find(([key]) => key === k);
  const fieldPair = get('field');
  const field = fieldPair ? r.text(fieldPair[1], `${where}: field`) : undefined;
  if (!fieldPair && isMap(node)) r.problem(node, `${where}: no "field"; expected field: COLUMN.`);
  const namePair = get('name');
  const name = namePair ? r.text(namePair[1], `${where}: name`) : field;
  if (name) where = `criterion "${name}"`;
  const groupPair = get('group');
  const group = groupPair ? r.text(groupPair[1], `${where}: group`) : undefined;
  if (groupPair && group !== undefined && !groups.has(group)) {
    r.problem(
      groupPair[1],
      `${where}: group "${group}" is not declared under groups${suggest(group, [...groups])}; declare it with its cap.`,
    );
  }
  const missingPair = get('missing');
  const missing = missingPair ? r.number(missingPair[1], `${where}: missing`) : 0;
  const decayPair = get('decay');
  const halfLife = decayPair ? readDecay(r, decayPair[1], where) : undefined;
  const rulesPair = get('rules');
  const rules: Rule[] = [];
  const ranges: RangeAt[] = [];
  if (!rulesPair) {
    if (isMap(node)) r.problem(node, `${where}: no "rules"; expected a list of rules.`);
  } else if (!isSeq(rulesPair[1])) {
    r.problem(rulesPair[1], `${where}: rules: expected a list of rules; found ${describe(rulesPair[1])}.`);
  } else {
    rulesPair[1].items.forEach((item, i) => {
      const { rule, range } = readRule(r, item, `${where}: rule ${i + 1}`);
      if (rule) rules.push(rule);
      if (range) ranges.push({ ...range, index: i });
    });
  }
  checkRanges(r, where, ranges);
  const hasRange = rules.some((x) => x.kind === 'range');
  const hasDate = rules.some((x) => x.kind === 'within') || halfLife !== undefined;
  const hasText = rules.some((x) => x.kind === 'equals' || x.kind === 'pattern');
  if ([hasRange, hasDate, hasText].filter(Boolean).length > 1) {
    r.problem(
      (rulesPair?.[1] ?? (node as Node)) as Node,
      `${where}: mixes ${[hasRange && 'numeric ranges', hasDate && 'dates (within_days, decay)', hasText && 'text values (equals, one_of, matches)'].filter(Boolean).join(' and ')}; a criterion reads one kind of value.`,
    );
  }
  const type: CriterionType = hasDate ? 'date' : hasRange ? 'number' : 'text';
  const fieldAt = r.at(fieldPair?.[1] ?? node);
  if (field === undefined || name === undefined || missing === undefined) return { fieldAt };
  return {
    criterion: {
      name,
      field,
      type,
      rules,
      missing,
      ...(halfLife !== undefined ? { decay: { halfLifeDays: halfLife } } : {}),
      ...(group !== undefined ? { group } : {}),
    },
    fieldAt,
  };
}

/**
 * Parses and validates a grid's YAML text. Returns the grid with the positions of its fields and
 * its warnings, or throws a DataError (exit 65) with every problem found, each as
 * `file:line:column: message`.
 */
export function parseGrid(text: string, file: string): GridFile {
  const { isMap, isScalar, isSeq } = loadYaml();
  const { doc, lineCounter: lines } = parseYamlGuarded(text, file, { uniqueKeys: true, prettyErrors: true });
  const r = new GridReader(file, lines);
  for (const error of doc.errors) {
    const pos = error.linePos?.[0];
    r.problems.push({
      file,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
      ...inBoth({
        en: `not valid YAML: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}.`,
        fr: `YAML invalide : ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}.`,
      }),
    });
  }
  if (r.problems.length > 0)
    throw new DataError(r.problems, {
      en: `${file}: the grid cannot be read.`,
      fr: `${file} : la grille ne peut pas être lue.`,
    });
  const top = r.pairs(doc.contents, 'grid', TOP_KEYS);
  const get = (k: string): Node | null | undefined => top.find(([key]) => key === k)?.[1];

  const groups: Grid['groups'] = Object.create(null) as Grid['groups'];
  const groupsNode = get('groups');
  if (groupsNode !== undefined) {
    if (!isMap(groupsNode)) {
      r.problem(
        groupsNode,
        `groups: expected a mapping such as { fit: { cap: 60 } }; found ${describe(groupsNode)}.`,
      );
    } else {
      for (const pair of groupsNode.items) {
        if (!isScalar(pair.key) || typeof pair.key.value !== 'string') {
          r.problem(pair.key as Node, `groups: a group name must be a word; found ${describe(pair.key)}.`);
          continue;
        }
        const name = pair.key.value;
        const where = `group "${name}"`;
        const cap = r.pairs(pair.value, where, GROUP_KEYS).find(([k]) => k === 'cap');
        const value = cap ? r.number(cap[1], `${where}: cap`) : undefined;
        groups[name] = value !== undefined ? { cap: value } : {};
      }
    }
  }

  const capNode = get('total_cap');
  const totalCap = capNode !== undefined ? r.number(capNode, 'total_cap') : undefined;
  const idNode = get('id');
  const idField = idNode !== undefined ? r.text(idNode, 'id') : undefined;

  const criteria: Criterion[] = [];
  const fieldPositions: GridPosition[] = [];
  const criteriaNode = get('criteria');
  if (criteriaNode === undefined) {
    r.problem(doc.contents as Node, 'grid: no "criteria"; expected a list of criteria.');
  } else if (!isSeq(criteriaNode) || criteriaNode.items.length === 0) {
    r.problem(criteriaNode, `criteria: expected a list of criteria; found ${describe(criteriaNode)}.`);
  } else {
    const names = new Map<string, number>();
    criteriaNode.items.forEach((item, i) => {
      const { criterion, fieldAt } = readCriterion(r, item, i, new Set(Object.keys(groups)));
      if (!criterion) return;
      if (names.has(criterion.name)) {
        r.problem(
          item as Node,
          `criterion "${criterion.name}": the name is used twice; give each criterion its own name.`,
        );
      }
      names.set(criterion.name, i);
      criteria.push(criterion);
      fieldPositions.push(fieldAt);
    });
  }

  const grades: Grid['grades'] = [];
  let otherwise = 'C';
  const gradesNode = get('grades');
  if (gradesNode === undefined) {
    grades.push({ name: 'A', min: 70 }, { name: 'B', min: 40 });
  } else if (!isMap(gradesNode)) {
    r.problem(
      gradesNode,
      `grades: expected thresholds such as { A: 70, B: 40, otherwise: C }; found ${describe(gradesNode)}.`,
    );
  } else {
    let previous: { name: string; min: number } | undefined;
    for (const pair of gradesNode.items) {
      if (!isScalar(pair.key) || (typeof pair.key.value !== 'string' && typeof pair.key.value !== 'number')) {
        r.problem(pair.key as Node, `grades: a grade must be a word; found ${describe(pair.key)}.`);
        continue;
      }
      const name = scalarText(pair.key);
      if (name === 'otherwise') {
        const text = r.text(pair.value as Node, 'grades: otherwise');
        if (text !== undefined) otherwise = text;
        continue;
      }
      const min = r.number(pair.value as Node, `grades: ${name}`);
      if (min === undefined) continue;
      if (previous && min >= previous.min) {
        r.problem(
          pair.value as Node,
          `grades: ${name} (${min}) is not below ${previous.name} (${previous.min}); list thresholds from the highest down.`,
        );
      }
      previous = { name, min };
      grades.push({ name, min });
    }
  }

  let maturity: Grid['maturity'];
  const maturityNode = get('maturity');
  if (maturityNode !== undefined) {
    const gradeNames = [...grades.map((g) => g.name), otherwise];
    if (!isMap(maturityNode)) {
      r.problem(
        maturityNode,
        `maturity: expected a mapping such as { A: active, B: latent, C: arid }; found ${describe(maturityNode)}.`,
      );
    } else {
      maturity = Object.create(null) as Record<string, Maturity>;
      for (const pair of maturityNode.items) {
        const key = isScalar(pair.key) ? scalarText(pair.key) : '';
        if (!gradeNames.includes(key)) {
          r.problem(
            pair.key as Node,
            `maturity: "${key}" is not a grade; expected one of ${gradeNames.join(', ')}.`,
          );
          continue;
        }
        const value = isScalar(pair.value) ? String(pair.value.value) : '';
        if (!MATURITIES.includes(value as Maturity)) {
          r.problem(
            pair.value as Node,
            `maturity: ${key}: "${value}" is not a maturity; expected active, latent or arid${suggest(value, MATURITIES)}.`,
          );
          continue;
        }
        maturity[key] = value as Maturity;
      }
    }
  }

  if (r.problems.length > 0) {
    r.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw new DataError(r.problems, {
      en: `${file}: ${r.problems.length} problem${r.problems.length > 1 ? 's' : ''} in the grid.`,
      fr: `${file} : ${r.problems.length} problème${r.problems.length >= 2 ? 's' : ''} dans la grille.`,
    });
  }
  return {
    path: file,
    grid: {
      criteria,
      groups,
      ...(totalCap !== undefined ? { totalCap } : {}),
      grades,
      otherwise,
      ...(maturity ? { maturity } : {}),
    },
    ...(idField !== undefined ? { idField } : {}),
    fieldPositions,
    warnings: r.warnings,
  };
}

/**
 * Checks the grid's fields against the client file: a field is found when the data layer mapped
 * it (`found`, e.g. the reader's fieldColumns) or when a header has its name, case-insensitive.
 * Each unknown field is a problem at its place in the grid, with the closest header (DataError).
 */
export function matchGridFields(
  gridFile: GridFile,
  headers: readonly string[],
  found: ReadonlySet<string> | ReadonlyMap<string, unknown> = new Set(),
): void {
  const lower = new Set(headers.map((h) => h.trim().toLowerCase()));
  const problems: InputProblem[] = [];
  gridFile.grid.criteria.forEach((c, i) => {
    if (found.has(c.field) || lower.has(c.field.toLowerCase())) return;
    const pos = gridFile.fieldPositions[i];
    const near = headers.length ? closest(c.field, [...headers]) : undefined;
    problems.push({
      file: gridFile.path,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      message: `criterion "${c.name}": no column "${c.field}" in the client file${near ? `; the closest is "${near}"` : ''}. Columns: ${headers.join(', ')}.`,
      texts: {
        en: `criterion "${c.name}": no column "${c.field}" in the client file${near ? `; the closest is "${near}"` : ''}. Columns: ${headers.join(', ')}.`,
        fr: `critère « ${c.name} » : pas de colonne « ${c.field} » dans le fichier clients${near ? ` ; la plus proche est « ${near} »` : ''}. Colonnes : ${headers.join(', ')}.`,
      },
    });
  });
  if (problems.length > 0) {
    throw new DataError(problems, {
      en: `${gridFile.path}: the grid names columns the client file does not have.`,
      fr: `${gridFile.path} : la grille nomme des colonnes que le fichier clients n'a pas.`,
    });
  }
}

/** Reads a grid file: 66 if it is missing or unreadable, 65 with every problem if it is wrong. */
export function readGrid(path: string, io: Io): GridFile {
  const full = resolve(io.cwd, path);
  let text: string;
  try {
    const size = statSync(full).size;
    if (size > MAX_GRID_BYTES) {
      throw new DataError([
        {
          file: path,
          ...inBoth({
            en: `the grid has ${size} bytes; expected at most ${MAX_GRID_BYTES} (a grid is a few kilobytes).`,
            fr: `la grille fait ${size} octets ; attendu : au plus ${MAX_GRID_BYTES} (une grille fait quelques kilo-octets).`,
          }),
        },
      ]);
    }
    text = readFileSync(full, 'utf8');
  } catch (error) {
    if (error instanceof DataError) throw error;
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const reason = (error as Error).message;
    throw new InputFileError({
      en: `${path}: cannot read the grid (${missing ? 'no such file' : reason}); check the path given to --grid.`,
      fr: `${path} : lecture de la grille impossible (${missing ? 'fichier introuvable' : reason}) ; vérifiez le chemin donné à --grid.`,
    });
  }
  return parseGrid(text.replace(/^\ufeff/, ''), path);
}
