import { describe, expect, it } from 'vitest';
import { accuracy, trainFastText } from '../../src/fasttext/train.js';
import { syntheticSet, TEST_PARAMS, uciSample } from './helpers.js';

const train = syntheticSet(600, 1);
const test = syntheticSet(300, 2);

describe('trainFastText', () => {
  it('is deterministic with threads = 1: two runs give bit-identical weights', async () => {
    const a = await trainFastText(train.texts, train.labels, 3, TEST_PARAMS);
    const b = await trainFastText(train.texts, train.labels, 3, TEST_PARAMS);
    expect(Buffer.from(a.wIn.buffer).equals(Buffer.from(b.wIn.buffer))).toBe(true);
    expect(Buffer.from(a.wOut.buffer).equals(Buffer.from(b.wOut.buffer))).toBe(true);
    const c = await trainFastText(train.texts, train.labels, 3, { ...TEST_PARAMS, seed: 2 });
    expect(Buffer.from(a.wOut.buffer).equals(Buffer.from(c.wOut.buffer))).toBe(false);
  });

  it('learns a separable textual problem (> 95% test accuracy)', async () => {
    const model = await trainFastText(train.texts, train.labels, 3, TEST_PARAMS);
    expect(accuracy(model.predictProba(test.texts), test.labels, 3)).toBeGreaterThan(0.95);
  });

  it('learns real UCI News headlines well above the majority class', async () => {
    const { names, train: tr, test: te } = uciSample();
    const model = await trainFastText(tr.texts, tr.labels, names.length, { ...TEST_PARAMS, epochs: 20, vectorDim: 20 });
    // Majority class (business) is 43% of the test rows; fastText gets ~80% from 1,200 headlines.
    expect(accuracy(model.predictProba(te.texts), te.labels, names.length)).toBeGreaterThan(0.7);
  });

  it('returns probability rows that sum to 1, also for texts of only unseen words', async () => {
    const model = await trainFastText(train.texts, train.labels, 3, TEST_PARAMS);
    const probs = model.predictProba([...test.texts.slice(0, 20), '', 'zzz qqq', 'stocks']);
    for (let r = 0; r < probs.length / 3; r++) {
      const row = probs.subarray(r * 3, r * 3 + 3);
      expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
      for (const p of row) expect(p).toBeGreaterThanOrEqual(0);
    }
  });

  it('still learns with threads = 2 (Hogwild workers)', async () => {
    const model = await trainFastText(train.texts, train.labels, 3, { ...TEST_PARAMS, threads: 2 });
    expect(accuracy(model.predictProba(test.texts), test.labels, 3)).toBeGreaterThan(0.95);
  });

  it('reports each epoch and stops early once validation accuracy stalls', async () => {
    const seen: number[] = [];
    await trainFastText(train.texts, train.labels, 3, { ...TEST_PARAMS, epochs: 50 }, {
      validation: test,
      earlyStopping: { patience: 2, minEpochs: 1 },
      onEpoch: (epoch, loss, acc) => {
        seen.push(epoch);
        expect(loss).toBeGreaterThan(0);
        expect(acc).toBeGreaterThan(0);
      },
    });
    expect(seen[0]).toBe(1);
    expect(seen.length).toBeLessThan(50);
  });

  it('keeps text vectors of size dim per text', async () => {
    const model = await trainFastText(train.texts, train.labels, 3, TEST_PARAMS);
    expect(model.textVectors(['stocks up', 'film'])).toHaveLength(2 * TEST_PARAMS.vectorDim);
  });

  it('rejects labels outside 0..numLabels-1 with the row number', async () => {
    await expect(trainFastText(['a', 'b'], Int32Array.of(0, 3), 2, TEST_PARAMS)).rejects.toThrow(/label 3 at row 1/);
  });
});
