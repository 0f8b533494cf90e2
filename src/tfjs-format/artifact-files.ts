import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonInPieces } from '../util/json-pieces.js';
import { WEIGHTS_FILE, type LayersModelJSON } from './layers-json.js';

/**
 * A model folder: model.json (TF.js layers topology), the float32 weights it names, and
 * metadata.json. Both the fastText and the dense artifacts are written and read through here.
 */
export async function writeLayersArtifact(dir: string, topology: LayersModelJSON, weights: Float32Array, metadata: object): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'model.json'), JSON.stringify(topology));
  await writeFile(join(dir, WEIGHTS_FILE), new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength));
  // a naive Bayes model's metadata holds its hashed terms: 20 MB of JSON at a million rows
  await writeJsonInPieces(join(dir, 'metadata.json'), metadata);
}

export async function readMetadata<M>(dir: string): Promise<M> {
  return JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')) as M;
}

/** The weights file model.json names, as float32. */
export async function readWeights(dir: string): Promise<Float32Array> {
  const topology = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as LayersModelJSON;
  const bytes = await readFile(join(dir, topology.weightsManifest[0]?.paths[0] ?? WEIGHTS_FILE));
  // Copy into a fresh, 4-byte-aligned buffer: Node may hand back a slice of a shared pool.
  const floats = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(floats.buffer).set(bytes);
  return floats;
}
