import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import type { ObjectiveLabel } from '../core/objective-plan.js';
import type { PlanSettings } from '../core/settings.js';
import { DataError, inBoth, InputFileError, type InputProblem } from '../errors.js';
import type { Texts } from '../i18n.js';
import type { Context } from './context.js';
import { loadYaml, loadZod } from './lazy-require.js';
import { parseYamlGuarded, yamlToJs } from './read-yaml.js';
import { scalarText } from './yaml-scalar.js';
import { parseSettings, RAW_SETTING_KEYS, type RawSettingKey, type RawSettings } from './parse-settings.js';

/** One objective of a file: what it names, its own settings, and where it starts. */
export interface ObjectiveEntry {
  label: ObjectiveLabel;
  values: Partial<PlanSettings>;
  file: string;
  line: number;
  column: number;
}

export interface ObjectivesFile {
  file: string;
  defaults?: { file: string; values: Partial<PlanSettings> };
  objectives: ObjectiveEntry[];
}

/** An objectives file is a few kilobytes; past this it is refused before parsing. */
export const MAX_OBJECTIVES_BYTES = 1024 * 1024;
/** Aliases allowed when resolving a YAML document (a "billion laughs" file needs far more). */
export const MAX_ALIAS_COUNT = 100;
/** Objectives per file. */
export const MAX_OBJECTIVES = 1000;

/** The schemas of a file, built on first use (zod is loaded then, not at start-up). */
function buildSchemas() {
  const { z } = loadZod();
  /** A number or a text (`6%`, `20 000`): the values are parsed like flags afterwards. */
  const value = z.custom<number | string>((v) => typeof v === 'number' || typeof v === 'string', {
    message: 'expected a number or a text such as 6%',
  });
  /** A text; a bare number (`name: 2027`, `zone: 75`) is read as its text. */
  const text = z.custom<string | number>((v) => typeof v === 'string' || typeof v === 'number', {
    message: 'expected a text',
  });
  const weights = z.custom<string | unknown[] | Record<string, unknown>>(
    (v) => typeof v === 'string' || (typeof v === 'object' && v !== null),
    { message: 'expected aug=0.5,dec=0.8, a mapping of months or a list of 12 weights' },
  );

  /** The settings an objective or the defaults may set (the flags' names, in camelCase). */
  const settingsShape = {
    avgDeal: value.optional(),
    proposalsPerDeal: value.optional(),
    winRate: value.optional(),
    compensationFactor: value.optional(),
    spontaneous: value.optional(),
    accessibility: value.optional(),
    contactsPerProspect: value.optional(),
    minutesPerContact: value.optional(),
    from: text.optional(),
    to: text.optional(),
    weeks: value.optional(),
    months: value.optional(),
    country: text.optional(),
    weights: weights.optional(),
    reps: value.optional(),
    hoursPerWeek: value.optional(),
  };

  const objectiveSchema = z.strictObject({
    name: text.optional(),
    amount: value.optional(),
    product: text.optional(),
    zone: text.optional(),
    rep: text.optional(),
    ...settingsShape,
  });

  const defaultsSchema = z.strictObject({ amount: value.optional(), ...settingsShape });

  const fileSchema = z.strictObject({
    version: z.literal(1).optional(),
    defaults: defaultsSchema.optional(),
    objectives: z.array(objectiveSchema).min(1).max(MAX_OBJECTIVES),
  });

  const keysAt: Record<string, readonly string[]> = {
    root: Object.keys(fileSchema.shape),
    defaults: Object.keys(defaultsSchema.shape),
    objective: Object.keys(objectiveSchema.shape),
  };
  return { objectiveSchema, fileSchema, keysAt };
}

let builtSchemas: ReturnType<typeof buildSchemas> | undefined;

function schemas(): ReturnType<typeof buildSchemas> {
  return (builtSchemas ??= buildSchemas());
}

type ObjectiveYaml = z.infer<ReturnType<typeof buildSchemas>['objectiveSchema']>;

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}

