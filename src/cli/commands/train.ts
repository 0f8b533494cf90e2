import { basename, extname, resolve } from "node:path";
import { IoError, UsageError } from "../../errors.js";
import { DEFAULT_VALIDATION_FRACTION, mergeTrainConfig, type TrainConfig } from "../../config/train-config.js";
import { accuracy, saveFastTextModel, trainFastText, type FastTextParams } from "../../fasttext/index.js";
import { detectInputFormat, type InputFormat } from "../../inputs/format.js";
import { readLabeledExamples } from "../../inputs/labeled-examples.js";
import { readLabelsOption } from "../../manifest/label-set.js";
import type { Reporter } from "../../report/reporter.js";
import { createReporter } from "../../report/reporters.js";
import { stratifiedSplit } from "../../supervised/validation-split.js";
import { checkOutDir } from "./model-dir.js";
import { trainHeadModel } from "./train-head.js";
import type { HeadParams } from "../../encoder-head/types.js";
import { trainDenseModel } from "./train-dense.js";
import type { DenseParams } from "../../dense/index.js";

export interface TrainOptions extends Partial<TrainConfig> {
  cwd?: string;
  reporter?: Reporter;
}

export interface TrainSummary {
  /** labeled rows read (training + validation) */
  rows: number;
  trainRows: number;
  validationRows: number;
  unlabeledIgnored: number;
  labels: string[];
  epochs: number;
  trainSeconds: number;
  validationAccuracy?: number;
  out: string;
  params: FastTextParams | DenseParams | HeadParams;
}

/** `al-label train <input>`: fits a fastText classifier on the labeled rows and saves it (see docs/train-predict.md, "Training and predicting"). */
export async function train(inputArg: string, options: TrainOptions = {}): Promise<TrainSummary> {
  const { cwd = process.cwd(), reporter: given, ...flags } = options;
  const cfg = mergeTrainConfig(flags);
  const fraction = cfg.validationFraction ?? (cfg.earlyStopping ? DEFAULT_VALIDATION_FRACTION : 0);
  if (cfg.earlyStopping && fraction === 0) throw new UsageError("--early-stopping needs a validation set: --validation-fraction must be above 0");
  const input = resolve(cwd, inputArg);
  const out = resolve(cwd, cfg.out ?? `models/${basename(input, extname(input))}`);
  await checkOutDir(out);
  const reporter = given ?? createReporter({ quiet: cfg.quiet });
  try {
    const data = await readLabeledExamples({
      path: input,
      format: detectInputFormat(input, cfg.format) as Exclude<InputFormat, "text">, // "text" is never detected, only named
      labels: cfg.labels !== undefined ? await readLabelsOption(cfg.labels) : undefined,
      labelAttribute: cfg.labelAttribute,
      textColumn: cfg.textColumn,
      labelColumn: cfg.labelColumn,
    });
    for (const note of data.notes) reporter.info(note);
    const split = stratifiedSplit(data.labels, data.labelNames.length, fraction, cfg.seed);
    const pick = (idx: number[]) => ({ texts: idx.map((i) => data.texts[i]!), labels: Int32Array.from(idx, (i) => data.labels[i]!) });
    const trainSet = pick(split.train);
    const valSet = split.validation.length > 0 ? pick(split.validation) : undefined;
    if (fraction > 0 && !valSet) reporter.warn("too few rows per label to hold any out; training without a validation set");
    if (cfg.earlyStopping && !valSet) throw new UsageError("--early-stopping needs a validation set, and no label has enough rows to hold one out");

    if (cfg.encoder !== undefined && cfg.encoder !== "none") {
      const head = await trainHeadModel({ trainSet, valSet, labelNames: data.labelNames, cfg, flags, reporter, out, trainedOn: basename(input), cwd });
      return { rows: data.texts.length, trainRows: trainSet.texts.length, validationRows: valSet?.texts.length ?? 0, unlabeledIgnored: data.unlabeled, labels: data.labelNames, out, ...head };
    }
    if (cfg.model === "dense") {
      const dense = await trainDenseModel({ trainSet, valSet, labelNames: data.labelNames, cfg, flags, reporter, out, trainedOn: basename(input) });
      return { rows: data.texts.length, trainRows: trainSet.texts.length, validationRows: valSet?.texts.length ?? 0, unlabeledIgnored: data.unlabeled, labels: data.labelNames, out, ...dense };
    }
    const params = toParams(cfg);
    reporter.info(`training on ${trainSet.texts.length} row(s)${valSet ? `, validating on ${valSet.texts.length}` : ""}; ${data.labelNames.length} labels`);
    let epochs = 0;
    const started = performance.now();
    const model = await trainFastText(trainSet.texts, trainSet.labels, data.labelNames.length, params, {
      validation: valSet,
      earlyStopping: cfg.earlyStopping ? { patience: cfg.patience, minEpochs: cfg.minEpochs } : undefined,
      onEpoch: (epoch, loss, valAcc) => {
        epochs = epoch;
        const acc = valAcc === undefined ? "" : `  validation accuracy ${(100 * valAcc).toFixed(2)}%`;
        reporter.info(`epoch ${epoch}/${params.epochs}  loss ${loss.toFixed(4)}${acc}`);
      },
    });
    const trainSeconds = (performance.now() - started) / 1000;
    // With early stopping the best epoch's weights were restored, so this is that epoch's accuracy.
    const validationAccuracy = valSet ? accuracy(model.predictProba(valSet.texts), valSet.labels, data.labelNames.length) : undefined;
    try {
      await saveFastTextModel(out, model, { labels: data.labelNames, params, trainedOn: basename(input), trainRows: trainSet.texts.length, validationAccuracy: validationAccuracy ?? null });
    } catch (err) {
      throw new IoError(`could not write the model to ${out} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
    }
    return {
      rows: data.texts.length,
      trainRows: trainSet.texts.length,
      validationRows: valSet?.texts.length ?? 0,
      unlabeledIgnored: data.unlabeled,
      labels: data.labelNames,
      epochs,
      trainSeconds,
      validationAccuracy,
      out,
      params,
    };
  } finally {
    reporter.stop();
  }
}

/** The engine's parameters; BlazingText's flag names map one to one, `--subwords` to minn/maxn. */
export function toParams(cfg: TrainConfig): FastTextParams {
  return {
    epochs: cfg.epochs,
    learningRate: cfg.learningRate,
    vectorDim: cfg.vectorDim,
    wordNgrams: cfg.wordNgrams,
    minCount: cfg.minCount,
    buckets: cfg.buckets,
    minn: cfg.subwords.minn,
    maxn: cfg.subwords.maxn,
    threads: cfg.threads,
    seed: cfg.seed,
    normalize: cfg.normalize,
  };
}
