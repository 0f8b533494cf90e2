/** Small typed-array helpers the loop and cross-fitting share. */

export function concatInt32(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The `width`-long rows `rows` of a row-major matrix, packed in that order. */
export function gatherRows(matrix: Float32Array, rows: readonly number[], width: number): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, j) => out.set(matrix.subarray(r * width, (r + 1) * width), j * width));
  return out;
}
