import { describe, expect, it } from 'vitest';
import { DENSE_DEFAULTS, trainDense } from '../../src/dense/index.js';
import { DenseFeaturizer, terms, type FeaturizerSettings } from '../../src/dense/featurizer.js';
import { DenseTermCache } from '../../src/dense/term-cache.js';
import type { CsrRows } from '../../src/dense/types.js';
import { uciSample } from '../fasttext/helpers.js';

const bits = (a: Float32Array): number[] => Array.from(new Uint32Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength)));
const rowsOf = (r: CsrRows) => ({ offsets: Array.from(r.offsets), ids: Array.from(r.ids), values: bits(r.values) });

/** Fits and transforms with and without `cache` and expects the same vocabulary, idf and rows, bit for bit. */
function expectSameAsStrings(fitTexts: string[], scoreTexts: string[], settings: FeaturizerSettings, cache: DenseTermCache): void {
  const plain = DenseFeaturizer.fit(fitTexts, settings);
  const cached = DenseFeaturizer.fit(fitTexts, settings, cache);
  expect(cached.vocabulary).toEqual(plain.vocabulary);
  expect(cached.idf ? bits(cached.idf) : null).toEqual(plain.idf ? bits(plain.idf) : null);
  expect(rowsOf(cached.transform(fitTexts))).toEqual(rowsOf(plain.transform(fitTexts)));
  expect(rowsOf(cached.transform(scoreTexts))).toEqual(rowsOf(plain.transform(scoreTexts)));
}

describe('DenseTermCache: each text tokenized once, the same features', () => {
  const { train, test } = uciSample();
  const tfidf: FeaturizerSettings = { mode: 'tfidf', maxFeatures: 2_000, ngrams: 1, minDf: 1, normalize: true };

  it('gives the vocabulary, idf and rows that the strings give, for unigrams, bigrams, binary and min-df', () => {
    const cases: FeaturizerSettings[] = [
      tfidf,
      { ...tfidf, ngrams: 2, maxFeatures: 5_000 },
      { ...tfidf, mode: 'binary', normalize: false },
      { ...tfidf, minDf: 2, maxFeatures: 300 },
    ];
    for (const settings of cases) {
      const cache = new DenseTermCache(settings);
      expectSameAsStrings(train.texts, test.texts, settings, cache);
      // a second model of the run, on other rows, reads the ids the first one's texts left
      expectSameAsStrings(train.texts.slice(100).concat(test.texts.slice(0, 50)), train.texts.slice(0, 200), settings, cache);
    }
  });

  it('gives the same features when it keeps no texts, and when its dictionary fills up midway (strings for the rest)', () => {
    expectSameAsStrings(train.texts, test.texts, tfidf, new DenseTermCache(tfidf, 0));
    const small = new DenseTermCache(tfidf, 32 * 2 ** 20, 500);
    expectSameAsStrings(train.texts, test.texts, tfidf, small);
    expect(small.size).toBe(500);
    expect(train.texts.some((t) => small.ids(t) === null)).toBe(true);
  });

  it('returns the text\'s terms as ids, kept once, and null for a text with a term it cannot add', () => {
    const full = new DenseTermCache({ ngrams: 2, normalize: true }, 96 * 2 ** 20, 4);
    expect(full.ids('Box office hit')).toBeNull(); // box, office, hit, box office, office hit: 5 terms, room for 4
    expect(full.size).toBe(4);
    const cache = new DenseTermCache({ ngrams: 2, normalize: true });
    const got = Array.from(cache.ids('Box office box')!);
    expect(got.map((id) => cache.term(id))).toEqual(terms('Box office box', { ngrams: 2, normalize: true }));
    expect(got[0]).toBe(got[2]);
    expect(cache.keptTexts).toBe(1);
    expect(Array.from(cache.ids('Box office box')!)).toEqual(got);
    expect(cache.keptTexts).toBe(1);
    expect(cache.idOf('office box')).toBe(got[4]);
    expect(cache.idOf('zebra')).toBe(-1);
  });

  it('stops keeping texts past its byte bound, and gives their ids afresh each time', () => {
    const oneChunk = 4 * 2 ** 20 + 100; // one 4 MiB array of ids and one text's map entry
    const cache = new DenseTermCache({ ngrams: 1, normalize: true }, oneChunk);
    const first = Array.from(cache.ids('alpha beta gamma')!);
    const second = Array.from(cache.ids('beta gamma delta')!);
    expect(cache.keptTexts).toBe(1);
    expect(Array.from(cache.ids('alpha beta gamma')!)).toEqual(first);
    expect(Array.from(cache.ids('beta gamma delta')!)).toEqual(second);
    expect(second.map((id) => cache.term(id))).toEqual(['beta', 'gamma', 'delta']);
    expect(cache.keptTexts).toBe(1);
  });

  it('keeps texts across its arrays: ids that do not fit the rest of one array start the next', () => {
    const cache = new DenseTermCache({ ngrams: 1, normalize: true }, 2 ** 30);
    const long = Array.from({ length: 600_000 }, (_, i) => `w${i % 1000}`).join(' ');
    const a = Array.from(cache.ids(long)!);
    const b = Array.from(cache.ids(`${long} extra`)!); // 600,001 ids: past the first array's 2^20 ints
    expect(cache.keptTexts).toBe(2);
    expect(Array.from(cache.ids(long)!)).toEqual(a);
    expect(Array.from(cache.ids(`${long} extra`)!)).toEqual(b);
    expect(b.length).toBe(600_001);
  });

  it('refuses a featurizer whose settings tokenize otherwise', () => {
    expect(() => DenseFeaturizer.fit(['a b'], { ...tfidf, ngrams: 2 }, new DenseTermCache(tfidf))).toThrow(/does not fit ngrams=2/);
  });

  it('trains the dense model to the same bits', async () => {
    const params = { ...DENSE_DEFAULTS, seed: 3, epochs: 2 };
    const plain = await trainDense(train.texts, train.labels, 4, params);
    const cached = await trainDense(train.texts, train.labels, 4, params, { terms: new DenseTermCache(params) });
    expect(bits(cached.weights.w1)).toEqual(bits(plain.weights.w1));
    expect(bits(cached.weights.w2)).toEqual(bits(plain.weights.w2));
    expect(bits(cached.predictProba(test.texts))).toEqual(bits(plain.predictProba(test.texts)));
  });
});
