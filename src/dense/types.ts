/** How a bag of words becomes the input vector (see featurizer.ts). */
export type FeatureMode = 'tfidf' | 'binary';

/** Hyperparameters of the Keras-style dense model: bag of words -> Dense+ReLU -> Dropout -> Dense softmax. */
export interface DenseParams {
  /** Vocabulary cap: the most document-frequent terms are kept. */
  maxFeatures: number;
  features: FeatureMode;
  /** Longest word n-gram in the vocabulary (1 = unigrams). */
  ngrams: number;
  /** Terms in fewer training texts are dropped. */
  minDf: number;
  hiddenUnits: number;
  /** Dropout rate after the hidden layer (training only; inverted dropout, so inference is the identity). */
  dropout: number;
  epochs: number;
  /** Adam step size. */
  learningRate: number;
  batchSize: number;
  /** Lowercase and split punctuation before tokenizing (fastText engine's `normalize`). */
  normalize: boolean;
  seed: number;
}

/**
 * Defaults chosen on the UCI News split (docs/models.md, "Engines, backends and models"): 64 hidden units keep each round's
 * artifact near 5 MB at 20,000 features; 5 epochs of Adam at 5e-3 reach the plateau there and still learn from the few hundred rows of an early round.
 */
export const DENSE_DEFAULTS: DenseParams = Object.freeze({
  maxFeatures: 20_000,
  features: 'tfidf',
  ngrams: 1,
  minDf: 1,
  hiddenUnits: 64,
  dropout: 0.5,
  epochs: 5,
  learningRate: 0.005,
  batchSize: 32,
  normalize: true,
  seed: 1,
});

/** Sparse rows in CSR layout: row r's terms are ids[offsets[r]..offsets[r+1]) with weights values[...]. */
export interface CsrRows {
  offsets: Int32Array;
  ids: Int32Array;
  values: Float32Array;
}

/**
 * Where a dense featurizer gets texts' terms as ids into one shared dictionary (a run's DenseTermCache,
 * term-cache.ts), so each text is tokenized once however many models see it.
 */
export interface TermDictionary {
  readonly settings: { ngrams: number; normalize: boolean };
  /** ids of the text's terms (n-grams included, in order, repeats kept), or null: work from its strings */
  ids(text: string): Int32Array | null;
  /** the id of a term, or -1 when it has none */
  idOf(term: string): number;
  /** the term of an id */
  term(id: number): string;
  /** ids given so far: every id is below it */
  readonly size: number;
  /** each id's place in the terms' alphabetical order (JavaScript's string order), and the id at each place */
  alphabetical(): { rankOf: Int32Array; idOfRank: Int32Array };
}