/** The known key closest to an unknown one, when it is close enough to be a slip ("did you mean"). */
export function suggestKey(unknown: string, known: readonly string[]): string | undefined {
  const byNorm = known.find((k) => normalizeKey(k) === normalizeKey(unknown));
  if (byNorm) return byNorm;
  const best = closest(unknown, [...known]);
  const limit = Math.max(1, Math.floor(unknown.length / 3));
  return distance(unknown.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}

type Path = readonly (string | number)[];

class Locator {
  constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  private at(offset: number | undefined): { line?: number; column?: number } {
    if (offset === undefined) return {};
    const pos = this.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  /** The position of the value at `path` (or the closest parent that exists). */
  value(path: Path): { line?: number; column?: number } {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) return this.at(range[0]);
    }
    return {};
  }

  /** The position of the key `key` in the mapping at `path`. */
  key(path: Path, key: string): { line?: number; column?: number } {
    const { isMap, isScalar } = loadYaml();
    const node = path.length === 0 ? this.doc.contents : this.doc.getIn(path, true);
    if (isMap(node)) {
      for (const item of node.items) {
        if (isScalar(item.key) && String(item.key.value) === key && item.key.range) {
          return this.at(item.key.range[0]);
        }
      }
    }
    return this.value(path);
  }

  problem(where: { line?: number; column?: number }, message: Texts): InputProblem {
    return { file: this.file, ...where, ...inBoth(message) };
  }
}

function describePath(path: Path): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}

function kindOf(path: Path): string {
  if (path.length === 0) return 'root';
  if (path[0] === 'defaults' && path.length === 1) return 'defaults';
  return 'objective';
}

function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const p of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.hasOwn(node, p) ? (node as Record<string | number, unknown>)[p] : undefined;
  }
  return node;
}

function describeFound(v: unknown): Texts {
  if (Array.isArray(v)) return { en: 'a list', fr: 'une liste' };
  if (v !== null && typeof v === 'object') return { en: 'a mapping', fr: 'des lignes clé: valeur' };
  const text = JSON.stringify(v) ?? String(v);
  return { en: text, fr: text };
}

/** The French of the schema's own messages (buildSchemas), keyed by the English. */
const CUSTOM_FR: Record<string, string> = {
  'expected a number or a text such as 6%': 'attendu : un nombre ou un texte comme 6 %',
  'expected a text': 'attendu : un texte',
  'expected aug=0.5,dec=0.8, a mapping of months or a list of 12 weights':
    'attendu : aug=0.5,dec=0.8, des lignes mois: poids ou une liste de 12 poids',
};

/** What a zod issue expected, in both languages (the English as zod or the schema wrote it). */
function expectedOf(issue: z.core.$ZodIssue): Texts {
  const en = issue.code === 'custom' ? issue.message : issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'custom') return { en, fr: CUSTOM_FR[en] ?? en };
  if (issue.code === 'invalid_type') {
    const kinds: Record<string, string> = {
      array: 'une liste',
      object: 'des lignes clé: valeur',
      number: 'un nombre',
      string: 'un texte',
    };
    return { en, fr: `attendu : ${kinds[issue.expected] ?? issue.expected}` };
  }
  if (issue.code === 'invalid_value')
    return { en, fr: `attendu : ${issue.values.map((v) => String(v)).join(', ')}` };
  return { en, fr: en };
}

