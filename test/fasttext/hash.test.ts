import { describe, expect, it } from 'vitest';
import { hashWord, pushCharNgrams, pushWordNgrams } from '../../src/fasttext/hash.js';

/** Independent reference of fastText's C++ `Dictionary::hash`, via TextEncoder and int8 casts. */
function refHash(word: string): number {
  let h = 2166136261;
  for (const b of new TextEncoder().encode(word)) {
    h = (h ^ new Uint32Array(Int32Array.of(new Int8Array([b])[0]!))[0]!) >>> 0;
    h = Number((BigInt(h) * 16777619n) & 0xffffffffn);
  }
  return h;
}

/** Reference `addWordNgrams` in BigInt: int32 hashes widened to uint64 with sign extension. */
function refNgrams(hashes: number[], n: number, buckets: number): number[] {
  const u64 = (h: number): bigint => BigInt.asUintN(64, BigInt(h | 0));
  const out: number[] = [];
  for (let i = 0; i < hashes.length; i++) {
    let h = u64(hashes[i]!);
    for (let j = i + 1; j < hashes.length && j < i + n; j++) {
      h = BigInt.asUintN(64, h * 116049371n + u64(hashes[j]!));
      out.push(Number(h % BigInt(buckets)));
    }
  }
  return out;
}

describe('fastText hashing', () => {
  it('matches published FNV-1a test vectors for ASCII words', () => {
    expect(hashWord('')).toBe(0x811c9dc5);
    expect(hashWord('a')).toBe(0xe40c292c);
    expect(hashWord('foobar')).toBe(0xbf9cf968);
  });

  it('sign-extends UTF-8 bytes >= 0x80 like fastText, so it differs from plain FNV-1a', () => {
    // Plain FNV-1a("é") XORs 0xC3 then 0xA9; fastText XORs 0xFFFFFFC3 and 0xFFFFFFA9.
    let plain = 2166136261;
    for (const b of [0xc3, 0xa9]) plain = Number((BigInt((plain ^ b) >>> 0) * 16777619n) & 0xffffffffn);
    expect(hashWord('é')).toBe(refHash('é'));
    expect(hashWord('é')).not.toBe(plain);
    for (const w of ['naïve', '日本語', '😀ok', 'Straße']) expect(hashWord(w)).toBe(refHash(w));
  });

  it('computes word n-gram buckets with uint64 wrap-around and int32 sign extension', () => {
    const hashes = [hashWord('Fed'), 0x80000001, 0xffffffff, hashWord('rates'), 7, hashWord('</s>')];
    const out: number[] = [];
    pushWordNgrams(hashes, hashes.length, 3, 2_000_000, 0, out);
    expect(out).toEqual(refNgrams(hashes, 3, 2_000_000));
    expect(out).toHaveLength(9); // 5 bigrams + 4 trigrams
  });

  it('hashes char n-grams of <word> without the lone boundary markers', () => {
    const out: number[] = [];
    pushCharNgrams('ab', 1, 2, 1000, 5, out);
    expect(out).toEqual(['<a', 'a', 'ab', 'b', 'b>'].map((g) => 5 + (hashWord(g) % 1000)));
  });

  it('counts char n-gram length in code points, not UTF-16 units or bytes', () => {
    const out: number[] = [];
    pushCharNgrams('é😀', 3, 3, 1_000_003, 0, out);
    expect(out).toEqual(['<é😀', 'é😀>'].map((g) => hashWord(g) % 1_000_003));
  });
});
