import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFastTextModel, saveFastTextModel } from '../../src/fasttext/artifacts.js';
import type { FastTextModel } from '../../src/fasttext/model.js';
import { fileLoadRouter } from '../../src/fasttext/tfjs-file-io.js';
import { trainFastText } from '../../src/fasttext/train.js';
import { TEST_PARAMS, uciSample } from './helpers.js';

const { names, train, test } = uciSample();
const params = { ...TEST_PARAMS, vectorDim: 8, epochs: 5 };
let dir: string;
let model: FastTextModel;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'al-label-ft-'));
  model = await trainFastText(train.texts, train.labels, names.length, params);
  await saveFastTextModel(dir, model, { labels: names, params, note: 'kept' });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('fastText artifacts', () => {
  it('writes versioned metadata with labels, params and the featurizer', async () => {
    const meta = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
    expect(meta).toMatchObject({ kind: 'fasttext', artifactVersion: 1, labels: names, params, note: 'kept', numFeatures: model.dictionary.size });
    expect(meta.alLabelVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(meta.featurizer.bucketIds).toHaveLength(model.dictionary.bucketIds.length);
  });

  it('loads back a model with bit-identical predictions', async () => {
    const { model: back, meta } = await loadFastTextModel(dir);
    expect(meta.labels).toEqual(names);
    expect(back.predictProba(test.texts)).toEqual(model.predictProba(test.texts));
  });

  it('loads in plain TF.js and predicts the same probabilities within 1e-4', async () => {
    tf.io.registerLoadRouter(fileLoadRouter);
    const layers = await tf.loadLayersModel(pathToFileURL(join(dir, 'model.json')).href);
    const texts = test.texts.slice(0, 40);
    const enc = model.dictionary.encode(texts);
    // The bag as a dense vector: x[id] = count / ntokens, so x · wIn is the mean of the rows.
    const x = new Float32Array(texts.length * model.dictionary.size);
    for (let r = 0; r < texts.length; r++) {
      for (let p = enc.offsets[r]!; p < enc.offsets[r + 1]!; p++) x[r * model.dictionary.size + enc.ids[p]!]! += 1 / enc.ntokens[r]!;
    }
    const input = tf.tensor2d(x, [texts.length, model.dictionary.size]);
    const output = layers.predict(input) as tf.Tensor;
    const got = await output.data();
    tf.dispose([input, output]);
    layers.dispose();
    const ours = model.predictProba(texts);
    for (let i = 0; i < ours.length; i++) expect(Math.abs(got[i]! - ours[i]!)).toBeLessThan(1e-4);
  });

  it('refuses a directory of another artifact kind', async () => {
    const other = await mkdtemp(join(tmpdir(), 'al-label-ft-bad-'));
    await (await import('node:fs/promises')).writeFile(join(other, 'metadata.json'), JSON.stringify({ kind: 'mlp', artifactVersion: 1 }));
    await expect(loadFastTextModel(other)).rejects.toThrow(/not a fastText model/);
    await rm(other, { recursive: true, force: true });
  });
});
