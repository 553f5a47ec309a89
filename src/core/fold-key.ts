/**
 * How `segment` compares the text of a group key (DOMAIN.md section 2, docs/warehouse.md): two
 * cells are the same group when they differ only by case, by accents or by runs of spaces. The SQL
 * of `segment --sql` applies the same steps in the same order (src/sql/segment-sql.ts), so the
 * built-in engine and a warehouse group alike. Pure.
 */

/** JavaScript's whitespace (`\s`, what String.prototype.trim() takes off): runs become one space. */
export const KEY_SPACES =
  '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

let accentTable: { from: string; to: string; map: Map<string, string> } | undefined;

/**
 * The accent table: every character whose canonical decomposition (NFD) without its combining
 * marks (U+0300..U+036F) is one ASCII letter or digit, to that letter (490 characters, all in the
 * BMP: É -> E, ç -> c), and the combining marks themselves, to nothing. SQL's TRANSLATE(text,
 * from, to) applies it in every dialect; `map` is the same table for JavaScript.
 */
export function buildAccentTable(): { from: string; to: string; map: ReadonlyMap<string, string> } {
  if (accentTable !== undefined) return accentTable;
  let from = '';
  let to = '';
  const map = new Map<string, string>();
  for (let c = 0x80; c < 0x10000; c++) {
    if (c >= 0xd800 && c < 0xe000) continue;
    if (c >= 0x300 && c <= 0x36f) continue;
    const ch = String.fromCharCode(c);
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (/^[A-Za-z0-9]$/.test(base)) {
      from += ch;
      to += base;
      map.set(ch, base);
    }
  }
  for (let c = 0x300; c <= 0x36f; c++) {
    from += String.fromCharCode(c);
    map.set(String.fromCharCode(c), '');
  }
  accentTable = { from, to, map };
  return accentTable;
}

const SPACE_RUN = new RegExp(`[${KEY_SPACES}]+`, 'g');

/**
 * The form under which a key text is compared: runs of spaces made one space and trimmed, accents
 * taken off (the accent table), then each character lower-cased on its own by the Unicode simple
 * mapping, whatever the locale (no Turkish dotless i; `İ` gives `i`, final `Σ` gives `σ`), as SQL's
 * LOWER does character by character.
 * @example foldKey('  ÉLECTRICITÉ   Générale ') // 'electricite generale'
 */
export function foldKey(text: string): string {
  const spaced = text.replace(SPACE_RUN, ' ').trim();
  const { map } = buildAccentTable();
  let out = '';
  for (const ch of spaced) {
    const bare = map.get(ch) ?? ch;
    if (bare === '') continue;
    const lower = bare.toLowerCase();
    // Only U+0130 (İ) lower-cases to two code points (i + a combining dot): the simple mapping is `i`.
    out += lower.length === bare.length ? lower : String.fromCodePoint(lower.codePointAt(0) as number);
  }
  return out;
}
