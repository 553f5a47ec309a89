import { describe, expect, it } from 'vitest';
import { buildAccentTable, foldKey } from './fold-key.js';

describe('foldKey', () => {
  // By hand: runs of spaces one space and trimmed, accents off, lower case, character by character.
  it.each([
    ['Industrie', 'industrie'],
    ['INDUSTRIE', 'industrie'],
    ['industrie ', 'industrie'],
    ['  Industrie\u00a0 Lourde\t', 'industrie lourde'],
    ['Électricité', 'electricite'],
    ['ELECTRICITE', 'electricite'],
    ['Ça Va', 'ca va'],
    ['e\u0301lan', 'elan'], // e + combining acute (NFD) is é
    ['İstanbul', 'istanbul'], // Unicode simple lower case of U+0130 is i, whatever the locale
    ['ΣΟΦΙΑΣ', 'σοφιασ'], // no final-sigma rule: each character on its own, as SQL's LOWER
    ['Straße', 'straße'], // ß has no ASCII base letter: kept
    ['Œuvre', 'œuvre'], // Œ is not a letter plus accent (no NFD decomposition): lower-cased only
    ['', ''],
  ])('%j -> %j', (text, folded) => {
    expect(foldKey(text)).toBe(folded);
  });

  it('the accent table maps each character to one ASCII letter or digit (from and to line up)', () => {
    const { from, to, map } = buildAccentTable();
    // 490 accented letters and digits plus the 112 combining marks U+0300..U+036F (deleted).
    expect([...to].length).toBe(490);
    expect([...from].length).toBe(490 + 112);
    expect(map.get('É')).toBe('E');
    expect(map.get('\u0301')).toBe('');
  });
});
