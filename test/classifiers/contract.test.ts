import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it as vitestIt } from 'vitest';
import type { TF } from '../../src/backends/types.js';
import { candidate } from '../../src/backends/registry.js';
import { nodeProbeEnv, selectBackend } from '../../src/backends/select.js';
import { createClassifierFactory, type ModelChoice } from '../../src/classifiers/factory.js';
import { loadModel } from '../../src/classifiers/load-model.js';
import type { ClassifierFactory } from '../../src/classifiers/types.js';
import { DENSE_DEFAULTS } from '../../src/dense/index.js';
import { accuracy } from '../../src/fasttext/train.js';
import { syntheticSet } from '../fasttext/helpers.js';

const base: ModelChoice = {
  model: 'fasttext',
  engine: 'cpu',
  fasttext: { epochs: 10, learningRate: 0.5, vectorDim: 8, wordNgrams: 1, minCount: 1, buckets: 1000, minn: 0, maxn: 0, threads: 1 },
  dense: { ...DENSE_DEFAULTS, hiddenUnits: 8, epochs: 15 },
};
/**
 * The TF.js backends the contract runs on besides cpu: wasm where its package loads, webgpu where a GPU
 * adapter exists. Where one cannot run, its cases are skipped with the probe's reason in their name
 * (here: "no Vulkan loader" or "no GPU adapter: ... lavapipe ...": Dawn has no CPU stand-in).
 */
const unusable: Record<string, string | null> = {};
for (const name of ['wasm', 'webgpu'] as const) {
  const got = await candidate(name).load({ ...nodeProbeEnv, adapterTimeoutMs: 10_000 });
  unusable[name] = got.ok ? null : got.reason;
  if (!got.ok) console.log(`contract tests on the ${name} backend skipped: ${got.reason}`);
}
const on = (backend: 'wasm' | 'webgpu', model: 'dense' | 'fasttext'): [string, Partial<ModelChoice>, string | null] => [
  `${model} on tfjs (${backend} backend)${unusable[backend] ? ` [skipped: ${unusable[backend]}]` : ''}`,
  { model, engine: 'tfjs', backend },
  unusable[backend]!,
];
const CASES: [string, Partial<ModelChoice>, string | null][] = [
  ['fasttext on the cpu engine', { model: 'fasttext', engine: 'cpu' }, null],
  ['dense on the cpu engine', { model: 'dense', engine: 'cpu' }, null],
  ['fasttext on tfjs (cpu backend)', { model: 'fasttext', engine: 'tfjs', backend: 'cpu' }, null],
  ['dense on tfjs (cpu backend)', { model: 'dense', engine: 'tfjs', backend: 'cpu' }, null],
  ['dense+nb on the cpu engine', { model: 'dense+nb', engine: 'cpu' }, null],
  ['dense+nb on tfjs (cpu backend)', { model: 'dense+nb', engine: 'tfjs', backend: 'cpu' }, null],
  on('wasm', 'dense'),
  on('wasm', 'fasttext'),
  on('webgpu', 'dense'),
  on('webgpu', 'fasttext'),
];
const train = syntheticSet(90, 1);
const test = syntheticSet(60, 2);
let tf: TF;
let dir: string;

beforeAll(async () => {
  tf = (await selectBackend({ backend: 'cpu' })).tf;
  dir = await mkdtemp(join(tmpdir(), 'al-label-contract-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each(CASES)('%s', (name, choice, skip) => {
  let factory: ClassifierFactory;
  beforeAll(async () => {
    if (skip) return;
    factory = (await createClassifierFactory({ ...base, ...choice })).factory;
  });
  afterAll(async () => {
    if (choice.backend && choice.backend !== 'cpu' && !skip) await tf.setBackend('cpu'); // later cases expect cpu
  });
  const it = skip ? vitestIt.skip : vitestIt;

  it('predicts one probability row per text, each summing to 1, and learns the topics', async () => {
    const model = factory.create(1);
    await model.fit(train.texts, train.labels, 3);
    const probs = model.predictProba(test.texts);
    model.dispose();
    expect(probs).toHaveLength(test.texts.length * 3);
    for (let r = 0; r < test.texts.length; r++) expect(probs[r * 3]! + probs[r * 3 + 1]! + probs[r * 3 + 2]!).toBeCloseTo(1, 5);
    expect(accuracy(probs, test.labels, 3)).toBeGreaterThan(0.9);
  });

  it('leaks no tensors over two rounds of fit, predict, save and dispose', async () => {
    const before = tf.memory().numTensors;
    for (let round = 1; round <= 2; round++) {
      const model = factory.create(round);
      await model.fit(train.texts, train.labels, 3);
      model.predictProba(test.texts);
      await model.save(join(dir, name, `round-${round}`), { labels: ['a', 'b', 'c'], round });
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('saves artifacts that load by metadata kind and predict the same probabilities', async () => {
    const model = factory.create(7);
    await model.fit(train.texts, train.labels, 3);
    const out = join(dir, name, 'saved');
    await model.save(out, { labels: ['a', 'b', 'c'], round: 3 });
    const loaded = await loadModel(out);
    expect(loaded.kind).toBe(choice.model === 'dense+nb' ? 'ensemble' : choice.model);
    expect(loaded.labels).toEqual(['a', 'b', 'c']);
    expect(loaded.predictProba(test.texts)).toEqual(model.predictProba(test.texts));
    const meta = JSON.parse(await readFile(join(out, 'metadata.json'), 'utf8'));
    expect(meta).toMatchObject({ round: 3, artifactVersion: 1 });
    if (choice.model === 'dense') expect(meta).toMatchObject({ engine: choice.engine, backend: choice.engine === 'cpu' ? 'al-label-sparse' : choice.backend, params: { seed: 7 } });
    if (choice.model === 'dense+nb') {
      expect(meta).toMatchObject({ kind: 'ensemble', members: ['dense', 'naive-bayes'], combine: 'mean', labels: ['a', 'b', 'c'] });
      const dense = JSON.parse(await readFile(join(out, 'dense', 'metadata.json'), 'utf8'));
      expect(dense).toMatchObject({ kind: 'dense', engine: choice.engine, round: 3, params: { seed: 7 } });
      const nb = JSON.parse(await readFile(join(out, 'naive-bayes', 'metadata.json'), 'utf8'));
      expect(nb).toMatchObject({ kind: 'naive-bayes', engine: 'cpu', round: 3 });
    }
    model.dispose();
  });

  it('describes its engine for reports', () => {
    expect(factory.describe()).toMatch(choice.engine === 'tfjs' ? new RegExp(`\\[tfjs:${choice.backend}\\]`) : /^(fasttext|dense\[cpu\])\(|^mean of dense\[cpu\]\(.*\) and naive-bayes\(/);
  });
});
