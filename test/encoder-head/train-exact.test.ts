import { describe, expect, it } from 'vitest';
import { fitHead } from '../../src/encoder-head/fit.js';
import { minimizeLbfgs } from '../../src/encoder-head/lbfgs.js';
import { headProba } from '../../src/encoder-head/model.js';
import { trainHeadExact } from '../../src/encoder-head/train-exact.js';
import { HEAD_DEFAULTS } from '../../src/encoder-head/types.js';
import { blobs, rightAnswers, rowsOf } from './head-fixtures.js';


/** Three overlapping blobs: no separating plane, so the minimum is finite. */
const overlapping = (n: number, seed: number, spread = 3) => blobs(n, seed, { center: 1, spread });

/** Mean cross-entropy + l2 |kernel|^2 of a fitted head, and its gradient's largest component. */
function objective(x: Float32Array, y: Int32Array, w: { kernel: Float32Array; bias: Float32Array }, l2: number): { loss: number; gmax: number } {
  const dim = 6;
  const k = 3;
  const n = y.length;
  const p = headProba({ dim, numLabels: k, ...w }, rowsOf(x, dim));
  let loss = 0;
  const g = new Float64Array(dim * k + k);
  for (let r = 0; r < n; r++) {
    loss -= Math.log(p[r * k + y[r]!]!) / n;
    for (let c = 0; c < k; c++) {
      const d = (p[r * k + c]! - (c === y[r] ? 1 : 0)) / n;
      g[dim * k + c] = g[dim * k + c]! + d;
      for (let i = 0; i < dim; i++) g[i * k + c] = g[i * k + c]! + d * x[r * dim + i]!;
    }
  }
  for (let j = 0; j < dim * k; j++) {
    loss += l2 * w.kernel[j]! ** 2;
    g[j] = g[j]! + 2 * l2 * w.kernel[j]!;
  }
  return { loss, gmax: Math.max(...Array.from(g, Math.abs)) };
}

describe('L-BFGS', () => {
  it('finds the minimum of an ill-conditioned quadratic and of the Rosenbrock function', () => {
    const scales = [1, 10, 100, 1000];
    const quad = minimizeLbfgs((x, g) => {
      let f = 0;
      for (let i = 0; i < 4; i++) {
        f += 0.5 * scales[i]! * (x[i]! - i) ** 2;
        g[i] = scales[i]! * (x[i]! - i);
      }
      return f;
    }, new Float64Array(4), { maxIterations: 200 });
    Array.from(quad.x).forEach((v, i) => expect(v).toBeCloseTo(i, 5));
    const rosen = minimizeLbfgs((x, g) => {
      const [a, b] = [x[0]!, x[1]!];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    }, Float64Array.of(-1.2, 1), { maxIterations: 500 });
    expect(rosen.x[0]).toBeCloseTo(1, 4);
    expect(rosen.x[1]).toBeCloseTo(1, 4);
  });
});

describe('the exactly fitted encoder head', () => {
  it('reaches the minimum of its objective: a gradient near zero, and no lower loss by Adam', () => {
    const { x, y } = overlapping(300, 1);
    const exact = trainHeadExact(rowsOf(x, 6), y, 3, { l2: 0.02, maxIterations: 200 });
    const atExact = objective(x, y, exact, 0.02);
    expect(atExact.gmax).toBeLessThan(1e-4);
    const adam = fitHead(rowsOf(x, 6), y, 3, { ...HEAD_DEFAULTS, optimizer: 'adam', l2: 0.02, epochs: 30 });
    expect(objective(x, y, adam, 0.02).loss).toBeGreaterThanOrEqual(atExact.loss - 1e-6);
  });

  it('learns the classes, and depends on the rows alone (the seed changes nothing)', () => {
    const { x, y } = overlapping(300, 2, 1);
    const a = fitHead(rowsOf(x, 6), y, 3, { ...HEAD_DEFAULTS, seed: 1 });
    const b = fitHead(rowsOf(x, 6), y, 3, { ...HEAD_DEFAULTS, seed: 2 });
    expect(Array.from(a.kernel)).toEqual(Array.from(b.kernel));
    expect(rightAnswers(headProba(a, rowsOf(x, 6)), y, 3)).toBeGreaterThanOrEqual(290);
  });

  it('shrinks the kernel under a stronger L2 penalty', () => {
    const { x, y } = overlapping(150, 3);
    const norm = (l2: number) => trainHeadExact(rowsOf(x, 6), y, 3, { l2, maxIterations: 100 }).kernel.reduce((s, v) => s + v * v, 0);
    expect(norm(0.2)).toBeLessThan(norm(0.02) * 0.5);
  });

  it('refuses dropout, which only Adam applies, and labels that do not match the rows', () => {
    const { x, y } = overlapping(9, 4);
    expect(() => fitHead(rowsOf(x, 6), y, 3, { ...HEAD_DEFAULTS, dropout: 0.1 })).toThrow(/without dropout.*adam/);
    expect(() => trainHeadExact(rowsOf(x, 6), new Int32Array(3), 3, HEAD_DEFAULTS)).toThrow(/9 vectors but 3 labels/);
  });
});
