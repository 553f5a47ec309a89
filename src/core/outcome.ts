/**
 * One vocabulary for a deal's outcome: won, lost or still open, as CRMs and spreadsheets write it
 * in French, English, German and Spanish, whatever the case, accents and punctuation. Used alike
 * by `calibrate`, `plan --pipeline`, `score --learn` and `review` (through the stage mapping and
 * `classifyOutcome`), so that one word means one thing everywhere.
 */

export type DealOutcome = 'won' | 'lost' | 'open';

/**
 * A word or stage name reduced to compare: lower case, accents and punctuation removed, spaces
 * collapsed (`Fermée gagnée` -> `fermee gagnee`, `Closed_Won` -> `closed won`).
 */
export function normalizeOutcomeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The whole names that say a deal is won, lost or open (normalised). Salesforce's closed stages
 * (Closed Won / Fermée gagnée / Geschlossen und gewonnen / Cerrada ganada), HubSpot's (Closed Won
 * / Conclu gagné), Pipedrive's deal status (Won / Lost / Open), the French words of spreadsheets
 * (Gagnée, Signé, Conclue, Vendu, Perdue, Annulée, Sans suite, Refusée...).
 */
export const OUTCOME_WORDS: Readonly<Record<DealOutcome, readonly string[]>> = {
  won: [
    // English
    'won',
    'win',
    'closed won',
    'closedwon',
    'deal won',
    'signed',
    'sold',
    'booked',
    'accepted',
    'contract signed',
    // French
    'gagne',
    'gagnee',
    'gagnes',
    'gagnees',
    'affaire gagnee',
    'ferme gagne',
    'fermee gagnee',
    'cloture gagne',
    'cloturee gagnee',
    'conclu gagne',
    'conclue gagnee',
    'signe',
    'signee',
    'conclu',
    'conclue',
    'vendu',
    'vendue',
    'accepte',
    'acceptee',
    'devis accepte',
    'commande',
    'commandee',
    // German
    'gewonnen',
    'geschlossen gewonnen',
    'geschlossen und gewonnen',
    'abgeschlossen',
    'verkauft',
    'unterschrieben',
    'auftrag',
    // Spanish
    'ganado',
    'ganada',
    'cerrado ganado',
    'cerrada ganada',
    'vendido',
    'vendida',
    'firmado',
    'firmada',
  ],
  lost: [
    // English
    'lost',
    'lose',
    'closed lost',
    'closedlost',
    'deal lost',
    'abandoned',
    'cancelled',
    'canceled',
    'rejected',
    'declined',
    'refused',
    'dead',
    'no deal',
    'unqualified',
    'disqualified',
    // French
    'perdu',
    'perdue',
    'perdus',
    'perdues',
    'affaire perdue',
    'ferme perdu',
    'fermee perdue',
    'cloture perdu',
    'cloturee perdue',
    'conclu perdu',
    'conclue perdue',
    'abandonne',
    'abandonnee',
    'annule',
    'annulee',
    'sans suite',
    'classe sans suite',
    'refuse',
    'refusee',
    'devis refuse',
    'non retenu',
    'non retenue',
    'echec',
    'disqualifie',
    'disqualifiee',
    // German
    'verloren',
    'geschlossen verloren',
    'geschlossen und verloren',
    'abgelehnt',
    'storniert',
    'abgebrochen',
    // Spanish
    'perdido',
    'perdida',
    'cerrado perdido',
    'cerrada perdida',
    'rechazado',
    'rechazada',
    'cancelado',
    'cancelada',
  ],
  open: [
    'open',
    'opened',
    'in progress',
    'pending',
    'active',
    'ongoing',
    'en cours',
    'ouvert',
    'ouverte',
    'en attente',
    'actif',
    'active',
    'offen',
    'in bearbeitung',
    'laufend',
    'abierto',
    'abierta',
    'en curso',
    'en proceso',
  ],
};

const OUTCOME_INDEX: ReadonlyMap<string, DealOutcome> = new Map(
  (['won', 'lost', 'open'] as const).flatMap((o) => OUTCOME_WORDS[o].map((w) => [w, o] as const)),
);

/**
 * The outcome a whole name says, or `undefined` when it is not one of {@link OUTCOME_WORDS}
 * (a pipeline stage such as `Qualification` says nothing of the outcome).
 *
 * @example classifyOutcome('Fermée gagnée') // 'won'
 * @example classifyOutcome('ANNULÉE') // 'lost'
 * @example classifyOutcome('Qualification') // undefined
 */
export function classifyOutcome(text: string): DealOutcome | undefined {
  return OUTCOME_INDEX.get(normalizeOutcomeText(text));
}

/** Words that, inside a longer name, say lost (tried first: "Closed Lost") or won. */
const LOST_INSIDE =
  /\b(lost|perdu\w*|abandon\w*|annul\w*|cancel\w*|refus\w*|rejected|verloren|abgelehnt|storniert|perdid\w*|rechazad\w*|cancelad\w*|sans suite)\b/;
const WON_INSIDE =
  /\b(won|gagne\w*|sign\w*|conclu\w*|vendu\w*|sold|gewonnen|verkauft|ganad\w*|vendid\w*|firmad\w*)\b/;

/**
 * The outcome a name hints at when it is not a known name: lost or won when one of their words
 * is inside it (`Perdu - prix`, `Signé chez le client`), else open. Never a guess of won for a
 * name that says nothing: the stages file that an unknown name proposes says `open` then.
 *
 * @example suggestOutcome('Perdu (prix)') // 'lost'
 * @example suggestOutcome('Lead In') // 'open'
 */
export function suggestOutcome(text: string): DealOutcome {
  const known = classifyOutcome(text);
  if (known !== undefined) return known;
  const t = normalizeOutcomeText(text);
  if (LOST_INSIDE.test(t)) return 'lost';
  if (WON_INSIDE.test(t)) return 'won';
  return 'open';
}

/**
 * A boolean cell as CRMs export it (Salesforce `IsWon`/`IsClosed`: true/false, 1/0; French
 * oui/non; German ja/nein; Spanish sí/no), or `undefined` for anything else.
 */
export function parseFlagCell(text: string): boolean | undefined {
  const t = normalizeOutcomeText(text);
  if (/^(true|vrai|yes|oui|ja|si|1|x|y|o)$/.test(t)) return true;
  if (/^(false|faux|no|non|nein|0|n)$/.test(t)) return false;
  return undefined;
}
