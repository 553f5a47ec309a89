import { describe, expect, it } from 'vitest';
import { parseLocaleNumber } from './parse-number.js';
import { findHeader, formatSheetNumber } from './read-xlsx.js';

type Kind = 'text' | 'number' | 'date' | 'other';
/** A sheet row from a compact notation: a string is a text cell, a number a number cell. */
const row = (number: number, cells: (string | number | null)[]) => ({
  number,
  cells: cells.map((c) =>
    c === null
      ? { text: '', kind: 'other' as Kind }
      : typeof c === 'number'
        ? { text: String(c), kind: 'number' as Kind }
        : { text: c, kind: 'text' as Kind },
  ),
});

describe('findHeader', () => {
  it.each([
    {
      case: 'header on the first row',
      rows: [row(1, ['id', 'name', 'revenue']), row(2, ['C1', 'A', 10])],
      first: 0,
      last: 0,
      labels: ['id', 'name', 'revenue'],
    },
    {
      case: 'a title above the header is skipped',
      rows: [row(1, ['Portefeuille 2026']), row(3, ['id', 'name', 'revenue']), row(4, ['C1', 'A', 10])],
      first: 1,
      last: 1,
      labels: ['id', 'name', 'revenue'],
    },
    {
      case: 'a title of two cells above a header of three is skipped',
      rows: [
        row(1, ['Export clients', 'novembre 2026']),
        row(2, ['id', 'name', 'city']),
        row(3, ['C1', 'A', 'Lyon']),
      ],
      first: 1,
      last: 1,
      labels: ['id', 'name', 'city'],
    },
    {
      // Rows 2-3: "Code" and "Société" merged down, "CA" merged over two columns with the years
      // (typed as numbers) below: the labels are joined.
      case: 'a header on two rows (merged cells)',
      rows: [
        row(1, ['Clients']),
        row(2, ['Code', 'Société', 'CA', null, 'Dernier achat']),
        row(3, [null, null, 2024, 2025, null]),
        row(4, ['C1', 'A', 10, 20, 'x']),
      ],
      first: 1,
      last: 2,
      labels: ['Code', 'Société', 'CA 2024', 'CA 2025', 'Dernier achat'],
    },
    {
      // A header with an unnamed column, then a data row of texts: the data row fills the id
      // column, which stands alone: it is not a second header row.
      case: 'a data row of texts under a header with a gap stays data',
      rows: [row(1, ['id', 'name', null, 'city']), row(2, ['C1', 'A', 'note', 'Lyon'])],
      first: 0,
      last: 0,
      labels: ['id', 'name', '', 'city'],
    },
    {
      case: 'no row of labels: the first non-empty row',
      rows: [row(1, [1, 2, 3]), row(2, [4, 5, 6])],
      first: 0,
      last: 0,
      labels: ['1', '2', '3'],
    },
  ])('$case', ({ rows, first, last, labels }) => {
    expect(findHeader(rows)).toEqual({ first, last, labels });
  });
});

describe('formatSheetNumber', () => {
  // Expected texts worked by hand: 15 significant digits as Excel shows, and never the shape
  // 1.234 that a comma-decimal column would read as 1234.
  it.each([
    [1234.5, '1234.5'],
    [1.234, '1.2340'],
    [-1.234, '-1.2340'],
    [0.1 + 0.2, '0.3'],
    [89567, '89567'],
    [12.345, '12.3450'],
    [1234.567, '1234.567'],
    [0.125, '0.125'],
  ])('%s -> %s', (n, text) => {
    expect(formatSheetNumber(n)).toBe(text);
  });

  it('reads back as the same number whatever the decimal mark', () => {
    for (const n of [1.234, 999.999, 12.5, 1234.567, -0.5, 0.001, 1e-7, 123456789.123]) {
      const text = formatSheetNumber(n);
      expect(parseLocaleNumber(text, ',')).toBeCloseTo(n, 12);
      expect(parseLocaleNumber(text, '.')).toBeCloseTo(n, 12);
    }
  });
});
