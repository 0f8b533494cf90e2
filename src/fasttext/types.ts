/** Hyperparameters of the fastText/BlazingText supervised classifier (names follow BlazingText). */
export interface FastTextParams {
  epochs: number;
  learningRate: number;
  vectorDim: number;
  /** Longest word n-gram; 1 = unigrams only. */
  wordNgrams: number;
  /** Words seen fewer times are out of vocabulary (they still feed hashed n-grams). */
  minCount: number;
  /** Hash buckets shared by word n-grams and char subwords. */
  buckets: number;
  /** Char n-gram lengths; minn = maxn = 0 turns subwords off. */
  minn: number;
  maxn: number;
  /** 1 = deterministic, main thread only; > 1 = Hogwild workers. */
  threads: number;
  seed: number;
  /** Lowercase and split punctuation before tokenizing (off = fastText's raw whitespace split). */
  normalize?: boolean;
}

/** BlazingText supervised defaults (SageMaker docs). */
export const BLAZINGTEXT_DEFAULTS: FastTextParams = Object.freeze({
  epochs: 5,
  learningRate: 0.05,
  vectorDim: 100,
  wordNgrams: 2,
  minCount: 5,
  buckets: 2_000_000,
  minn: 0,
  maxn: 0,
  threads: 1,
  seed: 1,
});

/** `fasttext supervised` CLI defaults (thread is 12 there; we default to 1 for determinism). */
export const FASTTEXT_CLI_DEFAULTS: FastTextParams = Object.freeze({
  epochs: 5,
  learningRate: 0.1,
  vectorDim: 100,
  wordNgrams: 1,
  minCount: 1,
  buckets: 2_000_000,
  minn: 0,
  maxn: 0,
  threads: 1,
  seed: 1,
});

/**
 * Bags of feature ids per text in CSR layout. Ids index rows of the compact input matrix.
 * `ntokens[r]` is the mean's denominator: it also counts hashed features never seen in training,
 * whose rows are exactly zero (see train.ts), so `offsets[r+1]-offsets[r]` can be smaller.
 */
export interface EncodedTexts {
  offsets: Int32Array;
  ids: Int32Array;
  ntokens: Int32Array;
}

/** The subset of params that decides how text becomes feature ids (saved with the dictionary). */
export interface FeaturizerSettings {
  minCount: number;
  wordNgrams: number;
  buckets: number;
  minn: number;
  maxn: number;
  normalize: boolean;
}
