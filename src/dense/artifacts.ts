import { readMetadata, readWeights, writeLayersArtifact } from '../tfjs-format/artifact-files.js';
import { VERSION } from '../version.js';
import { DenseFeaturizer, type DenseFeaturizerJSON } from './featurizer.js';
import { denseLayersModelJSON } from './layers-json.js';
import { DenseModel } from './model.js';
import type { DenseParams } from './types.js';

/** Bump when the meaning of the saved files changes; the loader refuses other versions. */
export const DENSE_ARTIFACT_VERSION = 1;

export interface DenseSaveMeta {
  labels: string[];
  params: DenseParams;
  /** Which engine trained it: "cpu" (sparse Adam) or "tfjs". */
  engine: string;
  /** TF.js backend that trained it, or "al-label-sparse" for the CPU engine. */
  backend: string;
  metrics?: Record<string, number>;
  [k: string]: unknown;
}

export interface DenseMetadata extends DenseSaveMeta {
  artifactVersion: number;
  alLabelVersion: string;
  kind: 'dense';
  numFeatures: number;
  hiddenUnits: number;
  numLabels: number;
  featurizer: DenseFeaturizerJSON;
  createdAt: string;
}

/**
 * Writes model.json + weights.bin (TF.js layers format: `tf.loadLayersModel` runs it on the
 * featurizer's vectors) and metadata.json (labels, featurizer, hyperparameters, engine, metrics).
 */
export async function saveDenseModel(dir: string, model: DenseModel, meta: DenseSaveMeta): Promise<void> {
  if (meta.labels.length !== model.numLabels) throw new Error(`meta.labels has ${meta.labels.length} names but the model has ${model.numLabels} labels`);
  const metadata: DenseMetadata = {
    ...meta,
    artifactVersion: DENSE_ARTIFACT_VERSION,
    alLabelVersion: VERSION,
    kind: 'dense',
    numFeatures: model.featurizer.size,
    hiddenUnits: model.hidden,
    numLabels: model.numLabels,
    featurizer: model.featurizer.toJSON(),
    createdAt: new Date().toISOString(),
  };
  const { w1, b1, w2, b2 } = model.weights;
  const buf = new Float32Array(w1.length + b1.length + w2.length + b2.length);
  let o = 0;
  for (const part of [w1, b1, w2, b2]) {
    buf.set(part, o);
    o += part.length;
  }
  const topology = denseLayersModelJSON(model.featurizer.size, model.hidden, meta.params.dropout, model.numLabels, `al-label ${VERSION}`);
  await writeLayersArtifact(dir, topology, buf, metadata);
}

/** Reads what saveDenseModel wrote back into a DenseModel (no TF.js involved). */
export async function loadDenseModel(dir: string): Promise<{ model: DenseModel; meta: DenseMetadata }> {
  const meta = await readMetadata<DenseMetadata>(dir);
  if (meta.kind !== 'dense' || meta.artifactVersion !== DENSE_ARTIFACT_VERSION) {
    throw new Error(`${dir} is not a dense model of artifact version ${DENSE_ARTIFACT_VERSION} (kind ${String(meta.kind)}, version ${String(meta.artifactVersion)})`);
  }
  const floats = await readWeights(dir);
  const { numFeatures: f, hiddenUnits: h, numLabels: c } = meta;
  const expected = f * h + h + h * c + c;
  if (floats.length !== expected) throw new Error(`${dir}: weights.bin holds ${floats.length} floats, expected ${expected}`);
  let o = 0;
  const take = (n: number): Float32Array => floats.subarray(o, (o += n));
  const weights = { w1: take(f * h), b1: take(h), w2: take(h * c), b2: take(c) };
  return { model: new DenseModel(DenseFeaturizer.fromJSON(meta.featurizer), c, h, weights), meta };
}
