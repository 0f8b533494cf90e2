import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDenseModel, type DenseMetadata } from '../dense/index.js';
import { loadFastTextModel, type FastTextMetadata } from '../fasttext/index.js';
import { loadNaiveBayesModel, type NaiveBayesMetadata } from '../naive-bayes/index.js';
import { IoError } from '../errors.js';
import { combineProbabilities, ENSEMBLE_ARTIFACT_VERSION, ENSEMBLE_COMBINES, type EnsembleMetadata } from './ensemble-classifier.js';
import { loadHeadModel, type EncoderIdentity, type HeadMetadata } from '../encoder-head/artifacts.js';
import { headProba } from '../encoder-head/model.js';
import type { TextVectors } from '../encoders/text-vectors.js';

/**
 * The encoder vectors of the texts about to be predicted, for models with an encoder head: the
 * caller encodes each batch before asking for its probabilities (predict.ts).
 */
export type VectorsOf = () => TextVectors;

/** A saved model of any kind, ready to predict on the CPU (no TF.js needed). */
export type LoadedModel = (
  | { kind: 'fasttext'; meta: FastTextMetadata }
  | { kind: 'dense'; meta: DenseMetadata }
  | { kind: 'naive-bayes'; meta: NaiveBayesMetadata }
  | { kind: 'ensemble'; meta: EnsembleMetadata }
  | { kind: 'encoder-head'; meta: HeadMetadata }
) & {
  labels: string[];
  numLabels: number;
  /** the encoder the model needs vectors of (its head's), or null */
  encoder: EncoderIdentity | null;
  predictProba(texts: readonly string[]): Float32Array;
};

/** Loads `<dir>/{model.json,weights.bin,metadata.json}`, choosing the reader by metadata `kind`. */
export async function loadModel(dir: string, vectorsOf?: VectorsOf): Promise<LoadedModel> {
  let meta: { kind?: unknown };
  try {
    meta = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')) as { kind?: unknown };
  } catch (err) {
    throw new IoError(`cannot read ${join(dir, 'metadata.json')}: ${err instanceof Error ? err.message : String(err)} (is ${dir} a model folder written by al-label?)`, { cause: err });
  }
  const kind = meta.kind;
  if (kind === 'dense') {
    const { model, meta } = await loadDenseModel(dir);
    return { kind, labels: meta.labels, numLabels: model.numLabels, meta, encoder: null, predictProba: (texts) => model.predictProba(texts) };
  }
  if (kind === 'fasttext') {
    const { model, meta } = await loadFastTextModel(dir);
    return { kind, labels: meta.labels, numLabels: model.numLabels, meta, encoder: null, predictProba: (texts) => model.predictProba(texts) };
  }
  if (kind === 'naive-bayes') {
    const { model, meta } = await loadNaiveBayesModel(dir);
    return { kind, labels: meta.labels, numLabels: model.numLabels, meta, encoder: null, predictProba: (texts) => model.predictProba(texts) };
  }
  if (kind === 'encoder-head') {
    const { weights, meta } = await loadHeadModel(dir);
    const vectors = (): TextVectors => {
      if (!vectorsOf) throw new Error(`${dir} is a head on encoder "${meta.encoder.name}": its texts must be encoded first`);
      const v = vectorsOf();
      if (v.contentHash !== meta.encoder.contentHash) throw new Error(`${dir} was trained on encoder ${meta.encoder.contentHash.slice(0, 12)}, the vectors given are of ${v.contentHash.slice(0, 12)}`);
      return v;
    };
    return { kind, labels: meta.labels, numLabels: meta.numLabels, meta, encoder: meta.encoder, predictProba: (texts) => headProba(weights, vectors().rowsOf(texts)) };
  }
  if (kind === 'ensemble') return loadEnsemble(dir, meta as EnsembleMetadata, vectorsOf);
  throw new IoError(`${dir}/metadata.json has model kind ${JSON.stringify(kind)}; this al-label reads "fasttext", "dense", "naive-bayes", "encoder-head" and "ensemble"`);
}

async function loadEnsemble(dir: string, meta: EnsembleMetadata, vectorsOf?: VectorsOf): Promise<LoadedModel> {
  if (meta.artifactVersion !== ENSEMBLE_ARTIFACT_VERSION) throw new Error(`${dir} is an ensemble of artifact version ${String(meta.artifactVersion)}, not ${ENSEMBLE_ARTIFACT_VERSION}`);
  if (!Array.isArray(meta.members) || meta.members.length === 0) throw new Error(`${dir}/metadata.json names no members`);
  const members: LoadedModel[] = [];
  for (const name of meta.members) {
    if (typeof name !== 'string' || !/^[a-z0-9-]+$/.test(name)) throw new Error(`${dir}/metadata.json names a member ${JSON.stringify(name)} that is not a plain folder name`);
    const m = await loadModel(join(dir, name), vectorsOf);
    if (m.kind === 'ensemble') throw new Error(`${dir}/${name} is itself an ensemble; members must be single models`);
    if (m.labels.join('\n') !== meta.labels.join('\n')) throw new Error(`${dir}/${name} has labels ${JSON.stringify(m.labels)}, the ensemble ${JSON.stringify(meta.labels)}`);
    members.push(m);
  }
  // folders written before `combine` could be anything but "mean" say "mean"; one without it is refused
  const combine = meta.combine;
  if (!ENSEMBLE_COMBINES.includes(combine)) throw new Error(`${dir}/metadata.json combines members by ${JSON.stringify(combine)}; this al-label knows ${ENSEMBLE_COMBINES.map((c) => JSON.stringify(c)).join(' and ')}`);
  const encoder = members.find((m) => m.encoder)?.encoder ?? null;
  return { kind: 'ensemble', meta, labels: meta.labels, numLabels: meta.labels.length, encoder, predictProba: (texts) => combineProbabilities(combine, members.map((m) => m.predictProba(texts)), texts.length) };
}
