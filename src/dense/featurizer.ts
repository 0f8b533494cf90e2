import { tokenize } from '../fasttext/tokenize.js';
import { CsrBuilder } from './csr-builder.js';
import type { CsrRows, FeatureMode } from './types.js';

export const FEATURIZER_FORMAT_VERSION = 1;

export interface FeaturizerSettings {
  mode: FeatureMode;
  maxFeatures: number;
  ngrams: number;
  minDf: number;
  normalize: boolean;
}

/** Everything transform() needs, saved in metadata.json so any runtime can rebuild the input vector. */
export interface DenseFeaturizerJSON {
  formatVersion: number;
  type: 'bag-of-words';
  settings: FeaturizerSettings;
  /** Input column i is vocabulary[i]; n-grams are words joined by one space. */
  vocabulary: string[];
  /** tfidf only: idf[i] = ln((1 + nDocs) / (1 + df[i])) + 1 (scikit-learn's smooth idf). */
  idf: number[] | null;
}

/**
 * Bag of words over a capped vocabulary, as Keras' TextVectorization(multi_hot | tf_idf) or
 * scikit-learn's TfidfVectorizer build it. `tfidf`: count x idf, then each row scaled to unit L2
 * norm (scikit-learn's default; keeps the first layer's inputs on one scale whatever the text
 * length). `binary`: 1 for each term present. Pure: no I/O.
 */
export class DenseFeaturizer {
  private readonly index: Map<string, number>;

  private constructor(
    readonly settings: FeaturizerSettings,
    readonly vocabulary: readonly string[],
    readonly idf: Float32Array | null,
  ) {
    this.index = new Map(vocabulary.map((t, i) => [t, i]));
  }

  get size(): number {
    return this.vocabulary.length;
  }

  /** Keeps the maxFeatures terms found in most training texts (ties: alphabetical, so it is deterministic). */
  static fit(texts: readonly string[], settings: FeaturizerSettings): DenseFeaturizer {
    const df = new Map<string, number>();
    for (const text of texts) for (const term of new Set(terms(text, settings))) df.set(term, (df.get(term) ?? 0) + 1);
    const kept = [...df].filter(([, n]) => n >= settings.minDf).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, settings.maxFeatures);
    const idf = settings.mode === 'tfidf' ? Float32Array.from(kept, ([, n]) => Math.log((1 + texts.length) / (1 + n)) + 1) : null;
    return new DenseFeaturizer(settings, kept.map(([t]) => t), idf);
  }

  static fromJSON(json: DenseFeaturizerJSON): DenseFeaturizer {
    if (json.formatVersion !== FEATURIZER_FORMAT_VERSION) throw new Error(`featurizer format ${json.formatVersion} is not ${FEATURIZER_FORMAT_VERSION}`);
    if (json.settings.mode === 'tfidf' && json.idf?.length !== json.vocabulary.length) throw new Error('tfidf featurizer needs one idf per vocabulary term');
    return new DenseFeaturizer(json.settings, json.vocabulary, json.idf ? Float32Array.from(json.idf) : null);
  }

  toJSON(): DenseFeaturizerJSON {
    return { formatVersion: FEATURIZER_FORMAT_VERSION, type: 'bag-of-words', settings: this.settings, vocabulary: [...this.vocabulary], idf: this.idf ? Array.from(this.idf) : null };
  }

  /** Sparse input rows; out-of-vocabulary terms are dropped, ids ascend within a row. */
  transform(texts: readonly string[]): CsrRows {
    const out = new CsrBuilder(texts.length);
    for (let r = 0; r < texts.length; r++) {
      const counts = new Map<number, number>();
      for (const term of terms(texts[r]!, this.settings)) {
        const id = this.index.get(term);
        if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      const row = [...counts].sort((a, b) => a[0] - b[0]);
      const idf = this.idf;
      const vals = row.map(([id, c]) => (idf ? c * idf[id]! : 1));
      if (idf) {
        const norm = Math.sqrt(vals.reduce((s, v) => s + v * v, 0));
        if (norm > 0) for (let k = 0; k < vals.length; k++) vals[k] = vals[k]! / norm;
      }
      out.reserve(row.length);
      let n = out.size;
      for (let k = 0; k < row.length; k++) {
        out.ids[n] = row[k]![0];
        out.values[n++] = vals[k]!;
      }
      out.endRow(n);
    }
    return out.rows();
  }

  /** Dense [texts x size] matrix of the same vectors, for TF.js (which takes no sparse input). */
  transformDense(texts: readonly string[]): Float32Array {
    return csrToDense(this.transform(texts), this.size);
  }
}

/** Word n-grams 1..ngrams of one text, in order (repeats kept: they are term counts). */
export function terms(text: string, settings: Pick<FeaturizerSettings, 'ngrams' | 'normalize'>): string[] {
  const words = tokenize(text, { normalize: settings.normalize });
  const out = [...words];
  for (let n = 2; n <= settings.ngrams; n++) for (let i = 0; i + n <= words.length; i++) out.push(words.slice(i, i + n).join(' '));
  return out;
}

/** Rows [start, end) of a CSR matrix as a dense row-major block. */
export function csrToDense(csr: CsrRows, width: number, start = 0, end = csr.offsets.length - 1): Float32Array {
  const out = new Float32Array((end - start) * width);
  for (let r = start; r < end; r++) {
    for (let p = csr.offsets[r]!; p < csr.offsets[r + 1]!; p++) {
      const k = (r - start) * width + csr.ids[p]!;
      out[k] = out[k]! + csr.values[p]!; // add: fastText bags repeat ids
    }
  }
  return out;
}
