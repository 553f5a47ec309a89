import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import type { LineCounter, Node, Pair } from 'yaml';
import type { Criterion, CriterionType, Grid, Maturity, Rule } from '../core/score/grid.js';
import { MAX_PATTERN_LENGTH } from '../core/score/grid.js';
import { DataError, inBoth, InputFileError, type InputProblem } from '../errors.js';
import type { Texts } from '../i18n.js';
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

function suggest(word: string, candidates: readonly string[]): Texts {
  if (candidates.length === 0) return { en: '', fr: '' };
  const best = closest(word, [...candidates]);
  const d = distance(word.toLowerCase(), best.toLowerCase());
  return d <= Math.max(2, Math.floor(best.length / 3)) && d < word.length
    ? { en: ` (did you mean "${best}"?)`, fr: ` (vouliez-vous dire « ${best} » ?)` }
    : { en: '', fr: '' };
}

/**
 * A place in the grid, in both languages (`criterion "sector": rule 2`, `critère « sector » :
 * règle 2`); YAML keys such as `points` are the file's own words and stay as written.
 */
type Where = Texts;

/** `where` followed by a part: `criterion 1` + `field` -> `criterion 1: field`. */
function sub(where: Where, en: string, fr: string = en): Where {
  return { en: `${where.en}: ${en}`, fr: `${where.fr} : ${fr}` };
}

/** A place's message in both languages: `where: en` / `where : fr`. */
function says(where: Where, en: string, fr: string): Texts {
  return { en: `${where.en}: ${en}`, fr: `${where.fr} : ${fr}` };
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

  problem(node: unknown, message: Texts): void {
    this.problems.push({ file: this.file, ...this.at(node), ...inBoth(message) });
  }

  warn(node: unknown, message: Texts): void {
    this.warnings.push({ file: this.file, ...this.at(node), ...inBoth(message) });
  }

  /** The pairs of a map, with unknown keys and non-text keys reported. */
  pairs(node: unknown, where: Where, known: readonly string[]): [string, Node | null, Pair][] {
    const { isAlias, isMap, isScalar } = loadYaml();
    if (isAlias(node)) {
      this.problem(
        node,
        says(
          where,
          'aliases (*name) are not allowed in a grid; write the value out.',
          'les alias (*nom) ne sont pas admis dans une grille ; écrivez la valeur en entier.',
        ),
      );
      return [];
    }
    if (!isMap(node)) {
      const found = describe(node);
      this.problem(
        node,
        says(
          where,
          `expected a mapping of keys to values; found ${found.en}.`,
          `attendu : des lignes clé: valeur ; trouvé : ${found.fr}.`,
        ),
      );
      return [];
    }
    const out: [string, Node | null, Pair][] = [];
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string') {
        const found = describe(key);
        this.problem(
          key as Node,
          says(
            where,
            `a key must be a word; found ${found.en}.`,
            `une clé doit être un mot ; trouvé : ${found.fr}.`,
          ),
        );
        continue;
      }
      if (!known.includes(key.value)) {
        const hint = suggest(key.value, known);
        this.problem(
          key,
          says(
            where,
            `unknown key "${key.value}"; expected one of ${known.join(', ')}${hint.en}.`,
            `clé « ${key.value} » inconnue ; attendu : l'une de ${known.join(', ')}${hint.fr}.`,
          ),
        );
        continue;
      }
      out.push([key.value, pair.value as Node | null, pair]);
    }
    return out;
  }

  number(node: Node | null, where: Where): number | undefined {
    const { isScalar } = loadYaml();
    if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value)) return node.value;
    const found = describe(node);
    this.problem(
      node,
      says(where, `expected a number; found ${found.en}.`, `attendu : un nombre ; trouvé : ${found.fr}.`),
    );
    return undefined;
  }

  text(node: Node | null, where: Where): string | undefined {
    const { isScalar } = loadYaml();
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
      const text = scalarText(node).trim();
      if (text !== '') return text;
    }
    const found = describe(node);
    this.problem(
      node,
      says(where, `expected a text; found ${found.en}.`, `attendu : un texte ; trouvé : ${found.fr}.`),
    );
    return undefined;
  }
}

