import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyTable } from './key-table.js';

describe('KeyTable', () => {
  it('numbers texts in order of first sight, reading them from spans', () => {
    const t = new KeyTable();
    const line = Buffer.from('CL1,CL2,CL1,,CL3,CL2');
    const keys = [
      [0, 3],
      [4, 7],
      [8, 11],
      [12, 12],
      [13, 16],
      [17, 20],
    ].map(([s, e]) => t.intern(line, s as number, e as number));
    expect(keys).toEqual([0, 1, 0, 2, 3, 1]);
    expect(t.texts).toEqual(['CL1', 'CL2', '', 'CL3']);
    expect(t.size).toBe(4);
  });

  it('agrees with a Map on many texts, across growth (property)', () => {
    fc.assert(
      // Texts shorter and longer than the sixteen bytes a slot keeps, with shared heads.
      fc.property(
        fc.array(fc.string({ maxLength: 20, unit: fc.constantFrom('a', 'b', 'é', '😀') }), {
          maxLength: 3000,
        }),
        (words) => {
          const t = new KeyTable();
          const map = new Map<string, number>();
          for (const w of words) {
            const padded = Buffer.from(`[${w}]`);
            const expected = map.get(w) ?? map.size;
            map.set(w, expected);
            expect(t.intern(padded, 1, padded.length - 1)).toBe(expected);
          }
          expect(t.texts).toEqual([...map.keys()]);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('keeps 100,000 distinct ids apart', () => {
    const t = new KeyTable();
    const bytes = (text: string): Buffer => Buffer.from(text);
    for (let i = 0; i < 100_000; i++) expect(t.intern(bytes(`id${i}`), 0, `id${i}`.length)).toBe(i);
    expect(t.intern(bytes('id99999'), 0, 7)).toBe(99_999);
    expect(t.intern(bytes('id42'), 0, 4)).toBe(42);
  });

  it('tells apart ids that share their first eight bytes, or a length beyond 255 bytes', () => {
    const t = new KeyTable();
    const ids = [
      'ACCOUNT-0001',
      'ACCOUNT-0002',
      'ACCOUNT-00010',
      'ACCOUNT-',
      'x'.repeat(300) + 'a',
      'x'.repeat(300) + 'b',
      'x'.repeat(301) + 'a',
    ];
    const keys = ids.map((id) => t.intern(Buffer.from(id), 0, Buffer.byteLength(id)));
    expect(keys).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(ids.map((id) => t.intern(Buffer.from(id), 0, Buffer.byteLength(id)))).toEqual(keys);
    expect(t.texts).toEqual(ids);
  });

  // The reference is a Map of the texts: with texts on demand (8-byte slots, the bytes compared in
  // the pool when the hashes agree) the keys and texts must be the same.
  it('with texts on demand, agrees with a Map on many texts, across growth (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 20, unit: fc.constantFrom('a', 'b', 'é', '😀') }), {
          maxLength: 3000,
        }),
        fc.boolean(),
        (words, reserved) => {
          const t = new KeyTable({ textsOnDemand: true, expected: reserved ? words.length : 0 });
          const map = new Map<string, number>();
          for (const w of words) {
            const padded = Buffer.from(`[${w}]`);
            const expected = map.get(w) ?? map.size;
            map.set(w, expected);
            expect(t.intern(padded, 1, padded.length - 1)).toBe(expected);
          }
          expect(t.texts).toEqual([...map.keys()]);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('with texts on demand, tells apart texts given the same hash', () => {
    const t = new KeyTable({ textsOnDemand: true });
    const ids = ['C1', 'C2', 'C10', '', 'C1 ', 'x'.repeat(300)];
    // Every text under one hash: only the bytes can tell them apart.
    const intern = (id: string): number => {
      const bytes = Buffer.from(id);
      return t.internHashed(7, bytes, 0, bytes.length);
    };
    expect(ids.map(intern)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(['C10', 'C1', 'x'.repeat(300), ''].map(intern)).toEqual([2, 0, 5, 3]);
    expect(t.texts).toEqual(ids);
  });
});
