import { describe, expect, it } from 'vitest';
import { classifyOutcome, OUTCOME_WORDS, parseFlagCell, suggestOutcome } from './outcome.js';

// The words of issue 13 that differed between commands, and the usual CRM outcome names (vendor
// defaults: Salesforce Closed Won / Fermée gagnée, HubSpot Closed Won, Pipedrive Won/Lost/Open).
describe('classifyOutcome', () => {
  it.each([
    ['Annulé', 'lost'],
    ['Annulée', 'lost'],
    ['ANNULEE', 'lost'],
    ['Conclue', 'won'],
    ['Sans suite', 'lost'],
    ['Refusée', 'lost'],
    ['Vendu', 'won'],
    ['Fermée gagnée', 'won'],
    ['Fermée perdue', 'lost'],
    ['Closed Won', 'won'],
    ['closed_lost', 'lost'],
    ['Won', 'won'],
    ['Lost', 'lost'],
    ['Open', 'open'],
    ['En cours', 'open'],
    ['Gewonnen', 'won'],
    ['Verloren', 'lost'],
    ['Offen', 'open'],
    ['Ganado', 'won'],
    ['Perdida', 'lost'],
    ['Abierta', 'open'],
    ['Conclu perdu', 'lost'],
  ] as const)('%j -> %s', (text, outcome) => {
    expect(classifyOutcome(text)).toBe(outcome);
  });

  it.each([['Qualification'], ['Lead In'], ['Proposition/Devis'], [''], ['Perdu - prix']])(
    '%j is not an outcome word',
    (text) => {
      expect(classifyOutcome(text)).toBeUndefined();
    },
  );

  it('no word is in two outcomes', () => {
    const seen = new Map<string, string>();
    for (const [outcome, words] of Object.entries(OUTCOME_WORDS)) {
      for (const w of words) {
        expect(seen.get(w) ?? outcome, w).toBe(outcome);
        seen.set(w, outcome);
      }
    }
  });
});

describe('suggestOutcome', () => {
  it.each([
    ['Perdu - prix', 'lost'],
    ['Signé chez le client', 'won'],
    ['Closed Lost (no budget)', 'lost'],
    ['Lead In', 'open'],
    ['Demo Scheduled', 'open'],
    ['Stage 7', 'open'],
  ] as const)('%j -> %s', (text, outcome) => {
    expect(suggestOutcome(text)).toBe(outcome);
  });
});

describe('parseFlagCell', () => {
  it.each([
    ['true', true],
    ['FALSE', false],
    ['1', true],
    ['0', false],
    ['Oui', true],
    ['non', false],
    ['maybe', undefined],
  ] as const)('%j -> %s', (text, value) => {
    expect(parseFlagCell(text)).toBe(value);
  });
});
