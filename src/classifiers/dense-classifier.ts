import { DENSE_DEFAULTS, DenseTermCache, saveDenseModel, trainDense, type DenseModel, type DenseParams } from '../dense/index.js';
import type { ClassifierFactory, TextClassifier } from './types.js';

export const SPARSE_BACKEND = 'al-label-sparse';

/** The loop's dense model on the sparse CPU engine (no TF.js; works without a GPU). */
export function denseFactory(params: Partial<Omit<DenseParams, 'seed'>> = {}): ClassifierFactory {
  const settings = { ...DENSE_DEFAULTS, ...params };
  const terms = new DenseTermCache(settings); // one per factory: a run's models share it
  return {
    create: (seed) => new DenseClassifier({ ...settings, seed }, terms),
    describe: () => `dense[cpu](${describeDense(settings)})`,
  };
}

export function describeDense(p: Omit<DenseParams, 'seed'>): string {
  return `${p.features}, maxFeatures=${p.maxFeatures}, ngrams=${p.ngrams}, hidden=${p.hiddenUnits}, dropout=${p.dropout}, epochs=${p.epochs}, lr=${p.learningRate}, batch=${p.batchSize}`;
}

class DenseClassifier implements TextClassifier {
  private model: DenseModel | null = null;
  private metrics: Record<string, number> = {};
  constructor(
    private readonly params: DenseParams,
    private readonly terms: DenseTermCache,
  ) {}

  async fit(texts: string[], labels: Int32Array, numLabels: number): Promise<void> {
    const started = performance.now();
    let loss = NaN;
    this.model = await trainDense(texts, labels, numLabels, this.params, { onEpoch: (_, l) => (loss = l), terms: this.terms });
    this.metrics = { trainRows: texts.length, finalTrainLoss: loss, trainSeconds: (performance.now() - started) / 1000 };
  }

  predictProba(texts: string[]): Float32Array {
    if (!this.model) throw new Error('predictProba before fit');
    return this.model.predictProba(texts);
  }

  textVectors(texts: string[]): { data: Float32Array; dim: number } {
    if (!this.model) throw new Error('textVectors before fit');
    return { data: this.model.textVectors(texts), dim: this.model.hidden };
  }

  async save(dir: string, meta: { labels: string[]; [key: string]: unknown }): Promise<void> {
    if (!this.model) throw new Error('save before fit');
    await saveDenseModel(dir, this.model, { ...meta, params: this.params, engine: 'cpu', backend: SPARSE_BACKEND, metrics: this.metrics });
  }

  dispose(): void {
    this.model = null;
  }
}
