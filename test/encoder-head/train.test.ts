import { describe, expect, it } from 'vitest';
import { trainHead } from '../../src/encoder-head/train.js';
import { headProba } from '../../src/encoder-head/model.js';
import { HEAD_DEFAULTS } from '../../src/encoder-head/types.js';
import { blobs, rightAnswers, rowsOf } from './head-fixtures.js';


/** Three blobs far apart. */
const separable = (n: number, seed: number) => blobs(n, seed, { center: 3, spread: 1 });

describe('the encoder head', () => {
  it('learns separable classes and gives probabilities that sum to one', () => {
    const { x, y } = separable(300, 1);
    const w = trainHead(rowsOf(x, 6), y, 3, { ...HEAD_DEFAULTS, epochs: 20 });
    expect(rightAnswers(headProba(w, rowsOf(x, 6)), y, 3)).toBeGreaterThanOrEqual(297);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const { x, y } = separable(90, 2);
    const a = trainHead(rowsOf(x, 6), y, 3, { ...HEAD_DEFAULTS, epochs: 3, seed: 5 });
    const b = trainHead(rowsOf(x, 6), y, 3, { ...HEAD_DEFAULTS, epochs: 3, seed: 5 });
    const c = trainHead(rowsOf(x, 6), y, 3, { ...HEAD_DEFAULTS, epochs: 3, seed: 6 });
    expect(Array.from(a.kernel)).toEqual(Array.from(b.kernel));
    expect(Array.from(a.kernel)).not.toEqual(Array.from(c.kernel));
  });

  it('shrinks the kernel under a stronger L2 penalty', () => {
    const { x, y } = separable(150, 3);
    const norm = (l2: number) => {
      const w = trainHead(rowsOf(x, 6), y, 3, { ...HEAD_DEFAULTS, epochs: 30, dropout: 0, l2 });
      return w.kernel.reduce((s, v) => s + v * v, 0);
    };
    expect(norm(0.05)).toBeLessThan(norm(0) * 0.5);
  });

  it('refuses labels that do not match the rows', () => {
    const { x } = separable(9, 4);
    expect(() => trainHead(rowsOf(x, 6), new Int32Array(3), 3, HEAD_DEFAULTS)).toThrow(/9 vectors but 3 labels/);
  });
});
