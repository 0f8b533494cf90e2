import { describe, expect, it } from 'vitest';
import { trainHead } from '../../src/encoder-head/train.js';
import { headProba } from '../../src/encoder-head/model.js';
import { HEAD_DEFAULTS, type VectorRows } from '../../src/encoder-head/types.js';
import { createRng } from '../../src/util/random.js';

function rowsOf(data: Float32Array, dim: number): VectorRows {
  return { rows: data.length / dim, dim, read: (r, out) => out.set(data.subarray(r * dim, (r + 1) * dim)) };
}

/** Three Gaussian blobs in 6 dimensions, centers far apart. */
function blobs(n: number, seed: number): { x: Float32Array; y: Int32Array } {
  const rng = createRng(seed);
  const dim = 6;
  const x = new Float32Array(n * dim);
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const c = r % 3;
    y[r] = c;
    for (let i = 0; i < dim; i++) x[r * dim + i] = (i === c * 2 ? 3 : 0) + (rng.next() - 0.5);
  }
  return { x, y };
}

describe('the encoder head', () => {
  it('learns separable classes and gives probabilities that sum to one', () => {
    const { x, y } = blobs(300, 1);
    const w = trainHead(rowsOf(x, 6), y, 3, { ...HEAD_DEFAULTS, epochs: 20 });
    const p = headProba(w, rowsOf(x, 6));
    let right = 0;
    for (let r = 0; r < 300; r++) {
      const row = Array.from(p.subarray(r * 3, r * 3 + 3));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      if (row.indexOf(Math.max(...row)) === y[r]) right++;
    }
    expect(right).toBeGreaterThanOrEqual(297);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const { x, y } = blobs(90, 2);
    const a = trainHead(rowsOf(x, 6), y, 3, { ...HEAD_DEFAULTS, epochs: 3, seed: 5 });
    const b = trainHead(rowsOf(x, 6), y, 3, { ...HEAD_DEFAULTS, epochs: 3, seed: 5 });
    const c = trainHead(rowsOf(x, 6), y, 3, { ...HEAD_DEFAULTS, epochs: 3, seed: 6 });
    expect(Array.from(a.kernel)).toEqual(Array.from(b.kernel));
    expect(Array.from(a.kernel)).not.toEqual(Array.from(c.kernel));
  });

  it('shrinks the kernel under a stronger L2 penalty', () => {
    const { x, y } = blobs(150, 3);
    const norm = (l2: number) => {
      const w = trainHead(rowsOf(x, 6), y, 3, { ...HEAD_DEFAULTS, epochs: 30, dropout: 0, l2 });
      return w.kernel.reduce((s, v) => s + v * v, 0);
    };
    expect(norm(0.05)).toBeLessThan(norm(0) * 0.5);
  });

  it('refuses labels that do not match the rows', () => {
    const { x } = blobs(9, 4);
    expect(() => trainHead(rowsOf(x, 6), new Int32Array(3), 3, HEAD_DEFAULTS)).toThrow(/9 vectors but 3 labels/);
  });
});