/** What a node is, in both languages, for "found ...". */
function describe(node: unknown): Texts {
  const { isAlias, isMap, isScalar, isSeq } = loadYaml();
  const nothing = { en: 'nothing', fr: 'rien' };
  if (node === null || node === undefined) return nothing;
  if (isAlias(node)) return { en: 'an alias', fr: 'un alias' };
  if (isMap(node)) return { en: 'a mapping', fr: 'des lignes clé: valeur' };
  if (isSeq(node)) return { en: 'a list', fr: 'une liste' };
  if (isScalar(node)) {
    if (node.value === null) return nothing;
    if (typeof node.value === 'string') {
      const text = node.value.slice(0, 40);
      return { en: `"${text}"`, fr: `« ${text} »` };
    }
    return { en: String(node.value), fr: String(node.value) };
  }
  return { en: 'something else', fr: 'autre chose' };
}

interface RangeAt {
  min?: number;
  minInclusive: boolean;
  max?: number;
  maxInclusive: boolean;
  node: Node;
  index: number;
}

function checkRanges(r: GridReader, where: Where, ranges: RangeAt[]): void {
  const sorted = [...ranges].sort((a, b) => (a.min ?? -Infinity) - (b.min ?? -Infinity));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const next = sorted[i];
    if (!prev || !next) continue;
    const upper = prev.max ?? Infinity;
    const lower = next.min ?? -Infinity;
    const rule = next.index + 1;
    const other = prev.index + 1;
    if (upper > lower || (upper === lower && prev.maxInclusive && next.minInclusive)) {
      r.warn(
        next.node,
        says(
          where,
          `rule ${rule} overlaps rule ${other}; the first rule in the file wins.`,
          `la règle ${rule} chevauche la règle ${other} ; la première règle du fichier l'emporte.`,
        ),
      );
    } else if (upper < lower || (upper === lower && !prev.maxInclusive && !next.minInclusive)) {
      r.warn(
        next.node,
        says(
          where,
          `rule ${rule} leaves a gap after rule ${other} (${upper} to ${lower}); values there get 0 points.`,
          `la règle ${rule} laisse un trou après la règle ${other} (de ${upper} à ${lower}) ; ces valeurs reçoivent 0 point.`,
        ),
      );
    }
  }
}