function zodProblems(error: z.ZodError, data: unknown, locate: Locator): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = schemas().keysAt[kindOf(path)] ?? [];
      for (const key of issue.keys) {
        const hint = suggestKey(key, known);
        const where = path.length ? describePath(path) : '';
        problems.push(
          locate.problem(locate.key(path, key), {
            en:
              `unknown key "${key}"${where ? ` in ${where}` : ''}; ` +
              (hint ? `did you mean "${hint}"?` : `expected one of ${known.join(', ')}.`),
            fr:
              `clé « ${key} » inconnue${where ? ` dans ${where}` : ''} ; ` +
              (hint ? `vouliez-vous dire « ${hint} » ?` : `attendu : l’une de ${known.join(', ')}.`),
          }),
        );
      }
      continue;
    }
    const key = describePath(path);
    const found = valueAt(data, path);
    let message: Texts;
    if (path.length === 0) {
      message = {
        en: 'the file is not a mapping; expected "objectives:" with a list of objectives (see prospect init).',
        fr: 'le fichier n’est pas fait de lignes clé: valeur ; attendu : "objectives:" suivi d’une liste d’objectifs (voir prospect init).',
      };
    } else if (path.length === 1 && path[0] === 'objectives' && issue.code === 'too_small') {
      message = {
        en: 'objectives: the list is empty; expected at least one objective with a name and an amount.',
        fr: 'objectives : la liste est vide ; attendu : au moins un objectif avec un nom et un montant.',
      };
    } else if (path.length === 1 && path[0] === 'objectives' && issue.code === 'too_big') {
      message = {
        en: `objectives: more than ${MAX_OBJECTIVES} objectives; expected fewer.`,
        fr: `objectives : plus de ${MAX_OBJECTIVES} objectifs ; attendu : moins.`,
      };
    } else if (found === undefined) {
      const list = path[path.length - 1] === 'objectives';
      message = {
        en: `${key}: missing; expected ${list ? 'a list' : 'a value'}.`,
        fr: `${key} : absent ; attendu : ${list ? 'une liste' : 'une valeur'}.`,
      };
    } else {
      const expected = expectedOf(issue);
      const what = describeFound(found);
      message = {
        en: `${key}: found ${what.en}; ${expected.en}.`,
        fr: `${key} : trouvé : ${what.fr} ; ${expected.fr}.`,
      };
    }
    problems.push(locate.problem(locate.value(path), message));
  }
  return problems;
}

function toRaw(entry: Partial<ObjectiveYaml>): RawSettings {
  const raw: RawSettings = {};
  for (const key of RAW_SETTING_KEYS) {
    if (key === 'objective') raw.objective = entry.amount;
    else raw[key] = (entry as Record<string, unknown>)[key];
  }
  return raw;
}

function parseEntry(
  entry: Partial<ObjectiveYaml>,
  path: Path,
  locate: Locator,
  problems: InputProblem[],
): Partial<PlanSettings> {
  const yamlName = (k: RawSettingKey): string => (k === 'objective' ? 'amount' : k);
  const { values, problems: found } = parseSettings(toRaw(entry), yamlName);
  for (const p of found) {
    problems.push(
      locate.problem(locate.value([...path, yamlName(p.key)]), p.texts ?? { en: p.message, fr: p.message }),
    );
  }
  return values;
}

async function readText(path: string, ctx: Context): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.io.stdin) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buf.length;
      if (size > MAX_OBJECTIVES_BYTES) throw tooBig('-');
      chunks.push(buf);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  const full = resolve(ctx.io.cwd, path);
  let size: number;
  try {
    const stat = statSync(full);
    if (stat.isDirectory())
      throw new InputFileError({
        en: `${path}: is a directory; expected an objectives file (YAML).`,
        fr: `${path} : est un dossier ; attendu : un fichier d’objectifs (YAML).`,
      });
    size = stat.size;
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(
      code === 'ENOENT'
        ? {
            en: `${path}: no such file; expected an objectives file (YAML). Create one with: prospect init objectives`,
            fr: `${path} : fichier introuvable ; attendu : un fichier d’objectifs (YAML). Créez-en un avec : prospect init objectives`,
          }
        : cannotRead(path, code ?? String(error)),
    );
  }
  if (size > MAX_OBJECTIVES_BYTES) throw tooBig(path);
  try {
    return readFileSync(full, 'utf8');
  } catch (error) {
    throw new InputFileError(cannotRead(path, (error as NodeJS.ErrnoException).code ?? String(error)));
  }
}

function cannotRead(path: string, reason: string): Texts {
  return {
    en: `${path}: cannot be read (${reason}); check the path and its permissions.`,
    fr: `${path} : lecture impossible (${reason}) ; vérifiez le chemin et les droits.`,
  };
}

