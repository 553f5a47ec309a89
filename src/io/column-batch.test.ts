import { describe, expect, it } from 'vitest';
import { endsWithSpaceBeyondAscii } from './column-batch.js';

describe('endsWithSpaceBeyondAscii', () => {
  it('agrees with String.trim on every code point beyond ASCII, at either end (reference: trim)', () => {
    const wrong: string[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      for (const text of [`a${ch}`, `${ch}a`, ch]) {
        const bytes = Buffer.from(text, 'utf8');
        if (endsWithSpaceBeyondAscii(bytes, 0, bytes.length) !== (text.trim() !== text))
          wrong.push(cp.toString(16));
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['Santé', false],
    ['Île-de-France', false],
    ['\u00a0A', true],
    ['A\u202f', true],
    ['A\u3000', true],
    ['\ufeffA', true],
  ])('%j: %s', (text, expected) => {
    const bytes = Buffer.from(`;${text};`, 'utf8');
    expect(endsWithSpaceBeyondAscii(bytes, 1, bytes.length - 1)).toBe(expected);
  });
});
