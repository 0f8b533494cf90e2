import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HeadKernels } from '../../src/encoder-head/head-kernels.js';
import { HEAD_KERNELS_WASM_BASE64 } from '../../src/encoder-head/head-kernels-wasm.js';
import { headProba } from '../../src/encoder-head/model.js';
import { createRng } from '../../src/util/random.js';
// @ts-expect-error: a plain .mjs script, no type declarations
import { compileKernels } from '../../scripts/lib/kernels-source.mjs';
import { rowsOf } from './head-fixtures.js';

/** Random values in [-1, 1), seeded. */
function randoms(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => 2 * rng.next() - 1);
}

describe('the head kernels (WebAssembly SIMD)', () => {
  // 37 dimensions: not a multiple of the kernels' 16 lanes, so the zero padding is exercised
  const rows = 53;
  const dim = 37;
  const k = 3;
  const x = randoms(rows * dim, 1);

  it('compute x . w[c] for every row and class, as plain float64 loops do', () => {
    const kern = new HeadKernels(rows, dim, k);
    kern.loadRows(rowsOf(x, dim));
    const w = randoms(k * dim, 2);
    for (let c = 0; c < k; c++) kern.w.set(w.subarray(c * dim, (c + 1) * dim), c * kern.paddedDim);
    kern.logits();
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let i = 0; i < dim; i++) s += x[r * dim + i]! * w[c * dim + i]!;
        expect(kern.z[r * k + c]!).toBeCloseTo(s, 5);
      }
    // fewer rows than allocated: rows past n keep what they held
    kern.z.fill(7);
    kern.logits(2);
    expect(kern.z[2 * k]).toBe(7);
    expect(kern.z[0]).not.toBe(7);
  });

  it('accumulate d^T x into a cleared gradient block', () => {
    const kern = new HeadKernels(rows, dim, k);
    kern.loadRows(rowsOf(x, dim));
    kern.d.set(randoms(rows * k, 3));
    kern.g.fill(5); // accumulate() clears it first
    kern.accumulate();
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < dim; i++) {
        let s = 0;
        for (let r = 0; r < rows; r++) s += kern.d[r * k + c]! * x[r * dim + i]!;
        expect(kern.g[c * kern.paddedDim + i]!).toBeCloseTo(s, 4);
      }
      for (let i = dim; i < kern.paddedDim; i++) expect(kern.g[c * kern.paddedDim + i]).toBe(0);
    }
  });

  it('score more rows than one kernel call takes, each row the same as alone', () => {
    const n = 4096 + 5;
    const big = randoms(n * 4, 4);
    const w = { dim: 4, numLabels: 2, kernel: randoms(8, 5), bias: Float32Array.of(0.5, -0.5) };
    const all = headProba(w, rowsOf(big, 4));
    for (const r of [0, 4095, 4096, n - 1]) {
      const one = headProba(w, rowsOf(big.subarray(r * 4, r * 4 + 4), 4));
      expect(Array.from(all.subarray(r * 2, r * 2 + 2))).toEqual(Array.from(one));
      const z = [0, 1].map((c) => w.bias[c]! + [0, 1, 2, 3].reduce((s, i) => s + big[r * 4 + i]! * w.kernel[i * 2 + c]!, 0));
      expect(all[r * 2]!).toBeCloseTo(1 / (1 + Math.exp(z[1]! - z[0]!)), 6);
    }
  });

  it('are the committed build of head-kernels.wat (npm run build:kernels)', async () => {
    const wat = readFileSync(new URL('../../src/encoder-head/head-kernels.wat', import.meta.url), 'utf8');
    const bytes = (await compileKernels(wat)) as Buffer;
    expect(Buffer.from(HEAD_KERNELS_WASM_BASE64, 'base64').equals(bytes)).toBe(true);
  });
});
