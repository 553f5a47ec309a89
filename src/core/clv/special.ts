/**
 * Special functions for the customer-base models: the log-gamma function and the Gauss
 * hypergeometric series 2F1. Pure, no dependencies.
 */

/** Lanczos coefficients for g = 7, n = 9 (Numerical Recipes / Godfrey): about 15 digits. */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.9189385332046728; // ln(2 pi) / 2

/**
 * ln Γ(x) for x > 0, by the Lanczos approximation (g = 7, 9 terms), with the reflection
 * formula ln Γ(x) = ln(π / sin(πx)) - ln Γ(1 - x) below 0.5. Relative accuracy about 1e-15.
 *
 * Throws a RangeError for x <= 0 or a non-finite x (the models never need them).
 *
 * @example computeLogGamma(0.5) // 0.5723649429247001 = ln √π
 */
export function computeLogGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) {
    throw new RangeError(`computeLogGamma: expected a finite number above 0, got ${x}`);
  }
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - computeLogGamma(1 - x);
  const y = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * ln Γ(x + n) - ln Γ(x) for a whole n >= 0, as the sum of ln(x + i) for i < n: exact to
 * rounding, and cheaper than two log-gammas for the small counts of repeat purchases.
 */
export function computeLogRisingFactorial(x: number, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(x + i);
  return sum;
}

/** A value as `mantissa * exp(logScale)`, so that huge sums do not overflow. */
export interface ScaledValue {
  mantissa: number;
  logScale: number;
}

const RESCALE = 1e280;
const LOG_RESCALE = Math.log(RESCALE);

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1 by its power series
 * sum_n (a)_n (b)_n / ((c)_n n!) z^n, returned as mantissa x exp(logScale) so that large
 * terms (many purchases, z near 1) do not overflow.
 *
 * Stops when the remaining tail is below 1e-16 of the sum (bounded by the geometric tail of the
 * term ratio); throws a RangeError if z is outside [0, 1), if c is 0 or a negative whole number,
 * or if the series has not converged after `maxTerms` terms.
 *
 * @example computeHyp2f1(1, 1, 2, 0.5) // { mantissa: 1.3862943611198906, logScale: 0 } = -ln(0.5)/0.5
 */
export function computeHyp2f1(a: number, b: number, c: number, z: number, maxTerms = 2_000_000): ScaledValue {
  if (!(z >= 0 && z < 1)) throw new RangeError(`computeHyp2f1: expected 0 <= z < 1, got ${z}`);
  if (c <= 0 && Number.isInteger(c)) {
    throw new RangeError(`computeHyp2f1: c must not be 0 or a negative whole number, got ${c}`);
  }
  if (![a, b, c].every(Number.isFinite)) throw new RangeError('computeHyp2f1: non-finite parameter');
  let term = 1;
  let sum = 1;
  let logScale = 0;
  if (z === 0) return { mantissa: 1, logScale: 0 };
  // Beyond the largest parameter the term ratio moves monotonically towards z.
  const settle = Math.max(Math.abs(a), Math.abs(b), Math.abs(c));
  for (let n = 0; n < maxTerms; n++) {
    const ratio = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    term *= ratio;
    sum += term;
    if (Math.abs(sum) > RESCALE) {
      sum /= RESCALE;
      term /= RESCALE;
      logScale += LOG_RESCALE;
    }
    if (term === 0) return { mantissa: sum, logScale };
    // Once the ratio has settled below 1 (it tends to z), the tail is at most term * q / (1 - q).
    const q = Math.max(Math.abs(ratio), z);
    if (n > settle && q < 1 && Math.abs((term * q) / (1 - q)) <= 1e-16 * Math.abs(sum)) {
      return { mantissa: sum, logScale };
    }
  }
  throw new RangeError(
    `computeHyp2f1: the series for 2F1(${a}, ${b}; ${c}; ${z}) did not converge in ${maxTerms} terms`,
  );
}

/** ln(exp(u) + exp(v)) without overflow; -Infinity terms are allowed. */
export function computeLogSumExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  const m = Math.max(u, v);
  return m + Math.log1p(Math.exp(-Math.abs(u - v)));
}
