import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DENSE_DEFAULTS, denseLayersModelJSON, loadDenseModel, saveDenseModel, trainDense, type DenseModel } from '../../src/dense/index.js';
import { syntheticSet } from '../fasttext/helpers.js';

const params = { ...DENSE_DEFAULTS, hiddenUnits: 8, epochs: 3 };
const data = syntheticSet(60, 4);
let dir: string;
let model: DenseModel;

beforeAll(async () => {
  tf.enableProdMode(); // no "install tfjs-node" banner from the cpu backend
  dir = await mkdtemp(join(tmpdir(), 'al-label-dense-'));
  model = await trainDense(data.texts, data.labels, 3, params);
  await saveDenseModel(dir, model, { labels: ['x', 'y', 'z'], params, engine: 'cpu', backend: 'al-label-sparse', metrics: { finalTrainLoss: 0.5 }, round: 2 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('dense artifacts', () => {
  it('writes metadata with labels, featurizer, hyperparameters, engine, metrics and versions', async () => {
    const meta = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
    expect(meta).toMatchObject({ kind: 'dense', artifactVersion: 1, labels: ['x', 'y', 'z'], params, engine: 'cpu', backend: 'al-label-sparse', metrics: { finalTrainLoss: 0.5 }, round: 2, numFeatures: model.featurizer.size, hiddenUnits: 8 });
    expect(meta.alLabelVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(meta.featurizer.vocabulary).toHaveLength(model.featurizer.size);
  });

  it('loads back with bit-identical predictions', async () => {
    const { model: back } = await loadDenseModel(dir);
    expect(back.predictProba(data.texts)).toEqual(model.predictProba(data.texts));
  });

  it('writes the topology tfjs-layers itself emits for the same Sequential model', async () => {
    const layers = tf.sequential({
      name: 'dense_bag_of_words',
      layers: [tf.layers.dense({ name: 'hidden', inputShape: [50], units: 8, activation: 'relu', kernelInitializer: 'zeros' }), tf.layers.dropout({ name: 'dropout', rate: 0.5 }), tf.layers.dense({ name: 'output', units: 3, activation: 'softmax', kernelInitializer: 'zeros' })],
    });
    const theirs = layers.toJSON(undefined, false) as { config: unknown };
    const ours = denseLayersModelJSON(50, 8, 0.5, 3, 'test').modelTopology as { config: unknown };
    expect(ours.config).toEqual(theirs.config);
    expect(denseLayersModelJSON(50, 8, 0.5, 3, 'test').weightsManifest[0]!.weights.map((w) => [w.name, w.shape])).toEqual(layers.weights.map((w) => [w.originalName, w.shape]));
    layers.dispose();
  });

  it('refuses a folder of another kind or a truncated weights file', async () => {
    const other = await mkdtemp(join(tmpdir(), 'al-label-dense-bad-'));
    await writeFile(join(other, 'metadata.json'), JSON.stringify({ kind: 'fasttext', artifactVersion: 1 }));
    await expect(loadDenseModel(other)).rejects.toThrow(/not a dense model/);
    const meta = await readFile(join(dir, 'metadata.json'), 'utf8');
    await writeFile(join(other, 'metadata.json'), meta);
    await writeFile(join(other, 'model.json'), await readFile(join(dir, 'model.json')));
    await writeFile(join(other, 'weights.bin'), new Uint8Array(12));
    await expect(loadDenseModel(other)).rejects.toThrow(/holds 3 floats, expected/);
    await rm(other, { recursive: true, force: true });
  });
});
