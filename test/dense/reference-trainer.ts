import { Prng } from '../../src/fasttext/prng.js';
import { Adam } from '../../src/dense/adam.js';
import { DenseFeaturizer } from '../../src/dense/featurizer.js';
import { hiddenInto, outputInto, softmaxInPlace, type DenseWeights } from '../../src/dense/model.js';
import { initWeights } from '../../src/dense/train.js';
import type { CsrRows, DenseParams } from '../../src/dense/types.js';

/**
 * The dense model's trainer in plain JavaScript loops, as it was before its passes moved to
 * WebAssembly (src/dense/dense-kernels.ts): the reference the kernels must match bit for bit, weights
 * and reported losses alike.
 */
export function trainDenseReference(texts: readonly string[], labels: Int32Array, numLabels: number, params: DenseParams, onEpoch?: (epoch: number, loss: number) => void): DenseWeights {
  const featurizer = DenseFeaturizer.fit(texts, { mode: params.features, maxFeatures: params.maxFeatures, ngrams: params.ngrams, minDf: params.minDf, normalize: params.normalize });
  const rows = featurizer.transform(texts);
  const rng = new Prng(params.seed);
  const weights = initWeights(featurizer.size, params.hiddenUnits, numLabels, rng);
  const trainer = new BatchTrainer(weights, featurizer.size, params.hiddenUnits, numLabels, params, rng);
  const order = Int32Array.from(labels.keys());
  for (let epoch = 1; epoch <= params.epochs; epoch++) {
    rng.shuffle(order);
    let loss = 0;
    for (let s = 0; s < order.length; s += params.batchSize) loss += trainer.batch(rows, labels, order.subarray(s, Math.min(order.length, s + params.batchSize)));
    onEpoch?.(epoch, loss / Math.max(1, order.length));
  }
  return weights;
}

/** One optimizer step per batch; scratch buffers are reused across batches. */
class BatchTrainer {
  private readonly opt: { w1: Adam; b1: Adam; w2: Adam; b2: Adam };
  private readonly gB1: Float64Array;
  private readonly gW2: Float64Array;
  private readonly gB2: Float64Array;
  /** Touched kernel rows: slot of each feature row (-1 = untouched) and the gradient rows by slot. */
  private readonly slotOf: Int32Array;
  private touched: number[] = [];
  private gW1: Float64Array;
  private readonly pre: Float64Array;
  private readonly h: Float64Array;
  private readonly mask: Float64Array;
  private readonly p: Float64Array;
  private readonly dh: Float64Array;

  constructor(
    private readonly w: DenseWeights,
    features: number,
    private readonly hidden: number,
    private readonly numLabels: number,
    private readonly params: DenseParams,
    private readonly rng: Prng,
  ) {
    const lr = params.learningRate;
    this.opt = { w1: new Adam(w.w1.length, lr), b1: new Adam(hidden, lr), w2: new Adam(w.w2.length, lr), b2: new Adam(numLabels, lr) };
    this.gB1 = new Float64Array(hidden);
    this.gW2 = new Float64Array(hidden * numLabels);
    this.gB2 = new Float64Array(numLabels);
    this.slotOf = new Int32Array(features).fill(-1);
    this.gW1 = new Float64Array(256 * hidden);
    this.pre = new Float64Array(hidden);
    this.h = new Float64Array(hidden);
    this.mask = new Float64Array(hidden);
    this.p = new Float64Array(numLabels);
    this.dh = new Float64Array(hidden);
  }

  /** Forward, backward and Adam step for one batch; returns the batch's summed cross-entropy. */
  batch(rows: CsrRows, labels: Int32Array, batch: Int32Array): number {
    const { w, hidden: H, numLabels: C, pre, h, mask, p, dh } = this;
    const keep = 1 - this.params.dropout;
    const scale = 1 / batch.length; // gradient of the batch-mean loss
    this.gB1.fill(0);
    this.gW2.fill(0);
    this.gB2.fill(0);
    let loss = 0;
    for (const r of batch) {
      hiddenInto(w, H, rows, r, pre);
      for (let j = 0; j < H; j++) {
        mask[j] = keep >= 1 ? 1 : this.rng.next() < keep ? 1 / keep : 0; // inverted dropout
        h[j] = pre[j]! > 0 ? pre[j]! * mask[j]! : 0;
      }
      outputInto(w, H, C, h, p);
      softmaxInPlace(p);
      const y = labels[r]!;
      loss -= Math.log(Math.max(p[y]!, 1e-12));
      p[y] = p[y]! - 1; // p is now dLoss/dlogits
      dh.fill(0);
      for (let j = 0; j < H; j++) {
        const base = j * C;
        let acc = 0;
        for (let c = 0; c < C; c++) {
          const d = p[c]! * scale;
          acc += w.w2[base + c]! * d;
          this.gW2[base + c] = this.gW2[base + c]! + h[j]! * d;
        }
        dh[j] = pre[j]! > 0 ? acc * mask[j]! : 0;
        this.gB1[j] = this.gB1[j]! + dh[j]!;
      }
      for (let c = 0; c < C; c++) this.gB2[c] = this.gB2[c]! + p[c]! * scale;
      for (let q = rows.offsets[r]!; q < rows.offsets[r + 1]!; q++) {
        const o = this.slot(rows.ids[q]!) * H;
        const v = rows.values[q]!;
        for (let j = 0; j < H; j++) this.gW1[o + j] = this.gW1[o + j]! + v * dh[j]!;
      }
    }
    this.apply();
    return loss;
  }

  private slot(row: number): number {
    let s = this.slotOf[row]!;
    if (s < 0) {
      s = this.slotOf[row] = this.touched.length;
      this.touched.push(row);
      if ((s + 1) * this.hidden > this.gW1.length) {
        const grown = new Float64Array(this.gW1.length * 2);
        grown.set(this.gW1);
        this.gW1 = grown;
      }
    }
    return s;
  }

  private apply(): void {
    const { opt, w, hidden: H } = this;
    for (const o of Object.values(opt)) o.tick();
    opt.b1.step(w.b1, 0, this.gB1, 0, H);
    opt.w2.step(w.w2, 0, this.gW2, 0, this.gW2.length);
    opt.b2.step(w.b2, 0, this.gB2, 0, this.numLabels);
    this.touched.forEach((row, s) => {
      opt.w1.step(w.w1, row * H, this.gW1, s * H, H);
      this.slotOf[row] = -1;
    });
    this.gW1.fill(0, 0, this.touched.length * H);
    this.touched = [];
  }
}
