/**
 * The project file, `prospect.yaml`: what a team sets once (column headers per kind of file,
 * stage names, CRM profile, language, country, file conventions, plan parameters). Found in the
 * working folder or the nearest parent; `--config FILE` names one, `--no-config` ignores it.
 * Flags always win over it. Every problem is collected with its `file:line:column`; unknown keys
 * are errors with the closest known key; hostile YAML (aliases, deep nesting, `__proto__`, a huge
 * file) is refused.
 */
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import type { PlanSettings } from '../core/settings.js';
import { FUNNEL_STAGES, type FunnelStage } from '../core/stage-mapping.js';
import { DataError, inBoth, InputFileError, type InputProblem } from '../errors.js';
import type { Lang, Texts } from '../i18n.js';
import { loadYaml } from './lazy-require.js';
import { parseYamlGuarded } from './read-yaml.js';
import { FIELD_SYNONYMS } from './map-columns.js';
import { parseSettings, RAW_SETTING_KEYS, type RawSettings } from './parse-settings.js';

export {
  locateProjectFile,
  PROJECT_FILE_NAME,
  scanConfigFlags,
  type ProjectLocation,
} from './project-location.js';

/** The kinds of input file a command reads. */
export const FILE_KINDS = ['clients', 'orders', 'deals', 'activities', 'actuals'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface FileKindSettings {
  /** field -> header for files of this kind. */
  columns: Record<string, string>;
  /** The sheet of an `.xlsx` workbook. */
  sheet?: string;
}

/** A project file, read and checked. */
export interface ProjectSettings {
  /** The file as messages show it: relative to the working folder (`./prospect.yaml`, `../prospect.yaml`). */
  name: string;
  language?: Lang;
  country?: string;
  crm?: string;
  conventions: {
    delimiter?: string;
    decimal?: ',' | '.';
    dateFormat?: 'dmy' | 'mdy' | 'ymd';
    encoding?: string;
  };
  /** field -> header for every kind of file. */
  columns: Record<string, string>;
  kinds: Partial<Record<FileKind, FileKindSettings>>;
  /** CRM stage name -> plan stage (as a `--stages` file says). */
  stages: Record<string, FunnelStage>;
  /** Plan parameters, parsed as `plan` flags are. */
  plan: Partial<PlanSettings>;
}

/** The file's name for messages: relative to the working folder, `./` first when inside it. */
export function displayName(path: string, cwd: string): string {
  const rel = relative(resolve(cwd), path);
  if (rel === '') return path;
  if (rel.startsWith('..') || rel.startsWith(sep) || /^[a-zA-Z]:/.test(rel)) return rel;
  return `.${sep}${rel}`;
}

const MAX_FILE_BYTES = 256 * 1024;
const MAX_DEPTH = 6;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

const TOP_KEYS = ['language', 'country', 'crm', 'conventions', 'columns', ...FILE_KINDS, 'stages', 'plan'];
const CONVENTION_KEYS = ['delimiter', 'decimal', 'dateFormat', 'encoding'];
const KIND_KEYS = ['columns', 'sheet'];

const DELIMITERS: Record<string, string> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  tab: '\t',
  '\t': '\t',
  '|': '|',
  pipe: '|',
};

/** Fields that commands read besides the canonical ones (deals, activities, actuals). */
const OTHER_FIELDS = [
  'date',
  'day',
  'minutes',
  'type',
  'pipeline',
  'proposalDate',
  'recencyDays',
  'transactionCount',
  'spontaneous',
  'region',
  'website',
  'id',
];
const knownFields = (): string[] => [
  ...FIELD_SYNONYMS.keys(),
  ...OTHER_FIELDS.filter((f) => !FIELD_SYNONYMS.has(f)),
];

const STAGE_ALIASES: Record<string, FunnelStage> = { qualified: 'active' };

