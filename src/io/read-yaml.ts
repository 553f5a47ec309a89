/**
 * The one way YAML input is parsed (every YAML flag: --params, --columns, --grid, --segments,
 * --file, --objectives, --stages...): YAML is input a user may not have written, so it is
 * parsed behind guards against the documents that cost far more than their size.
 *
 * - size: at most 1 MiB of text (a settings file is a few kilobytes);
 * - nesting: at most 64 levels, checked on the text before the parser sees it (the parser takes
 *   seconds on a few hundred thousand `[`) and on the parsed document (aliases included);
 * - aliases: the document with its aliases expanded has at most 100,000 nodes (an alias bomb,
 *   "billion laughs", has billions);
 * - keys: `__proto__` is refused (it would set an object's prototype in a plain object).
 *
 * Each refusal is a DataError (exit 65) with `file:line:column` when there is one.
 */
import type { Document, LineCounter, Node, ParsedNode } from 'yaml';
import { DataError, inBoth } from '../errors.js';
import type { Texts } from '../i18n.js';
import { loadYaml } from './lazy-require.js';

export const MAX_YAML_BYTES = 1024 * 1024;
export const MAX_YAML_DEPTH = 64;
export const MAX_YAML_NODES = 100_000;
/** yaml's own bound on alias uses when a document is turned into values (its default). */
export const MAX_ALIAS_USES = 100;

/** Options of yaml's parseDocument that the readers use. */
export interface YamlParseOptions {
  uniqueKeys?: boolean;
  prettyErrors?: boolean;
}

export interface GuardedYaml {
  doc: Document.Parsed<ParsedNode>;
  lineCounter: LineCounter;
}

/**
 * Parses YAML text behind the guards above. A leading BOM is dropped. Syntax errors are left in
 * `doc.errors` for the caller to report in its own words.
 * @throws DataError when a guard refuses the text.
 */
export function parseYamlGuarded(text: string, file: string, options: YamlParseOptions = {}): GuardedYaml {
  const { LineCounter, parseDocument } = loadYaml();
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_YAML_BYTES)
    refuse(file, undefined, {
      en: `the file has ${bytes} bytes; expected at most 1 MiB (a settings file is a few kilobytes)`,
      fr: `le fichier fait ${bytes} octets ; attendu : au plus 1 Mio (un fichier de réglages fait quelques kilo-octets)`,
    });
  const deepAt = findDeepNesting(body, MAX_YAML_DEPTH);
  const lineCounter = new LineCounter();
  if (deepAt >= 0) {
    lineCounter.addNewLine(0);
    for (let i = body.indexOf('\n'); i >= 0 && i < deepAt; i = body.indexOf('\n', i + 1))
      lineCounter.addNewLine(i + 1);
    refuse(file, lineCounter.linePos(deepAt), tooDeep());
  }
  const doc = parseDocument(body, { lineCounter, prettyErrors: false, ...options });
  if (doc.errors.length === 0) checkNodes(doc, file, lineCounter);
  return { doc, lineCounter };
}

/**
 * The document as plain values (objects, arrays, scalars), once parseYamlGuarded has bounded it.
 * @throws DataError if yaml still refuses to expand it.
 */
export function yamlToJs(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_USES });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return refuse(file, undefined, {
      en: `the YAML cannot be loaded safely (${message})`,
      fr: `le YAML ne peut pas être chargé sans risque (${message})`,
    });
  }
}

function tooDeep(): Texts {
  return {
    en: `nesting deeper than ${MAX_YAML_DEPTH} levels; expected a settings file a few levels deep`,
    fr: `imbrication de plus de ${MAX_YAML_DEPTH} niveaux ; attendu : un fichier de réglages de quelques niveaux`,
  };
}

function refuse(file: string, pos: { line: number; col: number } | undefined, message: Texts): never {
  throw new DataError([{ file, ...(pos ? { line: pos.line, column: pos.col } : {}), ...inBoth(message) }]);
}

