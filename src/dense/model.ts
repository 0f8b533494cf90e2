import type { DenseFeaturizer } from './featurizer.js';
import type { CsrRows } from './types.js';
import { softmaxInto } from '../util/softmax.js';
import { transformInChunks } from './chunked-rows.js';

/** The weights of Dense(hidden, relu) -> Dropout -> Dense(numLabels, softmax), in TF.js kernel layout. */
export interface DenseWeights {
  /** numFeatures x hidden, row-major (= hidden/kernel). */
  w1: Float32Array;
  b1: Float32Array;
  /** hidden x numLabels, row-major (= output/kernel). */
  w2: Float32Array;
  b2: Float32Array;
}

/**
 * A trained dense model. Prediction runs over sparse rows: the first layer touches only the rows of
 * w1 a text's terms select, so no TF.js and no 20,000-wide dense input is needed.
 */
export class DenseModel {
  constructor(
    readonly featurizer: DenseFeaturizer,
    readonly numLabels: number,
    readonly hidden: number,
    readonly weights: DenseWeights,
  ) {
    const f = featurizer.size;
    const { w1, b1, w2, b2 } = weights;
    if (w1.length !== f * hidden || b1.length !== hidden || w2.length !== hidden * numLabels || b2.length !== numLabels) {
      throw new Error(`dense weights do not fit ${f} features x ${hidden} hidden x ${numLabels} labels`);
    }
  }

  /** Row-major n x numLabels; each row sums to 1. Featurized a chunk at a time (`transformInChunks`). */
  predictProba(texts: readonly string[]): Float32Array {
    const out = new Float32Array(texts.length * this.numLabels);
    transformInChunks(this.featurizer, texts, (rows, from) => out.set(this.predictProbaCsr(rows), from * this.numLabels));
    return out;
  }

  /** n x hidden ReLU activations: the texts as the output layer sees them (e.g. for diversity sampling). */
  textVectors(texts: readonly string[]): Float32Array {
    const out = new Float32Array(texts.length * this.hidden);
    const h = new Float64Array(this.hidden);
    transformInChunks(this.featurizer, texts, (rows, from) => {
      for (let r = 0; r < rows.offsets.length - 1; r++) {
        hiddenInto(this.weights, this.hidden, rows, r, h);
        for (let j = 0; j < this.hidden; j++) out[(from + r) * this.hidden + j] = Math.max(0, h[j]!);
      }
    });
    return out;
  }

  predictProbaCsr(rows: CsrRows): Float32Array {
    const n = rows.offsets.length - 1;
    const probs = new Float32Array(n * this.numLabels);
    const h = new Float64Array(this.hidden);
    const logits = new Float64Array(this.numLabels);
    for (let r = 0; r < n; r++) {
      hiddenInto(this.weights, this.hidden, rows, r, h);
      for (let j = 0; j < this.hidden; j++) if (h[j]! < 0) h[j] = 0;
      outputInto(this.weights, this.hidden, this.numLabels, h, logits);
      softmaxInPlace(logits);
      probs.set(logits, r * this.numLabels);
    }
    return probs;
  }
}

/** Pre-activation of the hidden layer: b1 + sum over the row's terms of value x w1[term]. */
export function hiddenInto(w: DenseWeights, hidden: number, rows: CsrRows, r: number, out: Float64Array): void {
  for (let j = 0; j < hidden; j++) out[j] = w.b1[j]!;
  for (let p = rows.offsets[r]!; p < rows.offsets[r + 1]!; p++) {
    const base = rows.ids[p]! * hidden;
    const v = rows.values[p]!;
    for (let j = 0; j < hidden; j++) out[j] = out[j]! + v * w.w1[base + j]!;
  }
}

/** logits = b2 + h . w2 */
export function outputInto(w: DenseWeights, hidden: number, numLabels: number, h: Float64Array, out: Float64Array): void {
  for (let c = 0; c < numLabels; c++) out[c] = w.b2[c]!;
  for (let j = 0; j < hidden; j++) {
    const hj = h[j]!;
    if (hj === 0) continue;
    const base = j * numLabels;
    for (let c = 0; c < numLabels; c++) out[c] = out[c]! + hj * w.w2[base + c]!;
  }
}

export function softmaxInPlace(x: Float64Array): void {
  softmaxInto(x, x, 0);
}
