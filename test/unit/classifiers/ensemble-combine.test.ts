import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { combineProbabilities, ensembleFactory, geometricMeanOf, meanOf } from '../../../src/classifiers/ensemble-classifier.js';
import { loadModel } from '../../../src/classifiers/load-model.js';
import { naiveBayesFactory } from '../../../src/classifiers/naive-bayes-classifier.js';

describe('combining members', () => {
  it('the geometric mean multiplies the members and normalizes each row', () => {
    const a = Float32Array.of(0.9, 0.1, 0.5, 0.5);
    const b = Float32Array.of(0.6, 0.4, 0.2, 0.8);
    const g = geometricMeanOf([a, b], 2);
    const r0 = [Math.sqrt(0.9 * 0.6), Math.sqrt(0.1 * 0.4)];
    const r1 = [Math.sqrt(0.5 * 0.2), Math.sqrt(0.5 * 0.8)];
    const expected = [...r0.map((v) => v / (r0[0]! + r0[1]!)), ...r1.map((v) => v / (r1[0]! + r1[1]!))];
    Array.from(g).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });

  it('a member that is never sure caps the arithmetic mean, not the geometric one', () => {
    const parts = [Float32Array.of(0.999, 0.001), Float32Array.of(0.999, 0.001), Float32Array.of(0.55, 0.45)];
    expect(meanOf(parts)[0]!).toBeCloseTo(0.8493, 4);
    const top = Math.cbrt(0.999 * 0.999 * 0.55);
    const other = Math.cbrt(0.001 * 0.001 * 0.45);
    expect(geometricMeanOf(parts, 1)[0]!).toBeCloseTo(top / (top + other), 5); // 0.9907
    // a member sure of the other class pulls the row down under both
    const against = [Float32Array.of(0.999, 0.001), Float32Array.of(0.999, 0.001), Float32Array.of(0.01, 0.99)];
    expect(geometricMeanOf(against, 1)[0]!).toBeLessThan(0.96);
    // a member's hard zero is floored, so the others still decide between the remaining classes
    const zero = geometricMeanOf([Float32Array.of(0, 0.2, 0.8), Float32Array.of(0.1, 0.7, 0.2)], 1);
    expect(zero[0]!).toBeLessThan(1e-4);
    expect(zero[1]! + zero[2]!).toBeCloseTo(1, 5);
    expect(combineProbabilities('mean', parts, 1)).toEqual(meanOf(parts));
    expect(() => geometricMeanOf([Float32Array.of(1, 0), Float32Array.of(1)], 1)).toThrow(/probabilities/);
  });

  it('a saved ensemble says how it combines, and predict reads it back the same way', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'al-combine-'));
    try {
      const texts = ['red apple pie', 'green apple tart', 'blue sky rain', 'grey sky storm', 'red cherry pie', 'dark sky wind'];
      const labels = Int32Array.of(0, 0, 1, 1, 0, 1);
      const m = ensembleFactory([{ name: 'a', factory: naiveBayesFactory() }, { name: 'b', factory: naiveBayesFactory({ alpha: 0.3 }) }], 'geometric').create(1);
      await m.fit(texts, labels, 2);
      await m.save(join(dir, 'model'), { labels: ['food', 'weather'] });
      const meta = JSON.parse(await readFile(join(dir, 'model', 'metadata.json'), 'utf8'));
      expect(meta.combine).toBe('geometric');
      const loaded = await loadModel(join(dir, 'model'));
      const probe = ['apple sky', 'storm pie'];
      expect(Array.from(loaded.predictProba(probe))).toEqual(Array.from(m.predictProba(probe)));
      // an unknown rule is refused by name, not read as the mean
      await writeFile(join(dir, 'model', 'metadata.json'), JSON.stringify({ ...meta, combine: 'median' }));
      await expect(loadModel(join(dir, 'model'))).rejects.toThrow(/combines members by "median"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
