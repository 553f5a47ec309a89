import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateInSentence, formatMoney, formatNumber, formatPercent } from './format.js';
import { countNoun, fieldLabel, frenchDe } from './words.js';

describe('formatDateInSentence', () => {
  // Written by hand, as a French and an English reader write them.
  it.each([
    ['2026-04-30', 'fr', '30 avril 2026'],
    ['2026-05-01', 'fr', '1er mai 2026'],
    ['2026-08-15', 'fr', '15 août 2026'],
    ['2026-12-03', 'fr', '3 décembre 2026'],
    ['2026-04-30', 'en', 'April 30, 2026'],
    ['2026-01-01', 'en', 'January 1, 2026'],
    ['not a date', 'fr', 'not a date'],
    ['2026-13-01', 'en', '2026-13-01'],
  ] as const)('%s in %s: %s', (iso, lang, expected) => {
    expect(formatDateInSentence(iso, lang)).toBe(expected);
  });
});

// The reference: Intl.NumberFormat for en-GB and fr-FR, whose writing the hand-made formatter
// follows (it is not used at run time: its first call costs more than Node's start-up).
const LOCALE = { en: 'en-GB', fr: 'fr-FR' } as const;
const plain = (text: string): string => text.replace(/[\u202f\u00a0]/g, ' ');
const made = new Map<string, Intl.NumberFormat>();
const intl = (lang: 'en' | 'fr', options: Intl.NumberFormatOptions, value: number): string => {
  const key = lang + JSON.stringify(options);
  let format = made.get(key);
  if (format === undefined) made.set(key, (format = new Intl.NumberFormat(LOCALE[lang], options)));
  return plain(format.format(value));
};

describe('numbers as Intl writes them', () => {
  // Hand-picked: halves, the shortest writing (1.005), negative zero, carries, big and tiny numbers.
  it.each([
    [1.005, 'fr', 2, 0, '1,01'],
    [2.5, 'en', 0, 0, '3'],
    [-2.5, 'en', 0, 0, '-3'],
    [-0.001, 'fr', 0, 0, '-0'],
    [-0, 'en', 0, 0, '-0'],
    [999.995, 'en', 2, 2, '1,000.00'],
    [12345678.9, 'fr', 1, 0, '12 345 678,9'],
    [1e21, 'en', 0, 0, '1,000,000,000,000,000,000,000'],
    [1e-7, 'en', 3, 0, '0'],
    [0.5, 'fr', 0, 0, '1'],
    [0.05, 'fr', 1, 0, '0,1'],
    [0.04, 'fr', 1, 0, '0'],
  ] as const)('%s in %s at %s decimals: %s', (value, lang, max, min, expected) => {
    expect(formatNumber(value, lang, max, min)).toBe(expected);
    expect(intl(lang, { maximumFractionDigits: max, minimumFractionDigits: min }, value)).toBe(expected);
  });

  const values = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
    fc.integer({ min: -1e9, max: 1e9 }).map((cents) => cents / 100),
    fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 1000),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1, max: 1 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
  const langs = fc.constantFrom('en' as const, 'fr' as const);

  it('formatNumber agrees with Intl on random numbers', () => {
    fc.assert(
      fc.property(
        values,
        langs,
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (v, lang, max, min) => {
          const options = { maximumFractionDigits: max, minimumFractionDigits: Math.min(min, max) };
          expect(formatNumber(v, lang, max, min)).toBe(intl(lang, options, v));
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('formatMoney agrees with Intl on random amounts', () => {
    fc.assert(
      fc.property(values, langs, fc.integer({ min: 0, max: 2 }), (v, lang, digits) => {
        const options = {
          style: 'currency',
          currency: 'EUR',
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        } as const;
        expect(formatMoney(v, lang, digits)).toBe(intl(lang, options, v));
      }),
      { numRuns: 10_000 },
    );
  });

  it('formatPercent agrees with Intl on random fractions', () => {
    fc.assert(
      fc.property(values, langs, fc.integer({ min: 0, max: 3 }), (v, lang, decimals) => {
        expect(formatPercent(v, lang, decimals)).toBe(
          intl(lang, { style: 'percent', maximumFractionDigits: decimals }, v),
        );
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('countNoun', () => {
  const day = { en: ['day', 'days'], fr: ['jour', 'jours'] } as const;
  it.each([
    [0, 'fr', '0 jour'],
    [1, 'fr', '1 jour'],
    [1.5, 'fr', '1,5 jour'],
    [2, 'fr', '2 jours'],
    [0, 'en', '0 days'],
    [1, 'en', '1 day'],
    [2, 'en', '2 days'],
    [1200, 'fr', '1 200 jours'],
  ] as const)('%d in %s: %s', (n, lang, expected) => {
    expect(countNoun(n, lang, day, 1)).toBe(expected);
  });
});

describe('frenchDe and fieldLabel', () => {
  it.each([
    ['interactions', 'd’interactions'],
    ['effectif', 'd’effectif'],
    ['heures', 'd’heures'],
    ['statut', 'de statut'],
    ['maturité', 'de maturité'],
  ])('de + %s: %s', (word, expected) => expect(frenchDe(word)).toBe(expected));

  it('names canonical fields in the language and leaves a user’s column name as it is', () => {
    expect(fieldLabel('status', 'fr')).toBe('statut');
    expect(fieldLabel('revenue', 'fr')).toBe('chiffre d’affaires');
    expect(fieldLabel('owner', 'en')).toBe('sales person');
    expect(fieldLabel('Potentiel 2027', 'fr')).toBe('Potentiel 2027');
  });
});
