import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HeadKernels, releaseKernels, takeKernels } from '../../src/encoder-head/head-kernels.js';
import { HEAD_KERNELS_WASM_BASE64 } from '../../src/encoder-head/head-kernels-wasm.js';
import { headProba } from '../../src/encoder-head/model.js';
import { createRng } from '../../src/util/random.js';
// @ts-expect-error: a plain .mjs script, no type declarations
import { compileKernels, readKernelSource } from '../../scripts/lib/kernels-source.mjs';
import { rowsOf } from './head-fixtures.js';

/** Random values in [-1, 1), seeded. */
function randoms(n: number, seed: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => scale * (2 * rng.next() - 1));
}

const f32 = Math.fround;

/**
 * x[xo..xo+dim) . kernel column c (a Keras kernel, dim x k row-major) in float32 as a 16-wide SIMD loop
 * sums it: 16 running sums (lane p of every 16-float block, in block order), added by lanes
 * (p + p+4) + (p+8 + p+12), then (0 + 1) + (2 + 3). Float32 sums and products of float32 values,
 * each rounded once (by Math.fround of the exact float64 result).
 */
function simdDot(x: Float32Array, xo: number, kernel: Float32Array, k: number, c: number, dim: number): number {
  const acc = new Array<number>(16).fill(0);
  for (let b = 0; b * 16 < dim; b++)
    for (let p = 0; p < 16; p++) {
      const i = b * 16 + p;
      acc[p] = f32(acc[p]! + (i < dim ? f32(x[xo + i]! * kernel[i * k + c]!) : 0));
    }
  const q = [0, 1, 2, 3].map((l) => f32(f32(acc[l]! + acc[4 + l]!) + f32(acc[8 + l]! + acc[12 + l]!)));
  return f32(f32(q[0]! + q[1]!) + f32(q[2]! + q[3]!));
}

/** Distance in units in the last place between two finite float64 of the same sign. */
function ulps(a: number, b: number): number {
  const v = new Float64Array([a, b]);
  const i = new BigInt64Array(v.buffer);
  return Number(i[0]! > i[1]! ? i[0]! - i[1]! : i[1]! - i[0]!);
}