/**
 * The line where the text nests deeper than a project file ever does (brackets, or indentation),
 * checked before the YAML parser, whose recursion a hostile file could exhaust; else undefined.
 */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32 || c === 45) {
        if (++indent > 40) return line; // spaces and "- " of nested lists
        continue;
      }
      lineStart = false;
    }
    if (c === 91 || c === 123) {
      if (++depth > 16) return line;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

/** The closest of `known` to `key`, when it is close enough to be a typo. */
function suggest(key: string, known: readonly string[]): Texts {
  const near = closest(key, [...known]);
  return distance(key.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(near.length / 3))
    ? { en: ` (did you mean "${near}"?)`, fr: ` (vouliez-vous dire « ${near} » ?)` }
    : { en: '', fr: '' };
}

/**
 * Reads and checks a project file. Throws InputFileError (66) when it cannot be read, DataError
 * (65) with every problem found (`file:line:column: ...`).
 */
/** The lead line of a project file's problems. */
function notAProjectFile(name: string): Texts {
  return { en: `${name}: not a project file.`, fr: `${name} : ce n’est pas un fichier de projet.` };
}

export function readProjectFile(path: string, cwd: string): ProjectSettings {
  const name = displayName(path, cwd);
  let text: string;
  try {
    if (statSync(path).size > MAX_FILE_BYTES)
      throw new DataError([
        {
          file: name,
          ...inBoth({
            en: `the file is over ${MAX_FILE_BYTES / 1024} KB; a project file is a page of settings`,
            fr: `le fichier dépasse ${MAX_FILE_BYTES / 1024} Ko ; un fichier de projet tient en une page de réglages`,
          }),
        },
      ]);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof DataError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(
      code === 'ENOENT'
        ? {
            en: `${name}: no such file; check the --config path (or --no-config to run without one).`,
            fr: `${name} : fichier introuvable ; vérifiez le chemin de --config (ou --no-config pour s’en passer).`,
          }
        : {
            en: `${name}: cannot read the project file (${(error as Error).message}); check the path and its permissions.`,
            fr: `${name} : lecture du fichier de projet impossible (${(error as Error).message}) ; vérifiez le chemin et les droits.`,
          },
    );
  }
  const { isMap, isPair, isScalar, isSeq, visit } = loadYaml();
  const deep = tooDeep(text);
  if (deep !== undefined)
    throw new DataError([
      {
        file: name,
        line: deep,
        ...inBoth({
          en: 'nested too deep; a project file is a page of flat settings',
          fr: 'imbrication trop profonde ; un fichier de projet est une page de réglages à plat',
        }),
      },
    ]);
  // The guarded parser every YAML input goes through (size, nesting, alias expansion, __proto__);
  // a project file is held to stricter bounds below.
  const { doc, lineCounter } = parseYamlGuarded(text, name, { prettyErrors: false, uniqueKeys: true });
  const problems: InputProblem[] = [];
  const at = (offset: number | undefined, message: Texts): void => {
    const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
    problems.push({ file: name, ...(pos ? { line: pos.line, column: pos.col } : {}), ...inBoth(message) });
  };
  for (const e of doc.errors) {
    const detail = e.message.split('\n')[0] ?? '';
    at(e.pos[0], { en: `not valid YAML: ${detail}`, fr: `YAML invalide : ${detail}` });
  }
  if (problems.length > 0)
    throw new DataError(problems, { en: `${name}: not valid YAML.`, fr: `${name} : YAML invalide.` });

  // Hostile shapes, before any value is used: aliases (a billion laughs), deep nesting, keys that
  // reach Object.prototype.
  visit(doc, {
    Alias(_, node) {
      at(node.range?.[0], {
        en: 'an alias (*name); write the value out instead',
        fr: 'un alias (*nom) ; écrivez la valeur en entier à la place',
      });
    },
    Pair(_, pair, path) {
      const key = pair.key;
      if (isScalar(key) && RESERVED.has(String(key.value)))
        at(key.range?.[0], {
          en: `"${String(key.value)}" cannot be a key; remove it`,
          fr: `« ${String(key.value)} » ne peut pas être une clé ; retirez-la`,
        });
      const depth = path.filter((n) => isMap(n) || isSeq(n)).length;
      if (depth > MAX_DEPTH) {
        at(isScalar(key) ? key.range?.[0] : undefined, {
          en: `nested more than ${MAX_DEPTH} levels deep; a project file is flat`,
          fr: `imbrication de plus de ${MAX_DEPTH} niveaux ; un fichier de projet est à plat`,
        });
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (problems.length > 0) throw new DataError(problems, notAProjectFile(name));

  /** The key node of `key` in the map at `path`, for positions. */
  const keyOffset = (path: (string | number)[], key: string): number | undefined => {
    const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (!isMap(map)) return undefined;
    for (const item of map.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item.key.range?.[0];
    }
    return undefined;
  };
  const valueOffset = (path: (string | number)[]): number | undefined => {
    const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
    return node?.range?.[0];
  };
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

  const data: unknown = doc.toJS({ maxAliasCount: 0 });
  const settings: ProjectSettings = {
    name,
    conventions: {},
    columns: {},
    kinds: {},
    stages: {},
    plan: {},
  };
  if (data === null || data === undefined) return settings; // an empty file: nothing set
  if (!isRecord(data)) {
    at(valueOffset([]), {
      en: 'expected settings as "key: value" lines (see `prospect init project`)',
      fr: 'attendu : des réglages en lignes "clé: valeur" (voir `prospect init project`)',
    });
    throw new DataError(problems, notAProjectFile(name));
  }
  const unknownKeys = (obj: Record<string, unknown>, path: string[], known: readonly string[]): void => {
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) {
        const hint = suggest(key, known);
        const where = [...path, key].join('.');
        at(keyOffset(path, key), {
          en: `${where}: unknown key${hint.en}; expected one of ${known.join(', ')}`,
          fr: `${where} : clé inconnue${hint.fr} ; attendu : l’une de ${known.join(', ')}`,
        });
      }
    }
  };
  const textOf = (value: unknown, path: string[], expected: Texts): string | undefined => {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
    const found = JSON.stringify(value) ?? String(value);
    at(valueOffset(path), {
      en: `${path.join('.')}: ${found} is not ${expected.en}`,
      fr: `${path.join('.')} : ${found} n’est pas ${expected.fr}`,
    });
    return undefined;
  };
  const columnsOf = (value: unknown, path: string[]): Record<string, string> => {
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    if (!isRecord(value)) {
      at(valueOffset(path), {
        en: `${path.join('.')}: expected "field: Header" lines, such as "revenue: CA 2025"`,
        fr: `${path.join('.')} : attendu : des lignes "champ: En-tête", comme "revenue: CA 2025"`,
      });
      return out;
    }
    for (const [field, header] of Object.entries(value)) {
      if (!knownFields().includes(field)) {
        const hint = suggest(field, knownFields());
        const where = [...path, field].join('.');
        at(keyOffset(path, field), {
          en: `${where}: "${field}" is not a field${hint.en}; expected one of ${knownFields().join(', ')}`,
          fr: `${where} : « ${field} » n’est pas un champ${hint.fr} ; attendu : l’un de ${knownFields().join(', ')}`,
        });
        continue;
      }
      const h = textOf(header, [...path, field], { en: 'a header (text)', fr: 'un en-tête (texte)' });
      if (h !== undefined) out[field] = h;
    }
    return out;
  };

  unknownKeys(data, [], TOP_KEYS);
  if (data.language !== undefined) {
    const lang = String(data.language).trim().toLowerCase();
    if (lang === 'en' || lang === 'fr') settings.language = lang;
    else
      at(valueOffset(['language']), {
        en: `language: "${String(data.language)}" is not a language; expected en or fr`,
        fr: `language : « ${String(data.language)} » n’est pas une langue ; attendu : en ou fr`,
      });
  }
  if (data.crm !== undefined) {
    const crm = textOf(data.crm, ['crm'], {
      en: 'a CRM profile name (text, such as hubspot)',
      fr: 'un nom de profil CRM (texte, comme hubspot)',
    });
    if (crm !== undefined) settings.crm = crm;
  }
  if (data.conventions !== undefined) {
    const c = data.conventions;
    if (!isRecord(c))
      at(valueOffset(['conventions']), {
        en: 'conventions: expected delimiter, decimal, dateFormat, encoding lines',
        fr: 'conventions : attendu : des lignes delimiter, decimal, dateFormat, encoding',
      });
    else {
      unknownKeys(c, ['conventions'], CONVENTION_KEYS);
      if (c.delimiter !== undefined) {
        const d = DELIMITERS[String(c.delimiter).toLowerCase()];
        if (d === undefined)
          at(valueOffset(['conventions', 'delimiter']), {
            en: `conventions.delimiter: "${String(c.delimiter)}" is not a separator; expected ";", ",", tab or "|"`,
            fr: `conventions.delimiter : « ${String(c.delimiter)} » n’est pas un séparateur ; attendu : ";", ",", tab ou "|"`,
          });
        else settings.conventions.delimiter = d;
      }
      if (c.decimal !== undefined) {
        const d = String(c.decimal);
        if (d === ',' || d === '.') settings.conventions.decimal = d;
        else
          at(valueOffset(['conventions', 'decimal']), {
            en: `conventions.decimal: "${d}" is not a decimal mark; expected "," or "."`,
            fr: `conventions.decimal : « ${d} » n’est pas un séparateur décimal ; attendu : "," ou "."`,
          });
      }
      if (c.dateFormat !== undefined) {
        const f = String(c.dateFormat).trim().toLowerCase();
        const order = (
          {
            dmy: 'dmy',
            'dd/mm/yyyy': 'dmy',
            mdy: 'mdy',
            'mm/dd/yyyy': 'mdy',
            ymd: 'ymd',
            'yyyy-mm-dd': 'ymd',
            iso: 'ymd',
          } as const
        )[f as 'dmy'];
        if (order === undefined)
          at(valueOffset(['conventions', 'dateFormat']), {
            en: `conventions.dateFormat: "${String(c.dateFormat)}" is not a date order; expected dmy, mdy or ymd`,
            fr: `conventions.dateFormat : « ${String(c.dateFormat)} » n’est pas un ordre de date ; attendu : dmy, mdy ou ymd`,
          });
        else settings.conventions.dateFormat = order;
      }
      if (c.encoding !== undefined) {
        const e = textOf(c.encoding, ['conventions', 'encoding'], {
          en: 'an encoding (utf-8, windows-1252, utf-16le)',
          fr: 'un encodage (utf-8, windows-1252, utf-16le)',
        });
        if (e !== undefined) settings.conventions.encoding = e;
      }
    }
  }
  if (data.columns !== undefined) settings.columns = columnsOf(data.columns, ['columns']);
  for (const kind of FILE_KINDS) {
    const k = data[kind];
    if (k === undefined) continue;
    if (!isRecord(k)) {
      at(valueOffset([kind]), {
        en: `${kind}: expected "columns:" (field: Header lines) and "sheet:"`,
        fr: `${kind} : attendu : "columns:" (des lignes champ: En-tête) et "sheet:"`,
      });
      continue;
    }
    unknownKeys(k, [kind], KIND_KEYS);
    const entry: FileKindSettings = {
      columns: k.columns === undefined ? {} : columnsOf(k.columns, [kind, 'columns']),
    };
    if (k.sheet !== undefined) {
      const sheet = textOf(k.sheet, [kind, 'sheet'], {
        en: 'a sheet name (text)',
        fr: 'un nom de feuille (texte)',
      });
      if (sheet !== undefined) entry.sheet = sheet;
    }
    settings.kinds[kind] = entry;
  }
  if (data.stages !== undefined) {
    if (!isRecord(data.stages))
      at(valueOffset(['stages']), {
        en: 'stages: expected "CRM stage: plan stage" lines, such as "Signé: won"',
        fr: 'stages : attendu : des lignes "étape du CRM: étape du plan", comme "Signé: won"',
      });
    else {
      for (const [stageName, value] of Object.entries(data.stages)) {
        const word = String(value).trim().toLowerCase();
        const stage = STAGE_ALIASES[word] ?? FUNNEL_STAGES.find((s) => s === word);
        if (stage === undefined)
          at(valueOffset(['stages', stageName]), {
            en: `stages."${stageName}": "${String(value)}" is not a stage; expected contacted, active, proposal, won or lost`,
            fr: `stages."${stageName}" : « ${String(value)} » n’est pas une étape ; attendu : contacted, active, proposal, won ou lost`,
          });
        else settings.stages[stageName] = stage;
      }
    }
  }
  const country = data.country;
  if (data.plan !== undefined && !isRecord(data.plan))
    at(valueOffset(['plan']), {
      en: 'plan: expected plan parameters such as "avgDeal: 20000"',
      fr: 'plan : attendu : des paramètres du plan comme "avgDeal: 20000"',
    });
  const plan = isRecord(data.plan) ? data.plan : {};
  unknownKeys(
    plan,
    ['plan'],
    RAW_SETTING_KEYS.filter((k) => k !== 'country'),
  );
  const raw: RawSettings = {};
  for (const key of RAW_SETTING_KEYS) if (key !== 'country' && plan[key] !== undefined) raw[key] = plan[key];
  if (country !== undefined) raw.country = country;
  const parsed = parseSettings(raw, (key) => (key === 'country' ? 'country' : `plan.${key}`));
  for (const p of parsed.problems)
    at(valueOffset(p.key === 'country' ? ['country'] : ['plan', p.key]), {
      en: p.message.replace(/\.$/, ''),
      fr: (p.texts?.fr ?? p.message).replace(/\.$/, ''),
    });
  settings.plan = parsed.values;
  if (parsed.values.country !== undefined) settings.country = parsed.values.country;
  if (problems.length > 0)
    throw new DataError(problems, {
      en: `${name}: ${problems.length} problem${problems.length > 1 ? 's' : ''} in the project file.`,
      fr: `${name} : ${problems.length} problème${problems.length >= 2 ? 's' : ''} dans le fichier de projet.`,
    });
  return settings;
}

/**
 * The headers to look for, field by field, in a file of `kind` (or of any kind when unknown): the
 * kind's own `columns`, then the shared ones, then the other kinds'.
 */
export function projectHeaders(
  settings: ProjectSettings,
  kind: FileKind | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const add = (columns: Record<string, string>): void => {
    for (const [field, header] of Object.entries(columns)) {
      const list = (out[field] ??= []);
      if (!list.includes(header)) list.push(header);
    }
  };
  if (kind !== undefined) add(settings.kinds[kind]?.columns ?? {});
  add(settings.columns);
  for (const k of FILE_KINDS) if (k !== kind) add(settings.kinds[k]?.columns ?? {});
  return out;
}
