import type { SelectedBackend, TF } from '../backends/types.js';
import type { CsrRows } from '../dense/index.js';
import { Prng } from '../fasttext/prng.js';
import type { TfjsArchitecture } from './tfjs-architectures.js';
import type { ClassifierFactory, TextClassifier } from './types.js';

export interface TfjsTraining {
  epochs: number;
  batchSize: number;
  /** Adam step size */
  learningRate: number;
}

export interface TfjsModelSpec<M extends { predictProba(texts: readonly string[]): Float32Array }> {
  /** "dense" or "fasttext" (reports and metadata) */
  name: string;
  architecture: () => TfjsArchitecture<M>;
  training: TfjsTraining;
  save(dir: string, model: M, meta: { labels: string[]; engine: string; backend: string; metrics: Record<string, number>; [k: string]: unknown }, seed: number): Promise<void>;
  describe: string;
}

/**
 * The TF.js engine: trains the Keras-style layers with `model.fitDataset` on the selected backend
 * (CUDA through tfjs-node-gpu, where it pays), then copies the trained weights back once into the
 * engine-independent CPU model. Prediction and saving then use that model, so both engines give
 * the same artifacts, `predictProba` stays synchronous (the loop's contract) without a `dataSync`,
 * and no tensor outlives `fit`.
 */
export function tfjsFactory<M extends { predictProba(texts: readonly string[]): Float32Array }>(backend: SelectedBackend, spec: TfjsModelSpec<M>): ClassifierFactory {
  return {
    create: (seed) => new TfjsClassifier(backend, spec, seed),
    describe: () => `${spec.name}[tfjs:${backend.name}](${spec.describe})`,
  };
}

class TfjsClassifier<M extends { predictProba(texts: readonly string[]): Float32Array }> implements TextClassifier {
  private model: M | null = null;
  private metrics: Record<string, number> = {};

  constructor(
    private readonly backend: SelectedBackend,
    private readonly spec: TfjsModelSpec<M>,
    private readonly seed: number,
  ) {}

  async fit(texts: string[], labels: Int32Array, numLabels: number): Promise<void> {
    const { tf } = this.backend;
    const started = performance.now();
    const arch = this.spec.architecture();
    const { rows, width } = arch.prepare(texts);
    const layers = arch.build(tf, width, numLabels, this.seed);
    const optimizer = tf.train.adam(this.spec.training.learningRate);
    try {
      layers.compile({ optimizer, loss: 'categoricalCrossentropy' });
      const data = batches(tf, rows, width, labels, numLabels, this.spec.training.batchSize, new Prng(this.seed));
      const history = await layers.fitDataset(data, { epochs: this.spec.training.epochs, verbose: 0 });
      // One read per weight tensor, after training: the only GPU -> CPU copy of the fit.
      const weights = (await Promise.all(layers.getWeights().map((w) => w.data()))) as Float32Array[];
      this.model = arch.toModel(weights, numLabels);
      const losses = history.history.loss ?? [];
      this.metrics = { trainRows: texts.length, finalTrainLoss: Number(losses[losses.length - 1] ?? NaN), trainSeconds: (performance.now() - started) / 1000 };
    } finally {
      layers.dispose();
      optimizer.dispose(); // an optimizer passed as an object is not owned (so not disposed) by the model
    }
  }

  predictProba(texts: string[]): Float32Array {
    if (!this.model) throw new Error('predictProba before fit');
    return this.model.predictProba(texts);
  }

  async save(dir: string, meta: { labels: string[]; [key: string]: unknown }): Promise<void> {
    if (!this.model) throw new Error('save before fit');
    await this.spec.save(dir, this.model, { ...meta, engine: 'tfjs', backend: this.backend.name, metrics: this.metrics }, this.seed);
  }

  dispose(): void {
    this.model = null;
  }
}

/**
 * Shuffled mini-batches as dense tensors, built one batch at a time from the sparse rows (a dense
 * copy of all rows would be rows x 20,000 floats). fitDataset disposes each batch after its step.
 */
function batches(tf: TF, rows: CsrRows, width: number, labels: Int32Array, numLabels: number, batchSize: number, rng: Prng) {
  const order = Int32Array.from(labels.keys());
  return tf.data.generator(function* () {
    rng.shuffle(order); // fitDataset restarts the generator every epoch
    for (let s = 0; s < order.length; s += batchSize) {
      const idx = order.subarray(s, Math.min(order.length, s + batchSize));
      const x = new Float32Array(idx.length * width);
      idx.forEach((r, b) => {
        for (let p = rows.offsets[r]!; p < rows.offsets[r + 1]!; p++) x[b * width + rows.ids[p]!] = x[b * width + rows.ids[p]!]! + rows.values[p]!;
      });
      const y = Int32Array.from(idx, (r) => labels[r]!);
      yield tf.tidy(() => ({ xs: tf.tensor2d(x, [idx.length, width]), ys: tf.oneHot(tf.tensor1d(y, 'int32'), numLabels) }));
    }
  });
}
