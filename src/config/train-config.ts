import { BLAZINGTEXT_DEFAULTS } from "../fasttext/types.js";

/** Char n-gram lengths; minn = maxn = 0 is "off" (fastText's -minn/-maxn). */
export interface Subwords {
  minn: number;
  maxn: number;
}

/** Everything `al-label train` can be told. Model settings carry BlazingText's names and defaults. */
export interface TrainConfig {
  format?: "jsonl" | "csv" | "fasttext";
  labels?: string;
  labelAttribute: string;
  textColumn: string;
  labelColumn: string;
  out?: string;
  epochs: number;
  learningRate: number;
  vectorDim: number;
  wordNgrams: number;
  minCount: number;
  buckets: number;
  earlyStopping: boolean;
  patience: number;
  minEpochs: number;
  /** undefined: 0.1 with early stopping, else nothing is held out (fastText trains on every row) */
  validationFraction?: number;
  threads: number;
  subwords: Subwords;
  seed: number;
  normalize: boolean;
  json: boolean;
  quiet: boolean;
  /** fasttext (default) or the Keras-style dense model (docs/models.md, "Engines, backends and models") */
  model: "fasttext" | "dense";
  /** a pretrained encoder: trains the Keras-style head on its vectors instead of --model (docs/encoders.md) */
  encoder?: string;
  cacheDir?: string;
  /** dense model only: vocabulary cap, input weighting, hidden units, dropout */
  maxFeatures: number;
  features: "tfidf" | "binary";
  hiddenUnits: number;
  dropout: number;
}

/** BlazingText's supervised defaults (REFERENCE.md section 3), so a model trained here is comparable. */
export const TRAIN_DEFAULTS: TrainConfig = {
  labelAttribute: "category",
  textColumn: "text",
  labelColumn: "label",
  epochs: BLAZINGTEXT_DEFAULTS.epochs,
  learningRate: BLAZINGTEXT_DEFAULTS.learningRate,
  vectorDim: BLAZINGTEXT_DEFAULTS.vectorDim,
  wordNgrams: BLAZINGTEXT_DEFAULTS.wordNgrams,
  minCount: BLAZINGTEXT_DEFAULTS.minCount,
  buckets: BLAZINGTEXT_DEFAULTS.buckets,
  earlyStopping: false,
  patience: 4,
  minEpochs: 5,
  threads: 1,
  subwords: { minn: 0, maxn: 0 },
  seed: 1,
  normalize: false,
  json: false,
  quiet: false,
  model: "fasttext",
  maxFeatures: 20_000,
  features: "tfidf",
  hiddenUnits: 64,
  dropout: 0.5,
};

export const DEFAULT_VALIDATION_FRACTION = 0.1;

/** Defaults, then explicit flags; undefined flags are dropped so they never mask a default. */
export function mergeTrainConfig(flags: Partial<TrainConfig>): TrainConfig {
  return { ...TRAIN_DEFAULTS, ...dropUndefined(flags) };
}

export function dropUndefined<T extends object>(flags: T): Partial<T> {
  return Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) as Partial<T>;
}
