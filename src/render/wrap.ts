/**
 * Sentences for a terminal (stdout's text lines, stderr's notes and errors) wrapped to its width,
 * as tables are fitted to it: the width of the terminal, else `COLUMNS`, else 80.
 */

/**
 * The pieces a line may be broken between: its words, except that a quoted value (`"Deal owner"`,
 * `« Chiffre réalisé »`, `--map owner="Deal owner"`), a code span (`` `prospect plan ...` ``) and a
 * number with its unit (`1 234 €`, `6 %`) each stay whole, and French punctuation written after a
 * space (`Colonnes : ...`, `attendu ; ...`) stays with the word before it.
 */
export function splitUnbreakable(line: string): string[] {
  const pieces: string[] = [];
  let open: string | undefined; // the closing mark awaited
  for (const word of line.split(' ')) {
    const last = pieces[pieces.length - 1];
    if (open !== undefined && last !== undefined) {
      pieces[pieces.length - 1] = `${last} ${word}`;
    } else if (
      last !== undefined &&
      ((/\d$/.test(last) && /^(\d|[€%]([.,;:)]*)$)/.test(word)) || /^[:;!?]+$/.test(word))
    ) {
      pieces[pieces.length - 1] = `${last} ${word}`;
      continue;
    } else {
      pieces.push(word);
    }
    open = stillOpen(pieces[pieces.length - 1] ?? '');
  }
  return pieces;
}

/** Characters a text takes on a terminal: code points, less combining marks (as table.ts counts). */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) if (!/\p{M}/u.test(ch)) width++;
  return width;
}

/** The closing mark a piece leaves awaited: an odd number of `"` or `` ` ``, a `«` without `»`. */
function stillOpen(piece: string): string | undefined {
  const count = (mark: string): number => piece.split(mark).length - 1;
  if (count('"') % 2 === 1) return '"';
  if (count('`') % 2 === 1) return '`';
  if (count('«') > count('»')) return '»';
  return undefined;
}

/**
 * A text wrapped at `width` characters, line by line, between the pieces `splitUnbreakable` gives.
 * A continuation line keeps the line's own indentation plus `hang` spaces. A piece longer than a
 * line (a long path, a URL) is left whole on its own line rather than cut. Width Infinity (or
 * below 20, too narrow to read) changes nothing.
 */
export function wrapSentences(text: string, width: number, hang = 0): string {
  if (!Number.isFinite(width) || width < 20) return text;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (displayWidth(line) <= width) {
      out.push(line);
      continue;
    }
    const indent = /^ */.exec(line)?.[0] ?? '';
    const follow = indent + ' '.repeat(hang);
    let current = indent;
    let empty = true;
    for (const piece of splitUnbreakable(line.slice(indent.length))) {
      const candidate = empty ? current + piece : `${current} ${piece}`;
      if (empty || displayWidth(candidate) <= width) {
        current = candidate;
        empty = false;
      } else {
        out.push(current);
        current = follow + piece;
      }
    }
    out.push(current);
  }
  return out.join('\n');
}
