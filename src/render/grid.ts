/**
 * Draws a terminal grid exactly as cli-table3 0.6 draws it with the options src/render/table.ts
 * gives it (box characters, compact, one space of padding, no border or head colours, no spans,
 * no word wrap), for the common case where every line of every cell is plain text: a run that
 * draws its tables this way neither loads cli-table3 nor measures each cell with string-width's
 * emoji regex, which together cost a short command such as `plan` most of its drawing time
 * (docs/speed.md). When some text is not plain, `drawPlainGrid` answers undefined and the caller
 * draws the grid with cli-table3, so the output is cli-table3's in every case (the test compares
 * the two on random tables).
 */

/** The bold on/off codes that chalk puts around a header (level 1), the only codes allowed. */
const BOLD_ON = '\u001b[1m';
const BOLD_OFF = '\u001b[22m';

/**
 * Whether a UTF-16 code unit takes exactly one column in string-width 4 (what cli-table3 measures
 * with), whatever the characters around it: printable ASCII, Latin-1 and Latin Extended letters up
 * to U+02FF (accented letters, no-break space), and U+2000-U+22FF (typographic spaces such as the
 * narrow no-break space of French numbers, quotes, dashes, ellipsis, €, arrows, maths signs).
 * None of these is a control character, a combining mark of U+0300-U+036F, a surrogate or East
 * Asian wide (string-width's other cases), and emoji-regex 8 matches none of them on its own: where
 * it has one (#, *, digits, ©, ®, ‼, ™, ↔...), it wants U+FE0F or a surrogate pair after it, and
 * neither is accepted here.
 */
function isOneColumn(code: number): boolean {
  return (
    (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0x2ff) || (code >= 0x2000 && code <= 0x22ff)
  );
}

/**
 * The width of one line of a cell as cli-table3 measures it, or -1 when the line is not plain:
 * a character outside `isOneColumn`, or an escape code other than bold on and off, or bold left
 * on at the end of the line (cli-table3 would carry it to the next line).
 */
export function plainLineWidth(line: string): number {
  let width = 0;
  let bold = false;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 0x1b) {
      if (line.startsWith(BOLD_ON, i)) {
        bold = true;
        i += BOLD_ON.length - 1;
      } else if (line.startsWith(BOLD_OFF, i)) {
        bold = false;
        i += BOLD_OFF.length - 1;
      } else return -1;
    } else if (isOneColumn(code)) width++;
    else return -1;
  }
  return bold ? -1 : width;
}

export interface PlainGrid {
  head: readonly string[];
  rows: readonly (readonly string[])[];
  /** Per column: numbers to the right, text to the left. */
  alignRight: readonly boolean[];
  /** Per column, the width between the borders (content and two spaces); absent: the widest cell's. */
  colWidths?: readonly number[];
}

/**
 * The grid as cli-table3 draws it (`new Table({ head, colAligns, colWidths, style: { head: [],
 * border: [], compact: true } })`, the rows pushed, `toString()`), or undefined when a line of a
 * cell is not plain (`plainLineWidth`) or longer than its column (cli-table3 would cut it).
 */
export function drawPlainGrid(grid: PlainGrid): string | undefined {
  const count = grid.head.length;
  if (count === 0 || (grid.colWidths !== undefined && grid.colWidths.length !== count)) return undefined;
  const all = [grid.head, ...grid.rows];
  const lines: string[][][] = [];
  const widths: number[][][] = [];
  const colWidths: number[] = [];
  for (let i = 0; i < count; i++) colWidths.push(grid.colWidths?.[i] ?? 1);
  for (const row of all) {
    if (row.length !== count) return undefined;
    const rowLines: string[][] = [];
    const rowWidths: number[][] = [];
    for (let i = 0; i < count; i++) {
      const cellLines = (row[i] ?? '').split('\n');
      const cellWidths: number[] = [];
      for (const line of cellLines) {
        const w = plainLineWidth(line);
        if (w < 0) return undefined;
        cellWidths.push(w);
        if (grid.colWidths === undefined) colWidths[i] = Math.max(colWidths[i] ?? 1, w + 2);
      }
      rowLines.push(cellLines);
      rowWidths.push(cellWidths);
    }
    lines.push(rowLines);
    widths.push(rowWidths);
  }
  for (const rowWidths of widths)
    for (let i = 0; i < count; i++)
      for (const w of rowWidths[i] ?? []) if (w > (colWidths[i] ?? 0) - 2) return undefined;

  const rule = (left: string, middle: string, right: string): string =>
    left + colWidths.map((w) => '─'.repeat(w)).join(middle) + right;
  const out: string[] = [rule('┌', '┬', '┐')];
  lines.forEach((rowLines, r) => {
    if (r === 1) out.push(rule('├', '┼', '┤'));
    const height = Math.max(1, ...rowLines.map((l) => l.length));
    for (let n = 0; n < height; n++) {
      let text = '';
      for (let i = 0; i < count; i++) {
        const inner = (colWidths[i] ?? 0) - 2;
        const line = rowLines[i]?.[n];
        let content: string;
        if (line === undefined) content = ' '.repeat(inner + 2);
        else {
          const gap = ' '.repeat(inner - (widths[r]?.[i]?.[n] ?? 0));
          content = ' ' + (grid.alignRight[i] ? gap + line : line + gap) + ' ';
        }
        text += '│' + content;
      }
      out.push(text + '│');
    }
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
