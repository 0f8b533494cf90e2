import { Prng } from '../fasttext/prng.js';
import { Adam, ADAM_DEFAULTS } from './adam.js';
import { DenseTrainingKernels } from './dense-kernels.js';
import { DenseFeaturizer } from './featurizer.js';
import { DenseModel, type DenseWeights } from './model.js';
import type { DenseParams, TermDictionary } from './types.js';
import { validateDenseParams } from './validate.js';

export interface DenseTrainOptions {
  /** Called after each epoch (1-based) with the mean training cross-entropy. */
  onEpoch?: (epoch: number, loss: number) => void;
  /** A run's shared term ids (term-cache.ts): the same model, each text tokenized once across fits. */
  terms?: TermDictionary;
}

/**
 * Trains the dense model on the CPU: mini-batch Adam over sparse input rows. Hand-written because
 * TF.js has no sparse gradients: its first layer would take a dense [batch x 20,000] input and
 * compute a dense 20,000 x hidden kernel gradient every batch, where a batch of headlines touches a
 * few hundred kernel rows. Same maths as Keras' fit (softmax cross-entropy, inverted dropout,
 * Glorot-uniform kernels, zero biases), but the kernel's Adam step is lazy (see adam.ts). Each batch's
 * forward and backward passes and the kernel's Adam step run in WebAssembly (dense-kernels.ts); the Adam
 * steps of the biases and the output layer, a few hundred numbers, in JavaScript.
 */
export async function trainDense(texts: readonly string[], labels: Int32Array, numLabels: number, params: DenseParams, opts: DenseTrainOptions = {}): Promise<DenseModel> {
  validateDenseParams(params, texts.length, labels, numLabels);
  const featurizer = DenseFeaturizer.fit(texts, { mode: params.features, maxFeatures: params.maxFeatures, ngrams: params.ngrams, minDf: params.minDf, normalize: params.normalize }, opts.terms ?? null);
  const rows = featurizer.transform(texts);
  const rng = new Prng(params.seed);
  const weights = initWeights(featurizer.size, params.hiddenUnits, numLabels, rng);
  const kernels = new DenseTrainingKernels(rows, labels, weights, featurizer.size, params.hiddenUnits, numLabels, params.batchSize, ADAM_DEFAULTS);
  try {
    const trainer = new BatchTrainer(weights.b1, kernels, params, rng);
    const order = Int32Array.from(labels.keys());
    for (let epoch = 1; epoch <= params.epochs; epoch++) {
      rng.shuffle(order);
      let loss = 0;
      for (let s = 0; s < order.length; s += params.batchSize) loss += trainer.batch(order.subarray(s, Math.min(order.length, s + params.batchSize)));
      opts.onEpoch?.(epoch, loss / Math.max(1, order.length));
      await new Promise((resolve) => setImmediate(resolve)); // let progress reporters repaint
    }
    weights.w1 = kernels.kernel();
    const { w2, b2 } = kernels.outputLayer();
    weights.w2 = w2;
    weights.b2 = b2;
  } finally {
    kernels.release();
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

/** One optimizer step per batch: the passes in the kernels, then Adam on every parameter. */
class BatchTrainer {
  /** Adam for the parameters after the first layer's kernel (which the kernels step). */
  private readonly opt: { b1: Adam; w2: Adam; b2: Adam };

  constructor(
    /** The first layer's bias, stepped here and copied into the kernels after each step. */
    private readonly b1: Float32Array,
    private readonly kernels: DenseTrainingKernels,
    private readonly params: DenseParams,
    private readonly rng: Prng,
  ) {
    const lr = params.learningRate;
    this.opt = { b1: new Adam(b1.length, lr), w2: new Adam(kernels.w2.length, lr), b2: new Adam(kernels.b2.length, lr) };
  }

  /** Forward, backward and Adam step for one batch; returns the batch's summed cross-entropy. */
  batch(batch: Int32Array): number {
    const loss = this.kernels.batch(batch, 1 - this.params.dropout, this.rng);
    this.apply();
    return loss;
  }

  private apply(): void {
    const { opt, kernels: k, b1 } = this;
    for (const o of Object.values(opt)) o.tick();
    opt.b1.step(b1, 0, k.gB1, 0, b1.length);
    opt.w2.step(k.w2, 0, k.gW2, 0, k.gW2.length);
    opt.b2.step(k.b2, 0, k.gB2, 0, k.gB2.length);
    // the kernel's step count and settings are the other parameters' (one optimizer, as in Keras)
    k.step(opt.b1.stepSize());
    k.b1.set(b1);
  }
}
