import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDenseModel, type DenseMetadata } from '../dense/index.js';
import { loadFastTextModel, type FastTextMetadata } from '../fasttext/index.js';
import { IoError } from '../errors.js';

/** A saved model of either architecture, ready to predict on the CPU (no TF.js needed). */
export type LoadedModel = ({ kind: 'fasttext'; meta: FastTextMetadata } | { kind: 'dense'; meta: DenseMetadata }) & {
  labels: string[];
  numLabels: number;
  predictProba(texts: readonly string[]): Float32Array;
};

/** Loads `<dir>/{model.json,weights.bin,metadata.json}`, choosing the reader by metadata `kind`. */
export async function loadModel(dir: string): Promise<LoadedModel> {
  let kind: unknown;
  try {
    kind = (JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')) as { kind?: unknown }).kind;
  } catch (err) {
    throw new IoError(`cannot read ${join(dir, 'metadata.json')}: ${err instanceof Error ? err.message : String(err)} (is ${dir} a model folder written by al-label?)`, { cause: err });
  }
  if (kind === 'dense') {
    const { model, meta } = await loadDenseModel(dir);
    return { kind, labels: meta.labels, numLabels: model.numLabels, meta, predictProba: (texts) => model.predictProba(texts) };
  }
  if (kind === 'fasttext') {
    const { model, meta } = await loadFastTextModel(dir);
    return { kind, labels: meta.labels, numLabels: model.numLabels, meta, predictProba: (texts) => model.predictProba(texts) };
  }
  throw new IoError(`${dir}/metadata.json has model kind ${JSON.stringify(kind)}; this al-label reads "fasttext" and "dense"`);
}