/**
 * Where the text opens more than `max` levels: flow brackets `[` `{` (outside quotes and
 * comments) plus block entries `- ` / `? ` stacked on one line. The offset, or -1. A cheap
 * over-estimate is fine: the parsed document is checked again exactly.
 */
function findDeepNesting(text: string, max: number): number {
  let flow = 0;
  let lineStart = true;
  let stacked = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      stacked = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32 || c === 9) continue;
      // `- - - x` or `? ? x`: one block level each
      if ((c === 45 || c === 63) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) {
        if (++stacked + flow > max) return i;
        i++;
        continue;
      }
      lineStart = false;
    }
    if (c === 35 && (i === 0 || /\s/.test(text[i - 1] as string))) {
      // a comment, to the end of the line
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end - 1;
    } else if (c === 34 || (c === 39 && (i === 0 || /[\s[{,:]/.test(text[i - 1] as string)))) {
      // a quoted scalar ("..." with \ escapes, '...' with '' escapes)
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (c === 34 && d === 92) i++;
        else if (d === c) {
          if (c === 39 && text.charCodeAt(i + 1) === 39) i++;
          else break;
        }
      }
    } else if (c === 91 || c === 123) {
      if (++flow + stacked > max) return i;
    } else if ((c === 93 || c === 125) && flow > 0) {
      flow--;
    }
  }
  return -1;
}

/** Depth, alias expansion and `__proto__` keys of a parsed document. */
function checkNodes(doc: Document.Parsed<ParsedNode>, file: string, lineCounter: LineCounter): void {
  const { isAlias, isCollection, isPair, isScalar } = loadYaml();
  // Per node: its height and its number of nodes with aliases expanded (each computed once).
  const sizes = new Map<unknown, { height: number; count: number }>();
  let total = 0;
  const where = (node: unknown): { line: number; col: number } | undefined => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lineCounter.linePos(range[0]) : undefined;
  };
  const measure = (node: unknown, depth: number): { height: number; count: number } => {
    if (depth > MAX_YAML_DEPTH) refuse(file, where(node), tooDeep());
    if (node === null || node === undefined || isScalar(node)) return { height: 0, count: 1 };
    const known = sizes.get(node);
    if (known) return known;
    let result = { height: 0, count: 1 };
    if (isAlias(node)) {
      const target = node.resolve(doc);
      const inner = target === undefined ? { height: 0, count: 1 } : measure(target, depth);
      result = inner;
      if (depth + inner.height > MAX_YAML_DEPTH) refuse(file, where(node), tooDeep());
    } else if (isCollection(node)) {
      sizes.set(node, result); // a node inside itself (`&a [*a]`) counts once
      let height = 0;
      let count = 1;
      for (const item of node.items as unknown[]) {
        const parts = isPair(item) ? [item.key, item.value] : [item];
        if (isPair(item) && isScalar(item.key) && item.key.value === '__proto__')
          refuse(file, where(item.key), {
            en: 'the key "__proto__" is not allowed; rename it',
            fr: 'la clé « __proto__ » n’est pas admise ; renommez-la',
          });
        for (const part of parts) {
          const inner = measure(part, depth + 1);
          height = Math.max(height, inner.height + 1);
          count += inner.count;
          if (count > MAX_YAML_NODES) break;
        }
      }
      result = { height, count };
    }
    sizes.set(node, result);
    return result;
  };
  total = measure(doc.contents as Node | null, 0).count;
  if (total > MAX_YAML_NODES)
    refuse(file, undefined, {
      en: `its aliases (*name) expand to more than ${MAX_YAML_NODES} values; expected a settings file (an alias bomb?)`,
      fr: `ses alias (*nom) donnent plus de ${MAX_YAML_NODES} valeurs ; attendu : un fichier de réglages (une bombe d’alias ?)`,
    });
}
