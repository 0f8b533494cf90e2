/** What a fit may be told about its rows. */
export interface FitOptions {
  /**
   * The first `peopleRows` rows carry labels people gave; the rest were given by models
   * (pseudo-labels, self-training). Absent: every row is people's. A model may learn from people's
   * rows alone (the encoder head does: docs/encoders.md, "The head").
   */
  peopleRows?: number;
}

/** What the loop needs of a model. Each round asks the factory for fresh ones. */
export interface TextClassifier {
  fit(texts: string[], labels: Int32Array, numLabels: number, options?: FitOptions): Promise<void>;
  /** row-major probabilities, texts.length x numLabels */
  predictProba(texts: string[]): Float32Array;
  /**
   * Optional: the texts' vectors as the model sees them (texts.length x dim, row-major), e.g. for
   * diversity-aware query strategies. Classifiers without a natural embedding leave it out.
   */
  textVectors?(texts: string[]): { data: Float32Array; dim: number };
  save(dir: string, meta: { labels: string[]; [key: string]: unknown }): Promise<void>;
  dispose(): void;
}

export interface ClassifierFactory {
  create(seed: number): TextClassifier;
  /** for reports, e.g. "fasttext(dim=20, epochs=20, ...)" */
  describe(): string;
}
