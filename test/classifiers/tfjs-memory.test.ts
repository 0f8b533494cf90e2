import { describe, expect, it } from 'vitest';
import { candidate } from '../../src/backends/registry.js';
import { nodeProbeEnv, selectBackend } from '../../src/backends/select.js';
import { createClassifierFactory } from '../../src/classifiers/factory.js';
import { DENSE_DEFAULTS } from '../../src/dense/index.js';
import { syntheticSet } from '../fasttext/helpers.js';

/** webgpu runs where a GPU adapter exists; elsewhere the case is skipped with the probe's reason. */
const webgpu = await candidate('webgpu').load(nodeProbeEnv);
if (!webgpu.ok) console.log(`tf.memory() on the webgpu backend skipped: ${webgpu.reason}`);
const CASES: [string, string | null][] = [
  ['cpu', null],
  ['webgpu', webgpu.ok ? null : webgpu.reason],
];

const train = syntheticSet(60, 3);
const test = syntheticSet(30, 4);

describe.each(CASES)('the dense model on the TF.js engine (%s backend)', (backend, skip) => {
  it.skipIf(skip !== null)(`leaves tf.memory().numTensors flat over five rounds${skip ? ` [skipped: ${skip}]` : ''}`, async () => {
    const { tf } = await selectBackend({ backend });
    const { factory } = await createClassifierFactory({
      model: 'dense',
      engine: 'tfjs',
      backend,
      fasttext: { epochs: 1, learningRate: 0.5, vectorDim: 4, wordNgrams: 1, minCount: 1, buckets: 100, minn: 0, maxn: 0, threads: 1 },
      dense: { ...DENSE_DEFAULTS, hiddenUnits: 8, epochs: 3, batchSize: 16 },
    });
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    for (let round = 1; round <= 5; round++) {
      // each round trains the fold models and the final one afresh, as the loop does
      for (let fold = 0; fold < 3; fold++) {
        const model = factory.create(round * 10 + fold);
        await model.fit(train.texts, train.labels, 3);
        model.predictProba(test.texts);
        model.dispose();
      }
      counts.push(tf.memory().numTensors);
    }
    expect(counts).toEqual(counts.map(() => before));
    if (backend !== 'cpu') await tf.setBackend('cpu');
  });
});
