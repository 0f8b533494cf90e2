import { describe, expect, it } from 'vitest';
import { DENSE_DEFAULTS, trainDense } from '../../src/dense/index.js';
import { CHUNK_ROWS } from '../../src/dense/chunked-rows.js';
import { accuracy } from '../../src/fasttext/train.js';
import { syntheticSet, uciSample } from '../fasttext/helpers.js';

const params = { ...DENSE_DEFAULTS, hiddenUnits: 16, epochs: 20 };

describe('trainDense (sparse CPU engine)', () => {
  it('learns separable synthetic topics and its loss falls', async () => {
    const train = syntheticSet(300, 1);
    const test = syntheticSet(150, 2);
    const losses: number[] = [];
    const model = await trainDense(train.texts, train.labels, 3, params, { onEpoch: (_, l) => losses.push(l) });
    expect(losses).toHaveLength(20);
    expect(losses[19]!).toBeLessThan(losses[0]!);
    expect(accuracy(model.predictProba(test.texts), test.labels, 3)).toBeGreaterThan(0.95);
  });

  it('is bit-reproducible for a seed and differs for another', async () => {
    const { texts, labels } = syntheticSet(120, 3);
    const a = await trainDense(texts, labels, 3, params);
    const b = await trainDense(texts, labels, 3, params);
    const c = await trainDense(texts, labels, 3, { ...params, seed: 2 });
    expect(b.predictProba(texts)).toEqual(a.predictProba(texts));
    expect(c.predictProba(texts)).not.toEqual(a.predictProba(texts));
  });

  it('gives rows that sum to 1, and beats 80% on the real UCI News sample', async () => {
    const { names, train, test } = uciSample();
    const model = await trainDense(train.texts, train.labels, names.length, { ...DENSE_DEFAULTS, epochs: 8 });
    const probs = model.predictProba(test.texts);
    for (let r = 0; r < test.texts.length; r++) expect(probs.subarray(r * names.length, (r + 1) * names.length).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    expect(accuracy(probs, test.labels, names.length)).toBeGreaterThan(0.8);
  });

  it('rejects bad parameters with the offending values', async () => {
    await expect(trainDense(['a'], Int32Array.of(0), 1, { ...params, dropout: 1, hiddenUnits: 0 })).rejects.toThrow(/hiddenUnits must be an integer >= 1, got 0; dropout must be in \[0, 1\), got 1/);
    await expect(trainDense(['a'], Int32Array.of(3), 2, params)).rejects.toThrow(/label id 3 is outside 0..1/);
  });

  it('scores a chunk of texts at a time with the same probabilities and vectors as in one piece', async () => {
    const train = syntheticSet(120, 4);
    const model = await trainDense(train.texts, train.labels, 3, params);
    // more texts than one chunk, ending mid-chunk
    const texts = syntheticSet(CHUNK_ROWS + 77, 5).texts;
    const probs = model.predictProba(texts);
    expect(probs.length).toBe(texts.length * 3);
    expect(probs).toEqual(model.predictProbaCsr(model.featurizer.transform(texts)));
    const vectors = model.textVectors(texts);
    expect(vectors.length).toBe(texts.length * params.hiddenUnits);
    const tail = model.textVectors(texts.slice(CHUNK_ROWS - 2));
    expect(vectors.subarray((CHUNK_ROWS - 2) * params.hiddenUnits)).toEqual(tail);
  });
});
