import { describe, expect, it } from 'vitest';
import { formatDateInSentence } from './format.js';
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
