import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDecimalMark, explainNumber, parseLocaleNumber, parseRateText } from './parse-number.js';

// Expected values worked by hand from the text (the digits as written, the marks as the rule says).
describe('parseLocaleNumber', () => {
  it.each([
    ['1234.56', '.', 1234.56],
    ['1234.56', ',', 1234.56], // two decimals: a decimal point whatever the file says
    ['1234,56', ',', 1234.56],
    ['1234,56', '.', 1234.56],
    ['1 234,56', ',', 1234.56],
    ['1\u00a0234,56', ',', 1234.56], // no-break space
    ['1\u202f234,56', ',', 1234.56], // narrow no-break space (Intl fr-FR)
    ['1.234,56', ',', 1234.56],
    ['1.234,56', '.', 1234.56],
    ['1,234.56', '.', 1234.56],
    ['1,234.56', ',', 1234.56],
    ['1,234,567', ',', 1234567], // a repeated mark is the thousands separator
    ['1.234.567', '.', 1234567],
    ["1'234.50", '.', 1234.5], // Swiss
    ['1,234', ',', 1.234], // ambiguous: the file's convention decides
    ['1,234', '.', 1234],
    ['1.234', ',', 1234],
    ['1.234', '.', 1.234],
    ['0,125', '.', 0.125], // a leading zero cannot start a thousands group
    ['1234,567', '.', 1234.567], // four digits before: not a thousands group
    ['1 234,567', '.', 1234.567], // spaces group the thousands, so the comma is decimal
    ['-12', '.', -12],
    ['−12', '.', -12], // U+2212 minus sign
    ['(12)', '.', -12],
    ['(1 234,50 €)', ',', -1234.5],
    ['+7', '.', 7],
    ['12 €', ',', 12],
    ['12€', ',', 12],
    ['€12', '.', 12],
    ['€ 1,234.50', '.', 1234.5],
    ['1 054,00\u00a0€', ',', 1054],
    ['1\u202f054,00\u00a0€', ',', 1054],
    ['EUR 99', '.', 99],
    ['99 eur', '.', 99],
    ['$1,234.56', '.', 1234.56],
    ['-$5', '.', -5],
    ['$-5', '.', -5],
    ['  42  ', '.', 42],
    ['0', '.', 0],
    ['1.5E+05', '.', 150000],
    ['123456789012345', '.', 123456789012345],
    ['0.1', '.', 0.1],
    ['873607.15', '.', 873607.15],
  ])('%j with decimal %s is %d', (text, decimal, expected) => {
    expect(parseLocaleNumber(text, decimal as ',' | '.')).toBe(expected);
  });

  it.each([
    ['abc'],
    [''],
    ['-'],
    ['12 34'], // spaces that do not group by three
    ['1.23.4'],
    ['1,2,3'],
    ['12.34.56,7'],
    ['1.234,5.6'],
    ['--12'],
    ['(-12)'],
    ['12 € €'],
    ['€12€'],
    ['6 %'],
    ['12abc'],
    ['1'.repeat(100)],
    ['1 '.repeat(5000)], // long hostile text is refused without a slow regular expression
  ])('%j is not a number', (text) => {
    expect(parseLocaleNumber(text, '.')).toBeNaN();
    expect(parseLocaleNumber(text, ',')).toBeNaN();
  });

  it('gives the same double as Number() on plain decimals (fast path)', () => {
    for (const text of ['0.1', '0.3', '1234.56', '-99.99', '873607.15', '30024968.0', '12345678.123']) {
      expect(parseLocaleNumber(text, '.')).toBe(Number(text));
    }
  });

  it('reads any unambiguous decimal as Number() does, with either mark (property)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.stringMatching(/^[1-9]\d{3,8}$/),
        fc.stringMatching(/^\d{1,6}$/),
        fc.constantFrom(',', '.'),
        fc.constantFrom(',', '.'),
        (negative, intPart, fraction, mark, decimal) => {
          // Four or more integer digits: the mark cannot group thousands, so it is the decimal one.
          const text = `${negative ? '-' : ''}${intPart}${mark}${fraction}`;
          const reference = Number(`${negative ? '-' : ''}${intPart}.${fraction}`);
          expect(parseLocaleNumber(text, decimal as ',' | '.')).toBe(reference);
        },
      ),
    );
  });

  it('explains a percentage and a bad amount', () => {
    expect(explainNumber('6 %')).toBe(
      '"6 %" is a percentage; expected an amount such as 1234.56 or 1 234,56',
    );
    expect(explainNumber('abc')).toBe(
      '"abc" is not a number; expected an amount such as 1234.56, 1 234,56 or 1,234.56',
    );
  });
});

describe('detectDecimalMark', () => {
  it.each([
    ['12,5', ','],
    ['1 234,56', ','],
    ['1.234,56', ','],
    ['1,234.56', '.'],
    ['12.5', '.'],
    ['1,234,567', '.'],
    ['1.234.567', ','],
    ['1,234', undefined],
    ['1.234', undefined],
    ['1234', undefined],
    ['Anytown, WW', undefined],
  ])('%j shows %s', (text, mark) => {
    expect(detectDecimalMark(text)).toBe(mark);
  });
});

describe('parseRateText', () => {
  it.each([
    ['6 %', false, 0.06],
    ['6%', false, 0.06],
    ['6 %', true, 0.06],
    ['0.06', false, 0.06],
    ['0,06', false, 0.06],
    ['6', true, 0.06], // a column of percentages without the sign
    ['12,5 %', false, 0.125],
    ['100%', false, 1],
  ])('%j (percent column %s) is %d', (text, percent, expected) => {
    expect(parseRateText(text, ',', percent)).toBeCloseTo(expected, 12);
  });

  it('refuses text', () => {
    expect(parseRateText('high', '.', false)).toBeNaN();
  });
});

describe('numbers too large to sum exactly', () => {
  it.each(['1e400', '-1e400', '1e15'])('%s is refused, not read as Infinity', (text) => {
    expect(Number.isNaN(parseLocaleNumber(text, '.'))).toBe(true);
    expect(explainNumber(text)).toContain('is too large; expected an amount below 10^15');
  });

  it('four hundred digits are refused', () => {
    expect(Number.isNaN(parseLocaleNumber('9'.repeat(400), '.'))).toBe(true);
  });

  it('123 456 789 012,34 is still read', () => {
    expect(parseLocaleNumber('123 456 789 012,34', ',')).toBe(123456789012.34);
  });
});
