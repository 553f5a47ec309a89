import { describe, expect, it } from 'vitest';
import { perClientJsonNames } from './segment-report.js';

describe('perClientJsonNames: a repeated header gets its column number', () => {
  // By hand: the first of equal headers keeps its name, later ones get _N (1-based column).
  it.each([
    [[], []],
    [
      ['id', 'x'],
      ['id', 'x'],
    ],
    [
      ['id', 'x', 'x'],
      ['id', 'x', 'x_3'],
    ],
    [
      ['a', 'a', 'a', 'b', 'a'],
      ['a', 'a_2', 'a_3', 'b', 'a_5'],
    ],
  ])('%j -> %j', (headers, names) => {
    expect(perClientJsonNames(headers)).toEqual(names);
  });

  it('10,000 distinct headers keep their names (linear: one set lookup each)', () => {
    const headers = Array.from({ length: 10_000 }, (_, i) => `col${i}`);
    expect(perClientJsonNames(headers)).toEqual(headers);
  });
});
