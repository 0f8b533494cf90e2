import { readMetadata, readWeights, writeLayersArtifact } from '../tfjs-format/artifact-files.js';
import { denseLayer, sequentialModelJSON } from '../tfjs-format/layers-json.js';
import { VERSION } from '../version.js';
import type { NaiveBayesFeatureSettings } from './features.js';
import { NaiveBayesFeaturizer, NaiveBayesModel } from './model.js';
import type { NaiveBayesParams } from './types.js';

/** Bump when the meaning of the saved files changes; the loader refuses other versions. */
export const NAIVE_BAYES_ARTIFACT_VERSION = 1;

export interface NaiveBayesFeaturizerJSON {
  type: 'hashed-tfidf';
  /** hash function: 32-bit FNV-1a as in src/naive-bayes/features.ts */
  settings: NaiveBayesFeatureSettings;
  /** input column i is hashed term terms[i] */
  terms: number[];
  idf: number[];
}

export interface NaiveBayesMetadata {
  kind: 'naive-bayes';
  artifactVersion: number;
  alLabelVersion: string;
  labels: string[];
  params: NaiveBayesParams;
  numFeatures: number;
  numLabels: number;
  featurizer: NaiveBayesFeaturizerJSON;
  engine: 'cpu';
  createdAt: string;
  [k: string]: unknown;
}

export function featurizerToJSON(f: NaiveBayesFeaturizer): NaiveBayesFeaturizerJSON {
  return { type: 'hashed-tfidf', settings: f.settings, terms: Array.from(f.terms), idf: Array.from(f.idf) };
}

export function featurizerFromJSON(json: NaiveBayesFeaturizerJSON): NaiveBayesFeaturizer {
  if (json.type !== 'hashed-tfidf') throw new Error(`naive Bayes featurizer type ${String(json.type)} is not hashed-tfidf`);
  return new NaiveBayesFeaturizer(json.settings, Int32Array.from(json.terms), Float32Array.from(json.idf));
}

/**
 * Writes model.json + weights.bin (TF.js layers format: `Dense(labels, softmax, useBias=false)` over
 * the featurizer's vectors) and metadata.json (labels, hashed terms with their idf, hyperparameters).
 */
export async function saveNaiveBayesModel(dir: string, model: NaiveBayesModel, meta: { labels: string[]; params: NaiveBayesParams; [k: string]: unknown }): Promise<void> {
  if (meta.labels.length !== model.numLabels) throw new Error(`meta.labels has ${meta.labels.length} names but the model has ${model.numLabels} labels`);
  const metadata: NaiveBayesMetadata = {
    ...meta,
    kind: 'naive-bayes',
    artifactVersion: NAIVE_BAYES_ARTIFACT_VERSION,
    alLabelVersion: VERSION,
    numFeatures: model.featurizer.size,
    numLabels: model.numLabels,
    featurizer: featurizerToJSON(model.featurizer),
    engine: 'cpu',
    createdAt: new Date().toISOString(),
  };
  const topology = sequentialModelJSON(
    'complement_naive_bayes',
    [denseLayer('output', model.numLabels, 'softmax', { useBias: false, trainable: true, inputDim: model.featurizer.size })],
    [{ name: 'output/kernel', shape: [model.featurizer.size, model.numLabels], dtype: 'float32' }],
    `al-label ${VERSION}`,
  );
  await writeLayersArtifact(dir, topology, model.kernel, metadata);
}

export async function loadNaiveBayesModel(dir: string): Promise<{ model: NaiveBayesModel; meta: NaiveBayesMetadata }> {
  const meta = await readMetadata<NaiveBayesMetadata>(dir);
  if (meta.kind !== 'naive-bayes' || meta.artifactVersion !== NAIVE_BAYES_ARTIFACT_VERSION) {
    throw new Error(`${dir} is not a naive Bayes model of artifact version ${NAIVE_BAYES_ARTIFACT_VERSION} (kind ${String(meta.kind)}, version ${String(meta.artifactVersion)})`);
  }
  const kernel = await readWeights(dir);
  if (kernel.length !== meta.numFeatures * meta.numLabels) throw new Error(`${dir}: weights.bin holds ${kernel.length} floats, expected ${meta.numFeatures * meta.numLabels}`);
  return { model: new NaiveBayesModel(featurizerFromJSON(meta.featurizer), meta.numLabels, kernel), meta };
}
