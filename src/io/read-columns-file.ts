import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataError, inBoth, InputFileError, type InputProblem } from '../errors.js';
import type { Io } from './context.js';
import { parseYamlGuarded, yamlToJs } from './read-yaml.js';

/**
 * Reads a `--columns` mapping file: YAML `field: Header` pairs, at the top level or under a
 * `columns:` key, such as
 *
 *     columns:
 *       clientId: N° client
 *       revenue: CA 2025
 *
 * Every problem is collected before throwing one DataError (65); a missing file is 66.
 */
export function readColumnsFile(path: string, io: Io): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(
      code === 'ENOENT'
        ? {
            en: `${path}: no such file; check the --columns path.`,
            fr: `${path} : fichier introuvable ; vérifiez le chemin de --columns.`,
          }
        : {
            en: `${path}: cannot read the --columns file (${(error as Error).message}); check the path and its permissions.`,
            fr: `${path} : lecture du fichier --columns impossible (${(error as Error).message}) ; vérifiez le chemin et les droits.`,
          },
    );
  }
  const { doc: parsed, lineCounter } = parseYamlGuarded(text, path);
  const error = parsed.errors[0];
  if (error !== undefined) {
    const pos = lineCounter.linePos(error.pos[0]);
    throw new DataError([
      {
        file: path,
        line: pos.line,
        ...inBoth({
          en: `not valid YAML (${error.message.split('\n')[0]})`,
          fr: `YAML invalide (${error.message.split('\n')[0]})`,
        }),
      },
    ]);
  }
  const doc = yamlToJs(parsed, path);
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const body = isRecord(doc) && isRecord(doc.columns) ? doc.columns : doc;
  if (!isRecord(body)) {
    throw new DataError([
      {
        file: path,
        ...inBoth({
          en: 'expected a mapping of field: Header (for example "revenue: CA 2025"), under "columns:" or at the top',
          fr: 'attendu : des lignes champ: En-tête (par exemple "revenue: CA 2025"), sous "columns:" ou au début',
        }),
      },
    ]);
  }
  const result = new Map<string, string>();
  const problems: InputProblem[] = [];
  for (const [field, header] of Object.entries(body)) {
    if (typeof header === 'string' && header.trim() !== '') result.set(field, header.trim());
    else if (typeof header === 'number') result.set(field, String(header));
    else
      problems.push({
        file: path,
        ...inBoth({
          en: `${field}: expected a header name (text), found ${JSON.stringify(header)}`,
          fr: `${field} : attendu : un nom d’en-tête (texte), trouvé ${JSON.stringify(header)}`,
        }),
      });
  }
  if (problems.length > 0) throw new DataError(problems);
  return result;
}
