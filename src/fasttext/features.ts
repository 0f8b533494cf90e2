import { hashWord, pushCharNgrams, pushWordNgrams } from './hash.js';
import { EOS, LABEL_PREFIX } from './tokenize.js';
import type { FeaturizerSettings } from './types.js';

/** The vocabulary part of a dictionary, as `textFeatures` needs it. */
export interface Vocab {
  index: Map<string, number>;
  /** hashWord(word) per word id, so in-vocabulary tokens are never re-hashed. */
  hashes: Uint32Array;
}

/**
 * fastText `Dictionary::getLine` for one text: pushes *global* feature ids into `out`
 * (word id < nwords, hashed feature = nwords + bucket) in fastText's order: per token its word id
 * and char n-grams, then all word n-grams. `</s>` ends every text and takes part in n-grams.
 * `hashScratch` is reused across calls to avoid an allocation per text.
 */
export function textFeatures(tokens: readonly string[], vocab: Vocab, s: FeaturizerSettings, out: number[], hashScratch: number[]): void {
  const nwords = vocab.hashes.length;
  const subwords = s.maxn > 0 && s.buckets > 0;
  out.length = 0;
  hashScratch.length = 0;
  for (let t = 0; t <= tokens.length; t++) {
    const token = t < tokens.length ? tokens[t]! : EOS;
    if (token.startsWith(LABEL_PREFIX)) continue; // fastText treats these as labels, never words
    const wid = vocab.index.get(token);
    if (wid !== undefined) {
      out.push(wid);
      hashScratch.push(vocab.hashes[wid]!);
    } else {
      hashScratch.push(hashWord(token)); // unknown words still feed the n-gram hashes
    }
    // fastText gives `</s>` no subwords; unknown words get subwords only (no word row).
    if (subwords && token !== EOS) pushCharNgrams(token, s.minn, s.maxn, s.buckets, nwords, out);
  }
  if (s.wordNgrams > 1 && s.buckets > 0) pushWordNgrams(hashScratch, hashScratch.length, s.wordNgrams, s.buckets, nwords, out);
}

/** Counts words (with one `</s>` per text) and keeps those seen >= minCount, most frequent first. */
export function buildVocab(tokenized: readonly (readonly string[])[], minCount: number): { words: string[]; vocab: Vocab } {
  const counts = new Map<string, number>();
  for (const tokens of tokenized) {
    for (const tok of tokens) {
      if (!tok.startsWith(LABEL_PREFIX)) counts.set(tok, (counts.get(tok) ?? 0) + 1);
    }
  }
  counts.set(EOS, (counts.get(EOS) ?? 0) + tokenized.length);
  // Stable sort: ties keep first-seen order, so ids are deterministic. (fastText's order differs
  // on ties, which does not matter: input rows start at zero, so rows are interchangeable.)
  const words = [...counts].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1]).map(([w]) => w);
  return { words, vocab: makeVocab(words) };
}

export function makeVocab(words: readonly string[]): Vocab {
  const index = new Map<string, number>();
  const hashes = new Uint32Array(words.length);
  words.forEach((w, i) => {
    index.set(w, i);
    hashes[i] = hashWord(w);
  });
  return { index, hashes };
}
