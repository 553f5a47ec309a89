/**
 * Ascending sort of numbers in a typed array, as `Float64Array.prototype.sort` orders them, faster
 * for the common case of whole numbers in a short range (days of recency, numbers of orders).
 */

/** Counting is used when the range of values (max - min) is at most this, and at most the count. */
const MAX_COUNTING_RANGE = 1 << 20;

/**
 * Sorts `values` ascending in place and returns it. When every value is a whole number (no -0, no
 * NaN) and the range max - min is no larger than the number of values (nor than 2^20), this is a
 * counting sort: count each value, then write the counts back in order, in linear time. Otherwise
 * it is the built-in typed-array sort. Both give the same array: equal whole numbers are the same
 * double, so their order among themselves cannot show.
 * @example sortNumbers(Float64Array.of(3, 1, 2, 1)) // Float64Array [1, 1, 2, 3]
 */
export function sortNumbers(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < 2) return values;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v) || Object.is(v, -0)) return values.sort();
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min;
  if (range > n || range > MAX_COUNTING_RANGE) return values.sort();
  const counts = new Int32Array(range + 1);
  for (let i = 0; i < n; i++) {
    const k = (values[i] as number) - min;
    counts[k] = (counts[k] as number) + 1;
  }
  let at = 0;
  for (let k = 0; k <= range; k++) {
    const value = min + k;
    for (let c = counts[k] as number; c > 0; c--) values[at++] = value;
  }
  return values;
}
