/**
 * Texts interned as small integers, read straight from their UTF-8 bytes in the reader's buffer:
 * the reader gives each distinct client id a number without making a string for every row, and
 * the commands sum into typed arrays indexed by that number.
 *
 * Open addressing on an FNV-1a hash of the bytes. Each slot holds the hash, the key, the length
 * and the first sixteen bytes, so that a lookup of a usual id (sixteen bytes or fewer) reads one
 * slot and nothing else: with 200,000 ids in random order, a lookup is one cache miss instead of
 * four. Bytes beyond the sixteenth are kept in a pool. The same text always has the same UTF-8
 * bytes, so equal bytes mean equal texts.
 */
const SLOT = 8; // Int32 per slot: hash, key + 1 (0: free), length, 4 x four bytes, pool offset
const HEAD = 16; // bytes kept in the slot
const FNV_OFFSET = 0x811c9dc5 | 0; // as an int32, as Math.imul gives and the Int32Array keeps
const FNV_PRIME = 0x01000193;

/** The FNV-1a hash of `bytes[start..end)`, as an int32. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), FNV_PRIME);
  return h;
}

export class KeyTable {
  /** The texts, by key. */
  readonly texts: string[] = [];
  private slots = new Int32Array(2048 * SLOT);
  private mask = 2047;
  /** Bytes beyond the sixteenth, of every text. */
  private pool = new Uint8Array(1024);
  private poolUsed = 0;
  /** What `touch` read, kept so that its loads are not optimised away. */
  private touched = 0;

  /** Number of distinct texts. */
  get size(): number {
    return this.texts.length;
  }

  /** The key of the text whose UTF-8 bytes are `bytes[start..end)`, a new one when it is new. */
  intern(bytes: Buffer, start: number, end: number): number {
    return this.internHashed(hashBytes(bytes, start, end), bytes, start, end);
  }

  /**
   * Reads the slot of each hash of `hashes[from..to)` once. A batch of independent reads runs in parallel in the
   * processor, where lookups one by one wait for each slot in turn: the `internHashed` calls
   * that follow then find their slots in the cache (about a third faster on 200,000 ids).
   */
  touch(hashes: Int32Array, from: number, to: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let sum = 0;
    for (let i = from; i < to; i++) sum += slots[((hashes[i] as number) & mask) * SLOT + 1] as number;
    this.touched = sum;
  }

  /** `intern`, with the hash of the bytes (`hashBytes`) already known. */
  internHashed(h: number, bytes: Buffer, start: number, end: number): number {
    const length = end - start;
    const head = length < HEAD ? length : HEAD;
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    let w3 = 0;
    for (let i = 0; i < head; i++) {
      const unit = (bytes[start + i] as number) << ((i & 3) << 3);
      if (i < 4) w0 |= unit;
      else if (i < 8) w1 |= unit;
      else if (i < 12) w2 |= unit;
      else w3 |= unit;
    }
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
        (length <= HEAD || this.tailEquals(slots[at + 7] as number, bytes, start + HEAD, end))
      ) {
        return entry - 1;
      }
      slot = (slot + 1) & this.mask;
    }
    const key = this.texts.length;
    this.texts.push(bytes.toString('utf8', start, end));
    const at = slot * SLOT;
    slots[at] = h;
    slots[at + 1] = key + 1;
    slots[at + 2] = length;
    slots[at + 3] = w0;
    slots[at + 4] = w1;
    slots[at + 5] = w2;
    slots[at + 6] = w3;
    if (length > HEAD) slots[at + 7] = this.addTail(bytes, start + HEAD, end);
    if (this.texts.length * 2 > this.mask + 1) this.grow();
    return key;
  }

  private tailEquals(offset: number, bytes: Uint8Array, start: number, end: number): boolean {
    const pool = this.pool;
    for (let i = start; i < end; i++) if (pool[offset + i - start] !== bytes[i]) return false;
    return true;
  }

  private addTail(bytes: Uint8Array, start: number, end: number): number {
    const offset = this.poolUsed;
    const need = offset + end - start;
    if (need > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 2, need));
      pool.set(this.pool);
      this.pool = pool;
    }
    this.pool.set(bytes.subarray(start, end), offset);
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
