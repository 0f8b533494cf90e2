import { NAIVE_BAYES_DEFAULTS, saveNaiveBayesModel, TermCache, trainNaiveBayes, type NaiveBayesModel, type NaiveBayesParams } from '../naive-bayes/index.js';
import type { ClassifierFactory, TextClassifier } from './types.js';

export function naiveBayesFactory(params: Partial<NaiveBayesParams> = {}): ClassifierFactory {
  const settings = { ...NAIVE_BAYES_DEFAULTS, ...params };
  const cache = new TermCache(settings); // one per factory: a run's models share it
  return { create: () => new NaiveBayesClassifier(settings, cache), describe: () => `naive-bayes(${describeNaiveBayes(settings)})` };
}

export function describeNaiveBayes(p: NaiveBayesParams): string {
  return `complement, words 1-${p.wordNgrams}, chars ${p.charNgrams[0]}-${p.charNgrams[1]}, hashBits=${p.hashBits}, alpha=${p.alpha}`;
}

/** Complement naive Bayes: deterministic (no seed), trained by counting on the CPU whatever the engine. */
class NaiveBayesClassifier implements TextClassifier {
  private model: NaiveBayesModel | null = null;
  private metrics: Record<string, number> = {};
  constructor(
    private readonly params: NaiveBayesParams,
    private readonly cache: TermCache,
  ) {}

  async fit(texts: string[], labels: Int32Array, numLabels: number): Promise<void> {
    const started = performance.now();
    this.model = trainNaiveBayes(texts, labels, numLabels, this.params, (text) => this.cache.get(text));
    this.metrics = { trainRows: texts.length, trainSeconds: (performance.now() - started) / 1000 };
  }

  predictProba(texts: string[]): Float32Array {
    if (!this.model) throw new Error('predictProba before fit');
    return this.model.predictProba(texts);
  }

  async save(dir: string, meta: { labels: string[]; [key: string]: unknown }): Promise<void> {
    if (!this.model) throw new Error('save before fit');
    await saveNaiveBayesModel(dir, this.model, { ...meta, params: this.params, backend: 'al-label-counting', metrics: this.metrics });
  }

  dispose(): void {
    this.model = null;
  }
}
