import { VERSION } from '../version.js';
import { readMetadata, readWeights, writeLayersArtifact } from '../tfjs-format/artifact-files.js';
import { Dictionary, type DictionaryJSON } from './dictionary.js';
import { FastTextModel } from './model.js';
import { layersModelJSON, packWeights, unpackWeights } from './tfjs-export.js';
import type { FastTextParams } from './types.js';

/** Bump when the meaning of the saved files changes; the loader refuses other versions. */
export const FASTTEXT_ARTIFACT_VERSION = 1;

export interface FastTextSaveMeta {
  labels: string[];
  params: FastTextParams;
  [k: string]: unknown;
}

export interface FastTextMetadata extends FastTextSaveMeta {
  artifactVersion: number;
  alLabelVersion: string;
  kind: 'fasttext';
  backend: 'al-label-fasttext';
  dim: number;
  numLabels: number;
  numFeatures: number;
  /** Tokenizer/hashing settings, vocabulary and compact bucket map: everything encode() needs. */
  featurizer: DictionaryJSON;
  createdAt: string;
}

/**
 * Writes model.json + weights.bin (TF.js layers format, loadable by `tf.loadLayersModel`) and
 * metadata.json (labels, params and the featurizer needed to turn text into the input vector).
 */
export async function saveFastTextModel(dir: string, model: FastTextModel, meta: FastTextSaveMeta): Promise<void> {
  if (meta.labels.length !== model.numLabels) throw new Error(`meta.labels has ${meta.labels.length} names but the model has ${model.numLabels} labels`);
  const version = VERSION;
  const numFeatures = model.dictionary.size;
  const metadata: FastTextMetadata = {
    ...meta,
    artifactVersion: FASTTEXT_ARTIFACT_VERSION,
    alLabelVersion: version,
    kind: 'fasttext',
    backend: 'al-label-fasttext',
    dim: model.dim,
    numLabels: model.numLabels,
    numFeatures,
    featurizer: model.dictionary.toJSON(),
    createdAt: new Date().toISOString(),
  };
  const weights = packWeights(model.wIn, model.wOut, model.dim, model.numLabels);
  await writeLayersArtifact(dir, layersModelJSON(numFeatures, model.dim, model.numLabels, `al-label ${version}`), weights, metadata);
}

/** Reads what saveFastTextModel wrote back into a FastTextModel (no TF.js involved). */
export async function loadFastTextModel(dir: string): Promise<{ model: FastTextModel; meta: FastTextMetadata }> {
  const meta = await readMetadata<FastTextMetadata>(dir);
  if (meta.kind !== 'fasttext' || meta.artifactVersion !== FASTTEXT_ARTIFACT_VERSION) {
    throw new Error(`${dir} is not a fastText model of artifact version ${FASTTEXT_ARTIFACT_VERSION} (kind ${String(meta.kind)}, version ${String(meta.artifactVersion)})`);
  }
  const floats = await readWeights(dir);
  const dictionary = Dictionary.fromJSON(meta.featurizer);
  const { wIn, wOut } = unpackWeights(floats, dictionary.size, meta.dim, meta.numLabels);
  return { model: new FastTextModel(dictionary, meta.numLabels, meta.dim, wIn, wOut), meta };
}
