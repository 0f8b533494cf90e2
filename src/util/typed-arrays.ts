/** Small typed-array helpers the loop, cross-fitting and the featurizers share. */

export function concatInt32(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** `a` copied into a zeroed array of at least `size` entries (at least doubling, so growing by ones stays linear). */
export function grownInt32(a: Int32Array, size: number): Int32Array {
  const out = new Int32Array(Math.max(size, 2 * a.length));
  out.set(a);
  return out;
}

/** The `width`-long rows `rows` of a row-major matrix, packed in that order. */
export function gatherRows(matrix: Float32Array, rows: readonly number[], width: number): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, j) => out.set(matrix.subarray(r * width, (r + 1) * width), j * width));
  return out;
}
