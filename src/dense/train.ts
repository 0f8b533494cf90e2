import { Prng } from '../fasttext/prng.js';
import { Adam, ADAM_DEFAULTS } from './adam.js';
import { DenseFirstLayerTrainer } from './dense-kernels.js';
import { DenseFeaturizer } from './featurizer.js';
import { DenseModel, outputInto, softmaxInPlace, type DenseWeights } from './model.js';
import type { DenseParams } from './types.js';
import { validateDenseParams } from './validate.js';

export interface DenseTrainOptions {
  /** Called after each epoch (1-based) with the mean training cross-entropy. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/**
 * Trains the dense model on the CPU: mini-batch Adam over sparse input rows. Hand-written because
 * TF.js has no sparse gradients: its first layer would take a dense [batch x 20,000] input and
 * compute a dense 20,000 x hidden kernel gradient every batch, where a batch of headlines touches a
 * few hundred kernel rows. Same maths as Keras' fit (softmax cross-entropy, inverted dropout,
 * Glorot-uniform kernels, zero biases), but the kernel's Adam step is lazy (see adam.ts). The first
 * layer (forward, gradient rows, Adam) runs in WebAssembly (dense-kernels.ts), the rest in JavaScript.
 */
export async function trainDense(texts: readonly string[], labels: Int32Array, numLabels: number, params: DenseParams, opts: DenseTrainOptions = {}): Promise<DenseModel> {
  validateDenseParams(params, texts.length, labels, numLabels);
  const featurizer = DenseFeaturizer.fit(texts, { mode: params.features, maxFeatures: params.maxFeatures, ngrams: params.ngrams, minDf: params.minDf, normalize: params.normalize });
  const rows = featurizer.transform(texts);
  const rng = new Prng(params.seed);
  const weights = initWeights(featurizer.size, params.hiddenUnits, numLabels, rng);
  const firstLayer = new DenseFirstLayerTrainer(rows, weights.w1, featurizer.size, params.hiddenUnits, params.batchSize, ADAM_DEFAULTS);
  try {
    const trainer = new BatchTrainer(weights, firstLayer, params.hiddenUnits, numLabels, params, rng);
    const order = Int32Array.from(labels.keys());
    for (let epoch = 1; epoch <= params.epochs; epoch++) {
      rng.shuffle(order);
      let loss = 0;
      for (let s = 0; s < order.length; s += params.batchSize) loss += trainer.batch(labels, order.subarray(s, Math.min(order.length, s + params.batchSize)));
      opts.onEpoch?.(epoch, loss / Math.max(1, order.length));
      await new Promise((resolve) => setImmediate(resolve)); // let progress reporters repaint
    }
    weights.w1 = firstLayer.kernel();
  } finally {
    firstLayer.release();
  }
  return new DenseModel(featurizer, numLabels, params.hiddenUnits, weights);
}

/** Keras' defaults: glorot_uniform kernels, zero biases. */
export function initWeights(features: number, hidden: number, numLabels: number, rng: Prng): DenseWeights {
  const glorot = (fanIn: number, fanOut: number): Float32Array => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const w = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < w.length; i++) w[i] = (2 * rng.next() - 1) * limit;
    return w;
  };
  return { w1: glorot(features, hidden), b1: new Float32Array(hidden), w2: glorot(hidden, numLabels), b2: new Float32Array(numLabels) };
}

/** One optimizer step per batch; scratch buffers are reused across batches. */
class BatchTrainer {
  /** Adam for the parameters after the first layer's kernel (which the first layer's trainer steps). */
  private readonly opt: { b1: Adam; w2: Adam; b2: Adam };
  private readonly gB1: Float64Array;
  private readonly gW2: Float64Array;
  private readonly gB2: Float64Array;
  private readonly h: Float64Array;
  private readonly mask: Float64Array;
  private readonly p: Float64Array;

  constructor(
    private readonly w: DenseWeights,
    private readonly first: DenseFirstLayerTrainer,
    private readonly hidden: number,
    private readonly numLabels: number,
    private readonly params: DenseParams,
    private readonly rng: Prng,
  ) {
    const lr = params.learningRate;
    this.opt = { b1: new Adam(hidden, lr), w2: new Adam(w.w2.length, lr), b2: new Adam(numLabels, lr) };
    this.gB1 = new Float64Array(hidden);
    this.gW2 = new Float64Array(hidden * numLabels);
    this.gB2 = new Float64Array(numLabels);
    this.h = new Float64Array(hidden);
    this.mask = new Float64Array(hidden);
    this.p = new Float64Array(numLabels);
    first.b1.set(w.b1);
  }

  /** Forward, backward and Adam step for one batch; returns the batch's summed cross-entropy. */
  batch(labels: Int32Array, batch: Int32Array): number {
    const { hidden: H, numLabels: C, h, mask, p, first, gB1, gW2, gB2, rng } = this;
    const { pre, dh } = first;
    const w2 = this.w.w2;
    const keep = 1 - this.params.dropout;
    const kept = 1 / keep;
    const scale = 1 / batch.length; // gradient of the batch-mean loss
    gB1.fill(0);
    gW2.fill(0);
    gB2.fill(0);
    if (keep >= 1) mask.fill(1);
    let loss = 0;
    for (const r of batch) {
      first.hidden(r);
      for (let j = 0; j < H; j++) {
        if (keep < 1) mask[j] = rng.next() < keep ? kept : 0; // inverted dropout
        h[j] = pre[j]! > 0 ? pre[j]! * mask[j]! : 0;
      }
      outputInto(this.w, H, C, h, p);
      softmaxInPlace(p);
      const y = labels[r]!;
      loss -= Math.log(Math.max(p[y]!, 1e-12));
      p[y] = p[y]! - 1; // p is now dLoss/dlogits
      for (let j = 0; j < H; j++) {
        const base = j * C;
        const hj = h[j]!;
        let acc = 0;
        for (let c = 0; c < C; c++) {
          const d = p[c]! * scale;
          acc += w2[base + c]! * d;
          gW2[base + c] = gW2[base + c]! + hj * d;
        }
        dh[j] = pre[j]! > 0 ? acc * mask[j]! : 0;
        gB1[j] = gB1[j]! + dh[j]!;
      }
      for (let c = 0; c < C; c++) gB2[c] = gB2[c]! + p[c]! * scale;
      first.accumulate(r);
    }
    this.apply();
    return loss;
  }

  private apply(): void {
    const { opt, w, hidden: H } = this;
    for (const o of Object.values(opt)) o.tick();
    opt.b1.step(w.b1, 0, this.gB1, 0, H);
    opt.w2.step(w.w2, 0, this.gW2, 0, this.gW2.length);
    opt.b2.step(w.b2, 0, this.gB2, 0, this.numLabels);
    // the kernel's step count and settings are the other parameters' (one optimizer, as in Keras)
    this.first.step(opt.b1.stepSize());
    this.first.b1.set(w.b1);
  }
}
