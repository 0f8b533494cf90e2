import { resolve } from "node:path";
import { IoError, UsageError } from "../../errors.js";
import { saveHeadModel } from "../../encoder-head/artifacts.js";
import { headProba } from "../../encoder-head/model.js";
import { fitHead } from "../../encoder-head/fit.js";
import { HEAD_DEFAULTS, type HeadParams } from "../../encoder-head/types.js";
import { ENCODER_DEFAULT, loadEncoder } from "../../encoders/load.js";
import { encodeTexts } from "../../encoders/text-vectors.js";
import { cacheFor } from "../../encoders/vector-cache.js";
import { accuracy } from "../../fasttext/index.js";
import { identityOf } from "./run-encoder.js";
import type { DenseTrainInput } from "./train-dense.js";

/** train-dense's input, and the folder `--encoder` is resolved from. */
export interface HeadTrainInput extends DenseTrainInput {
  cwd: string;
}

/** `al-label train --encoder <dir>`: the head on a pretrained encoder's vectors, saved in TF.js layers format with the encoder's content hash. */
export async function trainHeadModel(i: HeadTrainInput): Promise<{ epochs: number; trainSeconds: number; validationAccuracy?: number; params: HeadParams }> {
  const { cfg, flags } = i;
  if (cfg.earlyStopping) throw new UsageError("--early-stopping applies to --model fasttext; the encoder head is fitted to its minimum (L-BFGS), or for a fixed number of Adam epochs with --epochs");
  const value = cfg.encoder === ENCODER_DEFAULT ? ENCODER_DEFAULT : resolve(i.cwd, cfg.encoder!);
  const encoder = await loadEncoder(value);
  if (!encoder) throw new UsageError("--encoder none trains no head; leave --encoder out to train --model");
  // --epochs or --learning-rate ask for Adam's epochs; otherwise the head is fitted exactly (L-BFGS)
  const adam = flags.epochs !== undefined || flags.learningRate !== undefined;
  const params: HeadParams = { ...HEAD_DEFAULTS, ...(adam ? { optimizer: "adam" as const } : {}), epochs: flags.epochs ?? HEAD_DEFAULTS.epochs, learningRate: flags.learningRate ?? HEAD_DEFAULTS.learningRate, seed: cfg.seed };
  try {
    const cache = await cacheFor(encoder, cfg.cacheDir);
    const all = i.valSet ? i.trainSet.texts.concat(i.valSet.texts) : i.trainSet.texts;
    i.reporter.info(`encoding ${all.length} text(s) with ${encoder.kind} encoder ${encoder.name}`);
    const vectors = await encodeTexts(encoder, all, { cache, onProgress: (done, total) => i.reporter.step(`encoding: ${done} of ${total}`) });
    const n = i.labelNames.length;
    i.reporter.info(`training the encoder head on ${i.trainSet.texts.length} row(s)${i.valSet ? `, validating on ${i.valSet.texts.length}` : ""}; ${n} labels`);
    const started = performance.now();
    const weights = fitHead(vectors.rowsOf(i.trainSet.texts), i.trainSet.labels, n, params);
    const trainSeconds = (performance.now() - started) / 1000;
    const validationAccuracy = i.valSet ? accuracy(headProba(weights, vectors.rowsOf(i.valSet.texts)), i.valSet.labels, n) : undefined;
    const metrics: Record<string, number> = { trainSeconds, ...(validationAccuracy === undefined ? {} : { validationAccuracy }) };
    try {
      await saveHeadModel(i.out, weights, { labels: i.labelNames, params, encoder: identityOf(encoder), engine: "cpu", metrics, trainedOn: i.trainedOn, trainRows: i.trainSet.texts.length });
    } catch (err) {
      throw new IoError(`could not write the model to ${i.out} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
    }
    return { epochs: params.epochs, trainSeconds, ...(validationAccuracy === undefined ? {} : { validationAccuracy }), params };
  } finally {
    encoder.dispose();
  }
}
