import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNaiveBayesModel, NAIVE_BAYES_DEFAULTS, saveNaiveBayesModel, trainNaiveBayes, type NaiveBayesModel } from '../../src/naive-bayes/index.js';
import { syntheticSet } from '../fasttext/helpers.js';

const data = syntheticSet(60, 4);
let dir: string;
let model: NaiveBayesModel;

beforeAll(async () => {
  tf.enableProdMode();
  dir = await mkdtemp(join(tmpdir(), 'al-label-nb-'));
  model = trainNaiveBayes(data.texts, data.labels, 3, NAIVE_BAYES_DEFAULTS);
  await saveNaiveBayesModel(dir, model, { labels: ['x', 'y', 'z'], params: NAIVE_BAYES_DEFAULTS, round: 2 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('naive Bayes artifacts', () => {
  it('writes metadata with labels, hashed terms, idf, hyperparameters and versions', async () => {
    const meta = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
    expect(meta).toMatchObject({ kind: 'naive-bayes', artifactVersion: 1, labels: ['x', 'y', 'z'], round: 2, numFeatures: model.featurizer.size, numLabels: 3, engine: 'cpu' });
    expect(meta.featurizer.terms).toHaveLength(model.featurizer.size);
    expect(meta.featurizer.idf).toHaveLength(model.featurizer.size);
  });

  it('loads back with bit-identical predictions', async () => {
    const { model: back } = await loadNaiveBayesModel(dir);
    expect(back.predictProba(data.texts)).toEqual(model.predictProba(data.texts));
  });

  it('writes the topology tfjs-layers itself emits for Dense(labels, softmax, no bias)', async () => {
    const layers = tf.sequential({ name: 'complement_naive_bayes', layers: [tf.layers.dense({ name: 'output', inputShape: [model.featurizer.size], units: 3, activation: 'softmax', useBias: false, kernelInitializer: 'zeros' })] });
    const ours = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(ours.modelTopology.config).toEqual((layers.toJSON(undefined, false) as { config: unknown }).config);
    layers.dispose();
  });

  it('refuses a folder of another kind or a truncated weights file', async () => {
    const other = await mkdtemp(join(tmpdir(), 'al-label-nb-bad-'));
    await writeFile(join(other, 'metadata.json'), JSON.stringify({ kind: 'dense', artifactVersion: 1 }));
    await expect(loadNaiveBayesModel(other)).rejects.toThrow(/not a naive Bayes model/);
    await writeFile(join(other, 'metadata.json'), await readFile(join(dir, 'metadata.json')));
    await writeFile(join(other, 'model.json'), await readFile(join(dir, 'model.json')));
    await writeFile(join(other, 'weights.bin'), new Uint8Array(8));
    await expect(loadNaiveBayesModel(other)).rejects.toThrow(/holds 2 floats, expected/);
    await rm(other, { recursive: true, force: true });
  });
});
