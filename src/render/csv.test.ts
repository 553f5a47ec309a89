import { describe, expect, it } from 'vitest';
import { toDisplayText } from './report.js';
import { neutraliseCell, numberText, renderCsvBytes, type CsvFlavour } from './csv.js';
import type { CsvData } from './report.js';

/** The CSV as text, to compare with a string. */
function renderCsv(data: CsvData, flavour?: CsvFlavour): string {
  return renderCsvBytes(data, flavour).toString('utf8');
}

describe('neutraliseCell (OWASP CSV injection)', () => {
  // OWASP: cells starting with = + - @ tab or carriage return get a leading apostrophe.
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+33 6 12 34 56 78', "'+33 6 12 34 56 78"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['-12.5', '-12.5'], // a real negative number stays a number
    ['-12,5', '-12,5'],
    ['+7', '+7'],
    ['1e5', '1e5'],
    ['Dupont', 'Dupont'],
    ['', ''],
    ['a=b', 'a=b'],
  ])('%j -> %j', (text, expected) => {
    expect(neutraliseCell(text)).toBe(expected);
  });
});

describe('renderCsv', () => {
  const data = {
    header: ['name', 'amount', 'share'],
    rows: [
      ['=cmd|calc', -1234.5, 0.25],
      ['Dupont; Fils', 1000, null],
      ['say "hi"', 0.1, 1],
      [{ en: 'former client', fr: 'ancien client' }, 3, 0],
    ],
  };

  it('plain: RFC 4180, CRLF, dot decimals, numbers as numbers, formulas neutralised', () => {
    expect(renderCsv(data)).toBe(
      [
        'name,amount,share',
        "'=cmd|calc,-1234.5,0.25",
        'Dupont; Fils,1000,',
        '"say ""hi""",0.1,1',
        'former client,3,0',
        '',
      ].join('\r\n'),
    );
  });

  it('--excel: ";" separator, decimal comma and a BOM', () => {
    expect(renderCsv(data, { excel: true })).toBe(
      '\ufeff' +
        [
          'name;amount;share',
          "'=cmd|calc;-1234,5;0,25",
          '"Dupont; Fils";1000;',
          '"say ""hi""";0,1;1',
          'former client;3;0',
          '',
        ].join('\r\n'),
    );
  });
});

