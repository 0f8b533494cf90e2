import { Dictionary } from './dictionary.js';
import { HogwildPool, type EpochShare } from './hogwild.js';
import { FastTextModel } from './model.js';
import { Prng } from './prng.js';
import { sgdKernel, type SgdResult } from './sgd-kernel.js';
import type { FastTextParams } from './types.js';
import { validateParams } from './validate.js';

export interface TrainOptions {
  /** Called after each epoch (1-based) with the mean training loss and, if given, validation accuracy. */
  onEpoch?: (epoch: number, loss: number, validationAccuracy?: number) => void;
  validation?: { texts: readonly string[]; labels: Int32Array };
  /** BlazingText-style: stop when validation accuracy has not improved for `patience` epochs. */
  earlyStopping?: { patience: number; minEpochs: number };
}

/**
 * Trains a fastText supervised classifier (softmax loss, SGD with linearly decaying lr).
 *
 * Initialisation is fastText's reversed: the INPUT matrix starts at zero and the OUTPUT matrix is
 * uniform(-1/dim, 1/dim). Rows of features never seen in training therefore stay exactly zero,
 * which is what lets the dictionary keep only seen rows (compact model, exact predictions).
 * Examples are reshuffled every epoch with the seeded PRNG (fastText reads the file in order).
 */
export async function trainFastText(
  texts: readonly string[],
  labels: Int32Array,
  numLabels: number,
  params: FastTextParams,
  opts: TrainOptions = {},
): Promise<FastTextModel> {
  validateParams(params, texts.length, labels, numLabels);
  const threads = Math.min(Math.floor(params.threads), Math.max(1, texts.length));
  const shared = threads > 1;
  const { dictionary, encoded } = Dictionary.buildAndEncode(texts, params, shared);
  const dim = params.vectorDim;
  const rng = new Prng(params.seed);
  const wIn = floatArray(dictionary.size * dim, shared);
  const wOut = floatArray(numLabels * dim, shared);
  for (let i = 0; i < wOut.length; i++) wOut[i] = (2 * rng.next() - 1) / dim;
  const order = intArray(texts.length, shared);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const data = { wIn, wOut, offsets: encoded.offsets, ids: encoded.ids, labels: shared ? copyShared(labels) : labels, order };
  const model = new FastTextModel(dictionary, numLabels, dim, wIn, wOut);
  const pool = shared ? new HogwildPool(data, threads) : undefined;
  const stopper = opts.validation && opts.earlyStopping ? new EarlyStopper(model, opts.validation, opts.earlyStopping) : undefined;
  try {
    for (let epoch = 0; epoch < params.epochs; epoch++) {
      rng.shuffle(order);
      const shares = splitShares(order.length, threads, { dim, numLabels, learningRate: params.learningRate, epoch, epochs: params.epochs });
      const result: SgdResult = pool ? await pool.runEpoch(shares) : sgdKernel({ ...data, ...shares[0]! });
      const accuracy = stopper?.afterEpoch(epoch + 1);
      opts.onEpoch?.(epoch + 1, result.examples > 0 ? result.loss / result.examples : 0, accuracy);
      if (stopper?.shouldStop) break;
      await new Promise((resolve) => setImmediate(resolve)); // let progress reporters repaint
    }
  } finally {
    await pool?.close();
  }
  stopper?.restoreBest();
  return model;
}

/** Contiguous slices of this epoch's order, one per thread (fastText splits its file the same way). */
function splitShares(n: number, threads: number, common: Omit<EpochShare, 'start' | 'end'>): EpochShare[] {
  return Array.from({ length: threads }, (_, t) => ({ ...common, start: Math.floor((t * n) / threads), end: Math.floor(((t + 1) * n) / threads) }));
}

/** Tracks validation accuracy; keeps a copy of the best weights, which are restored at the end. */
class EarlyStopper {
  private best = -1;
  private bestEpoch = 0;
  private snapshot: { wIn: Float32Array; wOut: Float32Array } | undefined;
  private readonly encoded;
  shouldStop = false;

  constructor(
    private readonly model: FastTextModel,
    private readonly validation: { labels: Int32Array; texts: readonly string[] },
    private readonly rule: { patience: number; minEpochs: number },
  ) {
    this.encoded = model.dictionary.encode(validation.texts);
  }

  afterEpoch(epoch: number): number {
    const probs = this.model.predictProbaEncoded(this.encoded);
    const acc = accuracy(probs, this.validation.labels, this.model.numLabels);
    if (acc > this.best) {
      this.best = acc;
      this.bestEpoch = epoch;
      this.snapshot = { wIn: this.model.wIn.slice(), wOut: this.model.wOut.slice() };
    }
    this.shouldStop = epoch >= this.rule.minEpochs && epoch - this.bestEpoch >= this.rule.patience;
    return acc;
  }

  restoreBest(): void {
    if (!this.snapshot) return;
    this.model.wIn.set(this.snapshot.wIn);
    this.model.wOut.set(this.snapshot.wOut);
  }
}

/** Fraction of rows whose arg-max equals the label. */
export function accuracy(probs: Float32Array, labels: Int32Array, numLabels: number): number {
  let correct = 0;
  for (let r = 0; r < labels.length; r++) {
    let arg = 0;
    for (let i = 1; i < numLabels; i++) if (probs[r * numLabels + i]! > probs[r * numLabels + arg]!) arg = i;
    if (arg === labels[r]) correct++;
  }
  return labels.length > 0 ? correct / labels.length : 0;
}

function floatArray(n: number, shared: boolean): Float32Array {
  return shared ? new Float32Array(new SharedArrayBuffer(n * 4)) : new Float32Array(n);
}

function intArray(n: number, shared: boolean): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(n * 4)) : new Int32Array(n);
}

function copyShared(a: Int32Array): Int32Array {
  const out = intArray(a.length, true);
  out.set(a);
  return out;
}
