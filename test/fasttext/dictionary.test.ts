import { describe, expect, it } from 'vitest';
import { Dictionary } from '../../src/fasttext/dictionary.js';
import { hashWord, pushWordNgrams } from '../../src/fasttext/hash.js';
import { TEST_PARAMS } from './helpers.js';

const params = { ...TEST_PARAMS, minCount: 2, wordNgrams: 2, buckets: 1_000_003 };
const rowsOf = (enc: { offsets: Int32Array; ids: Int32Array }, r: number): number[] => Array.from(enc.ids.subarray(enc.offsets[r], enc.offsets[r + 1]));

function bigramBuckets(...words: string[]): number[] {
  const out: number[] = [];
  pushWordNgrams(words.map(hashWord), words.length, 2, params.buckets, 0, out);
  return out;
}

describe('Dictionary', () => {
  const dict = Dictionary.build(['a b', 'a c'], params);

  it('keeps words seen >= minCount, counting one </s> per text', () => {
    expect(dict.words).toEqual(['a', '</s>']);
  });

  it('keeps a row for each hash bucket seen in training, in first-seen order', () => {
    expect(Array.from(dict.bucketIds)).toEqual([...bigramBuckets('a', 'b', '</s>'), ...bigramBuckets('a', 'c', '</s>')]);
    expect(dict.size).toBe(2 + 4);
  });

  it('encodes words, then word bigrams that include unknown words and </s>', () => {
    const enc = dict.encode(['a b']);
    expect(rowsOf(enc, 0)).toEqual([0, 1, 2, 3]);
    expect(Array.from(enc.ntokens)).toEqual([4]);
  });

  it('drops buckets unseen in training from ids but counts them in ntokens', () => {
    const enc = dict.encode(['b a', 'zzz']);
    expect(rowsOf(enc, 0)).toEqual([0, 1]);
    expect(rowsOf(enc, 1)).toEqual([1]);
    expect(Array.from(enc.ntokens)).toEqual([4, 2]);
  });

  it('never treats __label__ tokens as words or n-gram parts', () => {
    const enc = dict.encode(['__label__x a b', 'a b']);
    expect(rowsOf(enc, 0)).toEqual(rowsOf(enc, 1));
    expect(enc.ntokens[0]).toBe(enc.ntokens[1]);
  });

  it('gives unigram-only models no hashed features', () => {
    const d = Dictionary.build(['a b', 'a c'], { ...params, wordNgrams: 1, minCount: 1 });
    expect(d.bucketIds).toHaveLength(0);
    expect(d.encode(['a q']).ntokens[0]).toBe(2); // 'a' and </s>; 'q' is unknown
  });

  it('adds char n-gram rows when maxn > 0, also for unknown words', () => {
    const d = Dictionary.build(['ab ab'], { ...params, minCount: 1, wordNgrams: 1, minn: 2, maxn: 2 });
    // "<ab>" has the 2-grams "<a", "ab", "b>"; the word row comes first, </s> gets no subwords.
    expect(d.size).toBe(2 + 3);
    const enc = d.encode(['ab', 'xab']);
    expect(rowsOf(enc, 0)).toEqual([0, 2, 3, 4, 1]);
    expect(enc.ntokens[1]).toBe(4 + 1); // "<x" "xa" "ab" "b>" + </s>
  });

  it('round-trips through JSON with identical encodings', () => {
    const back = Dictionary.fromJSON(JSON.parse(JSON.stringify(dict.toJSON())));
    const texts = ['a b c', 'c a b a', '', 'new words a'];
    expect(back.encode(texts)).toEqual(dict.encode(texts));
  });

  it('rejects JSON of another format version', () => {
    expect(() => Dictionary.fromJSON({ ...dict.toJSON(), formatVersion: 99 })).toThrow(/formatVersion 99/);
  });
});
