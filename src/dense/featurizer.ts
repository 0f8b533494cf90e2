import { tokenize } from '../fasttext/tokenize.js';
import { CsrBuilder } from './csr-builder.js';
import { grownInt32 } from '../util/typed-arrays.js';
import type { CsrRows, FeatureMode, TermDictionary } from './types.js';

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
  /** column of each vocabulary term, built when a text is first featurized from its strings */
  private index: Map<string, number> | null = null;
  /** column + 1 of each dictionary id (0: not in the vocabulary), built on first use */
  private columnOfId: Int32Array | null = null;
  /** a row's values before scaling (float64, as the sums are) */
  private rowValues = new Float64Array(64);

  private constructor(
    readonly settings: FeaturizerSettings,
    readonly vocabulary: readonly string[],
    readonly idf: Float32Array | null,
    /** a run's shared term ids (term-cache.ts): the same vectors, each text tokenized once */
    private readonly dictionary: TermDictionary | null = null,
  ) {}

  get size(): number {
    return this.vocabulary.length;
  }

  /**
   * Keeps the maxFeatures terms found in most training texts (ties: alphabetical, so it is deterministic).
   * With a `dictionary` the texts' terms come from it as ids; the vocabulary is the same.
   */
  static fit(texts: readonly string[], settings: FeaturizerSettings, dictionary: TermDictionary | null = null): DenseFeaturizer {
    if (dictionary && (dictionary.settings.ngrams !== settings.ngrams || dictionary.settings.normalize !== settings.normalize)) {
      throw new Error(`a term dictionary of ngrams=${dictionary.settings.ngrams}, normalize=${dictionary.settings.normalize} does not fit ngrams=${settings.ngrams}, normalize=${settings.normalize}`);
    }
    const df = new Map<string, number>();
    let dfOfId: Int32Array = new Int32Array(0);
    let seenIn: Int32Array = new Int32Array(0); // text number + 1 that last counted each id
    texts.forEach((text, t) => {
      const ids = dictionary?.ids(text) ?? null;
      if (dictionary && dfOfId.length < dictionary.size) {
        dfOfId = grownInt32(dfOfId, dictionary.size);
        seenIn = grownInt32(seenIn, dictionary.size);
      }
      if (ids) {
        for (const id of ids) {
          if (seenIn[id] === t + 1) continue;
          seenIn[id] = t + 1;
          dfOfId[id] = dfOfId[id]! + 1;
        }
        return;
      }
      for (const term of new Set(terms(text, settings))) {
        const id = dictionary ? dictionary.idOf(term) : -1;
        if (id >= 0) dfOfId[id] = dfOfId[id]! + 1;
        else df.set(term, (df.get(term) ?? 0) + 1);
      }
    });
    if (dictionary && df.size === 0) return DenseFeaturizer.fromIdCounts(texts.length, settings, dictionary, dfOfId);
    dfOfId.forEach((n, id) => {
      if (n > 0) df.set(dictionary!.term(id), n);
    });
    const kept = [...df].filter(([, n]) => n >= settings.minDf).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, settings.maxFeatures);
    const idf = settings.mode === 'tfidf' ? Float32Array.from(kept, ([, n]) => Math.log((1 + texts.length) / (1 + n)) + 1) : null;
    return new DenseFeaturizer(settings, kept.map(([t]) => t), idf, dictionary);
  }

  /**
   * `fit`'s choice when every text came as ids: the same order (most texts first, then alphabetical) sorted
   * as numbers, (texts - count) x ids + alphabetical rank, where sorting the terms' strings was most of a fit.
   */
  private static fromIdCounts(nTexts: number, settings: FeaturizerSettings, dictionary: TermDictionary, dfOfId: Int32Array): DenseFeaturizer {
    const { rankOf, idOfRank } = dictionary.alphabetical();
    const size = rankOf.length;
    const keys: number[] = [];
    for (let id = 0; id < dfOfId.length; id++) {
      const n = dfOfId[id]!;
      if (n > 0 && n >= settings.minDf) keys.push((nTexts - n) * size + rankOf[id]!);
    }
    const sorted = Float64Array.from(keys).sort();
    const kept = Math.min(sorted.length, settings.maxFeatures);
    const vocabulary: string[] = [];
    const idf = settings.mode === 'tfidf' ? new Float32Array(kept) : null;
    for (let k = 0; k < kept; k++) {
      const id = idOfRank[sorted[k]! % size]!;
      vocabulary.push(dictionary.term(id));
      if (idf) idf[k] = Math.log((1 + nTexts) / (1 + dfOfId[id]!)) + 1;
    }
    return new DenseFeaturizer(settings, vocabulary, idf, dictionary);
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
    const idf = this.idf;
    const columns: number[] = [];
    for (let r = 0; r < texts.length; r++) {
      const ids = this.dictionary?.ids(texts[r]!) ?? null;
      columns.length = 0;
      if (ids) {
        const columnOf = this.columnsOfIds();
        for (const id of ids) {
          const col = id < columnOf.length ? columnOf[id]! - 1 : -1;
          if (col >= 0) columns.push(col);
        }
      } else {
        this.index ??= new Map(this.vocabulary.map((t, i) => [t, i]));
        for (const term of terms(texts[r]!, this.settings)) {
          const col = this.index.get(term);
          if (col !== undefined) columns.push(col);
        }
      }
      columns.sort((a, b) => a - b);
      // distinct columns ascending, each with its count: at most one entry per column found
      out.reserve(columns.length);
      if (this.rowValues.length < columns.length) this.rowValues = new Float64Array(Math.max(columns.length, 2 * this.rowValues.length));
      const scratchValues = this.rowValues;
      const start = out.size;
      let n = start;
      let norm = 0;
      for (let k = 0; k < columns.length; ) {
        const col = columns[k]!;
        let count = 0;
        while (k < columns.length && columns[k] === col) {
          count++;
          k++;
        }
        const v = idf ? count * idf[col]! : 1;
        norm += v * v;
        out.ids[n] = col;
        scratchValues[n - start] = v;
        n++;
      }
      if (idf) {
        norm = Math.sqrt(norm);
        for (let k = start; k < n; k++) out.values[k] = norm > 0 ? scratchValues[k - start]! / norm : scratchValues[k - start]!;
      } else {
        for (let k = start; k < n; k++) out.values[k] = 1;
      }
      out.endRow(n);
    }
    return out.rows();
  }

  /** column + 1 of each dictionary id; vocabulary terms all had their ids when fit counted them, and keep them. */
  private columnsOfIds(): Int32Array {
    if (this.columnOfId) return this.columnOfId;
    const dictionary = this.dictionary!;
    const columnOf = new Int32Array(dictionary.size);
    this.vocabulary.forEach((term, col) => {
      const id = dictionary.idOf(term);
      if (id >= 0 && id < columnOf.length) columnOf[id] = col + 1;
    });
    this.columnOfId = columnOf;
    return columnOf;
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
