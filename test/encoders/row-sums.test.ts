import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sumRowsPlain, TokenRowSums } from '../../src/encoders/static/row-sums.js';
import { ROW_SUMS_WASM_BASE64 } from '../../src/encoders/static/row-sums-wasm.js';
import { createRng } from '../../src/util/random.js';
// @ts-expect-error: a plain .mjs script, no type declarations
import { compileKernels, readKernelSource } from '../../scripts/lib/kernels-source.mjs';

/** The bits of float64 arrays, for comparisons that tell -0 from 0 and would show NaN. */
const bits = (a: Float64Array): BigUint64Array => new BigUint64Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));

function randomTable(vocab: number, dim: number, seed: number): Float32Array {
  const rng = createRng(seed);
  // magnitudes from 1e-6 to 1e3, so float64 sums round differently in another order
  return Float32Array.from({ length: vocab * dim }, () => (rng.next() - 0.5) * 10 ** Math.floor(rng.next() * 10 - 6));
}

/** Sums `ids` through the kernel: writes them into its view, then sums. */
function kernelSum(sums: TokenRowSums, ids: number[]): Float64Array {
  sums.idsFor(ids.length).set(ids);
  return Float64Array.from(sums.sum(ids.length));
}

describe('the static encoder\'s token sums in WebAssembly', () => {
  it('gives the plain loop\'s float64 sums bit for bit, for widths that are and are not multiples of 4', () => {
    for (const dim of [1, 3, 4, 7, 16, 30, 256]) {
      const vocab = 50;
      const table = randomTable(vocab, dim, dim);
      const sums = new TokenRowSums(table, dim);
      const rng = createRng(100 + dim);
      for (const n of [0, 1, 2, 13, 200]) {
        const ids = Array.from({ length: n }, () => Math.floor(rng.next() * vocab)).concat(n > 1 ? [vocab - 1, 0] : []);
        const want = sumRowsPlain(table, dim, ids, ids.length, new Float64Array(dim));
        expect(bits(kernelSum(sums, ids))).toEqual(bits(want));
      }
    }
  });

  it('grows its room for ids past the first 1,024, and a short text after a long one sums only its own', () => {
    const dim = 8;
    const table = randomTable(100, dim, 5);
    const sums = new TokenRowSums(table, dim);
    const long = Array.from({ length: 5_000 }, (_, i) => (i * 37) % 100);
    expect(bits(kernelSum(sums, long))).toEqual(bits(sumRowsPlain(table, dim, long, long.length, new Float64Array(dim))));
    expect(bits(kernelSum(sums, [3]))).toEqual(bits(Float64Array.from(table.subarray(3 * dim, 4 * dim))));
    expect(Array.from(kernelSum(sums, []))).toEqual(new Array(dim).fill(0));
  });

  it('refuses a table that is not whole rows, and more ids than it has room for', () => {
    expect(() => new TokenRowSums(new Float32Array(10), 3)).toThrow(/no rows of 3/);
    const sums = new TokenRowSums(new Float32Array(12), 3);
    expect(() => sums.sum(2_000)).toThrow(/room for/);
  });

  it('is the module compiled from row-sums.wat', async () => {
    const wat = readKernelSource(fileURLToPath(new URL('../../src/encoders/static/row-sums.wat', import.meta.url)));
    const bytes = (await compileKernels(wat)) as Buffer;
    expect(Buffer.from(ROW_SUMS_WASM_BASE64, 'base64').equals(bytes)).toBe(true);
  });
});
