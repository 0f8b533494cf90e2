import { createClassifierFactory } from "../../classifiers/factory.js";
import type { ClassifierFactory } from "../../classifiers/types.js";
import type { RunConfig } from "../../config/run-config.js";
import { DENSE_DEFAULTS } from "../../dense/types.js";
import { encoderHeadFactory } from "../../classifiers/encoder-head-classifier.js";
import type { RunVectors } from "./run-encoder.js";

/**
 * The loop's classifier factory from `run`'s settings: picks the engine (sparse CPU, or TF.js on
 * the best backend) and the architecture. `--epochs` and `--learning-rate` default per model:
 * fastText's SGD and the dense model's Adam want very different step sizes, so the dense model
 * takes them only when given explicitly (`flags`), not RunConfig's fastText defaults.
 */
export async function runClassifierFactory(cfg: RunConfig, flags: Partial<RunConfig>, vectors?: RunVectors | null): Promise<{ factory: ClassifierFactory; engineNote: string }> {
  const head = vectors ? encoderHeadFactory(vectors.vectors, vectors.identity) : undefined;
  const { factory, engine } = await createClassifierFactory({
    model: cfg.model,
    engine: cfg.engine,
    backend: cfg.backend,
    onGpuError: cfg.onGpuError,
    fasttext: { epochs: cfg.epochs, learningRate: cfg.learningRate, vectorDim: cfg.vectorDim, wordNgrams: cfg.wordNgrams, minCount: cfg.minCount, buckets: cfg.buckets, minn: 0, maxn: 0, threads: cfg.threads },
    dense: {
      ...DENSE_DEFAULTS,
      epochs: flags.epochs ?? DENSE_DEFAULTS.epochs,
      learningRate: flags.learningRate ?? DENSE_DEFAULTS.learningRate,
      maxFeatures: cfg.maxFeatures,
      features: cfg.features,
      hiddenUnits: cfg.hiddenUnits,
      dropout: cfg.dropout,
      ngrams: cfg.wordNgrams,
      minDf: cfg.minCount,
    },
  }, undefined, head);
  return { factory, engineNote: `engine ${engine.engine}: ${engine.why}` };
}
