import { UsageError } from "../errors.js";
import type { Subwords, TrainConfig } from "../config/train-config.js";
import { int, num, oneOf, type OptionsTable } from "./options-table.js";

/** `--subwords 3-6` (char n-grams of 3 to 6 characters, fastText's -minn 3 -maxn 6) or `--subwords off`. */
export function parseSubwords(value: string, flag: string): Subwords {
  const v = value.trim().toLowerCase();
  if (v === "off" || v === "0") return { minn: 0, maxn: 0 };
  const m = /^(\d+)-(\d+)$/.exec(v);
  const minn = m ? Number(m[1]) : NaN;
  const maxn = m ? Number(m[2]) : NaN;
  if (!(minn >= 1 && minn <= maxn && maxn <= 20)) throw new UsageError(`${flag} must be "off" or MIN-MAX with 1 <= MIN <= MAX <= 20 (e.g. 3-6), got "${value}"`);
  return { minn, maxn };
}

export const TRAIN_OPTIONS: OptionsTable<TrainConfig> = {
  format: { flags: "--format <format>", description: "input format: jsonl, csv or fasttext (default: .csv is csv, .txt/.ft is fasttext, else jsonl)", parse: oneOf("jsonl", "csv", "fasttext") },
  labels: { flags: "--labels <file|list>", description: "label set: a label-category JSON file or a comma list (default: the labels found in the data)" },
  labelAttribute: { flags: "--label-attribute <name>", description: 'manifest: label attribute (default "category")' },
  textColumn: { flags: "--text-column <name>", description: 'CSV: column holding the text (default "text")' },
  labelColumn: { flags: "--label-column <name>", description: 'CSV: column holding the label; empty cells are unlabeled (default "label")' },
  out: { flags: "--out <dir>", description: "model folder to write (default models/<input name>)" },
  epochs: { flags: "--epochs <n>", description: "passes over the training rows (default 5, BlazingText's, so a BlazingText job's settings mean the same here; run's default is 10, tuned for its small per-round models)", parse: int(1, 10_000) },
  learningRate: { flags: "--learning-rate <lr>", description: "SGD learning rate, decays linearly to 0 (default 0.05, BlazingText's; run's default is 0.5, see --epochs)", parse: num(0, 10, { exclusiveMin: true }) },
  vectorDim: { flags: "--vector-dim <n>", description: "embedding size (default 100, BlazingText's; run's default is 20, see --epochs)", parse: int(1, 1000) },
  wordNgrams: { flags: "--word-ngrams <n>", description: "longest word n-gram; 1 = words only (default 2, BlazingText's; run's default is 1, see --epochs)", parse: int(1, 5) },
  minCount: { flags: "--min-count <n>", description: "words seen fewer times are dropped from the vocabulary (default 5, BlazingText's; run's default is 1, see --epochs)", parse: int(1) },
  buckets: { flags: "--buckets <n>", description: "hash buckets for word n-grams and subwords (default 2000000)", parse: int(1, 2 ** 31 - 1) },
  earlyStopping: { flags: "--early-stopping", description: "stop when validation accuracy stops improving; keep the best epoch" },
  patience: { flags: "--patience <n>", description: "early stopping: epochs without improvement before stopping (default 4)", parse: int(1, 10_000) },
  minEpochs: { flags: "--min-epochs <n>", description: "early stopping: never stop before this epoch (default 5)", parse: int(1, 10_000) },
  validationFraction: { flags: "--validation-fraction <p>", description: "share of labeled rows held out, per label, for validation (default 0.1 with --early-stopping, else 0)", parse: num(0, 0.9) },
  threads: { flags: "--threads <n>", description: "training threads (default 1; more is faster but not bit-reproducible)", parse: int(1, 64) },
  subwords: { flags: "--subwords <min-max|off>", description: 'char n-grams, e.g. "3-6" (default off)', parse: parseSubwords },
  seed: { flags: "--seed <n>", description: "random seed for initialisation, shuffling and the validation split (default 1)", parse: int(0, 2 ** 32 - 1) },
  normalize: { flags: "--normalize", description: "lowercase and split punctuation before tokenizing (default off: fastText's whitespace split)" },
  json: { flags: "--json", description: "print one JSON summary object on stdout" },
  quiet: { flags: "--quiet", description: "no per-epoch progress" },
  model: { flags: "--model <name>", description: "fasttext (default, BlazingText's model; run's default is dense+nb) or dense (bag of words -> Dense+ReLU -> Dropout -> softmax; defaults: 5 epochs, Adam lr 0.005, words only, min count 1, --normalize)", parse: oneOf("fasttext", "dense") },
  encoder: { flags: "--encoder <dir|default>", description: "train the Keras-style head (dropout -> dense softmax with L2) on a pretrained encoder's vectors instead of --model: default (the shipped static encoder) or a folder; the head is fitted by L-BFGS (L2 0.02); --epochs or --learning-rate fit it by Adam instead (defaults 40 epochs, lr 0.01)" },
  cacheDir: { flags: "--cache-dir <dir>", description: "vector cache shared by work dirs (default: $AL_LABEL_CACHE_DIR, else the user's cache folder)" },
  maxFeatures: { flags: "--max-features <n>", description: "dense model: vocabulary size cap (default 20000)", parse: int(1, 10_000_000) },
  features: { flags: "--features <mode>", description: "dense model: tfidf (default) or binary bag of words", parse: oneOf("tfidf", "binary") },
  hiddenUnits: { flags: "--hidden-units <n>", description: "dense model: hidden layer size (default 64)", parse: int(1, 100_000) },
  dropout: { flags: "--dropout <p>", description: "dense model: dropout rate after the hidden layer (default 0.5)", parse: num(0, 0.99) },
};
