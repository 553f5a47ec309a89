/**
 * Orders, credit notes and deals (DOMAIN.md section 8): which rows of an order or deals file are
 * purchases. A credit note (negative amount) lowers a client's value but is not a purchase; in a
 * file with an outcome column (stage or status), only won deals are orders.
 */
import type { Texts } from '../i18n.js';
import { mapStageName, normalizeStageName } from './stage-mapping.js';

/** Every deal is won, lost or open. */
export type DealOutcome = 'won' | 'lost' | 'open';

/**
 * DOMAIN.md section 8's outcome words that stage-mapping.ts does not know yet (German, Spanish,
 * `Vendu`, `Annulé`), normalised. To go when the shared outcome vocabulary replaces this function.
 */
const MORE_OUTCOMES: ReadonlyMap<string, DealOutcome> = new Map<string, DealOutcome>([
  ...['vendu', 'vendue', 'gewonnen', 'ganado', 'ganada'].map((w): [string, DealOutcome] => [w, 'won']),
  ...['annule', 'annulee', 'verloren', 'perdido', 'perdida'].map((w): [string, DealOutcome] => [w, 'lost']),
]);

/**
 * The outcome of a deal from its stage or status word. This is the only place where the order
 * commands (rfm, pareto, clv, review, portfolio) read the outcome vocabulary: the stage names of
 * stage-mapping.ts and the few words of DOMAIN.md section 8 it lacks (won and lost; any other
 * stage, known or not, is open: an unknown stage is never guessed as won).
 * @example outcomeOfDeal('Gagnée') // 'won'
 * @example outcomeOfDeal('Closed Lost') // 'lost'
 * @example outcomeOfDeal('Devis envoyé') // 'open'
 */
export function outcomeOfDeal(word: string): DealOutcome {
  const stage = mapStageName(word);
  if (stage === 'won' || stage === 'lost') return stage;
  return MORE_OUTCOMES.get(normalizeStageName(word)) ?? 'open';
}

/** How credit notes (negative amounts) count: `as-credit` (the domain rule) or `as-orders` (R `rfm`: every row). */
export type CreditNoteMode = 'as-credit' | 'as-orders';

export const CREDIT_NOTE_MODES: readonly CreditNoteMode[] = ['as-credit', 'as-orders'];

/** Rows of a deals file left out because they are not won: per outcome, and per value as written. */
export interface DealTally {
  /** The header of the outcome column, as in the file. */
  column: string;
  won: number;
  lost: number;
  open: number;
  /** The values of the rows left out, with their outcome and number of rows, most rows first. */
  values: { value: string; outcome: Exclude<DealOutcome, 'won'>; rows: number }[];
}

/** Counts outcomes row by row; `add` says whether the row is an order (a won deal). */
export interface DealCounter {
  /** Counts `rows` rows (default 1) with this outcome word; true when they are won deals. */
  add(word: string | null, rows?: number): boolean;
  tally(): DealTally;
}

/**
 * A counter for the rows of one outcome column: the outcome of each distinct value is computed
 * once. An empty value is open.
 * @example const c = createDealCounter('Stage'); c.add('Won'); c.add('Lost'); c.tally().lost // 1
 */
export function createDealCounter(column: string): DealCounter {
  const known = new Map<string, DealOutcome>();
  const left = new Map<string, number>();
  const counts = { won: 0, lost: 0, open: 0 };
  return {
    add(word, rows = 1) {
      const value = word === null ? '' : word.trim();
      let outcome = known.get(value);
      if (outcome === undefined) {
        outcome = value === '' ? 'open' : outcomeOfDeal(value);
        known.set(value, outcome);
      }
      counts[outcome] += rows;
      if (outcome === 'won') return true;
      left.set(value, (left.get(value) ?? 0) + rows);
      return false;
    },
    tally() {
      const values = [...left]
        .map(([value, rows]) => ({
          value,
          outcome: known.get(value) as Exclude<DealOutcome, 'won'>,
          rows,
        }))
        .sort((a, b) => b.rows - a.rows || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      return { column, ...counts, values };
    },
  };
}

/**
 * Whether a column holds deal outcomes: at least one of its values is a won or lost deal.
 * A client status column (client, prospect) or an order status (shipped, paid) is not one.
 * @example isOutcomeColumn(['Open', 'Won']) // true
 * @example isOutcomeColumn(['client', 'prospect']) // false
 */
export function isOutcomeColumn(values: Iterable<string>): boolean {
  for (const v of values) if (v.trim() !== '' && outcomeOfDeal(v) !== 'open') return true;
  return false;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * The note for the rows of a deals file that are not orders: how many lost and open, and the
 * values that were left out (the first 5), in both languages.
 */
export function describeDealTally(t: DealTally): Texts | null {
  if (t.lost + t.open === 0) return null;
  const shown = t.values.slice(0, 5);
  const more = t.values.length - shown.length;
  const list = (lang: 'en' | 'fr'): string => {
    const empty = lang === 'fr' ? '(vide)' : '(empty)';
    const parts = shown.map((v) => `"${v.value === '' ? empty : v.value}" ${v.rows}`);
    if (more > 0) parts.push(lang === 'fr' ? `et ${more} autres` : `and ${more} more`);
    return parts.join(', ');
  };
  return {
    en: `prospect: column "${t.column}" gives each deal's outcome; only won deals are orders: ${plural(t.won, 'won deal', 'won deals')} used, ${plural(t.lost, 'lost deal', 'lost deals')} and ${plural(t.open, 'open deal', 'open deals')} left out (${list('en')}).`,
    fr: `prospect : la colonne « ${t.column} » donne l'issue de chaque affaire ; seules les affaires gagnées sont des commandes : ${plural(t.won, 'affaire gagnée retenue', 'affaires gagnées retenues')}, ${plural(t.lost, 'affaire perdue', 'affaires perdues')} et ${plural(t.open, 'affaire en cours', 'affaires en cours')} écartées (${list('fr')}).`,
  };
}

/**
 * The note for credit notes: counted in the clients' value, not as purchases. `flag` names the
 * flag that keeps R's behaviour, for the commands that have it.
 */
export function describeCreditNotes(count: number, flag: boolean): Texts | null {
  if (count === 0) return null;
  const flagEn = flag ? ' (--credit-notes as-orders counts every row, as R rfm does)' : '';
  const flagFr = flag ? ' (--credit-notes as-orders compte chaque ligne, comme R rfm)' : '';
  return {
    en: `prospect: ${plural(count, 'credit note (negative amount) lowers', 'credit notes (negative amounts) lower')} the clients' value but ${count === 1 ? 'is not a purchase' : 'are not purchases'}: no recency, no frequency${flagEn}.`,
    fr: `prospect : ${plural(count, 'avoir (montant négatif) réduit', 'avoirs (montants négatifs) réduisent')} la valeur des clients mais ${count === 1 ? "n'est pas un achat" : 'ne sont pas des achats'} : ni récence ni fréquence${flagFr}.`,
  };
}
