import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortNumbers } from './sort-numbers.js';

describe('sortNumbers', () => {
  it.each([
    [[], []],
    [[7], [7]],
    [
      [3, 1, 2, 1],
      [1, 1, 2, 3],
    ], // counting
    [
      [5, -2, 0, -2, 3],
      [-2, -2, 0, 3, 5],
    ], // counting, negative whole numbers
    [
      [2.5, 1, 0.5],
      [0.5, 1, 2.5],
    ], // a fraction: built-in sort
    [
      [1000, 1, 2],
      [1, 2, 1000],
    ], // range 999 > 3 values: built-in sort
    [
      [1, Number.NaN, 0],
      [0, 1, Number.NaN],
    ], // NaN last, as the built-in sort puts it
  ])('%j -> %j', (values, expected) => {
    expect([...sortNumbers(Float64Array.from(values))]).toEqual(expected);
  });

  it('-0 before +0, as the built-in sort puts them', () => {
    const sorted = sortNumbers(Float64Array.of(0, -0, 1, 0));
    expect(Object.is(sorted[0], -0)).toBe(true);
    expect(Object.is(sorted[1], 0)).toBe(true);
  });

  it('sorts in place and returns the same array', () => {
    const values = Float64Array.of(2, 1);
    expect(sortNumbers(values)).toBe(values);
    expect([...values]).toEqual([1, 2]);
  });

  it('gives the same array as the built-in sort (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ noNaN: false }))),
        (xs) => {
          expect(sortNumbers(Float64Array.from(xs))).toEqual(Float64Array.from(xs).sort());
        },
      ),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 500 }), (xs) => {
        expect(sortNumbers(Float64Array.from(xs))).toEqual(Float64Array.from(xs).sort());
      }),
    );
  });
});
