/**
 * Texts interned as small integers, read straight from a span of a larger text: the reader gives
 * each distinct client id a number without cutting a string for every row, and the commands sum
 * into typed arrays indexed by that number. Open addressing on an FNV-1a hash of the UTF-16 code
 * units; a text is cut (and copied) once, when it is first seen.
 */
export class KeyTable {
  /** The texts, by key. */
  readonly texts: string[] = [];
  private hashes = new Int32Array(1024);
  /** Key + 1 in each slot, 0 for a free slot. */
  private slots = new Int32Array(2048);
  private mask = 2047;

  /** Number of distinct texts. */
  get size(): number {
    return this.texts.length;
  }

  /** The key of `text.slice(start, end)`, given a new one when the text is new. */
  intern(text: string, start: number, end: number): number {
    let h = 0x811c9dc5 | 0; // as an int32, as Math.imul gives and the Int32Array keeps
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const length = end - start;
    let slot = h & this.mask;
    for (;;) {
      const entry = this.slots[slot] as number;
      if (entry === 0) break;
      const key = entry - 1;
      if (this.hashes[key] === h) {
        const known = this.texts[key] as string;
        if (known.length === length) {
          let i = 0;
          while (i < length && known.charCodeAt(i) === text.charCodeAt(start + i)) i++;
          if (i === length) return key;
        }
      }
      slot = (slot + 1) & this.mask;
    }
    return this.add(text, start, end, h, slot);
  }

  private add(text: string, start: number, end: number, h: number, slot: number): number {
    const key = this.texts.length;
    // A flat copy: a substring would keep the whole chunk of the file it was cut from alive.
    this.texts.push(end - start < 13 ? text.slice(start, end) : (' ' + text.slice(start, end)).slice(1));
    if (key === this.hashes.length) {
      const hashes = new Int32Array(key * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[key] = h;
    this.slots[slot] = key + 1;
    if (this.texts.length * 2 > this.slots.length) this.grow();
    return key;
  }

  /** Doubles the slots (load stays at most one half) and places every key again. */
  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let key = 0; key < this.texts.length; key++) {
      let slot = (this.hashes[key] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = key + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
