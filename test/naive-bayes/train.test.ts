import { describe, expect, it } from 'vitest';
import { complementKernel, NAIVE_BAYES_DEFAULTS, NaiveBayesFeaturizer, NaiveBayesModel, trainNaiveBayes } from '../../src/naive-bayes/index.js';
import { CHUNK_ROWS } from '../../src/dense/chunked-rows.js';
import { accuracy } from '../../src/fasttext/train.js';
import { syntheticSet, uciSample } from '../fasttext/helpers.js';

function csr(dense: number[][]) {
  const offsets = [0];
  const ids: number[] = [];
  const values: number[] = [];
  for (const row of dense) {
    row.forEach((v, j) => {
      if (v !== 0) {
        ids.push(j);
        values.push(v);
      }
    });
    offsets.push(ids.length);
  }
  return { offsets: Int32Array.from(offsets), ids: Int32Array.from(ids), values: Float32Array.from(values) };
}

describe('complementKernel', () => {
  it("equals scikit-learn 1.2's ComplementNB(alpha=0.1).feature_log_prob_ (transposed) on the same matrix", () => {
    const x = [
      [0.5, 0, 0.2, 0],
      [0, 1, 0, 0.3],
      [0.4, 0, 0.1, 0],
      [0, 0.2, 0, 0.9],
      [0.3, 0.3, 0, 0],
    ];
    const kernel = complementKernel(csr(x), 4, Int32Array.from([0, 1, 0, 2, 1]), 3, 0.1);
    // printed by: ComplementNB(alpha=0.1).fit(X, y).feature_log_prob_.T.ravel()
    const sklearn = [2.1400662, 0.9932518, 0.9903987, 0.7537718, 2.1972246, 0.9162907, 3.5263605, 1.9095425, 2.1690537, 0.9614112, 0.9932518, 2.1690537];
    for (let i = 0; i < sklearn.length; i++) expect(kernel[i]).toBeCloseTo(sklearn[i]!, 5);
  });

  it('refuses a label outside the label count and a non-positive alpha', () => {
    expect(() => complementKernel(csr([[1]]), 1, Int32Array.from([3]), 2, 0.1)).toThrow(/outside/);
    expect(() => complementKernel(csr([[1]]), 1, Int32Array.from([0]), 2, 0)).toThrow(/alpha/);
  });
});

describe('trainNaiveBayes', () => {
  it('learns the synthetic topics', () => {
    const train = syntheticSet(90, 1);
    const test = syntheticSet(60, 2);
    const model = trainNaiveBayes(train.texts, train.labels, 3, NAIVE_BAYES_DEFAULTS);
    expect(accuracy(model.predictProba(test.texts), test.labels, 3)).toBeGreaterThan(0.9);
  });

  it('labels held-out UCI News headlines about as well as the dense model (over 80%), deterministically', () => {
    const { names, train, test } = uciSample();
    const a = trainNaiveBayes(train.texts, train.labels, names.length, NAIVE_BAYES_DEFAULTS);
    const b = trainNaiveBayes(train.texts, train.labels, names.length, NAIVE_BAYES_DEFAULTS);
    const probs = a.predictProba(test.texts);
    expect(accuracy(probs, test.labels, names.length)).toBeGreaterThan(0.8);
    expect(b.predictProba(test.texts)).toEqual(probs);
    for (let r = 0; r < test.texts.length; r++) {
      let sum = 0;
      for (let c = 0; c < names.length; c++) sum += probs[r * names.length + c]!;
      expect(sum).toBeCloseTo(1, 5);
    }
  });

  it('trains and scores a chunk of rows at a time with the same weights and probabilities as in one piece', () => {
    // more rows than one chunk, ending mid-chunk, so both loops cross a chunk boundary
    const n = 2 * CHUNK_ROWS + 123;
    const train = syntheticSet(n, 3);
    const chunked = trainNaiveBayes(train.texts, train.labels, 3, NAIVE_BAYES_DEFAULTS);
    const featurizer = NaiveBayesFeaturizer.fit(train.texts, NAIVE_BAYES_DEFAULTS);
    const whole = new NaiveBayesModel(featurizer, 3, complementKernel(featurizer.transform(train.texts), featurizer.size, train.labels, 3, NAIVE_BAYES_DEFAULTS.alpha));
    expect(chunked.kernel).toEqual(whole.kernel);
    const probs = chunked.predictProba(train.texts);
    expect(probs.length).toBe(n * 3);
    expect(probs).toEqual(whole.predictProbaCsr(featurizer.transform(train.texts)));
  });
});
