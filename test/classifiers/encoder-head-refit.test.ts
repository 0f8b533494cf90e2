import { describe, expect, it, vi } from 'vitest';
import { encoderHeadFactory } from '../../src/classifiers/encoder-head-classifier.js';
import { fitHead } from '../../src/encoder-head/fit.js';
import { encodeTexts } from '../../src/encoders/text-vectors.js';
import type { TextEncoder } from '../../src/encoders/types.js';

vi.mock('../../src/encoder-head/fit.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/encoder-head/fit.js')>();
  return { ...actual, fitHead: vi.fn(actual.fitHead) };
});

const encoder: TextEncoder = {
  kind: 'static', name: 'lengths', contentHash: 'b'.repeat(64), dim: 2,
  async encode(texts) {
    const out = new Float32Array(texts.length * 2);
    texts.forEach((t, r) => {
      out[r * 2] = t.length % 5;
      out[r * 2 + 1] = t.charCodeAt(0) % 3;
    });
    return out;
  },
  dispose() {},
};

describe('refitting the head on the same people rows', () => {
  it('reuses the last L-BFGS fit when the people rows and labels are the same, and fits afresh otherwise', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `${'abc'[i % 3]}text ${'x'.repeat(i % 5)}`);
    const labels = Int32Array.from(texts, (_, i) => i % 2);
    const vectors = await encodeTexts(encoder, [...texts, 'pseudo one', 'pseudo two'], { cache: null });
    const identity = { kind: 'static' as const, name: 'lengths', contentHash: encoder.contentHash, dim: 2 };
    const factory = encoderHeadFactory(vectors, identity);
    const calls = vi.mocked(fitHead);
    calls.mockClear();
    const first = factory.create(1);
    await first.fit(texts, labels, 2);
    const second = factory.create(2); // a fold's second fit: the same people rows, then pseudo-labels
    await second.fit([...texts, 'pseudo one', 'pseudo two'], Int32Array.from([...labels, 0, 1]), 2, { peopleRows: texts.length });
    expect(calls).toHaveBeenCalledTimes(1);
    expect(Array.from(second.predictProba(texts))).toEqual(Array.from(first.predictProba(texts)));
    const relabeled = Int32Array.from(labels, (l, i) => (i === 0 ? 1 - l : l));
    await factory.create(3).fit(texts, relabeled, 2);
    await factory.create(4).fit(texts.slice(1), labels.subarray(1), 2);
    expect(calls).toHaveBeenCalledTimes(3);
    const adam = encoderHeadFactory(vectors, identity, { optimizer: 'adam', dropout: 0.1, epochs: 2 });
    await adam.create(1).fit(texts, labels, 2);
    await adam.create(2).fit(texts, labels, 2);
    expect(calls).toHaveBeenCalledTimes(5); // Adam's fit depends on the seed: never reused
  });
});
