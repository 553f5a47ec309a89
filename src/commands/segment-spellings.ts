/**
 * The warning that `segment` merged spellings of a group key (case, accents and spaces ignored:
 * src/core/fold-key.ts): said once per merged group on stderr and in the JSON `warnings`, in the
 * same words whether the built-in engine or DuckDB grouped the rows.
 */
import type { MergedSpellings } from '../core/segment.js';
import type { Context } from '../io/context.js';
import { warn } from '../io/warnings.js';

/** At most this many merged groups are listed one by one; the rest in one line. */
const LISTED = 10;

const rows = (n: number): { en: string; fr: string } => ({
  en: `${n} ${n === 1 ? 'row' : 'rows'}`,
  fr: `${n} ${n === 1 ? 'ligne' : 'lignes'}`,
});

/**
 * Says each merged group: `Secteur: 2 spellings of "Industrie" merged into one group (...):
 * "INDUSTRIE" (3 rows).`, the field named by its column's header in the file (`headerOf`), as the
 * report's title names it, never by the internal field name.
 */
export function warnMergedSpellings(
  merged: readonly MergedSpellings[],
  headerOf: (field: string) => string,
  ctx: Context,
): void {
  for (const m of merged.slice(0, LISTED)) {
    const field = headerOf(m.field);
    const n = m.others.length + 1;
    const others = (lang: 'en' | 'fr'): string =>
      m.others
        .map((o) =>
          lang === 'en'
            ? `"${o.spelling}" (${rows(o.clients).en})`
            : `« ${o.spelling} » (${rows(o.clients).fr})`,
        )
        .join(', ');
    warn(ctx, 'spellings-merged', {
      en: `${field}: ${n} spellings of "${m.shown}" merged into one group (case, accents and spaces ignored; the most frequent spelling is shown): ${others('en')}.`,
      fr: `${field} : ${n} graphies de « ${m.shown} » réunies en un groupe (casse, accents et espaces ignorés ; la graphie la plus fréquente est affichée) : ${others('fr')}.`,
    });
  }
  const more = merged.length - LISTED;
  if (more > 0)
    warn(ctx, 'spellings-merged', {
      en: `... and ${more} more ${more === 1 ? 'group' : 'groups'} whose spellings were merged the same way.`,
      fr: `... et ${more} autre${more === 1 ? ' groupe dont les graphies ont été réunies' : 's groupes dont les graphies ont été réunies'} de la même façon.`,
    });
}
