import { CHAR_SEED, FNV_OFFSET, FNV_PRIME, fnvString, WORD, WORD_SEED, type HashedText, type NaiveBayesFeatureSettings } from '../../src/naive-bayes/features.js';

/** hashTerms as it was before its character loop was rewritten over code arrays: the reference it must match. */
let buffer = new Int32Array(1024);

function push(id: number, n: number): number {
  if (n === buffer.length) {
    const bigger = new Int32Array(buffer.length * 2);
    bigger.set(buffer);
    buffer = bigger;
  }
  buffer[n] = id;
  return n + 1;
}

/**
 * Term counts of one text as two blocks (words, characters) of hashed ids. Each block is weighted
 * and normalized on its own downstream, as two scikit-learn vectorizers side by side would be.
 */
export function hashTermsReference(text: string, s: NaiveBayesFeatureSettings): HashedText {
  if (!(s.hashBits >= 1 && s.hashBits <= 30)) throw new RangeError(`hashBits must be 1..30, got ${s.hashBits}`);
  const size = 2 ** s.hashBits;
  const mask = size - 1;
  let n = 0;
  const lower = text.toLowerCase();
  const tokens = lower.match(WORD) ?? [];
  for (let len = 1; len <= s.wordNgrams; len++) {
    const start = fnvString(String(len), FNV_OFFSET ^ WORD_SEED);
    for (let i = 0; i + len <= tokens.length; i++) {
      let h = start;
      for (let k = i; k < i + len; k++) h = fnvString(tokens[k]!, Math.imul(h ^ 0x20, FNV_PRIME));
      n = push((h >>> 0) & mask, n);
    }
  }
  const [lo, hi] = s.charNgrams;
  if (lo > 0) {
    for (const w of lower.split(/\s+/u)) {
      if (!w) continue;
      const padded = ` ${w} `;
      for (let len = lo; len <= hi; len++) {
        // a word shorter than len gives itself once, as scikit-learn's char_wb does
        const last = Math.max(0, padded.length - len);
        for (let i = 0; i <= last; i++) {
          let h = Math.imul((FNV_OFFSET ^ CHAR_SEED) ^ len, FNV_PRIME);
          const end = Math.min(padded.length, i + len);
          for (let k = i; k < end; k++) h = Math.imul(h ^ padded.charCodeAt(k), FNV_PRIME);
          n = push(size + ((h >>> 0) & mask), n);
        }
      }
    }
  }
  const sorted = buffer.subarray(0, n).sort();
  const ids: number[] = [];
  const counts: number[] = [];
  let wordEnd = -1;
  for (let i = 0; i < n; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) {
      counts[counts.length - 1]! += 1;
      continue;
    }
    if (wordEnd < 0 && sorted[i]! >= size) wordEnd = ids.length;
    ids.push(sorted[i]!);
    counts.push(1);
  }
  const most = counts.reduce((a, b) => Math.max(a, b), 0);
  return { ids: Int32Array.from(ids), counts: most <= 0xffff ? Uint16Array.from(counts) : Float32Array.from(counts), wordEnd: wordEnd < 0 ? ids.length : wordEnd };
}
