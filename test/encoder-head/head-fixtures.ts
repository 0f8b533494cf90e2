import { expect } from 'vitest';
import type { VectorRows } from '../../src/encoder-head/types.js';
import { createRng } from '../../src/util/random.js';

/** Row-major vectors as the head reads them. */
export function rowsOf(data: Float32Array, dim: number): VectorRows {
  return { rows: data.length / dim, dim, read: (r, out) => out.set(data.subarray(r * dim, (r + 1) * dim)) };
}

/** How many rows' most probable class is their label; asserts every row's probabilities sum to one. */
export function rightAnswers(p: Float32Array, y: Int32Array, k: number): number {
  let right = 0;
  for (let r = 0; r < y.length; r++) {
    const row = Array.from(p.subarray(r * k, r * k + k));
    expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    if (row.indexOf(Math.max(...row)) === y[r]) right++;
  }
  return right;
}

/**
 * Three blobs in 6 dimensions: class c sits `center` along axis 2c, plus uniform noise of width
 * `spread` on every axis (wide noise overlaps the classes, so no plane separates them).
 */
export function blobs(n: number, seed: number, { center, spread }: { center: number; spread: number }): { x: Float32Array; y: Int32Array } {
  const rng = createRng(seed);
  const dim = 6;
  const x = new Float32Array(n * dim);
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const c = r % 3;
    y[r] = c;
    for (let i = 0; i < dim; i++) x[r * dim + i] = (i === c * 2 ? center : 0) + spread * (rng.next() - 0.5);
  }
  return { x, y };
}
