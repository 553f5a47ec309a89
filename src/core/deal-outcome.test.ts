import { describe, expect, it } from 'vitest';
import {
  createDealCounter,
  describeCreditNotes,
  describeDealTally,
  isOutcomeColumn,
  outcomeOfDeal,
} from './deal-outcome.js';

describe('outcomeOfDeal', () => {
  it.each([
    ['Won', 'won'],
    ['Closed Won', 'won'],
    ['closed_won', 'won'],
    ['Gagnée', 'won'],
    ['SIGNÉ', 'won'],
    ['Lost', 'lost'],
    ['Closed Lost', 'lost'],
    ['Perdue', 'lost'],
    ['Sans suite', 'lost'],
    // DOMAIN.md section 8's list, any case and accent.
    ['Vendu', 'won'],
    ['Gewonnen', 'won'],
    ['Ganada', 'won'],
    ['Annulée', 'lost'],
    ['Verloren', 'lost'],
    ['Perdida', 'lost'],
    ['Open', 'open'],
    ['Devis envoyé', 'open'],
    ['Proposal', 'open'],
    // An unknown stage is never guessed as won.
    ['Won-ish maybe', 'open'],
  ])('%s -> %s', (word, outcome) => expect(outcomeOfDeal(word)).toBe(outcome));
});

describe('isOutcomeColumn', () => {
  it.each([
    [['Open', 'Won'], true],
    [['Perdu'], true],
    [['client', 'prospect', 'lead'], false],
    [['Livrée', 'Payée', ''], false],
    [[], false],
  ])('%j -> %s', (values, expected) => expect(isOutcomeColumn(values)).toBe(expected));
});

describe('createDealCounter', () => {
  it('only won deals are orders; the others are counted by value, most rows first', () => {
    // By hand: 2 Won, 1 Closed Won (won: 3); Lost 2, Perdue 1 (lost: 3); Proposal 1, empty 1 (open: 2).
    const c = createDealCounter('Stage');
    const words = ['Won', 'Lost', 'Proposal', 'Won', null, 'Lost', 'Closed Won', 'Perdue'];
    expect(words.map((w) => c.add(w))).toEqual([true, false, false, true, false, false, true, false]);
    expect(c.tally()).toEqual({
      column: 'Stage',
      won: 3,
      lost: 3,
      open: 2,
      values: [
        { value: 'Lost', outcome: 'lost', rows: 2 },
        { value: '', outcome: 'open', rows: 1 },
        { value: 'Perdue', outcome: 'lost', rows: 1 },
        { value: 'Proposal', outcome: 'open', rows: 1 },
      ],
    });
  });
  it('notes in both languages, with plurals', () => {
    const c = createDealCounter('Étape');
    c.add('Gagnée');
    c.add('Perdue');
    c.add('En cours');
    c.add('En cours');
    const note = describeDealTally(c.tally());
    expect(note?.en).toBe(
      'prospect: column "Étape" gives each deal\'s outcome; only won deals are orders: 1 won deal used, 1 lost deal and 2 open deals left out ("En cours" 2, "Perdue" 1).',
    );
    expect(note?.fr).toBe(
      'prospect : la colonne « Étape » donne l\'issue de chaque affaire ; seules les affaires gagnées sont des commandes : 1 affaire gagnée retenue, 1 affaire perdue et 2 affaires en cours écartées ("En cours" 2, "Perdue" 1).',
    );
  });
  it('no note when every deal is won', () => {
    const c = createDealCounter('Stage');
    c.add('Won');
    expect(describeDealTally(c.tally())).toBeNull();
  });
});

describe('describeCreditNotes', () => {
  it('plurals and the flag', () => {
    expect(describeCreditNotes(0, true)).toBeNull();
    expect(describeCreditNotes(1, false)?.fr).toBe(
      "prospect : 1 avoir (montant négatif) réduit la valeur des clients mais n'est pas un achat : ni récence ni fréquence.",
    );
    expect(describeCreditNotes(2, true)?.en).toBe(
      "prospect: 2 credit notes (negative amounts) lower the clients' value but are not purchases: no recency, no frequency (--credit-notes as-orders counts every row, as R rfm does).",
    );
  });
});
