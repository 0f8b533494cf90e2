import type { CsrRows } from '../dense/types.js';
import { CsrBuilder } from '../dense/csr-builder.js';
import { transformInChunks } from '../dense/chunked-rows.js';
import { softmaxInto } from '../util/softmax.js';
import { hashTermsTransient, type HashedText, type NaiveBayesFeatureSettings } from './features.js';
import { KernelScorer, logitsPlain } from './score-kernel.js';
import { MAX_WASM_TABLE_BYTES } from '../util/wasm-instances.js';

/** Where a featurizer gets a text's hashed terms: computed afresh, or from a run's TermCache; read at once, as they may be valid only until the next call. */
export type TermSource = (text: string) => HashedText;

/**
 * Sublinear tf-idf vectors of the hashed terms that training saw (others are dropped, as a fitted
 * scikit-learn vocabulary drops them): each term weighs (1 + ln count) x idf, and the word block and
 * the character block are each scaled to unit L2 norm.
 */
export class NaiveBayesFeaturizer {
  /** column + 1 of each hashed id, 0 where training never saw it: a flat table, since Map lookups dominated */
  private readonly column: Int32Array;

  constructor(
    readonly settings: NaiveBayesFeatureSettings,
    /** hashed term of input column i, ascending */
    readonly terms: Int32Array,
    /** idf[i] = ln((1 + nDocs) / (1 + df[i])) + 1 (scikit-learn's smooth idf) */
    readonly idf: Float32Array,
    private readonly termsOf: TermSource = (text) => hashTermsTransient(text, settings),
  ) {
    if (terms.length !== idf.length) throw new Error(`${terms.length} terms but ${idf.length} idf values`);
    this.column = new Int32Array(2 * 2 ** settings.hashBits);
    terms.forEach((t, i) => {
      if (!(t >= 0 && t < this.column.length)) throw new Error(`hashed term ${t} is outside the ${settings.hashBits}-bit hash space`);
      this.column[t] = i + 1;
    });
  }

  get size(): number {
    return this.terms.length;
  }

  static fit(texts: readonly string[], settings: NaiveBayesFeatureSettings, termsOf: TermSource = (text) => hashTermsTransient(text, settings)): NaiveBayesFeaturizer {
    const df = new Int32Array(2 * 2 ** settings.hashBits);
    for (const text of texts) for (const id of termsOf(text).ids) df[id] = df[id]! + 1;
    const terms: number[] = [];
    for (let id = 0; id < df.length; id++) if (df[id]! > 0) terms.push(id);
    const idf = Float32Array.from(terms, (t) => Math.log((1 + texts.length) / (1 + df[t]!)) + 1);
    return new NaiveBayesFeaturizer(settings, Int32Array.from(terms), idf, termsOf);
  }

  /** Sparse rows; ids ascend within a row. Words and character n-grams are each scaled to unit length. */
  transform(texts: readonly string[]): CsrRows {
    const out = new CsrBuilder(texts.length);
    for (let r = 0; r < texts.length; r++) {
      const t = this.termsOf(texts[r]!);
      out.reserve(t.ids.length);
      const n = this.unitBlock(t, 0, t.wordEnd, out.ids, out.values, out.size);
      out.endRow(this.unitBlock(t, t.wordEnd, t.ids.length, out.ids, out.values, n));
    }
    return out.rows();
  }

  /** Writes the known terms of t.ids[from..to) from ids[n] / values[n] on, as tf-idf scaled to unit length; returns the next n. */
  private unitBlock(t: HashedText, from: number, to: number, ids: Int32Array, values: Float32Array, n: number): number {
    const { column, idf } = this;
    const start = n;
    let norm = 0;
    for (let k = from; k < to; k++) {
      const col = column[t.ids[k]!]! - 1;
      if (col < 0) continue;
      const v = logTf(t.counts[k]!) * idf[col]!;
      ids[n] = col;
      values[n++] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = start; k < n; k++) values[k] = values[k]! / norm;
    return n;
  }
}

/** 1 + ln(count) for the counts 0..65535 (a text's counts are 16-bit), computed once. */
let logTfTable: Float64Array | null = null;

/** 1 + ln(count): sublinear term frequency (the same value as computing it, looked up for whole counts). */
function logTf(count: number): number {
  if (count < 65536 && count === Math.floor(count)) {
    if (!logTfTable) {
      logTfTable = new Float64Array(65536);
      for (let c = 0; c < 65536; c++) logTfTable[c] = 1 + Math.log(c);
    }
    return logTfTable[count]!;
  }
  return 1 + Math.log(count);
}

/**
 * A trained complement naive Bayes model: a linear layer without bias and a softmax over the
 * featurizer's vectors, so TF.js runs it as `Dense(labels, softmax, useBias=false)`. Its kernel lives in
 * WebAssembly memory, where it is scored (score-kernel.ts), unless it is too large for that.
 */
export class NaiveBayesModel {
  private readonly scorer: KernelScorer | null;
  /** the kernel, kept only where `scorer` is null */
  private readonly plainKernel: Float32Array | null;

  constructor(
    readonly featurizer: NaiveBayesFeaturizer,
    readonly numLabels: number,
    /** numFeatures x numLabels, row-major (TF.js kernel layout) */
    kernel: Float32Array,
    /** a larger kernel is scored in JavaScript (tests give 0 to run that path) */
    maxScorerBytes = MAX_WASM_TABLE_BYTES,
  ) {
    if (kernel.length !== featurizer.size * numLabels) throw new Error(`naive Bayes kernel holds ${kernel.length} weights, expected ${featurizer.size} x ${numLabels}`);
    const fits = kernel.byteLength <= maxScorerBytes;
    this.scorer = fits ? new KernelScorer(kernel, numLabels) : null;
    this.plainKernel = fits ? null : kernel;
  }

  /** numFeatures x numLabels, row-major (TF.js kernel layout): read it at once, it may be a view that scoring moves. */
  get kernel(): Float32Array {
    return this.scorer ? this.scorer.kernel : (this.plainKernel as Float32Array);
  }

  predictProba(texts: readonly string[]): Float32Array {
    const out = new Float32Array(texts.length * this.numLabels);
    transformInChunks(this.featurizer, texts, (rows, from) => out.set(this.predictProbaCsr(rows), from * this.numLabels));
    return out;
  }

  predictProbaCsr(rows: CsrRows): Float32Array {
    const k = this.numLabels;
    const n = rows.offsets.length - 1;
    const logits = this.scorer ? this.scorer.logits(rows) : logitsPlain(this.plainKernel as Float32Array, k, rows);
    const out = new Float32Array(n * k);
    const z = new Float64Array(k);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < k; c++) z[c] = logits[r * k + c]!;
      softmaxInto(z, out, r * k);
    }
    return out;
  }
}
