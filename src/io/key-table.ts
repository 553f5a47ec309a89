/**
 * Texts interned as small integers, read straight from their UTF-8 bytes in the reader's buffer:
 * the reader gives each distinct client id a number without making a string for every row, and
 * the commands sum into typed arrays indexed by that number.
 *
 * Open addressing on an FNV-1a hash of the bytes. A slot is 16 bytes: a tag (the hash's high bits
 * and the length), the key, and the first eight bytes of the text, so that a lookup of a usual id
 * (eight bytes or fewer) reads one slot and nothing else, and the table of 200,000 ids (4 MB)
 * stays within the reach of the processor's caches and address translation (measured: a table of
 * 32-byte slots, or one slot and then the key's text, costs twice as much on random ids). Bytes
 * beyond the eighth are kept in a pool. The same text always has the same UTF-8 bytes, so equal
 * bytes mean equal texts.
 *
 * With texts on demand (unique ids: a million of them, nearly all new when looked up) the pool
 * keeps every byte anyway, so a slot is 8 bytes: the hash and the key. The bytes in the pool are
 * compared only when the whole hash agrees (rarely for a new id): half the memory touched per new
 * id than 16-byte slots.
 */
import { growTypedArray } from '../core/typed-arrays.js';

const SLOT = 4; // Int32 per slot: tag, key + 1 (0: free), bytes 0-3, bytes 4-7
const ID_SLOT = 2; // With texts on demand: hash, key + 1 (0: free)
const HEAD = 8; // bytes kept in the slot
/** FNV-1a's offset basis, as an int32 (as Math.imul gives and an Int32Array keeps), and prime. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** The FNV-1a hash of `bytes[start..end)`, as an int32. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), FNV_PRIME);
  return h;
}

/** How a table is made: `expected` distinct texts (room made at once, not by doubling), and
 * `textsOnDemand` (the texts kept as bytes, a string made only when asked: unique ids, whose
 * texts are read only to name a duplicate). */
export interface KeyTableOptions {
  expected?: number;
  textsOnDemand?: boolean;
}

export class KeyTable {
  private readonly made: string[] = [];
  private count = 0;
  private readonly onDemand: boolean;
  private slots: Int32Array;
  private mask: number;
  /** Int32 per slot: SLOT, or ID_SLOT with texts on demand. */
  private readonly stride: number;
  /** Per key: its hash (to place it again when the table grows), its length in bytes, and where
   * its bytes beyond the eighth start in the pool. */
  private hashes: Int32Array;
  private lengths: Int32Array;
  private tails: Int32Array;
  private pool = new Uint8Array(1024);
  private poolUsed = 0;
  /** What `touch` read, kept so that its loads are not optimised away. */
  private touched = 0;

  constructor(options: KeyTableOptions = {}) {
    this.onDemand = options.textsOnDemand === true;
    const expected = Math.max(1024, Math.min(options.expected ?? 0, 1 << 26));
    // Slots for the expected texts at a load below 70 %, a power of two.
    let slots = 2048;
    while (expected * 10 > slots * 7) slots *= 2;
    this.stride = this.onDemand ? ID_SLOT : SLOT;
    this.slots = new Int32Array(slots * this.stride);
    this.mask = slots - 1;
    this.hashes = new Int32Array(expected);
    this.lengths = new Int32Array(expected);
    this.tails = new Int32Array(expected);
  }

  /** Number of distinct texts. */
  get size(): number {
    return this.count;
  }

  /** The texts, by key (with `textsOnDemand`, each made now if it was not yet). */
  get texts(): readonly string[] {
    for (let key = this.made.length; key < this.count; key++) this.made.push(this.textOf(key));
    return this.made;
  }

  /** The text of a key. */
  textOf(key: number): string {
    if (key < this.made.length) return this.made[key] as string;
    const offset = this.tails[key] as number;
    return Buffer.from(this.pool.buffer, this.pool.byteOffset + offset, this.lengths[key]).toString('utf8');
  }

  /** The key of the text whose UTF-8 bytes are `bytes[start..end)`, a new one when it is new. */
  intern(bytes: Buffer, start: number, end: number): number {
    return this.internHashed(hashBytes(bytes, start, end), bytes, start, end);
  }

  /**
   * Reads the slot of each hash of `hashes[from..to)` once. A batch of independent reads runs in
   * parallel in the processor, where lookups one by one wait for each slot in turn: the
   * `internHashed` calls that follow then find their slots in the cache.
   */
  touch(hashes: Int32Array, from: number, to: number): void {
    const slots = this.slots;
    const mask = this.mask;
    const stride = this.stride;
    let sum = 0;
    for (let i = from; i < to; i++) sum += slots[((hashes[i] as number) & mask) * stride + 1] as number;
    this.touched = sum;
  }

