import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denseFactory } from '../../src/classifiers/dense-classifier.js';
import { fastTextFactory } from '../../src/classifiers/fasttext-classifier.js';
import { naiveBayesFactory } from '../../src/classifiers/naive-bayes-classifier.js';
import { loadModel } from '../../src/classifiers/load-model.js';
import { tfjsInput } from '../../src/classifiers/tfjs-input.js';
import type { ClassifierFactory } from '../../src/classifiers/types.js';
import { fileLoadRouter } from '../../src/fasttext/tfjs-file-io.js';
import { uciSample } from '../fasttext/helpers.js';

const { names, train, test } = uciSample();
const FACTORIES: [string, ClassifierFactory][] = [
  ['fasttext', fastTextFactory({ epochs: 5, learningRate: 0.5, vectorDim: 16, wordNgrams: 2, minCount: 1, buckets: 100_003, minn: 0, maxn: 0, threads: 1 })],
  ['dense', denseFactory({ maxFeatures: 3000, hiddenUnits: 32 })],
  ['naive-bayes', naiveBayesFactory()],
];
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'al-label-parity-'));
  await tf.setBackend('cpu');
  tf.enableProdMode();
  tf.io.registerLoadRouter(fileLoadRouter);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe.each(FACTORIES)('%s trained by the sparse CPU engine', (kind, factory) => {
  it('loads in plain TF.js (tf.loadLayersModel) and gives the same probabilities as al-label predict within 1e-4', async () => {
    const model = factory.create(1);
    await model.fit(train.texts, train.labels, names.length);
    const dir = join(root, kind);
    await model.save(dir, { labels: names });
    model.dispose();

    const ours = (await loadModel(dir)).predictProba(test.texts); // what `al-label predict` computes
    const meta = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
    const layers = await tf.loadLayersModel(pathToFileURL(join(dir, 'model.json')).href);
    const { x, width } = tfjsInput(meta, test.texts);
    const input = tf.tensor2d(x, [test.texts.length, width]);
    const output = layers.predict(input) as tf.Tensor;
    const got = await output.data();
    tf.dispose([input, output]);
    layers.dispose();

    expect(got).toHaveLength(ours.length);
    let worst = 0;
    for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(got[i]! - ours[i]!));
    expect(worst).toBeLessThan(1e-4);
    expect(meta.kind).toBe(kind);
  });
});
