/**
 * A typed array of the same kind, twice as long or at least `min` long, holding the old values:
 * the growth step of the per-client totals, the reader's column batches, the scanner's field
 * offsets and the key table.
 * @example growTypedArray(new Int32Array([1, 2]), 3) // Int32Array [1, 2, 0, 0]
 */
export function growTypedArray<T extends Uint8Array | Int32Array | Float64Array>(a: T, min = 0): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(a.length * 2, min));
  b.set(a);
  return b;
}
