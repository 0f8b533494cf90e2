import { MAX_ASCII_NGRAMS, TermHashKernel, type HashedText } from './hash-kernels.js';

export type { HashedText };

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

/** The WebAssembly side of hashing (character n-grams, sorting, counting), one instance reused from text to text. */
const kernel = new TermHashKernel();

/**
 * Term counts of one text as two blocks (words, characters) of hashed ids. Each block is weighted
 * and normalized on its own downstream, as two scikit-learn vectorizers side by side would be.
 */
export function hashTerms(text: string, s: NaiveBayesFeatureSettings): HashedText {
  return hashText(text, s, true);
}

/**
 * hashTerms' ids and counts as views of the hashing kernel's memory, valid only until the next hashing in
 * this thread: for a caller that reads them at once and keeps nothing (a million-row round hashes millions
 * of texts it cannot keep, and allocating each one's arrays made work for the garbage collector).
 */
export function hashTermsTransient(text: string, s: NaiveBayesFeatureSettings): HashedText {
  return hashText(text, s, false);
}

function hashText(text: string, s: NaiveBayesFeatureSettings, copy: boolean): HashedText {
  if (!(s.hashBits >= 1 && s.hashBits <= 30)) throw new RangeError(`hashBits must be 1..30, got ${s.hashBits}`);
  const mask = 2 ** s.hashBits - 1;
  const lower = text.toLowerCase();
  const [lo, hi] = s.charNgrams;
  // a word of w units gives at most w + 2 n-grams of each length, and words and their gaps fit in the text
  const chars = lo > 0 ? Math.max(0, hi - lo + 1) * (2 * lower.length + 1) : 0;
  if (s.wordNgrams <= MAX_ASCII_NGRAMS && NOT_ASCII.test(lower) === false) {
    // words of two or more units are at most half the text, plus one
    kernel.prepare(lower, Math.max(0, s.wordNgrams) * (Math.floor(lower.length / 2) + 1), chars);
    const n = kernel.asciiWords(lower.length, wordStarts(s.wordNgrams), s.hashBits);
    return kernel.finish(lower.length, n, lo, hi, s.hashBits, copy);
  }
  const tokens = lower.match(WORD) ?? [];
  let words = 0;
  for (let len = 1; len <= s.wordNgrams; len++) words += Math.max(0, tokens.length - len + 1);
  const { view, at } = kernel.prepare(lower, words, chars);
  let n = at;
  const starts = wordStarts(s.wordNgrams);
  for (let len = 1; len <= s.wordNgrams; len++) {
    const start = starts[len - 1]!;
    for (let i = 0; i + len <= tokens.length; i++) {
      let h = start;
      for (let k = i; k < i + len; k++) h = fnvString(tokens[k]!, Math.imul(h ^ 0x20, FNV_PRIME));
      view[n++] = (h >>> 0) & mask;
    }
  }
  return kernel.finish(lower.length, n - at, lo, hi, s.hashBits, copy);
}

/** Any unit outside ASCII: such texts find their words with WORD in JavaScript. */
const NOT_ASCII = /[^\x00-\x7f]/;

/** The hash seed of each word n-gram length 1..n (FNV-1a of its digits), computed once per n. */
const startsByLength = new Map<number, Int32Array>();
function wordStarts(n: number): Int32Array {
  let starts = startsByLength.get(n);
  if (!starts) {
    starts = Int32Array.from({ length: Math.max(0, n) }, (_, i) => fnvString(String(i + 1), FNV_OFFSET ^ WORD_SEED));
    startsByLength.set(n, starts);
  }
  return starts;
}
