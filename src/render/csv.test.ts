import { describe, expect, it } from 'vitest';
import { neutraliseCell, renderCsv } from './csv.js';

describe('neutraliseCell (OWASP CSV injection)', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+33 1 23 45 67 89', "'+33 1 23 45 67 89"],
    ['-cmd', "'-cmd"],
    ['@import', "'@import"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['-12', '-12'],
    ['-12.5', '-12.5'],
    ['+3', '+3'],
    ['Dupont', 'Dupont'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });
});

describe('renderCsv', () => {
  it('quotes separators, quotes and line breaks, and ends lines with CRLF', () => {
    const text = renderCsv({ header: ['name', 'note'], rows: [['A, B', 'say "hi"\nthere']] });
    expect(text).toBe('name,note\r\n"A, B","say ""hi""\nthere"\r\n');
  });

  it('keeps real negative numbers as numbers', () => {
    expect(renderCsv({ header: ['v'], rows: [[-12.5], ['=1+1']] })).toBe("v\r\n-12.5\r\n'=1+1\r\n");
  });

  it('writes the French Excel flavour with ; and a decimal comma', () => {
    expect(renderCsv({ header: ['a', 'b'], rows: [[1234.5, 'x;y']] }, { excel: true })).toBe(
      'a;b\r\n1234,5;"x;y"\r\n',
    );
  });
});
