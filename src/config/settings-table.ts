import type { RunConfig } from "./run-config.js";

/**
 * How a work dir treats each `run` setting across runs (docs/reliability-settings.md):
 * - `fixed`: decides which rows exist or what their input labels are; stored at the first run, a
 *   contradicting flag is refused (exit 2) and not even `--reconfigure` changes it (start a new work dir);
 * - `sticky`: decides which rows people see or what label a row gets; stored at the first run and used
 *   by later runs; a contradicting flag is refused (exit 2) unless `--reconfigure` is given, which
 *   stores the new value and records the change with its round;
 * - `warn`: stored and used by later runs, but a new value is taken (and stored) with a warning:
 *   it changes how fast scores are computed, and scores only in their last digits;
 * - `free`: never stored; each run takes the flag or the default (output, printing, paths, this run's limits).
 */
export type SettingKind = "fixed" | "sticky" | "warn" | "free";

export interface SettingRule {
  kind: SettingKind;
  why: string;
}

/**
 * One entry per RunConfig key: a key added to RunConfig without a rule here fails to compile, and
 * test/unit/config/settings-table.test.ts fails at run time.
 */
export const SETTINGS: { [K in keyof RunConfig]-?: SettingRule } = {
  format: { kind: "fixed", why: "how rows are read" },
  labels: { kind: "fixed", why: "label indices in the state point into it (compared as the resolved list)" },
  labelAttribute: { kind: "fixed", why: "which key holds input labels" },
  textColumn: { kind: "fixed", why: "which CSV column is the text" },
  labelColumn: { kind: "fixed", why: "which CSV column holds input labels" },
  targetAccuracy: { kind: "sticky", why: "which rows are machine-labeled" },
  confidence: { kind: "sticky", why: "which rows are machine-labeled" },
  batchSize: { kind: "sticky", why: "which rows people see" },
  bootstrapFraction: { kind: "sticky", why: "which rows people see" },
  folds: { kind: "sticky", why: "the models and their calibration" },
  repeats: { kind: "sticky", why: "the models and their calibration" },
  auditRate: { kind: "sticky", why: "which rows people see" },
  selfTraining: { kind: "sticky", why: "what the models train on" },
  pseudoLabels: { kind: "sticky", why: "what the models train on" },
  strategy: { kind: "sticky", why: "which rows people see" },
  maxHuman: { kind: "sticky", why: "the human budget: when the loop stops asking" },
  policy: { kind: "sticky", why: "every rule of the loop" },
  maxRounds: { kind: "free", why: "counts this run's rounds only; stopping early and running again gives the same labels" },
  queue: { kind: "free", why: "a path (the next command names it when it is not the default)" },
  workdir: { kind: "free", why: "where the settings are stored" },
  output: { kind: "free", why: "a path (the next command names it when it is not the default)" },
  simulateHumans: { kind: "free", why: "experiments: who answers the queued tasks; every answer is journaled with its annotator (simulated:<field>) either way" },
  seed: { kind: "sticky", why: "every random choice" },
  jobName: { kind: "free", why: "metadata only, written with the whole output at the end" },
  json: { kind: "free", why: "printing" },
  quiet: { kind: "free", why: "printing" },
  maxSourceBytes: { kind: "free", why: "a limit on what is read; a row it no longer allows fails the read (exit 65), never silently" },
  allowSourceRefOutside: { kind: "free", why: "a permission; a row it no longer allows fails the read (exit 65), never silently" },
  epochs: { kind: "sticky", why: "model hyperparameter" },
  learningRate: { kind: "sticky", why: "model hyperparameter" },
  vectorDim: { kind: "sticky", why: "model hyperparameter" },
  wordNgrams: { kind: "sticky", why: "model hyperparameter" },
  minCount: { kind: "sticky", why: "model hyperparameter" },
  buckets: { kind: "sticky", why: "model hyperparameter" },
  threads: { kind: "warn", why: "speed; more than 1 is not bit-reproducible" },
  onInvalid: { kind: "sticky", why: "which rows are in the run and the output" },
  model: { kind: "sticky", why: "the model" },
  engine: { kind: "warn", why: "who computes the same model; scores can differ in the last digits" },
  backend: { kind: "warn", why: "who computes the same model; scores can differ in the last digits" },
  maxFeatures: { kind: "sticky", why: "model hyperparameter" },
  features: { kind: "sticky", why: "model hyperparameter" },
  hiddenUnits: { kind: "sticky", why: "model hyperparameter" },
  dropout: { kind: "sticky", why: "model hyperparameter" },
  reconfigure: { kind: "free", why: "says this run may change sticky settings" },
  encoder: { kind: "free", why: "the same encoder can live at several paths: the work dir keeps its content hash (state.encoder) and refuses another encoder by that (docs/encoders.md)" },
  cacheDir: { kind: "free", why: "where vectors are cached; the vectors are the same wherever they come from" },
  onGpuError: { kind: "free", why: "what this run does if its GPU fails (stop, or go on with the sparse CPU engine, which changes scores in the last digits only)" },
};

/** Keys whose values a work dir stores, in table order. */
export const storedKeys = (): (keyof RunConfig)[] => (Object.keys(SETTINGS) as (keyof RunConfig)[]).filter((k) => SETTINGS[k].kind !== "free");