describe('numberText', () => {
  it('writes sums of cents as cents and leaves out floating-point noise', () => {
    expect(numberText(0.1 + 0.2, false)).toBe('0.3'); // 0.30000000000000004
    expect(numberText(1000000.1 + 0.2, false)).toBe('1000000.3'); // 1000000.2999999999
    // Rounding at 10 decimals by Math.round(v * 1e10) / 1e10 wrote 296651.5900000001 here.
    expect(numberText(296651.59, false)).toBe('296651.59');
    expect(numberText(395319.59, true)).toBe('395319,59');
    expect(numberText(0.1 + 0.2 - 0.3, false)).toBe('0'); // 5.551115123125783e-17
  });

  it('rounds to 10 decimals below 100,000 and to 15 digits above', () => {
    expect(numberText(1 / 3, false)).toBe('0.3333333333');
    expect(numberText(200000 / 3, false)).toBe('66666.6666666667');
    expect(numberText(2e6 / 3, false)).toBe('666666.666666667');
    expect(numberText(-1400 / 3, false)).toBe('-466.6666666667');
    expect(numberText(1234567890123, false)).toBe('1234567890123');
    expect(numberText(Number.NaN, false)).toBe('');
  });

  it('writes plain decimals (no exponent) below 10^15, and never -0', () => {
    expect(numberText(1e-7, false)).toBe('0.0000001'); // String gives 1e-7
    expect(numberText(-0.25, true)).toBe('-0,25');
    expect(numberText(-1e-12, false)).toBe('0');
    expect(numberText(123456789 + 0.123456789, false)).toBe('123456789.123457'); // 15 digits
    expect(numberText(99999.99999999999, false)).toBe('100000');
    expect(numberText(2e21, false)).toBe('2e+21');
    expect(numberText(1.5e21, true)).toBe('1,5e+21');
    expect(numberText(1e15 + 0.5, true)).toBe('1000000000000000,5');
  });

  it('rounds to 10 decimals and 15 digits, and writes no more than needed (property)', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), (v) => {
        const text = numberText(v, false);
        expect(text).toMatch(/^-?\d+(\.\d*[1-9])?$/); // no exponent, no trailing zero
        const [units = '', decimals = ''] = text.replace('-', '').split('.');
        const intDigits = units === '0' ? 0 : units.length;
        const allowed = Math.min(10, Math.max(0, 15 - intDigits));
        expect(decimals.length).toBeLessThanOrEqual(allowed);
        // Within half a unit of the last decimal allowed (and the rounding of the product).
        const tolerance = 0.5 * 10 ** -allowed + Math.abs(v) * 4e-16;
        expect(Math.abs(Number(text) - v)).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([2n ** 31n, 10n ** 13n])(
    'writes any amount in cents as the decimal it is, up to %s cents (property)',
    async (max) => {
      const fc = (await import('fast-check')).default;
      fc.assert(
        fc.property(fc.bigInt({ min: -max, max }), (cents) => {
          // The decimal written from the integer with string operations only.
          const digits = (cents < 0n ? -cents : cents).toString().padStart(3, '0');
          let decimal = `${digits.slice(0, -2)}.${digits.slice(-2)}`.replace(/\.?0+$/, '');
          if (cents < 0n) decimal = `-${decimal}`;
          expect(numberText(Number(cents) / 100, false)).toBe(decimal);
        }),
        { numRuns: 5000 },
      );
    },
  );
});

describe('numbers written as bytes', () => {
  // Differential: the CSV writer writes a number's digits from integers into its buffer; the
  // reference is numberText (tested above against hand-worked values and the cents property).
  it.each([false, true])('give the bytes of numberText (excel %s, property)', async (excel) => {
    const fc = (await import('fast-check')).default;
    const number = fc.oneof(
      fc.double({ noNaN: true }),
      fc.double({ min: -1e16, max: 1e16, noNaN: true }),
      fc.double({ min: -2, max: 2, noNaN: true }),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 }).map((n) => n / 100),
      fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }).map((n) => Number(n) / 100),
      fc.maxSafeInteger(),
      fc.constantFrom(0, -0, 2 ** 31, -(2 ** 31), 2 ** 31 - 1, 2 ** 32, 1e15 - 1, 1e15, 1e-11, -1e-11),
    );
    fc.assert(
      fc.property(fc.array(number, { minLength: 1, maxLength: 4 }), (values) => {
        const expected = `${values.map((v) => numberText(v, excel)).join(excel ? ';' : ',')}\r\n`;
        const bytes = renderCsvBytes({ header: [], rows: [values] }, { excel }).toString('utf8');
        // The header line is empty; the Excel flavour starts with a BOM.
        expect(bytes).toBe(`${excel ? '\ufeff' : ''}\r\n${expected}`);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('renderCsv on many rows', () => {
  // One number column: each line is the number itself, lines end with CRLF, the last one too.
  it.each([0, 1, 1999, 2000, 2001, 4000, 4001])('%i rows: every line once, in order', (count) => {
    const rows = Array.from({ length: count }, (_, i) => [i]);
    const expected = ['n', ...rows.map((_, i) => String(i))].join('\r\n') + '\r\n';
    expect(renderCsv({ header: ['n'], rows })).toBe(expected);
  });

  it('rows from a generator, made one at a time', () => {
    function* rows(): Generator<[string, number]> {
      yield ['=a', 1.5];
      yield ['b,c', -2];
    }
    expect(renderCsv({ header: ['id', 'v'], rows: rows() })).toBe('id,v\r\n\'=a,1.5\r\n"b,c",-2\r\n');
  });
});

describe('renderCsvBytes', () => {
  it('writes UTF-8: accents, the euro sign, a character beyond the BMP, quoted or not', () => {
    const rows = [
      ['Société Générale', 'à', '€ 12', 'x😀y'],
      ['plain', 'Zoë, fils', '', '"😀"'], // quoted: the separator, quotes (doubled)
    ];
    const bytes = renderCsvBytes({ header: ['nom', 'été', 'c', 'd'], rows });
    const text = 'nom,été,c,d\r\nSociété Générale,à,€ 12,x😀y\r\nplain,"Zoë, fils",,"""😀"""\r\n';
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('grows past its first buffer, whatever the cells (a 200,000-character one with accents)', () => {
    const long = 'é'.repeat(100_000) + 'a'.repeat(100_000);
    const rows = Array.from({ length: 3 }, (_, i) => [`r${i}`, long]);
    const bytes = renderCsvBytes({ header: ['id', 'text'], rows });
    const text = ['id,text', ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});

describe('toDisplayText (terminal safety)', () => {
  it.each([
    ['\u001b[2J\u001b[31m red', '\ufffd[2J\ufffd[31m red'],
    ['two\nlines', 'two lines'],
    ['a\r\nb\tc', 'a b c'],
    ['Société Générale', 'Société Générale'],
  ])('%j -> %j', (input, expected) => {
    expect(toDisplayText(input)).toBe(expected);
  });
});
