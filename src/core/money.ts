/**
 * Amounts of money: whole cents, one rounding rule, one exact range (docs/numbers.md).
 *
 * - Rule: an amount is rounded to the cent, half away from zero, as it is written: -0.125 gives
 *   -0.13, 1.005 gives 1.01, 2.675 gives 2.68 (even though the binary numbers nearest to 1.005 and
 *   2.675 are a hair below the half). The reader applies it once to every amount it reads.
 * - Range: sums are kept in integer cents. Below 10^15 cents (10^13, ten thousand billion) a sum
 *   of integer cents held in a double is exact, and so is its value in euros printed with two
 *   decimals (above about 2^50 cents, `cents / 100` no longer prints back as the same cents).
 */

/** The exact range of amounts and of their sums, in cents (exclusive): 10^15 cents, 10^13 euros. */
export const MAX_EXACT_CENTS = 1e15;

/**
 * An amount in euros (or any currency unit) as integer cents, rounded half away from zero as
 * written. `x = |euros| * 100` is within about x * 2^-52 of the written value times 100; a
 * fraction closer than x * 2^-51 (at most a quarter) below one half is a written half (such as
 * 1.005), and rounds up. Exact for amounts written with at most 15 significant digits.
 * @example computeCents(-0.125) // -13
 * @example computeCents(1.005) // 101
 * @example computeCents(0.1 + 0.2) // 30
 */
export function computeCents(euros: number): number {
  const x = Math.abs(euros) * 100;
  let cents = Math.round(x); // a half goes up: away from zero for |euros|
  if (x - cents > 0.5 - Math.min(x * 2 ** -51, 0.25)) cents++;
  return euros < 0 ? -cents : cents;
}

/**
 * An amount rounded to the cent by the rule of {@link computeCents}, in euros.
 * @example roundToCents(-0.125) // -0.13
 */
export function roundToCents(euros: number): number {
  return computeCents(euros) / 100;
}
