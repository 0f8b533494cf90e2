import { describe, expect, it } from 'vitest';
import { hashTerms, NAIVE_BAYES_DEFAULTS, NaiveBayesFeaturizer, type NaiveBayesFeatureSettings } from '../../src/naive-bayes/index.js';
import type { CsrRows } from '../../src/dense/types.js';
import { uciSample } from '../fasttext/helpers.js';

/**
 * The featurizer as plain loops over a Map: document frequencies over the whole hash space in id order,
 * then each known term's (1 + ln count) x idf, each block scaled to unit length (the norm from the float64
 * values, each divided as the float32 it was stored as).
 */
function referenceFeatures(fitTexts: string[], texts: string[], s: NaiveBayesFeatureSettings): { terms: number[]; idf: number[]; rows: CsrRows } {
  const df = new Map<number, number>();
  for (const t of fitTexts) for (const id of hashTerms(t, s).ids) df.set(id, (df.get(id) ?? 0) + 1);
  const terms = [...df.keys()].sort((a, b) => a - b);
  const idf = Float32Array.from(terms, (t) => Math.log((1 + fitTexts.length) / (1 + df.get(t)!)) + 1);
  const column = new Map(terms.map((t, i) => [t, i]));
  const offsets = [0];
  const ids: number[] = [];
  const values: number[] = [];
  for (const text of texts) {
    const h = hashTerms(text, s);
    for (const [from, to] of [[0, h.wordEnd], [h.wordEnd, h.ids.length]] as const) {
      const block: [number, number][] = [];
      for (let k = from; k < to; k++) {
        const col = column.get(h.ids[k]!);
        if (col !== undefined) block.push([col, (1 + Math.log(h.counts[k]!)) * idf[col]!]);
      }
      const norm = Math.sqrt(block.reduce((sum, [, v]) => sum + v * v, 0));
      for (const [col, v] of block) {
        ids.push(col);
        values.push(norm > 0 ? Math.fround(v) / norm : v); // stored as float32, then scaled
      }
    }
    offsets.push(ids.length);
  }
  return { terms, idf: Array.from(idf), rows: { offsets: Int32Array.from(offsets), ids: Int32Array.from(ids), values: Float32Array.from(values) } };
}

const plain = (r: CsrRows) => ({ offsets: Array.from(r.offsets), ids: Array.from(r.ids), values: Array.from(r.values) });

describe('NaiveBayesFeaturizer against plain loops', () => {
  const { train, test } = uciSample();

  it('finds the terms, idf and rows of plain loops, in the default hash space and in a small one', () => {
    for (const settings of [NAIVE_BAYES_DEFAULTS, { ...NAIVE_BAYES_DEFAULTS, hashBits: 10 }]) {
      const want = referenceFeatures(train.texts, test.texts, settings);
      const f = NaiveBayesFeaturizer.fit(train.texts, settings);
      expect(Array.from(f.terms)).toEqual(want.terms);
      expect(Array.from(f.idf)).toEqual(want.idf);
      expect(plain(f.transform(test.texts))).toEqual(plain(want.rows));
    }
  });

  it('starts each fit from zero document frequencies: a fit after another equals the same fit alone', () => {
    const alone = NaiveBayesFeaturizer.fit(test.texts, NAIVE_BAYES_DEFAULTS);
    NaiveBayesFeaturizer.fit(train.texts, NAIVE_BAYES_DEFAULTS);
    const after = NaiveBayesFeaturizer.fit(test.texts, NAIVE_BAYES_DEFAULTS);
    expect(Array.from(after.terms)).toEqual(Array.from(alone.terms));
    expect(Array.from(after.idf)).toEqual(Array.from(alone.idf));
  });

  it('knows no term when it was fit on no text, and refuses a term outside the hash space', () => {
    const empty = NaiveBayesFeaturizer.fit([], NAIVE_BAYES_DEFAULTS);
    expect(empty.size).toBe(0);
    expect(plain(empty.transform(['stocks rise']))).toEqual({ offsets: [0, 0], ids: [], values: [] });
    expect(() => new NaiveBayesFeaturizer(NAIVE_BAYES_DEFAULTS, Int32Array.of(2 ** 22), Float32Array.of(1))).toThrow(/outside the 20-bit hash space/);
  });
});