function notValid(path: string): Texts {
  return {
    en: `${path}: not a valid objectives file.`,
    fr: `${path} : ce n’est pas un fichier d’objectifs valide.`,
  };
}

function tooBig(path: string): DataError {
  return new DataError([
    {
      file: path,
      ...inBoth({
        en: `the file is larger than ${MAX_OBJECTIVES_BYTES / 1024} KiB; an objectives file is a few KB.`,
        fr: `le fichier dépasse ${MAX_OBJECTIVES_BYTES / 1024} Kio ; un fichier d’objectifs fait quelques Ko.`,
      }),
    },
  ]);
}

/**
 * Reads an objectives file (YAML; `-` for stdin): `defaults` (optional) and `objectives` (a list),
 * each with the flags' settings in camelCase and, for an objective, `name`, `amount`, `product`,
 * `zone`, `rep`. Every problem is collected with its line and column: YAML syntax, unknown keys
 * (with a "did you mean"), wrong types, bad values. Refuses files over 1 MiB and alias bombs.
 * Throws InputFileError (66) when the file is missing, DataError (65) for its content.
 */
export async function readObjectivesFile(path: string, ctx: Context): Promise<ObjectivesFile> {
  const text = await readText(path, ctx);
  const { doc, lineCounter: lines } = parseYamlGuarded(text, path, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const seen = new Set<string>();
    const problems: InputProblem[] = [];
    for (const e of doc.errors) {
      const pos = lines.linePos(e.pos[0]);
      const deep = /call stack/i.test(e.message);
      const detail = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
      const texts = deep
        ? {
            en: 'YAML syntax: nesting too deep; expected a flat list of objectives',
            fr: 'syntaxe YAML : imbrication trop profonde ; attendu : une liste d’objectifs à plat',
          }
        : { en: `YAML syntax: ${detail}`, fr: `syntaxe YAML : ${detail}` };
      if (seen.has(texts.en)) continue;
      seen.add(texts.en);
      problems.push({ file: path, line: pos.line, column: pos.col, ...inBoth(texts) });
    }
    throw new DataError(problems, { en: `${path}: not valid YAML.`, fr: `${path} : YAML invalide.` });
  }
  let data: unknown;
  try {
    data = yamlToJs(doc, path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DataError([
      {
        file: path,
        ...inBoth({
          en: `the YAML cannot be loaded safely (${message}).`,
          fr: `le YAML ne peut pas être chargé sans risque (${message}).`,
        }),
      },
    ]);
  }
  if (data === null || data === undefined) {
    throw new DataError([
      {
        file: path,
        ...inBoth({
          en: 'the file is empty; expected "objectives:" with a list (see prospect init).',
          fr: 'le fichier est vide ; attendu : "objectives:" suivi d’une liste (voir prospect init).',
        }),
      },
    ]);
  }
  const locate = new Locator(path, doc, lines);
  const parsed = schemas().fileSchema.safeParse(data);
  if (!parsed.success) throw new DataError(zodProblems(parsed.error, data, locate), notValid(path));
  const problems: InputProblem[] = [];
  const defaults = parsed.data.defaults
    ? { file: path, values: parseEntry(parsed.data.defaults, ['defaults'], locate, problems) }
    : undefined;
  const objectives = parsed.data.objectives.map((entry, i): ObjectiveEntry => {
    const values = parseEntry(entry, ['objectives', i], locate, problems);
    const where = locate.value(['objectives', i]);
    const label: ObjectiveLabel = {};
    for (const k of ['name', 'product', 'zone', 'rep'] as const) {
      if (entry[k] === undefined) continue;
      // As written: `zone: 06` is the zone "06" (YAML reads the integer 6).
      const node = doc.getIn(['objectives', i, k], true);
      label[k] = loadYaml().isScalar(node) ? scalarText(node) : String(entry[k]);
    }
    return { label, values, file: path, line: where.line ?? 1, column: where.column ?? 1 };
  });
  if (problems.length > 0) throw new DataError(problems, notValid(path));
  return { file: path, ...(defaults ? { defaults } : {}), objectives };
}
