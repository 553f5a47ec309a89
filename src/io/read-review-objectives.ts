import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Node, Pair } from 'yaml';
import type { OriginObjectives } from '../core/review.js';
import { DataError, inBoth, InputFileError, type InputProblem } from '../errors.js';
import type { Texts } from '../i18n.js';
import type { Io } from './context.js';
import { loadYaml } from './lazy-require.js';
import { parseYamlGuarded } from './read-yaml.js';

/** The objectives of `prospect review`: the team's, and each owner's. */
export interface ReviewObjectives {
  team: OriginObjectives;
  byOwner: Record<string, OriginObjectives>;
}

/** Keys of an objectives file, in English and French (accents and case ignored). */
const KEYS: Record<string, keyof OriginObjectives> = {
  conquest: 'conquest',
  conquete: 'conquest',
  retention: 'retention',
  fidelisation: 'retention',
  reconquest: 'reconquest',
  reconquete: 'reconquest',
  total: 'total',
};

const OWNERS = new Set(['owners', 'commerciaux', 'owner', 'commercial']);

function keyOf(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/** An amount from YAML: a number, or a text such as `60 000`, `60000 €`, `1 234,5`. */
function parseAmount(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const clean = value
    .trim()
    .replace(/[\s\u00a0\u202f_]/g, '')
    .replace(/(€|EUR)$/i, '')
    .replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(clean)) return null;
  return Number(clean);
}

/**
 * Reads a review objectives file (YAML): amounts by origin for the team, and under `owners:` for
 * each sales person. Every problem is reported with its line and column.
 *
 * ```yaml
 * conquest: 60000      # or conquête
 * retention: 120000    # or fidélisation
 * reconquest: 20000    # or reconquête
 * total: 200000
 * owners:
 *   Alice: { conquest: 30000, retention: 60000 }
 * ```
 */
export function readReviewObjectives(path: string, io: Io): ReviewObjectives {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new InputFileError({
      en: `${path}: cannot read the objectives file (${reason}); check the path given to --objectives.`,
      fr: `${path} : lecture du fichier d’objectifs impossible (${reason}) ; vérifiez le chemin donné à --objectives.`,
    });
  }
  const { isMap, isScalar } = loadYaml();
  const { doc, lineCounter: lines } = parseYamlGuarded(text, path);
  const problems: InputProblem[] = [];
  const at = (node: Node | null | undefined, message: Texts): void => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lines.linePos(offset);
    problems.push({ file: path, line: pos.line, column: pos.col, ...inBoth(message) });
  };
  for (const e of doc.errors) {
    const pos = lines.linePos(e.pos[0]);
    problems.push({
      file: path,
      line: pos.line,
      column: pos.col,
      ...inBoth({
        en: `not valid YAML: ${e.message.split('\n')[0] ?? e.message}`,
        fr: `YAML invalide : ${e.message.split('\n')[0] ?? e.message}`,
      }),
    });
  }
  if (problems.length > 0)
    throw new DataError(problems, { en: `${path}: not valid YAML.`, fr: `${path} : YAML invalide.` });
  const result: ReviewObjectives = { team: {}, byOwner: {} };

  const readAmounts = (pairs: Pair[], into: OriginObjectives, allowOwners: boolean): void => {
    for (const pair of pairs) {
      const keyNode = pair.key as Node | null;
      const name = isScalar(keyNode) ? String(keyNode.value) : '';
      const key = keyOf(name);
      if (allowOwners && OWNERS.has(key)) {
        const owners = pair.value as Node | null;
        if (!isMap(owners)) {
          at(owners ?? keyNode, {
            en: `"${name}" holds one entry per sales person (Alice: { conquest: 30000 }).`,
            fr: `« ${name} » attend une ligne par commercial (Alice: { conquête: 30000 }).`,
          });
          continue;
        }
        for (const ownerPair of owners.items) {
          const ownerKey = ownerPair.key as Node | null;
          const owner = isScalar(ownerKey) ? String(ownerKey.value).trim() : '';
          const amounts = ownerPair.value as Node | null;
          if (!isMap(amounts)) {
            at(amounts ?? ownerKey, {
              en: `"${owner}": expected amounts by origin, such as { conquest: 30000 }.`,
              fr: `« ${owner} » : attendu : des montants par origine, comme { conquête: 30000 }.`,
            });
            continue;
          }
          const own: OriginObjectives = {};
          readAmounts(amounts.items as Pair[], own, false);
          result.byOwner[owner] = own;
        }
        continue;
      }
      const origin = KEYS[key];
      if (!origin) {
        at(keyNode, {
          en: `"${name}" is not an origin; expected conquest, retention, reconquest, total${allowOwners ? ' or owners' : ''}.`,
          fr: `« ${name} » n’est pas une origine ; attendu : conquête, fidélisation, reconquête, total${allowOwners ? ' ou commerciaux' : ''}.`,
        });
        continue;
      }
      const valueNode = pair.value as Node | null;
      const amount = isScalar(valueNode) ? parseAmount(valueNode.value) : null;
      if (amount === null) {
        at(valueNode ?? keyNode, {
          en: `"${name}": expected an amount in euros (0 or more), such as 60000.`,
          fr: `« ${name} » : attendu : un montant en euros (0 ou plus), comme 60000.`,
        });
        continue;
      }
      into[origin] = amount;
    }
  };

  const root = doc.contents as Node | null;
  if (!isMap(root)) {
    at(root, {
      en: 'expected amounts by origin, such as "conquest: 60000", one per line.',
      fr: 'attendu : des montants par origine, comme "conquête: 60000", un par ligne.',
    });
  } else readAmounts(root.items as Pair[], result.team, true);
  if (problems.length > 0)
    throw new DataError(problems, {
      en: `${path}: the objectives cannot be used.`,
      fr: `${path} : les objectifs ne peuvent pas être utilisés.`,
    });
  return result;
}
