import { describe, expect, it } from 'vitest';
import { csrToDense, DenseFeaturizer, terms } from '../../src/dense/featurizer.js';

const settings = { mode: 'tfidf' as const, maxFeatures: 100, ngrams: 1, minDf: 1, normalize: true };
const texts = ['Stocks rise, stocks fall', 'Stocks and bonds', 'New film tops box office'];

describe('DenseFeaturizer', () => {
  it('keeps the most document-frequent terms, ties in alphabetical order', () => {
    const f = DenseFeaturizer.fit(texts, { ...settings, maxFeatures: 3 });
    // "stocks" is in 2 texts; every other term in 1, so the next two are the alphabetically first.
    expect(f.vocabulary).toEqual(['stocks', ',', 'and']);
  });

  it('computes smooth idf and L2-normalised tf-idf rows (hand-computed)', () => {
    const f = DenseFeaturizer.fit(texts, settings);
    const idfStocks = Math.log(4 / 3) + 1;
    const idfRare = Math.log(4 / 2) + 1;
    expect(f.idf![f.vocabulary.indexOf('stocks')]).toBeCloseTo(idfStocks, 6);
    const row = f.transform(['stocks stocks bonds']);
    const raw = [2 * idfStocks, idfRare];
    const norm = Math.hypot(...raw);
    const got = new Map(Array.from(row.ids, (id, k) => [f.vocabulary[id], row.values[k]]));
    expect(got.get('stocks')).toBeCloseTo(raw[0]! / norm, 6);
    expect(got.get('bonds')).toBeCloseTo(raw[1]! / norm, 6);
  });

  it('binary mode marks presence with 1 and drops unknown words', () => {
    const f = DenseFeaturizer.fit(texts, { ...settings, mode: 'binary' });
    const row = f.transform(['stocks stocks zebra']);
    expect(Array.from(row.values)).toEqual([1]);
    expect(f.idf).toBeNull();
  });

  it('adds word bigrams when ngrams = 2', () => {
    expect(terms('Box office hit', { ngrams: 2, normalize: true })).toEqual(['box', 'office', 'hit', 'box office', 'office hit']);
  });

  it('round-trips through JSON and densifies rows as the TF.js input', () => {
    const f = DenseFeaturizer.fit(texts, settings);
    const back = DenseFeaturizer.fromJSON(JSON.parse(JSON.stringify(f.toJSON())));
    expect(back.transform(texts)).toEqual(f.transform(texts));
    const dense = csrToDense(f.transform(texts), f.size);
    expect(dense).toHaveLength(3 * f.size);
    for (let r = 0; r < 3; r++) expect(Math.hypot(...dense.subarray(r * f.size, (r + 1) * f.size))).toBeCloseTo(1, 6);
  });

  it('builds one matrix of many rows (past its first buffers) equal to the rows built one at a time', () => {
    const many = Array.from({ length: 600 }, (_, i) => `${texts[i % 3]} and stocks ${i % 7 === 0 ? 'film' : 'bonds'}`);
    const f = DenseFeaturizer.fit(many, settings);
    const all = f.transform(many);
    expect(all.ids.length).toBeGreaterThan(1024);
    expect(all.ids.length).toBe(all.offsets[many.length]);
    many.forEach((t, r) => {
      const one = f.transform([t]);
      expect(all.ids.subarray(all.offsets[r]!, all.offsets[r + 1]!)).toEqual(one.ids);
      expect(all.values.subarray(all.offsets[r]!, all.offsets[r + 1]!)).toEqual(one.values);
    });
  });
});