function readRule(r: GridReader, node: unknown, where: Where): { rule?: Rule; range?: RangeAt } {
  const { isMap, isScalar, isSeq } = loadYaml();
  const pairs = r.pairs(node, where, RULE_KEYS);
  if (!isMap(node)) return {};
  const get = (k: string): [string, Node | null, Pair] | undefined => pairs.find(([key]) => key === k);
  const kinds = pairs.map(([k]) => k).filter((k) => k !== 'points');
  const pointsPair = get('points');
  let points: number | undefined;
  if (!pointsPair)
    r.problem(
      node,
      says(where, 'no "points"; expected points: NUMBER.', 'pas de « points » ; attendu : points: NOMBRE.'),
    );
  else points = r.number(pointsPair[1], sub(where, 'points'));
  const bounds = kinds.filter((k) => ['min', 'max', 'above', 'below'].includes(k));
  const others = kinds.filter((k) => !bounds.includes(k));
  if (kinds.length === 0) {
    // an unknown key was reported already: that is the condition the user meant
    if (node.items.length > pairs.length) return {};
    r.problem(
      node,
      says(
        where,
        `no condition; expected one of ${RULE_KINDS.join(', ')}.`,
        `aucune condition ; attendu : l'une de ${RULE_KINDS.join(', ')}.`,
      ),
    );
    return {};
  }
  if (others.length > 1 || (others.length === 1 && bounds.length > 0)) {
    r.problem(
      node,
      says(
        where,
        `one condition per rule; found ${kinds.join(' and ')}.`,
        `une seule condition par règle ; trouvé : ${kinds.join(' et ')}.`,
      ),
    );
    return {};
  }
  if (bounds.length > 0) {
    if (get('min') && get('above'))
      r.problem(node, says(where, 'give min or above, not both.', 'donnez min ou above, pas les deux.'));
    if (get('max') && get('below'))
      r.problem(node, says(where, 'give max or below, not both.', 'donnez max ou below, pas les deux.'));
    const num = (k: string): number | undefined => {
      const p = get(k);
      return p ? r.number(p[1], sub(where, k)) : undefined;
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
      r.problem(
        node,
        says(
          where,
          `the range is empty (${min} to ${max}); expected the lower bound first.`,
          `la plage est vide (de ${min} à ${max}) ; attendu : la borne basse en premier.`,
        ),
      );
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
      const text = r.text(value, sub(where, 'equals'));
      return text !== undefined && points !== undefined
        ? { rule: { kind: 'equals', values: [text], points } }
        : {};
    }
    case 'one_of': {
      if (!isSeq(value) || value.items.length === 0) {
        const found = describe(value);
        r.problem(
          value,
          says(
            sub(where, 'one_of'),
            `expected a list of values such as [Industrie, Santé]; found ${found.en}.`,
            `attendu : une liste de valeurs comme [Industrie, Santé] ; trouvé : ${found.fr}.`,
          ),
        );
        return {};
      }
      const values = value.items.map((item) => r.text(item as Node, sub(where, 'one_of')));
      if (values.some((v) => v === undefined) || points === undefined) return {};
      return { rule: { kind: 'equals', values: values as string[], points } };
    }
    case 'within_days': {
      const days = r.number(value, sub(where, 'within_days'));
      if (days !== undefined && !(days > 0))
        r.problem(
          value,
          says(
            sub(where, 'within_days'),
            `expected a number of days above 0; found ${days}.`,
            `attendu : un nombre de jours supérieur à 0 ; trouvé : ${days}.`,
          ),
        );
      return days !== undefined && days > 0 && points !== undefined
        ? { rule: { kind: 'within', days, points } }
        : {};
    }
    case 'present': {
      if (!isScalar(value) || value.value !== true) {
        const found = describe(value);
        r.problem(
          value,
          says(
            sub(where, 'present'),
            `expected true; found ${found.en} (empty values get the criterion's "missing" points).`,
            `attendu : true ; trouvé : ${found.fr} (les valeurs vides reçoivent les points « missing » du critère).`,
          ),
        );
        return {};
      }
      return points !== undefined ? { rule: { kind: 'present', points } } : {};
    }
    case 'matches': {
      const pattern = r.text(value, sub(where, 'matches'));
      if (pattern === undefined) return {};
      if (pattern.length > MAX_PATTERN_LENGTH) {
        r.problem(
          value,
          says(
            sub(where, 'matches'),
            `the pattern has ${pattern.length} characters; expected at most ${MAX_PATTERN_LENGTH}.`,
            `le motif a ${pattern.length} caractères ; attendu : au plus ${MAX_PATTERN_LENGTH}.`,
          ),
        );
        return {};
      }
      if (NESTED_QUANTIFIER.test(pattern)) {
        r.problem(
          value,
          says(
            sub(where, 'matches'),
            `"${pattern}" repeats a repeated group, which can take exponential time; write it without nested repetition.`,
            `« ${pattern} » répète un groupe déjà répété, ce qui peut prendre un temps exponentiel ; écrivez-le sans répétition imbriquée.`,
          ),
        );
        return {};
      }
      try {
        new RegExp(pattern, 'iu');
      } catch (error) {
        const reason = (error as Error).message;
        r.problem(
          value,
          says(
            sub(where, 'matches'),
            `"${pattern}" is not a valid pattern (${reason}).`,
            `« ${pattern} » n'est pas un motif valide (${reason}).`,
          ),
        );
        return {};
      }
      return points !== undefined ? { rule: { kind: 'pattern', pattern, points } } : {};
    }
    default:
      return {};
  }
}

function readDecay(r: GridReader, node: Node | null, where: Where): number | undefined {
  const { isScalar } = loadYaml();
  if (isScalar(node) && typeof node.value === 'string') {
    const m = /^\s*halve\s+every\s+(\d+(?:\.\d+)?)\s+days?\s*$/i.exec(node.value);
    if (m && Number(m[1]) > 0) return Number(m[1]);
  }
  if (isScalar(node) && typeof node.value === 'number' && node.value > 0) return node.value;
  const found = describe(node);
  r.problem(
    node,
    says(
      sub(where, 'decay'),
      `expected "halve every N days" (N above 0); found ${found.en}.`,
      `attendu : "halve every N days" (N jours, N supérieur à 0) ; trouvé : ${found.fr}.`,
    ),
  );
  return undefined;
}

