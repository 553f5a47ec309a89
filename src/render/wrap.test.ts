import { describe, expect, it } from 'vitest';
import { splitUnbreakable, wrapSentences } from './wrap.js';

describe('wrapSentences', () => {
  // Worked by hand: "Colonnes :" must not be cut before its colon (French puts a space there).
  it('keeps French punctuation written after a space with the word before it', () => {
    expect(splitUnbreakable('Colonnes : N° client ; attendu ! oui ?')).toEqual([
      'Colonnes :',
      'N°',
      'client ;',
      'attendu !',
      'oui ?',
    ]);
    // 'aaaa bbbb Colonnes :' is exactly 20 characters: it fits; one more letter and 'Colonnes :' moves whole.
    expect(wrapSentences('aaaa bbbb Colonnes : x', 20)).toBe('aaaa bbbb Colonnes :\nx');
    expect(wrapSentences('aaaa bbbbb Colonnes : x', 20)).toBe('aaaa bbbbb\nColonnes : x');
  });

  it('keeps a number with its unit and a quoted value whole', () => {
    expect(splitUnbreakable('soit 1 234 € pour « Chiffre réalisé » ici')).toEqual([
      'soit',
      '1 234 €',
      'pour',
      '« Chiffre réalisé »',
      'ici',
    ]);
  });
});
