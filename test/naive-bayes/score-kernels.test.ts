import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NAIVE_BAYES_DEFAULTS, NaiveBayesModel, trainNaiveBayes } from '../../src/naive-bayes/index.js';
import { KernelScorer, logitsPlain } from '../../src/naive-bayes/score-kernel.js';
import { SCORE_KERNELS_WASM_BASE64 } from '../../src/naive-bayes/score-kernels-wasm.js';
import type { CsrRows } from '../../src/dense/types.js';
import { createRng } from '../../src/util/random.js';
import { uciSample } from '../fasttext/helpers.js';
// @ts-expect-error: a plain .mjs script, no type declarations
import { compileKernels, readKernelSource } from '../../scripts/lib/kernels-source.mjs';

/** The bits of float arrays, for comparisons that tell -0 from 0 and would show NaN. */
const bits = (a: Float32Array | Float64Array): Uint8Array => new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));

/** Random sparse rows over `columns` columns, some empty, some with a column twice; values from 1e-4 to 10. */
function randomRows(n: number, columns: number, seed: number): CsrRows {
  const rng = createRng(seed);
  const offsets = [0];
  const ids: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < n; r++) {
    const terms = r % 7 === 0 ? 0 : Math.floor(rng.next() * 40);
    for (let t = 0; t < terms; t++) {
      ids.push(Math.floor(rng.next() * columns));
      values.push(rng.next() * 10 ** Math.floor(rng.next() * 5 - 4));
    }
    offsets.push(ids.length);
  }
  return { offsets: Int32Array.from(offsets), ids: Int32Array.from(ids), values: Float32Array.from(values) };
}

function randomKernel(columns: number, k: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: columns * k }, () => (rng.next() - 0.3) * 10 ** Math.floor(rng.next() * 6 - 3));
}

describe("naive Bayes' scoring in WebAssembly", () => {
  it("gives the plain loop's float64 logits bit for bit, for class counts that are and are not multiples of 4", () => {
    for (const k of [1, 2, 3, 4, 5, 7, 8, 20]) {
      const kernel = randomKernel(300, k, k);
      const scorer = new KernelScorer(kernel, k);
      for (const n of [0, 1, 50, 3000]) {
        const rows = randomRows(n, 300, 10 * k + n);
        expect(bits(scorer.logits(rows))).toEqual(bits(logitsPlain(kernel, k, rows)));
      }
      expect(bits(scorer.kernel)).toEqual(bits(kernel)); // what artifacts save
    }
  });

  it('a model scores the same probabilities with its kernel in WebAssembly as in JavaScript, and saves the same kernel', () => {
    const { names, train, test } = uciSample();
    const model = trainNaiveBayes(train.texts.slice(0, 800), train.labels.slice(0, 800), names.length, NAIVE_BAYES_DEFAULTS);
    const plain = new NaiveBayesModel(model.featurizer, names.length, Float32Array.from(model.kernel), 0);
    const texts = test.texts.slice(0, 500).concat(['', 'zzz qqq', 'Ünïcödé ☃ 日本語']);
    expect(bits(model.predictProba(texts))).toEqual(bits(plain.predictProba(texts)));
    expect(bits(model.kernel)).toEqual(bits(plain.kernel));
  });

  it("refuses a row whose column is outside the kernel, where the kernel would read other memory", () => {
    const scorer = new KernelScorer(randomKernel(10, 3, 1), 3);
    const rows = (id: number): CsrRows => ({ offsets: Int32Array.of(0, 1), ids: Int32Array.of(id), values: Float32Array.of(1) });
    expect(() => scorer.logits(rows(10))).toThrow(/outside the kernel's 0\.\.9/);
    expect(() => scorer.logits(rows(-1))).toThrow(/outside/);
    expect(scorer.logits(rows(9))).toHaveLength(3);
    expect(() => new KernelScorer(new Float32Array(10), 3)).toThrow(/no rows of 3/);
  });

  it('is the module compiled from score-kernels.wat', async () => {
    const wat = readKernelSource(fileURLToPath(new URL('../../src/naive-bayes/score-kernels.wat', import.meta.url)));
    const bytes = (await compileKernels(wat)) as Buffer;
    expect(Buffer.from(SCORE_KERNELS_WASM_BASE64, 'base64').equals(bytes)).toBe(true);
  });
});
