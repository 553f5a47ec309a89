/**
 * The one place where amounts of money are rounded and kept in exact range (docs/numbers.md):
 * the reader passes every amount cell through an AmountRange of its column.
 */
import { computeCents, MAX_EXACT_CENTS } from '../core/money.js';
import { DataError, inBoth } from '../errors.js';

/** The canonical fields that hold money: their cells are amounts unless a spec says otherwise. */
export const MONEY_FIELDS: ReadonlySet<string> = new Set(['amount', 'revenue', 'margin', 'potential']);

/**
 * The amounts of one column of one file: each rounded to the cent (half away from zero, as
 * written), and the sum of their absolute values kept below 10^15 cents, so that every total a
 * command makes of them (per client, per segment, in all) is exact in cents.
 */
export class AmountRange {
  constructor(
    private readonly file: string,
    private readonly header: string,
    /** 1-based column, for the message. */
    private readonly column: number,
    /** The sum of the absolute amounts (cents) before the first one taken: the lines before, when
     * another thread read them (docs/threads.md). */
    private absoluteCents = 0,
    /** The sum that fails: MAX_EXACT_CENTS; Infinity for a part read by a worker thread, whose
     * sum the main thread adds in file order (`add`). */
    private readonly limit = MAX_EXACT_CENTS,
  ) {}

  /** The sum of the absolute amounts taken, in cents. */
  get absolute(): number {
    return this.absoluteCents;
  }

  /** Adds the sum of a later part's amounts (cents); false, adding nothing, when it would fail. */
  add(absoluteCents: number): boolean {
    if (this.absoluteCents + absoluteCents >= this.limit) return false;
    this.absoluteCents += absoluteCents;
    return true;
  }

  /**
   * The amount rounded to the cent.
   * @throws DataError (exit 65) at the line where the sum of absolute amounts reaches 10^13.
   */
  take(amount: number, line: number): number {
    const cents = computeCents(amount);
    this.absoluteCents += cents < 0 ? -cents : cents;
    if (this.absoluteCents >= this.limit) this.fail(amount, line);
    return cents / 100;
  }

  /** Every amount of a column batch (`length` first values, NaN for empty cells), in place. */
  takeAll(values: Float64Array, lines: Int32Array, length: number): void {
    let sum = this.absoluteCents;
    for (let i = 0; i < length; i++) {
      const v = values[i] as number;
      if (v !== v) continue;
      const cents = computeCents(v);
      sum += cents < 0 ? -cents : cents;
      if (sum >= this.limit) this.fail(v, lines[i] as number);
      values[i] = cents / 100;
    }
    this.absoluteCents = sum;
  }

  private fail(amount: number, line: number): never {
    throw new DataError([
      {
        file: this.file,
        line,
        column: this.column,
        ...inBoth({
          en:
            `column "${this.header}": with ${amount} the amounts of the column add up to ` +
            `10,000,000,000,000 (10^13) or more; totals are exact to the cent only below that; ` +
            `check this amount (a misplaced decimal mark?) or split the file`,
          fr:
            `colonne « ${this.header} » : avec ${amount}, les montants de la colonne atteignent ` +
            `10 000 000 000 000 (10^13) ou plus ; les totaux ne sont exacts au centime qu’en dessous ; ` +
            `vérifiez ce montant (une virgule mal placée ?) ou découpez le fichier`,
        }),
      },
    ]);
  }
}
