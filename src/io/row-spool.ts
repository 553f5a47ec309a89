/**
 * Rows kept compactly until a second pass can use them: for an input that cannot be read twice
 * (stdin), what a streamed output needs of each row. The cells of a row are stored as their UTF-8
 * bytes end to end, with one 32-bit offset per cell: about the size of the input, instead of
 * JS strings and arrays (several times larger).
 */
export class RowSpool {
  private bytes = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  /** Per cell: the byte offset where it ends. */
  private cellEnds: Float64Array = new Float64Array(1024);
  private cellCount = 0;
  /** Per row: its first cell's index, and its line. */
  private rowStarts: Float64Array = new Float64Array(1024);
  private lines: Int32Array = new Int32Array(1024);
  private rowCount = 0;

  /** The rows kept. */
  get length(): number {
    return this.rowCount;
  }

  /** Keeps one row: its line and its cells. */
  add(line: number, cells: readonly string[]): void {
    if (this.rowCount + 1 >= this.rowStarts.length) {
      this.rowStarts = growFloat(this.rowStarts, this.rowCount + 2);
      const lines = new Int32Array(this.rowStarts.length);
      lines.set(this.lines);
      this.lines = lines;
    }
    this.lines[this.rowCount] = line;
    this.rowStarts[this.rowCount] = this.cellCount;
    for (const cell of cells) {
      const room = this.used + 3 * cell.length; // a UTF-16 unit is at most 3 bytes of UTF-8
      if (room > this.bytes.length) {
        const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, room));
        this.bytes.copy(bigger, 0, 0, this.used);
        this.bytes = bigger;
      }
      this.used += this.bytes.write(cell, this.used, 'utf8');
      if (this.cellCount >= this.cellEnds.length)
        this.cellEnds = growFloat(this.cellEnds, this.cellCount + 1);
      this.cellEnds[this.cellCount++] = this.used;
    }
    this.rowCount++;
    this.rowStarts[this.rowCount] = this.cellCount;
  }

  /** The line of row `i`. */
  lineOf(i: number): number {
    return this.lines[i] ?? 0;
  }

  /** The cells of row `i`, as they were added. */
  cellsOf(i: number): string[] {
    const from = this.rowStarts[i] ?? 0;
    const to = this.rowStarts[i + 1] ?? from;
    const cells: string[] = [];
    let start = from === 0 ? 0 : (this.cellEnds[from - 1] ?? 0);
    for (let c = from; c < to; c++) {
      const end = this.cellEnds[c] ?? start;
      cells.push(this.bytes.toString('utf8', start, end));
      start = end;
    }
    return cells;
  }
}

function growFloat(array: Float64Array, size: number): Float64Array {
  const bigger = new Float64Array(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}