  /** `intern`, with the hash of the bytes (`hashBytes`) already known. */
  internHashed(h: number, bytes: Buffer, start: number, end: number): number {
    if (this.onDemand) return this.internId(h, bytes, start, end);
    const length = end - start;
    const tag = (h & ~0xff) | (length < 0xff ? length : 0xff);
    const head = length < HEAD ? length : HEAD;
    let w0 = 0;
    let w1 = 0;
    if (head === HEAD) {
      // The usual id: eight bytes or more, read without a loop.
      w0 =
        (bytes[start] as number) |
        ((bytes[start + 1] as number) << 8) |
        ((bytes[start + 2] as number) << 16) |
        ((bytes[start + 3] as number) << 24);
      w1 =
        (bytes[start + 4] as number) |
        ((bytes[start + 5] as number) << 8) |
        ((bytes[start + 6] as number) << 16) |
        ((bytes[start + 7] as number) << 24);
    } else {
      for (let i = 0; i < head; i++) {
        const unit = (bytes[start + i] as number) << ((i & 3) << 3);
        if (i < 4) w0 |= unit;
        else w1 |= unit;
      }
    }
    const slots = this.slots;
    let slot = h & this.mask;
    for (;;) {
      const at = slot * SLOT;
      const entry = slots[at + 1] as number;
      if (entry === 0) break;
      if (
        slots[at] === tag &&
        slots[at + 2] === w0 &&
        slots[at + 3] === w1 &&
        (length <= HEAD || this.tailEquals(entry - 1, bytes, start, end))
      ) {
        return entry - 1;
      }
      slot = (slot + 1) & this.mask;
    }
    const key = this.count++;
    if (!this.onDemand) this.made.push(bytes.toString('utf8', start, end));
    const at = slot * SLOT;
    slots[at] = tag;
    slots[at + 1] = key + 1;
    slots[at + 2] = w0;
    slots[at + 3] = w1;
    if (key === this.hashes.length) {
      this.hashes = growTypedArray(this.hashes);
      this.lengths = growTypedArray(this.lengths);
      this.tails = growTypedArray(this.tails);
    }
    this.hashes[key] = h;
    this.lengths[key] = length;
    // With texts on demand the pool keeps every byte (the slot's head too), else those beyond the eighth.
    if (this.onDemand) this.tails[key] = this.addTail(bytes, start, end, 0);
    else if (length > HEAD) this.tails[key] = this.addTail(bytes, start, end, HEAD);
    if (this.count * 10 > (this.mask + 1) * 7) this.grow();
    return key;
  }

  /** `internHashed` with texts on demand: 8-byte slots, the pool compared when the hashes agree. */
  private internId(h: number, bytes: Buffer, start: number, end: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const at = slot * ID_SLOT;
      const entry = slots[at + 1] as number;
      if (entry === 0) break;
      if (slots[at] === h && this.bytesEqual(entry - 1, bytes, start, end)) return entry - 1;
      slot = (slot + 1) & mask;
    }
    const key = this.count++;
    const at = slot * ID_SLOT;
    slots[at] = h;
    slots[at + 1] = key + 1;
    if (key === this.hashes.length) {
      this.hashes = growTypedArray(this.hashes);
      this.lengths = growTypedArray(this.lengths);
      this.tails = growTypedArray(this.tails);
    }
    this.hashes[key] = h;
    this.lengths[key] = end - start;
    this.tails[key] = this.addTail(bytes, start, end, 0);
    if (this.count * 10 > (mask + 1) * 7) this.grow();
    return key;
  }

  /** Whether key `key`'s bytes, all in the pool, are `bytes[start..end)`. */
  private bytesEqual(key: number, bytes: Uint8Array, start: number, end: number): boolean {
    if (this.lengths[key] !== end - start) return false;
    const pool = this.pool;
    const offset = (this.tails[key] as number) - start;
    for (let i = start; i < end; i++) if (pool[offset + i] !== bytes[i]) return false;
    return true;
  }

  /** Whether key `key`, longer than eight bytes, is `bytes[start..end)` (its head matched). */
  private tailEquals(key: number, bytes: Uint8Array, start: number, end: number): boolean {
    if (this.lengths[key] !== end - start) return false;
    const pool = this.pool;
    const offset = (this.tails[key] as number) - start - (this.onDemand ? 0 : HEAD);
    for (let i = start + HEAD; i < end; i++) if (pool[offset + i] !== bytes[i]) return false;
    return true;
  }

  /** Keeps the bytes from the `skip`th on in the pool; returns where they start. */
  private addTail(bytes: Uint8Array, start: number, end: number, skip: number): number {
    const offset = this.poolUsed;
    const need = offset + end - start - skip;
    if (need > this.pool.length) this.pool = growTypedArray(this.pool, need);
    const pool = this.pool;
    for (let i = start + skip, at = offset; i < end; i++, at++) pool[at] = bytes[i] as number;
    this.poolUsed = need;
    return offset;
  }

  /** Makes room for `expected` distinct texts at once (one placing again, not one per doubling). */
  reserve(expected: number): void {
    if (expected > this.hashes.length) {
      this.hashes = growTypedArray(this.hashes, expected);
      this.lengths = growTypedArray(this.lengths, expected);
      this.tails = growTypedArray(this.tails, expected);
    }
    let slots = this.mask + 1;
    while (expected * 10 > slots * 7) slots *= 2;
    if (slots > this.mask + 1) this.grow(slots);
  }

  /** Doubles the slots (the load stays below 70 %), or makes `count` of them, and places every
   * entry again. */
  private grow(count = (this.mask + 1) * 2): void {
    const old = this.slots;
    const stride = this.stride;
    const slots = new Int32Array(count * stride);
    const mask = count - 1;
    for (let at = 0; at < old.length; at += stride) {
      if (old[at + 1] === 0) continue;
      let slot = (this.hashes[(old[at + 1] as number) - 1] as number) & mask;
      while (slots[slot * stride + 1] !== 0) slot = (slot + 1) & mask;
      // By hand: a subarray per entry (a new object each) made growing ten times slower.
      const to = slot * stride;
      slots[to] = old[at] as number;
      slots[to + 1] = old[at + 1] as number;
      if (stride === SLOT) {
        slots[to + 2] = old[at + 2] as number;
        slots[to + 3] = old[at + 3] as number;
      }
    }
    this.slots = slots;
    this.mask = mask;
  }
}
