import { describe, expect, it } from 'vitest';
import { runClassifierFactory } from '../../src/cli/commands/run-factory.js';
import { mergeConfig } from '../../src/config/resolve.js';
import { BackendUnavailableError } from '../../src/errors.js';
import { syntheticSet } from '../fasttext/helpers.js';

describe('run: --model / --engine / --backend choose the factory', () => {
  it('defaults to dense+nb on the CPU engine where there is no GPU; --model fasttext takes fastText\'s loop settings', async () => {
    const { factory, engineNote } = await runClassifierFactory(mergeConfig({ engine: 'cpu' }), {});
    expect(factory.describe()).toMatch(/^mean of dense\[cpu\]\(tfidf, maxFeatures=20000, ngrams=1, hidden=64, dropout=0.5, epochs=5, lr=0.005, batch=32\) and naive-bayes\(complement, words 1-2, chars 2-5/);
    const ft = await runClassifierFactory(mergeConfig({ engine: 'cpu', model: 'fasttext' }), { model: 'fasttext' });
    expect(ft.factory.describe()).toMatch(/^fasttext\(dim=20, epochs=10, lr=0.5/);
    expect(engineNote).toMatch(/engine cpu/);
  });

  it('with an encoder the head joins first and the members are combined by a geometric mean', async () => {
    const { encodeTexts } = await import('../../src/encoders/text-vectors.js');
    const encoder = { kind: 'static' as const, name: 'tiny', contentHash: 'b'.repeat(64), dim: 2, async encode(t: string[]) { return new Float32Array(t.length * 2).fill(0.5); }, dispose() {} };
    const vectors = await encodeTexts(encoder, ['a', 'b'], { cache: null });
    const identity = { kind: 'static' as const, name: 'tiny', contentHash: encoder.contentHash, dim: 2 };
    const { factory } = await runClassifierFactory(mergeConfig({ engine: 'cpu' }), {}, { vectors, identity } as Parameters<typeof runClassifierFactory>[2]);
    expect(factory.describe()).toMatch(/^geometric mean of encoder-head.* and dense\[cpu\].* and naive-bayes/);
    // --model nb: naive Bayes and the head, no dense model
    const nb = await runClassifierFactory(mergeConfig({ engine: 'cpu', model: 'nb' }), { model: 'nb' }, { vectors, identity } as Parameters<typeof runClassifierFactory>[2]);
    expect(nb.factory.describe()).toMatch(/^geometric mean of encoder-head\(.*\) and naive-bayes\(complement[^)]*\)$/);
    const alone = await runClassifierFactory(mergeConfig({ engine: 'cpu', model: 'nb', encoder: 'none' }), { model: 'nb' });
    expect(alone.factory.describe()).toMatch(/^naive-bayes\(complement/);
  });

  it('--model dense takes the dense defaults, not fastText\'s SGD learning rate', async () => {
    const { factory } = await runClassifierFactory(mergeConfig({ model: 'dense', engine: 'cpu' }), { model: 'dense' });
    expect(factory.describe()).toBe('dense[cpu](tfidf, maxFeatures=20000, ngrams=1, hidden=64, dropout=0.5, epochs=5, lr=0.005, batch=32)');
    const explicit = await runClassifierFactory(mergeConfig({ model: 'dense', engine: 'cpu', learningRate: 0.01, epochs: 3, hiddenUnits: 16 }), { learningRate: 0.01, epochs: 3 });
    expect(explicit.factory.describe()).toMatch(/hidden=16, dropout=0.5, epochs=3, lr=0.01,/);
  });

  it('the dense factory exposes text vectors of its hidden layer', async () => {
    const { factory } = await runClassifierFactory(mergeConfig({ model: 'dense', engine: 'cpu', hiddenUnits: 8 }), {});
    const m = factory.create(1);
    const { texts, labels } = syntheticSet(30, 1);
    await m.fit(texts, labels, 3);
    const v = m.textVectors!(texts.slice(0, 2));
    expect(v.dim).toBe(8);
    expect(v.data).toHaveLength(16);
    expect(Math.min(...v.data)).toBeGreaterThanOrEqual(0);
    m.dispose();
  });

  it('--engine cpu with a --backend is refused with exit code 2', async () => {
    const err = await runClassifierFactory(mergeConfig({ engine: 'cpu', backend: 'wasm' }), {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect((err as BackendUnavailableError).exitCode).toBe(2);
  });
});
