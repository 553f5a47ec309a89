import { Option, type Command } from 'commander';
import {
  CREDIT_NOTE_MODES,
  createDealCounter,
  describeDealTally,
  outcomeOfDeal,
  type CreditNoteMode,
  type DealTally,
} from '../core/deal-outcome.js';
import type { Lang, Texts } from '../i18n.js';
import { tr } from '../i18n.js';
import type { Context } from '../io/context.js';
import { openInput, type OpenedInput } from '../io/open-input.js';
import type { FieldSpec, ParsedRow } from '../io/read-table.js';
import { detectShape, type InputShape } from './client-input.js';
import { buildReadOptions, withOrderPeriod, type OrderPeriodFlags, type ReadFlags } from './read-options.js';

/**
 * Which rows of an order file are purchases (DOMAIN.md section 8), the wiring that rfm, pareto,
 * clv and review share: the `--credit-notes` flag, the outcome column of a deals file, and the
 * notes that go to stderr and to the JSON's `warnings`.
 */

export { findOutcomeColumn, OUTCOME_FIELDS } from '../io/open-input.js';

/** Counts the rows of an outcome column read as keys (column batches); key -1 is an empty cell. */
export interface KeyedDealCounter {
  /** Whether the row whose outcome text has this key is a won deal, i.e. an order. */
  isOrder(key: number): boolean;
  tally(): DealTally;
}

/**
 * A deal counter over interned keys: the outcome of each key is worked out once (through
 * outcomeOfDeal), rows are counted per key, and the tally names the texts at the end.
 * `texts` is the reader's live key table (`reader.keyTexts(field)`).
 */
export function createKeyedDealCounter(header: string, texts: () => readonly string[]): KeyedDealCounter {
  // Per key + 1 (so the empty cell, -1, is slot 0): 0 not seen yet, 1 won, 2 not won.
  let outcome = new Uint8Array(64);
  let rows = new Float64Array(64);
  return {
    isOrder(key) {
      const slot = key + 1;
      if (slot >= outcome.length) {
        const size = Math.max(slot + 1, outcome.length * 2);
        const o = new Uint8Array(size);
        o.set(outcome);
        outcome = o;
        const r = new Float64Array(size);
        r.set(rows);
        rows = r;
      }
      let o = outcome[slot] as number;
      if (o === 0) {
        o = key >= 0 && outcomeOfDeal(texts()[key] ?? '') === 'won' ? 1 : 2;
        outcome[slot] = o;
      }
      rows[slot] = (rows[slot] as number) + 1;
      return o === 1;
    },
    tally() {
      const counter = createDealCounter(header);
      const all = texts();
      for (let slot = 0; slot < outcome.length; slot++) {
        const n = rows[slot] as number;
        if (n > 0) counter.add(slot === 0 ? null : (all[slot - 1] ?? null), n);
      }
      return counter.tally();
    },
  };
}

/** A row's outcome text, for readers that go row by row. */
export function outcomeText(row: ParsedRow, field: string): string | null {
  const v = row.values[field];
  return v === null || v === undefined ? null : String(v);
}

/**
 * Opens the input of rfm and pareto, an order file or a client table: the shape is known once the
 * headers are (detectShape, or --orders / --clients), so the columns it needs are required then
 * (`input.require`), in both languages. --from/--to filter the orders as --where would
 * (read-options.ts withOrderPeriod). The reader is discarded when the shape cannot be told.
 */
export async function openOrdersOrClients(
  ctx: Context,
  file: string,
  spec: FieldSpec[],
  flags: ReadFlags & OrderPeriodFlags & { orders?: boolean; clients?: boolean },
): Promise<{ input: OpenedInput; shape: InputShape }> {
  const input = await openInput(ctx, {
    kind: 'table',
    file,
    fields: { wanted: spec },
    options: withOrderPeriod(buildReadOptions(flags, ctx), flags),
    outcome: true,
  });
  try {
    const shape = detectShape(input.table, flags);
    input.table.kind = shape;
    return { input, shape };
  } catch (error) {
    input.table.discard();
    throw error;
  }
}

/** Notes for people (stderr) and warnings for scripts (JSON), kept together. */
export interface Warnings {
  add(text: Texts | null): void;
  list(): Texts[];
}

/** Collects warnings and prints each on stderr in the run's language as it comes. */
export function createWarnings(ctx: Context): Warnings {
  const list: Texts[] = [];
  return {
    add(text) {
      if (text === null) return;
      list.push(text);
      ctx.note(tr(ctx.lang, text));
    },
    list: () => list,
  };
}

/** The note on the deals left out, or null when the file is not a deals file or all are won. */
export function describeDeals(tally: DealTally | null): Texts | null {
  return tally === null ? null : describeDealTally(tally);
}

/** Adds `--credit-notes as-credit|as-orders` to a command. */
export function addCreditNotesOption(command: Command, lang: Lang): Command {
  return command.addOption(
    new Option(
      '--credit-notes <mode>',
      tr(lang, {
        en: 'as-credit: a negative amount lowers the value but is not a purchase (no recency, no frequency); as-orders: every row counts, as R rfm does',
        fr: 'as-credit : un montant négatif (avoir) réduit la valeur mais n’est pas un achat (ni récence ni fréquence) ; as-orders : chaque ligne compte, comme R rfm',
      }),
    )
      .choices([...CREDIT_NOTE_MODES])
      .default('as-credit'),
  );
}

export type { CreditNoteMode };
