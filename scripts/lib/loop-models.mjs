// The loop's models as the benchmark scripts train them (bench-oracle, bench-members): the factory for a
// --model name, with the loop's own settings (src/config/run-config.ts), and the mean probabilities of
// several seeds, each trained a second time with pseudo-labels as the loop trains them. Needs the build.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(resolve(dirname(fileURLToPath(import.meta.url)), "..", ".."), "dist");
const { denseFactory } = await import(join(dist, "classifiers/dense-classifier.js"));
const { fastTextFactory } = await import(join(dist, "classifiers/fasttext-classifier.js"));
const { naiveBayesFactory } = await import(join(dist, "classifiers/naive-bayes-classifier.js"));
const { ensembleFactory } = await import(join(dist, "classifiers/ensemble-classifier.js"));
const { PSEUDO_LABELS, drawPseudoLabels } = await import(join(dist, "calibration/pseudo-labels.js"));
const { encoderHeadFactory } = await import(join(dist, "classifiers/encoder-head-classifier.js"));
const { createClassifierFactory } = await import(join(dist, "classifiers/factory.js"));
const { DENSE_DEFAULTS } = await import(join(dist, "dense/index.js"));
const { loadEncoder } = await import(join(dist, "encoders/load.js"));
const { encodeTexts } = await import(join(dist, "encoders/text-vectors.js"));
const { cacheFor } = await import(join(dist, "encoders/vector-cache.js"));
const { identityOf } = await import(join(dist, "cli/commands/run-encoder.js"));

/** The loop's fastText settings (src/config/run-config.ts). */
const FASTTEXT = { epochs: 10, learningRate: 0.5, vectorDim: 20, wordNgrams: 1, minCount: 1, buckets: 2_000_000, threads: 1, minn: 0, maxn: 0 };

const FACTORIES = {
  "dense+nb": () => ensembleFactory([{ name: "dense", factory: denseFactory({}) }, { name: "naive-bayes", factory: naiveBayesFactory() }]),
  dense: () => denseFactory({}),
  "naive-bayes": () => naiveBayesFactory(),
  fasttext: () => fastTextFactory(FASTTEXT),
};

/** Model names that need the texts' encoder vectors: `run`'s default, the shipped encoder's head with dense+nb. */
const WITH_ENCODER = ["default"];

/** A fresh factory for a model name; throws naming the choices, for a bad flag. */
export function loopFactory(name, flag = "--model") {
  if (WITH_ENCODER.includes(name)) throw new Error(`${flag} ${name} needs the texts: use encoderLoopFactory`);
  if (!FACTORIES[name]) throw new Error(`${flag} ${name}: one of ${[...Object.keys(FACTORIES), ...WITH_ENCODER].join(", ")}`);
  return FACTORIES[name]();
}

/**
 * `run`'s default model on these texts, put together by the product's own factory (src/classifiers/factory.ts,
 * CPU engine): an encoder's head with dense and naive Bayes, combined as `run` combines them. The encoder is
 * `run --encoder`'s value ("default": the shipped static encoder; a folder: a transformer or static encoder, whose
 * vectors come from and go to the vector cache `run` uses, $AL_LABEL_CACHE_DIR or the user's cache folder).
 * The head learns from people's rows only.
 */
export async function encoderLoopFactory(texts, encoderValue = "default") {
  const encoder = await loadEncoder(encoderValue);
  if (!encoder) throw new Error(`--encoder ${encoderValue}: this model needs an encoder`);
  const cache = await cacheFor(encoder);
  let shown = 0;
  const onProgress = (done, total, fromCache) => {
    if (done - shown < 512 && done < total) return;
    shown = done;
    process.stderr.write(`${encoder.name}: ${done} of ${total} texts encoded (${fromCache} from the cache)\n`);
  };
  let vectors;
  try {
    vectors = await encodeTexts(encoder, texts, { cache, onProgress });
  } finally {
    encoder.dispose(); // a transformer's runtime session is not needed once every text has its vector
  }
  const { seed: _, ...dense } = DENSE_DEFAULTS;
  const { factory } = await createClassifierFactory({ model: "dense+nb", engine: "cpu", dense, fasttext: FASTTEXT }, undefined, encoderHeadFactory(vectors, identityOf(encoder)));
  return factory;
}

/**
 * A fresh factory for a model name bench scripts take, "default" included (it encodes `texts` once, with
 * `encoder`: "default" for the shipped static encoder, or an encoder folder).
 */
export async function anyLoopFactory(name, texts, flag = "--model", encoder = "default") {
  if (WITH_ENCODER.includes(name)) return encoderLoopFactory(texts, encoder);
  if (encoder !== "default") throw new Error(`--encoder goes with --model default (an encoder's head with dense+nb), not ${flag} ${name}`);
  return loopFactory(name, flag);
}

/**
 * Mean probabilities over `rowTexts` of `models` models (seeds 1..models) trained on the labeled texts; with
 * `pseudo`, each is trained again with the pseudo-labels it draws from `rowTexts`.
 */
export async function meanProbabilities(factory, trainTexts, trainLabels, rowTexts, numLabels, models, pseudo) {
  const out = new Float32Array(rowTexts.length * numLabels);
  for (let s = 1; s <= models; s++) {
    let m = factory.create(s);
    await m.fit(trainTexts, trainLabels, numLabels);
    if (pseudo) {
      const drawn = drawPseudoLabels(m, rowTexts.length, (k) => rowTexts[k], trainTexts.length, numLabels, PSEUDO_LABELS, 1000 + s);
      m.dispose();
      m = factory.create(100 + s);
      // as the loop does: people's rows first, and a head learns from them alone
      await m.fit(trainTexts.concat(drawn.texts), Int32Array.from([...trainLabels, ...drawn.labels]), numLabels, { peopleRows: trainTexts.length });
    }
    const p = m.predictProba(rowTexts);
    for (let i = 0; i < p.length; i++) out[i] += p[i] / models;
    m.dispose();
  }
  return out;
}
