import { trainFastText, saveFastTextModel, type FastTextModel, type FastTextParams } from "../fasttext/index.js";
import type { ClassifierFactory, TextClassifier } from "./types.js";

/** The loop's classifier: our sparse fastText engine, text lowercased and punctuation split. */
export function fastTextFactory(params: Omit<FastTextParams, "seed">): ClassifierFactory {
  const settings = { ...params, normalize: params.normalize ?? true };
  return {
    create: (seed) => new FastTextClassifier({ ...settings, seed }),
    describe: () =>
      `fasttext(dim=${settings.vectorDim}, epochs=${settings.epochs}, lr=${settings.learningRate}, wordNgrams=${settings.wordNgrams}, minCount=${settings.minCount}, buckets=${settings.buckets}, threads=${settings.threads})`,
  };
}

class FastTextClassifier implements TextClassifier {
  private model: FastTextModel | null = null;
  constructor(private readonly params: FastTextParams) {}

  async fit(texts: string[], labels: Int32Array, numLabels: number): Promise<void> {
    this.model = await trainFastText(texts, labels, numLabels, this.params);
  }

  predictProba(texts: string[]): Float32Array {
    if (!this.model) throw new Error("predictProba before fit");
    return this.model.predictProba(texts);
  }

  /** The hidden vectors (mean of the texts' input rows) the classifier sees. */
  textVectors(texts: string[]): { data: Float32Array; dim: number } {
    if (!this.model) throw new Error("textVectors before fit");
    return { data: this.model.textVectors(texts), dim: this.model.dim };
  }

  async save(dir: string, meta: { labels: string[]; [key: string]: unknown }): Promise<void> {
    if (!this.model) throw new Error("save before fit");
    await saveFastTextModel(dir, this.model, { ...meta, params: this.params });
  }

  dispose(): void {
    this.model = null;
  }
}
