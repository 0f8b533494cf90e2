import { UsageError, IoError } from "../../errors.js";
import type { TrainConfig } from "../../config/train-config.js";
import { DENSE_DEFAULTS, saveDenseModel, trainDense, type DenseParams } from "../../dense/index.js";
import { accuracy } from "../../fasttext/index.js";
import type { Reporter } from "../../report/reporter.js";
import { SPARSE_BACKEND } from "../../classifiers/dense-classifier.js";

export interface LabeledSet {
  texts: string[];
  labels: Int32Array;
}

export interface DenseTrainInput {
  trainSet: LabeledSet;
  valSet?: LabeledSet;
  labelNames: string[];
  cfg: TrainConfig;
  /** the flags given explicitly: `train`'s defaults are BlazingText's, which suit fastText only */
  flags: Partial<TrainConfig>;
  reporter: Reporter;
  out: string;
  trainedOn: string;
}

/** `al-label train --model dense`: the Keras-style dense model on the sparse CPU engine, saved in TF.js layers format. */
export async function trainDenseModel(i: DenseTrainInput): Promise<{ epochs: number; trainSeconds: number; validationAccuracy?: number; params: DenseParams }> {
  const { cfg, flags } = i;
  if (cfg.earlyStopping) throw new UsageError("--early-stopping applies to --model fasttext; the dense model trains a fixed number of epochs (--epochs)");
  const params: DenseParams = {
    ...DENSE_DEFAULTS,
    epochs: flags.epochs ?? DENSE_DEFAULTS.epochs,
    learningRate: flags.learningRate ?? DENSE_DEFAULTS.learningRate,
    ngrams: flags.wordNgrams ?? DENSE_DEFAULTS.ngrams,
    minDf: flags.minCount ?? DENSE_DEFAULTS.minDf,
    normalize: flags.normalize ?? DENSE_DEFAULTS.normalize,
    maxFeatures: cfg.maxFeatures,
    features: cfg.features,
    hiddenUnits: cfg.hiddenUnits,
    dropout: cfg.dropout,
    seed: cfg.seed,
  };
  const n = i.labelNames.length;
  i.reporter.info(`training the dense model on ${i.trainSet.texts.length} row(s)${i.valSet ? `, validating on ${i.valSet.texts.length}` : ""}; ${n} labels`);
  let epochs = 0;
  let loss = NaN;
  const started = performance.now();
  const model = await trainDense(i.trainSet.texts, i.trainSet.labels, n, params, {
    onEpoch: (epoch, l) => {
      epochs = epoch;
      loss = l;
      i.reporter.info(`epoch ${epoch}/${params.epochs}  loss ${l.toFixed(4)}`);
    },
  });
  const trainSeconds = (performance.now() - started) / 1000;
  const validationAccuracy = i.valSet ? accuracy(model.predictProba(i.valSet.texts), i.valSet.labels, n) : undefined;
  const metrics: Record<string, number> = { finalTrainLoss: loss, trainSeconds, ...(validationAccuracy === undefined ? {} : { validationAccuracy }) };
  try {
    await saveDenseModel(i.out, model, { labels: i.labelNames, params, engine: "cpu", backend: SPARSE_BACKEND, metrics, trainedOn: i.trainedOn, trainRows: i.trainSet.texts.length });
  } catch (err) {
    throw new IoError(`could not write the model to ${i.out} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
  }
  return { epochs, trainSeconds, validationAccuracy, params };
}
