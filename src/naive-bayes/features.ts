/**
 * The naive Bayes model's input: word unigrams and bigrams plus character 2..5-grams inside
 * space-padded words (scikit-learn's `char_wb` analyzer), each hashed (32-bit FNV-1a) into an id range of
 * its own. Hashing, not a vocabulary of strings: the character n-grams of a long review number in the
 * hundreds of thousands, and building each as a string costs more than the whole training. Pure: no I/O.
 */
export interface NaiveBayesFeatureSettings {
  /** Longest word n-gram. */
  wordNgrams: number;
  /** Character n-gram lengths inside each space-padded, lowercased word; [0, 0] for none. */
  charNgrams: [number, number];
  /** log2 of each kind's hash space; character ids follow the word ids. */
  hashBits: number;
}

/** Words as scikit-learn's default token pattern finds them: two or more letters, digits or underscores. */
export const WORD = /[\p{L}\p{N}_]{2,}/gu;

/** 32-bit FNV-1a, and the seeds that keep word and character ids apart: saved models' ids depend on them. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
export const WORD_SEED = 0x9e3779b9;
export const CHAR_SEED = 0x85ebca6b;

export function fnvString(s: string, h: number): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * One text's terms: ascending hashed ids with their counts; word ids come first, from `wordEnd` on
 * characters. Counts are 16-bit where they fit (all but pathological texts), which keeps a run's
 * cache of hashed texts (term-cache.ts) a quarter smaller.
 */
export interface HashedText {
  ids: Int32Array;
  counts: Uint16Array | Float32Array;
  wordEnd: number;
}

/** Scratch, reused from text to text: the hashed ids of one text; a padded word's char codes; the distinct ids and their counts. */
let buffer = new Int32Array(1024);
let codes = new Int32Array(64);
let distinct = new Int32Array(1024);
let tally = new Int32Array(1024);

let spare = new Int32Array(1024);
const digitStarts = new Int32Array(256);

/**
 * The first n values of a (non-negative, below 2^bits) in ascending order: a least-significant-digit radix
 * sort, 8 bits a pass, between `a` and a spare array; returns the one holding the result. The same order as
 * any sort, in about three quarters of TypedArray.prototype.sort's time for the few hundred ids of a tweet.
 */
function sortIds(a: Int32Array, n: number, bits: number): Int32Array {
  if (n < 64) return a.subarray(0, n).sort();
  if (spare.length < n) spare = new Int32Array(a.length);
  let from: Int32Array = a;
  let to: Int32Array = spare;
  for (let shift = 0; shift < bits; shift += 8) {
    digitStarts.fill(0);
    for (let i = 0; i < n; i++) {
      const d = (from[i]! >>> shift) & 255;
      digitStarts[d] = digitStarts[d]! + 1;
    }
    let sum = 0;
    for (let d = 0; d < 256; d++) {
      const c = digitStarts[d]!;
      digitStarts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const v = from[i]!;
      const d = (v >>> shift) & 255;
      to[digitStarts[d]!] = v;
      digitStarts[d] = digitStarts[d]! + 1;
    }
    [from, to] = [to, from];
  }
  return from;
}

/** `buffer` with room for `more` ids after the first `n`. */
function reserve(n: number, more: number): void {
  if (n + more <= buffer.length) return;
  const bigger = new Int32Array(Math.max(2 * buffer.length, n + more));
  bigger.set(buffer.subarray(0, n));
  buffer = bigger;
}

/**
 * Term counts of one text as two blocks (words, characters) of hashed ids. Each block is weighted
 * and normalized on its own downstream, as two scikit-learn vectorizers side by side would be.
 */
export function hashTerms(text: string, s: NaiveBayesFeatureSettings): HashedText {
  if (!(s.hashBits >= 1 && s.hashBits <= 30)) throw new RangeError(`hashBits must be 1..30, got ${s.hashBits}`);
  const size = 2 ** s.hashBits;
  const mask = size - 1;
  let n = 0;
  const lower = text.toLowerCase();
  const tokens = lower.match(WORD) ?? [];
  for (let len = 1; len <= s.wordNgrams; len++) {
    const start = fnvString(String(len), FNV_OFFSET ^ WORD_SEED);
    reserve(n, tokens.length);
    for (let i = 0; i + len <= tokens.length; i++) {
      let h = start;
      for (let k = i; k < i + len; k++) h = fnvString(tokens[k]!, Math.imul(h ^ 0x20, FNV_PRIME));
      buffer[n++] = (h >>> 0) & mask;
    }
  }
  const [lo, hi] = s.charNgrams;
  if (lo > 0) {
    for (const w of lower.split(/\s+/u)) {
      if (!w) continue;
      // the word padded with a space on each side, as char codes
      const padded = w.length + 2;
      if (codes.length < padded) codes = new Int32Array(2 * padded);
      codes[0] = 0x20;
      for (let k = 0; k < w.length; k++) codes[k + 1] = w.charCodeAt(k);
      codes[padded - 1] = 0x20;
      reserve(n, (hi - lo + 1) * padded);
      for (let len = lo; len <= hi; len++) {
        const seed = Math.imul((FNV_OFFSET ^ CHAR_SEED) ^ len, FNV_PRIME);
        // a word shorter than len gives itself once, as scikit-learn's char_wb does
        const last = Math.max(0, padded - len);
        for (let i = 0; i <= last; i++) {
          let h = seed;
          const end = Math.min(padded, i + len);
          for (let k = i; k < end; k++) h = Math.imul(h ^ codes[k]!, FNV_PRIME);
          buffer[n++] = size + ((h >>> 0) & mask);
        }
      }
    }
  }
  const sorted = sortIds(buffer, n, s.hashBits + 1); // ids are below 2 * size
  if (distinct.length < n) {
    distinct = new Int32Array(buffer.length);
    tally = new Int32Array(buffer.length);
  }
  let m = 0;
  let most = n > 0 ? 1 : 0;
  let wordEnd = -1;
  for (let i = 0; i < n; i++) {
    const id = sorted[i]!;
    if (i > 0 && id === sorted[i - 1]) {
      const c = (tally[m - 1] = tally[m - 1]! + 1);
      if (c > most) most = c;
      continue;
    }
    if (wordEnd < 0 && id >= size) wordEnd = m;
    distinct[m] = id;
    tally[m++] = 1;
  }
  const counts = tally.subarray(0, m);
  return { ids: distinct.slice(0, m), counts: most <= 0xffff ? Uint16Array.from(counts) : Float32Array.from(counts), wordEnd: wordEnd < 0 ? m : wordEnd };
}