describe('the head kernels (WebAssembly SIMD)', () => {
  // 37 dimensions: not a multiple of the kernels' 16 lanes, so the zero padding is exercised
  const rows = 53;
  const dim = 37;
  const x = randoms(rows * dim, 1);

  it('compute x . w[c] for every row and class, with the bits of a 16-wide float32 loop, for 1 to 7 classes', () => {
    // 1 to 7 classes: groups of 4, 2 and 1 in the weight layout
    for (const k of [1, 2, 3, 4, 5, 6, 7]) {
      const kern = new HeadKernels(rows, dim, k);
      kern.loadRows(rowsOf(x, dim));
      const kernel = randoms(dim * k, 2 + k);
      kern.setWeights(kernel);
      kern.logits();
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < k; c++) {
          expect(kern.z[r * k + c]).toBe(simdDot(x, r * dim, kernel, k, c, dim));
          let s = 0;
          for (let i = 0; i < dim; i++) s += x[r * dim + i]! * kernel[i * k + c]!;
          expect(kern.z[r * k + c]!).toBeCloseTo(s, 5);
        }
      // fewer rows than allocated: rows past n keep what they held
      kern.z.fill(7);
      kern.logits(2);
      expect(kern.z[2 * k]).toBe(7);
      expect(kern.z[0]).not.toBe(7);
      kern.release();
    }
  });

  it('accumulate d^T x into a cleared gradient block, each entry summed over the rows in order in float32', () => {
    // 53 rows: three blocks of 16 and a partial one
    for (const k of [1, 2, 3, 5]) {
      const kern = new HeadKernels(rows, dim, k);
      kern.loadRows(rowsOf(x, dim));
      kern.d.set(randoms(rows * k, 3));
      kern.g.fill(5); // accumulate() clears it first
      kern.accumulate();
      for (let c = 0; c < k; c++) {
        for (let i = 0; i < dim; i++) {
          let s = 0;
          let s64 = 0;
          for (let r = 0; r < rows; r++) {
            s = f32(s + f32(kern.d[r * k + c]! * x[r * dim + i]!));
            s64 += kern.d[r * k + c]! * x[r * dim + i]!;
          }
          expect(kern.g[c * kern.paddedDim + i]).toBe(s);
          expect(kern.g[c * kern.paddedDim + i]!).toBeCloseTo(s64, 4);
        }
        for (let i = dim; i < kern.paddedDim; i++) expect(kern.g[c * kern.paddedDim + i]).toBe(0);
      }
      kern.release();
    }
  });

  it('take exp of values <= 0 as Math.exp does (fdlibm), to the bit, over the whole range down to underflow', () => {
    const rng = createRng(5);
    const inputs: number[] = [0, -0, -Infinity, NaN, -745.1332191019411, -745.1332191019412, -745.2, -708.3964185322641, -709.782712893384, -1e-300, -5e-324, -(2 ** -28), -(2 ** -28) * (1 - 2 ** -52)];
    // the reduction's branch points, 0.5 ln 2 and 1.5 ln 2, and 2^-28 (tiny), and either side of them
    for (const t of [0.34657359027997264, 1.0397207708399179, 2 ** -28])
      for (let d = -40; d <= 40; d++) inputs.push(-t * (1 + d * 2 ** -50), -t * (1 + d * 1e-9));
    for (let i = 0; i < 20000; i++) inputs.push(-750 * rng.next(), -5 * rng.next(), -1.1 * rng.next(), -(2 ** (-60 * rng.next())));
    for (let i = 0; i < 4000; i++) inputs.push(-745.2 + (40 * i) / 4000);
    inputs.push(-3); // an odd count: the last value goes alone
    const { exports } = takeKernels(inputs.length * 8 + 16);
    try {
      const at = 16; // a value before and after the run, which exp must leave alone
      const mem = new Float64Array(exports.memory.buffer, 0, inputs.length + 3);
      mem.fill(42);
      mem.set(inputs, at / 8);
      exports.exp(at, inputs.length);
      expect(mem[at / 8 - 1]).toBe(42);
      expect(mem[at / 8 + inputs.length]).toBe(42);
      // within 1 ulp of the float64 reference; V8's Math.exp is the same fdlibm algorithm, so equal
      const far: number[] = [];
      const unequal: number[] = [];
      inputs.forEach((v, i) => {
        const got = mem[at / 8 + i]!;
        const want = Math.exp(v);
        if (Number.isNaN(want) !== Number.isNaN(got) || (!Number.isNaN(want) && ulps(got, want) > 1)) far.push(v);
        if (!Object.is(got, want)) unequal.push(v);
      });
      expect(far).toEqual([]);
      expect(unequal.filter((v) => !Number.isNaN(v))).toEqual([]);
    } finally {
      releaseKernels(exports);
    }
  });

  it('compute the softmax cross-entropy, its logit gradients and bias gradients as the float64 JavaScript loop does, to the bit', () => {
    for (const [n, k] of [
      [9, 1],
      [10, 2],
      [9, 3],
      [33, 5],
    ] as const) {
      const kern = new HeadKernels(n, 4, k);
      // logits spread over +-400: some rows' exps underflow to 0 (differences past 745), some are ties
      const z = randoms(n * k, 6 + k, 400);
      z.fill(0.25, 0, k); // a row of equal logits
      kern.z.set(z);
      const bias = Float64Array.from(randoms(k, 7), (v) => v * 3);
      kern.params.set(bias, 4 * k);
      const labels = Int32Array.from({ length: n }, (_, r) => (r * 7) % k);
      kern.labels.set(labels);
      const loss = kern.softmaxGrad();
      // the reference: the head's objective as plain float64 JavaScript
      const e = new Float64Array(k);
      const gBias = new Float64Array(k);
      const d = new Float32Array(n * k);
      let want = 0;
      for (let r = 0; r < n; r++) {
        let max = -Infinity;
        for (let c = 0; c < k; c++) {
          const v = z[r * k + c]! + bias[c]!;
          e[c] = v;
          if (v > max) max = v;
        }
        const y = labels[r]!;
        const zy = e[y]! - max;
        let sum = 0;
        for (let c = 0; c < k; c++) sum += e[c] = Math.exp(e[c]! - max);
        want += Math.log(sum) - zy;
        const scale = 1 / (sum * n);
        for (let c = 0; c < k; c++) {
          const q = e[c]! * scale - (c === y ? 1 / n : 0);
          gBias[c] = gBias[c]! + q;
          d[r * k + c] = q;
        }
      }
      expect(loss).toBe(want);
      expect(Array.from(kern.gBias)).toEqual(Array.from(gBias));
      expect(Array.from(kern.d)).toEqual(Array.from(d));
      kern.release();
    }
  });

  it("assemble the objective's gradient in Keras's layout with the L2 term, as the float64 JavaScript loop does", () => {
    const k = 3;
    const kern = new HeadKernels(4, dim, k);
    const params = Float64Array.from(randoms(dim * k + k, 8));
    kern.params.set(params);
    kern.g.set(randoms(k * kern.paddedDim, 9));
    kern.gBias.set(randoms(k, 10));
    const l2 = 0.02;
    const loss = kern.paramGradient(0.75, l2);
    let want = 0.75;
    for (let i = 0; i < dim; i++)
      for (let c = 0; c < k; c++) {
        const j = i * k + c;
        want += l2 * params[j]! * params[j]!;
        expect(kern.paramGrad[j]).toBe(kern.g[c * kern.paddedDim + i]! + 2 * l2 * params[j]!);
      }
    expect(loss).toBe(want);
    expect(Array.from(kern.paramGrad.subarray(dim * k))).toEqual(Array.from(kern.gBias));
    kern.release();
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

  it('give the same results on a pooled memory that an earlier user left dirty', () => {
    const k = 3;
    const kernel = randoms(dim * k, 11);
    const fresh = new HeadKernels(rows, dim, k);
    fresh.loadRows(rowsOf(x, dim));
    fresh.setWeights(kernel);
    fresh.logits();
    const want = Array.from(fresh.z);
    fresh.x.fill(Number.NaN, 0, fresh.x.length);
    fresh.w.fill(Number.NaN);
    fresh.release();
    const reused = new HeadKernels(rows, dim, k); // takes the memory just released, padding and all
    reused.loadRows(rowsOf(x, dim));
    reused.setWeights(kernel);
    reused.logits();
    expect(Array.from(reused.z)).toEqual(want);
    reused.release();
  });

  it('are the committed build of head-kernels.wat (npm run build:kernels)', async () => {
    const wat = readKernelSource(fileURLToPath(new URL('../../src/encoder-head/head-kernels.wat', import.meta.url)));
    const bytes = (await compileKernels(wat)) as Buffer;
    expect(Buffer.from(HEAD_KERNELS_WASM_BASE64, 'base64').equals(bytes)).toBe(true);
  });
});
