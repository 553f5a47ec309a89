import type { Texts } from '../i18n.js';
import type { Context } from './context.js';
import { distance } from 'fastest-levenshtein';
import { FIELD_SYNONYMS, headerKey, lookAlikeField } from './map-columns.js';
import { warn } from './warnings.js';

/**
 * Says that a file lacks the column a command's main figure needs, never silently: one line on
 * stderr and a `missing-column` entry in the JSON's warnings, with the headers the file has and
 * the `--map` to give (the header that looks most like the field).
 *
 * @param what what is left out without it, in both languages ("revenue figures are left out").
 */
export function warnMissingColumn(
  ctx: Context,
  file: { name: string; headers: readonly string[] },
  field: string,
  what: Texts,
): void {
  const likely =
    file.headers.find((h) => lookAlikeField(h) === field) ?? nearHeader(field, file.headers) ?? 'Header';
  const seen = file.headers
    .slice(0, 12)
    .map((h) => `"${h}"`)
    .join(', ');
  const more = file.headers.length > 12 ? `, … (${file.headers.length})` : '';
  warn(ctx, 'missing-column', {
    en: `${file.name}: no column for ${field}: ${what.en}; headers seen: ${seen}${more}; if one of them is it, give --map ${field}="${likely}".`,
    fr: `${file.name} : aucune colonne pour ${field} : ${what.fr} ; en-têtes vus : ${seen}${more} ; si l'un d'eux convient, donnez --map ${field}="${likely}".`,
  });
}

/** The header nearest to one of a field's spellings, when it is near enough to be worth naming. */
function nearHeader(field: string, headers: readonly string[]): string | undefined {
  const spellings = [field, ...(FIELD_SYNONYMS.get(field) ?? [])].map(headerKey);
  let best: { header: string; d: number } | undefined;
  for (const header of headers) {
    const key = headerKey(header);
    for (const s of spellings) {
      const d = distance(s, key) / Math.max(s.length, key.length, 1);
      if (d <= 0.4 && (best === undefined || d < best.d)) best = { header, d };
    }
  }
  return best?.header;
}
