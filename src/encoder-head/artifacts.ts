import { readMetadata, readWeights, writeLayersArtifact } from '../tfjs-format/artifact-files.js';
import { denseLayer, sequentialModelJSON } from '../tfjs-format/layers-json.js';
import { VERSION } from '../version.js';
import type { HeadWeights } from './model.js';
import type { HeadParams } from './types.js';

/** Bump when the meaning of the saved files changes; the loader refuses other versions. */
export const HEAD_ARTIFACT_VERSION = 1;

/** The encoder a head was trained on: predicting with another one is refused. */
export interface EncoderIdentity {
  kind: 'static' | 'transformer';
  name: string;
  contentHash: string;
  dim: number;
}

export interface HeadMetadata {
  kind: 'encoder-head';
  artifactVersion: number;
  alLabelVersion: string;
  labels: string[];
  params: HeadParams;
  encoder: EncoderIdentity;
  /** the head's input is the encoder's unit vector times this (sqrt(dim)) */
  inputScale: number;
  numLabels: number;
  createdAt: string;
  [k: string]: unknown;
}

/**
 * model.json + weights.bin in TF.js layers format (`Dropout` then `Dense(labels, softmax)` over the
 * scaled encoder vector: tf.loadLayersModel reads it) and metadata.json naming the encoder by its
 * content hash.
 */
export async function saveHeadModel(dir: string, w: HeadWeights, meta: { labels: string[]; params: HeadParams; encoder: EncoderIdentity; [k: string]: unknown }): Promise<void> {
  if (meta.labels.length !== w.numLabels) throw new Error(`meta.labels has ${meta.labels.length} names but the head has ${w.numLabels} labels`);
  const layers = [
    { class_name: 'Dropout', config: { rate: meta.params.dropout, noise_shape: null, seed: null, name: 'dropout', trainable: true, batch_input_shape: [null, w.dim], dtype: 'float32' } },
    denseLayer('softmax', w.numLabels, 'softmax', { useBias: true, trainable: true }),
  ];
  const topology = sequentialModelJSON('encoder_head', layers, [
    { name: 'softmax/kernel', shape: [w.dim, w.numLabels], dtype: 'float32' },
    { name: 'softmax/bias', shape: [w.numLabels], dtype: 'float32' },
  ], `al-label ${VERSION}`);
  const weights = new Float32Array(w.kernel.length + w.bias.length);
  weights.set(w.kernel, 0);
  weights.set(w.bias, w.kernel.length);
  const metadata: HeadMetadata = {
    ...meta,
    kind: 'encoder-head',
    artifactVersion: HEAD_ARTIFACT_VERSION,
    alLabelVersion: VERSION,
    inputScale: Math.sqrt(w.dim),
    numLabels: w.numLabels,
    createdAt: new Date().toISOString(),
  };
  await writeLayersArtifact(dir, topology, weights, metadata);
}

export async function loadHeadModel(dir: string): Promise<{ weights: HeadWeights; meta: HeadMetadata }> {
  const meta = await readMetadata<HeadMetadata>(dir);
  if (meta.kind !== 'encoder-head') throw new Error(`${dir} holds a ${String(meta.kind)} model, not an encoder head`);
  if (meta.artifactVersion !== HEAD_ARTIFACT_VERSION) throw new Error(`${dir} is an encoder head of artifact version ${String(meta.artifactVersion)}; this al-label reads version ${HEAD_ARTIFACT_VERSION}`);
  const all = await readWeights(dir);
  const dim = meta.encoder.dim;
  const k = meta.numLabels;
  if (all.length !== dim * k + k) throw new Error(`${dir}/weights.bin holds ${all.length} floats; a ${dim} x ${k} head needs ${dim * k + k}`);
  return { weights: { dim, numLabels: k, kernel: all.slice(0, dim * k), bias: all.slice(dim * k) }, meta };
}
