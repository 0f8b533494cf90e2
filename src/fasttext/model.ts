import type { Dictionary } from './dictionary.js';
import type { EncodedTexts } from './types.js';

/**
 * A trained classifier: hidden = mean of input rows of a text's features, probabilities =
 * softmax(wOut · hidden). Prediction needs no TF.js.
 */
export class FastTextModel {
  constructor(
    readonly dictionary: Dictionary,
    readonly numLabels: number,
    readonly dim: number,
    /** dictionary.size x dim, row-major. */
    readonly wIn: Float32Array,
    /** numLabels x dim, row-major. */
    readonly wOut: Float32Array,
  ) {
    if (wIn.length !== dictionary.size * dim) throw new Error(`input matrix has ${wIn.length} floats, expected ${dictionary.size} x ${dim}`);
    if (wOut.length !== numLabels * dim) throw new Error(`output matrix has ${wOut.length} floats, expected ${numLabels} x ${dim}`);
  }

  /** Row-major n x numLabels; each row sums to 1. */
  predictProba(texts: readonly string[]): Float32Array {
    return this.predictProbaEncoded(this.dictionary.encode(texts));
  }

  predictProbaEncoded(enc: EncodedTexts): Float32Array {
    const { dim, numLabels, wOut } = this;
    const n = enc.ntokens.length;
    const probs = new Float32Array(n * numLabels);
    const hidden = new Float64Array(dim);
    const logits = new Float64Array(numLabels);
    for (let r = 0; r < n; r++) {
      this.hiddenInto(enc, r, hidden);
      let max = -Infinity;
      for (let i = 0; i < numLabels; i++) {
        let dot = 0;
        const ob = i * dim;
        for (let j = 0; j < dim; j++) dot += wOut[ob + j]! * hidden[j]!;
        logits[i] = dot;
        if (dot > max) max = dot;
      }
      let z = 0;
      for (let i = 0; i < numLabels; i++) z += logits[i] = Math.exp(logits[i]! - max);
      const o = r * numLabels;
      for (let i = 0; i < numLabels; i++) probs[o + i] = logits[i]! / z;
    }
    return probs;
  }

  /** n x dim hidden vectors (the text embeddings the classifier sees), e.g. for diversity sampling. */
  textVectors(texts: readonly string[]): Float32Array {
    const enc = this.dictionary.encode(texts);
    const n = enc.ntokens.length;
    const out = new Float32Array(n * this.dim);
    const hidden = new Float64Array(this.dim);
    for (let r = 0; r < n; r++) {
      this.hiddenInto(enc, r, hidden);
      out.set(hidden, r * this.dim);
    }
    return out;
  }

  /** Mean of the text's input rows; unseen features count in the denominator as zero rows. */
  private hiddenInto(enc: EncodedTexts, r: number, hidden: Float64Array): void {
    const { dim, wIn } = this;
    hidden.fill(0);
    const s = enc.offsets[r]!;
    const e = enc.offsets[r + 1]!;
    for (let p = s; p < e; p++) {
      const base = enc.ids[p]! * dim;
      for (let j = 0; j < dim; j++) hidden[j] = hidden[j]! + wIn[base + j]!;
    }
    const denom = enc.ntokens[r]!;
    if (denom > 0) for (let j = 0; j < dim; j++) hidden[j] = hidden[j]! / denom;
  }
}