function readCriterion(
  r: GridReader,
  node: unknown,
  index: number,
  groups: Set<string>,
): { criterion?: Criterion; fieldAt: GridPosition } {
  const { isMap, isSeq } = loadYaml();
  let where: Where = { en: `criterion ${index + 1}`, fr: `critère ${index + 1}` };
  const pairs = r.pairs(node, where, CRITERION_KEYS);
  const get = (k: string): [string, Node | null, Pair] | undefined => pairs.find(([key]) => key === k);
  const fieldPair = get('field');
  const field = fieldPair ? r.text(fieldPair[1], sub(where, 'field')) : undefined;
  if (!fieldPair && isMap(node))
    r.problem(
      node,
      says(where, 'no "field"; expected field: COLUMN.', 'pas de « field » ; attendu : field: COLONNE.'),
    );
  const namePair = get('name');
  const name = namePair ? r.text(namePair[1], sub(where, 'name')) : field;
  if (name) where = { en: `criterion "${name}"`, fr: `critère « ${name} »` };
  const groupPair = get('group');
  const group = groupPair ? r.text(groupPair[1], sub(where, 'group')) : undefined;
  if (groupPair && group !== undefined && !groups.has(group)) {
    const hint = suggest(group, [...groups]);
    r.problem(
      groupPair[1],
      says(
        where,
        `group "${group}" is not declared under groups${hint.en}; declare it with its cap.`,
        `le groupe « ${group} » n'est pas déclaré sous groups${hint.fr} ; déclarez-le avec son plafond (cap).`,
      ),
    );
  }
  const missingPair = get('missing');
  const missing = missingPair ? r.number(missingPair[1], sub(where, 'missing')) : 0;
  const decayPair = get('decay');
  const halfLife = decayPair ? readDecay(r, decayPair[1], where) : undefined;
  const rulesPair = get('rules');
  const rules: Rule[] = [];
  const ranges: RangeAt[] = [];
  if (!rulesPair) {
    if (isMap(node))
      r.problem(
        node,
        says(
          where,
          'no "rules"; expected a list of rules.',
          'pas de « rules » ; attendu : une liste de règles.',
        ),
      );
  } else if (!isSeq(rulesPair[1])) {
    const found = describe(rulesPair[1]);
    r.problem(
      rulesPair[1],
      says(
        sub(where, 'rules'),
        `expected a list of rules; found ${found.en}.`,
        `attendu : une liste de règles ; trouvé : ${found.fr}.`,
      ),
    );
  } else {
    rulesPair[1].items.forEach((item, i) => {
      const { rule, range } = readRule(r, item, sub(where, `rule ${i + 1}`, `règle ${i + 1}`));
      if (rule) rules.push(rule);
      if (range) ranges.push({ ...range, index: i });
    });
  }
  checkRanges(r, where, ranges);
  const hasRange = rules.some((x) => x.kind === 'range');
  const hasDate = rules.some((x) => x.kind === 'within') || halfLife !== undefined;
  const hasText = rules.some((x) => x.kind === 'equals' || x.kind === 'pattern');
  if ([hasRange, hasDate, hasText].filter(Boolean).length > 1) {
    const kinds = [
      hasRange && { en: 'numeric ranges', fr: 'des plages de nombres' },
      hasDate && { en: 'dates (within_days, decay)', fr: 'des dates (within_days, decay)' },
      hasText && { en: 'text values (equals, one_of, matches)', fr: 'des textes (equals, one_of, matches)' },
    ].filter((k): k is Texts => k !== false);
    r.problem(
      (rulesPair?.[1] ?? (node as Node)) as Node,
      says(
        where,
        `mixes ${kinds.map((k) => k.en).join(' and ')}; a criterion reads one kind of value.`,
        `mélange ${kinds.map((k) => k.fr).join(' et ')} ; un critère lit un seul type de valeur.`,
      ),
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
  const top = r.pairs(doc.contents, { en: 'grid', fr: 'grille' }, TOP_KEYS);
  const get = (k: string): Node | null | undefined => top.find(([key]) => key === k)?.[1];

  const groups: Grid['groups'] = Object.create(null) as Grid['groups'];
  const groupsNode = get('groups');
  if (groupsNode !== undefined) {
    if (!isMap(groupsNode)) {
      const found = describe(groupsNode);
      r.problem(groupsNode, {
        en: `groups: expected a mapping such as { fit: { cap: 60 } }; found ${found.en}.`,
        fr: `groups : attendu : des lignes comme { fit: { cap: 60 } } ; trouvé : ${found.fr}.`,
      });
    } else {
      for (const pair of groupsNode.items) {
        if (!isScalar(pair.key) || typeof pair.key.value !== 'string') {
          const found = describe(pair.key);
          r.problem(pair.key as Node, {
            en: `groups: a group name must be a word; found ${found.en}.`,
            fr: `groups : un nom de groupe doit être un mot ; trouvé : ${found.fr}.`,
          });
          continue;
        }
        const name = pair.key.value;
        const where: Where = { en: `group "${name}"`, fr: `groupe « ${name} »` };
        const cap = r.pairs(pair.value, where, GROUP_KEYS).find(([k]) => k === 'cap');
        const value = cap ? r.number(cap[1], sub(where, 'cap')) : undefined;
        groups[name] = value !== undefined ? { cap: value } : {};
      }
    }
  }

  const capNode = get('total_cap');
  const totalCap =
    capNode !== undefined ? r.number(capNode, { en: 'total_cap', fr: 'total_cap' }) : undefined;
  const idNode = get('id');
  const idField = idNode !== undefined ? r.text(idNode, { en: 'id', fr: 'id' }) : undefined;

  const criteria: Criterion[] = [];
  const fieldPositions: GridPosition[] = [];
  const criteriaNode = get('criteria');
  if (criteriaNode === undefined) {
    r.problem(doc.contents as Node, {
      en: 'grid: no "criteria"; expected a list of criteria.',
      fr: 'grille : pas de « criteria » ; attendu : une liste de critères.',
    });
  } else if (!isSeq(criteriaNode) || criteriaNode.items.length === 0) {
    const found = describe(criteriaNode);
    r.problem(criteriaNode, {
      en: `criteria: expected a list of criteria; found ${found.en}.`,
      fr: `criteria : attendu : une liste de critères ; trouvé : ${found.fr}.`,
    });
  } else {
    const names = new Map<string, number>();
    criteriaNode.items.forEach((item, i) => {
      const { criterion, fieldAt } = readCriterion(r, item, i, new Set(Object.keys(groups)));
      if (!criterion) return;
      if (names.has(criterion.name)) {
        r.problem(item as Node, {
          en: `criterion "${criterion.name}": the name is used twice; give each criterion its own name.`,
          fr: `critère « ${criterion.name} » : le nom est utilisé deux fois ; donnez à chaque critère son propre nom.`,
        });
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
    const found = describe(gradesNode);
    r.problem(gradesNode, {
      en: `grades: expected thresholds such as { A: 70, B: 40, otherwise: C }; found ${found.en}.`,
      fr: `grades : attendu : des seuils comme { A: 70, B: 40, otherwise: C } ; trouvé : ${found.fr}.`,
    });
  } else {
    let previous: { name: string; min: number } | undefined;
    for (const pair of gradesNode.items) {
      if (!isScalar(pair.key) || (typeof pair.key.value !== 'string' && typeof pair.key.value !== 'number')) {
        const found = describe(pair.key);
        r.problem(pair.key as Node, {
          en: `grades: a grade must be a word; found ${found.en}.`,
          fr: `grades : une note doit être un mot ; trouvé : ${found.fr}.`,
        });
        continue;
      }
      const name = scalarText(pair.key);
      if (name === 'otherwise') {
        const text = r.text(pair.value as Node, { en: 'grades: otherwise', fr: 'grades : otherwise' });
        if (text !== undefined) otherwise = text;
        continue;
      }
      const min = r.number(pair.value as Node, { en: `grades: ${name}`, fr: `grades : ${name}` });
      if (min === undefined) continue;
      if (previous && min >= previous.min) {
        r.problem(pair.value as Node, {
          en: `grades: ${name} (${min}) is not below ${previous.name} (${previous.min}); list thresholds from the highest down.`,
          fr: `grades : ${name} (${min}) n'est pas sous ${previous.name} (${previous.min}) ; donnez les seuils du plus haut au plus bas.`,
        });
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
      const found = describe(maturityNode);
      r.problem(maturityNode, {
        en: `maturity: expected a mapping such as { A: active, B: latent, C: arid }; found ${found.en}.`,
        fr: `maturity : attendu : des lignes comme { A: active, B: latent, C: arid } ; trouvé : ${found.fr}.`,
      });
    } else {
      maturity = Object.create(null) as Record<string, Maturity>;
      for (const pair of maturityNode.items) {
        const key = isScalar(pair.key) ? scalarText(pair.key) : '';
        if (!gradeNames.includes(key)) {
          r.problem(pair.key as Node, {
            en: `maturity: "${key}" is not a grade; expected one of ${gradeNames.join(', ')}.`,
            fr: `maturity : « ${key} » n'est pas une note de la grille ; attendu : l'une de ${gradeNames.join(', ')}.`,
          });
          continue;
        }
        const value = isScalar(pair.value) ? String(pair.value.value) : '';
        if (!MATURITIES.includes(value as Maturity)) {
          const hint = suggest(value, MATURITIES);
          r.problem(pair.value as Node, {
            en: `maturity: ${key}: "${value}" is not a maturity; expected active, latent or arid${hint.en}.`,
            fr: `maturity : ${key} : « ${value} » n'est pas une maturité ; attendu : active, latent ou arid${hint.fr}.`,
          });
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
