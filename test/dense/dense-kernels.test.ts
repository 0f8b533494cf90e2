import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DENSE_DEFAULTS, trainDense } from '../../src/dense/index.js';
import { DENSE_KERNELS_WASM_BASE64 } from '../../src/dense/dense-kernels-wasm.js';
import type { DenseParams } from '../../src/dense/types.js';
// @ts-expect-error: a plain .mjs script, no type declarations
import { compileKernels, readKernelSource } from '../../scripts/lib/kernels-source.mjs';
import { syntheticSet, uciSample } from '../fasttext/helpers.js';
import { trainDenseReference } from './reference-trainer.js';

/** The bits of float32 arrays, for comparisons that tell -0 from 0 and would show NaN. */
const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));

async function expectSameWeights(texts: readonly string[], labels: Int32Array, numLabels: number, params: DenseParams): Promise<void> {
  const losses: number[] = [];
  const wantLosses: number[] = [];
  const model = await trainDense(texts, labels, numLabels, params, { onEpoch: (_, loss) => losses.push(loss) });
  const want = trainDenseReference(texts, labels, numLabels, params, (_, loss) => wantLosses.push(loss));
  expect(losses).toHaveLength(params.epochs);
  expect(losses).toEqual(wantLosses);
  expect(bits(model.weights.w1)).toEqual(bits(want.w1));
  expect(bits(model.weights.b1)).toEqual(bits(want.b1));
  expect(bits(model.weights.w2)).toEqual(bits(want.w2));
  expect(bits(model.weights.b2)).toEqual(bits(want.b2));
}

describe('the dense trainer in WebAssembly', () => {
  it('gives the plain JavaScript loops\' weights and losses bit for bit on UCI News headlines', async () => {
    const { names, train } = uciSample();
    await expectSameWeights(train.texts.slice(0, 600), train.labels.slice(0, 600), names.length, { ...DENSE_DEFAULTS, seed: 7 });
  });

  it('gives the same bits with an odd hidden layer, no dropout, batches of 1 and of 100, bigrams', async () => {
    const { texts, labels } = syntheticSet(200, 4);
    await expectSameWeights(texts, labels, 3, { ...DENSE_DEFAULTS, hiddenUnits: 7, epochs: 3 });
    await expectSameWeights(texts, labels, 3, { ...DENSE_DEFAULTS, hiddenUnits: 1, dropout: 0, epochs: 2 });
    await expectSameWeights(texts, labels, 3, { ...DENSE_DEFAULTS, hiddenUnits: 16, batchSize: 1, epochs: 2 });
    await expectSameWeights(texts, labels, 3, { ...DENSE_DEFAULTS, hiddenUnits: 10, batchSize: 100, ngrams: 2, maxFeatures: 50, epochs: 4 });
  });

  it('gives the same bits with two classes and with five (the class loops by pairs, and an odd one left)', async () => {
    const { texts, labels } = syntheticSet(300, 9);
    await expectSameWeights(texts, labels.map((l) => l % 2), 2, { ...DENSE_DEFAULTS, hiddenUnits: 9, epochs: 2 });
    await expectSameWeights(texts, labels.map((l, i) => (l + i) % 5), 5, { ...DENSE_DEFAULTS, hiddenUnits: 6, epochs: 2 });
  });

  it('starts clean on a reused instance: the same fit twice, and after a larger one, gives the same bits', async () => {
    const small = syntheticSet(80, 5);
    const big = syntheticSet(400, 6);
    const params = { ...DENSE_DEFAULTS, hiddenUnits: 12, epochs: 2 };
    const first = await trainDense(small.texts, small.labels, 3, params);
    await trainDense(big.texts, big.labels, 3, { ...params, hiddenUnits: 32 });
    const again = await trainDense(small.texts, small.labels, 3, params);
    expect(bits(again.weights.w1)).toEqual(bits(first.weights.w1));
    expect(bits(again.weights.w2)).toEqual(bits(first.weights.w2));
  });

  it('is the committed build of dense-kernels.wat (npm run build:kernels)', async () => {
    const wat = readKernelSource(fileURLToPath(new URL('../../src/dense/dense-kernels.wat', import.meta.url)));
    const bytes = (await compileKernels(wat)) as Buffer;
    expect(Buffer.from(DENSE_KERNELS_WASM_BASE64, 'base64').equals(bytes)).toBe(true);
  });
});
