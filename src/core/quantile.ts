/**
 * Sample quantiles by R's default method (type 7, Hyndman and Fan 1996), with R's own floating
 * point steps so that the results match `stats::quantile` bit for bit.
 */

/**
 * The probabilities R's `seq(0, 1, length.out = n + 1)` gives: `0, 1 * (1 / n), 2 * (1 / n), ..., 1`.
 * Computed as R does (`from + i * by`, the last one set to exactly 1), so that `3 * 0.2` is
 * `0.6000000000000001` in both.
 * @throws RangeError when `n` is not an integer >= 1.
 * @example computeSeqProbabilities(4) // [0, 0.25, 0.5, 0.75, 1]
 */
export function computeSeqProbabilities(n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`expected a whole number of bins >= 1, got ${n}`);
  const by = 1 / n;
  const probabilities = [0];
  for (let i = 1; i < n; i++) probabilities.push(i * by);
  probabilities.push(1);
  return probabilities;
}

/**
 * The type-7 quantile of values already sorted ascending, at probability `p` (0..1):
 * `index = 1 + (N - 1) p` (1-based), `lo = floor(index)`; the result is `x[lo]`, or, when
 * `index > lo` and `x[lo + 1] != x[lo]`, `(1 - h) x[lo] + h x[lo + 1]` with `h = index - lo`.
 * These are R's steps in `quantile.default` (type 7), in the same order.
 * @throws RangeError on an empty sample or `p` outside 0..1.
 * @example computeQuantileSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function computeQuantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('the quantile of an empty sample is undefined');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability ${p} is outside 0..1`);
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const low = sorted[lo - 1] as number;
  const high = sorted[hi - 1] as number;
  if (index > lo && high !== low) {
    const h = index - lo;
    return (1 - h) * low + h * high;
  }
  return low;
}

/**
 * Type-7 quantiles of `values` (any order) at each probability. Sorts a copy once.
 * @throws RangeError on an empty sample or a probability outside 0..1.
 * @example computeQuantiles([4, 1, 3, 2], [0, 0.5, 1]) // [1, 2.5, 4]
 */
export function computeQuantiles(values: ArrayLike<number>, probabilities: readonly number[]): number[] {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  return probabilities.map((p) => computeQuantileSorted(sorted, p));
}
