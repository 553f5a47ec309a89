/**
 * Texts interned as small integers, read straight from a span of a larger text: the reader gives
 * each distinct client id a number without cutting a string for every row, and the commands sum
 * into typed arrays indexed by that number.
 *
 * Open addressing on an FNV-1a hash of the UTF-16 code units. Each slot holds the hash, the key,
 * the length and the first eight code units, so that a lookup of a usual id (eight units or
 * fewer) reads one slot and nothing else: with 200,000 ids in random order, a lookup is one cache
 * miss instead of four. Units beyond the eighth are kept in a pool.
 */
const SLOT = 8; // Int32 per slot: hash, key + 1 (0: free), length, 4 x two units, pool offset
const HEAD = 8; // code units kept in the slot
const FNV_OFFSET = 0x811c9dc5 | 0; // as an int32, as Math.imul gives and the Int32Array keeps
const FNV_PRIME = 0x01000193;

export class KeyTable {
  /** The texts, by key. */
  readonly texts: string[] = [];
  private slots = new Int32Array(2048 * SLOT);
  private mask = 2047;
  /** Code units beyond the eighth, of every text. */
  private pool = new Uint16Array(1024);
  private poolUsed = 0;

  /** Number of distinct texts. */
  get size(): number {
    return this.texts.length;
  }

  /** The key of `text.slice(start, end)`, given a new one when the text is new. */
  intern(text: string, start: number, end: number): number {
    const length = end - start;
    const head = length < HEAD ? length : HEAD;
    let h = FNV_OFFSET;
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    let w3 = 0;
    for (let i = 0; i < head; i++) {
      const c = text.charCodeAt(start + i);
      h = Math.imul(h ^ c, FNV_PRIME);
      const unit = (i & 1) === 0 ? c : c << 16;
      if (i < 2) w0 |= unit;
      else if (i < 4) w1 |= unit;
      else if (i < 6) w2 |= unit;
      else w3 |= unit;
    }
    for (let i = start + head; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
    const slots = this.slots;
    let slot = h & this.mask;
    for (;;) {
      const at = slot * SLOT;
      const entry = slots[at + 1] as number;
      if (entry === 0) break;
      if (
        slots[at] === h &&
        slots[at + 2] === length &&
        slots[at + 3] === w0 &&
        slots[at + 4] === w1 &&
        slots[at + 5] === w2 &&
        slots[at + 6] === w3 &&
        (length <= HEAD || this.tailEquals(slots[at + 7] as number, text, start + HEAD, end))
      ) {
        return entry - 1;
      }
      slot = (slot + 1) & this.mask;
    }
    const key = this.texts.length;
    // A flat copy: a substring would keep the whole chunk of the file it was cut from alive.
    this.texts.push(length < 13 ? text.slice(start, end) : (' ' + text.slice(start, end)).slice(1));
    const at = slot * SLOT;
    slots[at] = h;
    slots[at + 1] = key + 1;
    slots[at + 2] = length;
    slots[at + 3] = w0;
    slots[at + 4] = w1;
    slots[at + 5] = w2;
    slots[at + 6] = w3;
    if (length > HEAD) slots[at + 7] = this.addTail(text, start + HEAD, end);
    if (this.texts.length * 2 > this.mask + 1) this.grow();
    return key;
  }

  private tailEquals(offset: number, text: string, start: number, end: number): boolean {
    const pool = this.pool;
    for (let i = start; i < end; i++) if (pool[offset + i - start] !== text.charCodeAt(i)) return false;
    return true;
  }

  private addTail(text: string, start: number, end: number): number {
    const offset = this.poolUsed;
    const need = offset + end - start;
    if (need > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, need));
      pool.set(this.pool);
      this.pool = pool;
    }
    for (let i = start; i < end; i++) this.pool[offset + i - start] = text.charCodeAt(i);
    this.poolUsed = need;
    return offset;
  }

  /** Doubles the slots (load stays at most one half) and places every entry again. */
  private grow(): void {
    const old = this.slots;
    const count = (this.mask + 1) * 2;
    const slots = new Int32Array(count * SLOT);
    const mask = count - 1;
    for (let at = 0; at < old.length; at += SLOT) {
      if (old[at + 1] === 0) continue;
      let slot = (old[at] as number) & mask;
      while (slots[slot * SLOT + 1] !== 0) slot = (slot + 1) & mask;
      slots.set(old.subarray(at, at + SLOT), slot * SLOT);
    }
    this.slots = slots;
    this.mask = mask;
  }
}
