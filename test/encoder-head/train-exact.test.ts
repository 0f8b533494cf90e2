import { describe, expect, it } from 'vitest';
import { fitHead } from '../../src/encoder-head/fit.js';
import { LBFGS_DEFAULTS, minimizeLbfgs, type LbfgsOptions } from '../../src/encoder-head/lbfgs.js';
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

/** L-BFGS as textbook loops in plain JavaScript (lbfgs.ts before its passes moved to WebAssembly), the reference for its path. */
function referenceLbfgs(f: (x: Float64Array, g: Float64Array) => number, x0: Float64Array, o: LbfgsOptions): { x: Float64Array; value: number; iterations: number } {
  const dot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
    return s;
  };
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  const pairs: { s: Float64Array; y: Float64Array; rho: number }[] = [];
  const dir = new Float64Array(n);
  const alpha = new Float64Array(o.memory);
  let iterations = 0;
  while (iterations < o.maxIterations && Math.max(0, ...Array.from(g, Math.abs)) > o.gradientTolerance) {
    iterations++;
    for (let i = 0; i < n; i++) dir[i] = -g[i]!;
    for (let h = pairs.length - 1; h >= 0; h--) {
      const a = pairs[h]!.rho * dot(pairs[h]!.s, dir);
      alpha[h] = a;
      for (let i = 0; i < n; i++) dir[i] = dir[i]! - a * pairs[h]!.y[i]!;
    }
    const last = pairs[pairs.length - 1];
    const scale = last ? dot(last.s, last.y) / dot(last.y, last.y) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let i = 0; i < n; i++) dir[i] = dir[i]! * scale;
    for (let h = 0; h < pairs.length; h++) {
      const step = alpha[h]! - pairs[h]!.rho * dot(pairs[h]!.y, dir);
      for (let i = 0; i < n; i++) dir[i] = dir[i]! + pairs[h]!.s[i]! * step;
    }
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      for (let i = 0; i < n; i++) dir[i] = -g[i]!;
      slope = dot(g, dir);
      pairs.length = 0;
    }
    let step = 1;
    let fNew = fx;
    const xNew = new Float64Array(n);
    const gNew = new Float64Array(n);
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * dir[i]!;
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew <= fx)) break;
    const s = Float64Array.from(xNew, (v, i) => v - x[i]!);
    const y = Float64Array.from(gNew, (v, i) => v - g[i]!);
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (pairs.length === o.memory) pairs.shift();
      pairs.push({ s, y, rho: 1 / sy });
    }
    const drop = fx - fNew;
    x = xNew;
    g = gNew;
    fx = fNew;
    if (drop <= o.relativeTolerance * Math.max(1, Math.abs(fx))) break;
  }
  return { x, value: fx, iterations };
}

describe('L-BFGS', () => {
  it('takes the same path, bit for bit, as the textbook loops in JavaScript', () => {
    // 7 unknowns (odd: the WebAssembly passes pad to 8), 3 pairs kept (the ring wraps many times)
    const n = 7;
    const f = (x: Float64Array, g: Float64Array) => {
      let v = 0;
      for (let i = 0; i < n; i++) {
        const d = x[i]! - (i % 3) + 0.5;
        const c = 1 + 10 * i;
        v += 0.5 * c * d * d + 0.1 * d ** 4 + Math.log1p(Math.exp(x[(i + 1) % n]! - x[i]!));
        g[i] = c * d + 0.4 * d ** 3;
      }
      for (let i = 0; i < n; i++) {
        const j = (i + 1) % n;
        const p = 1 / (1 + Math.exp(x[i]! - x[j]!));
        g[j] = g[j]! + p;
        g[i] = g[i]! - p;
      }
      return v;
    };
    for (const options of [
      { ...LBFGS_DEFAULTS, memory: 3, maxIterations: 60, gradientTolerance: 0, relativeTolerance: 0 },
      { ...LBFGS_DEFAULTS, maxIterations: 40 },
    ]) {
      const want = referenceLbfgs(f, Float64Array.of(3, -2, 1, 0.5, -1, 2, 0), options);
      const got = minimizeLbfgs(f, Float64Array.of(3, -2, 1, 0.5, -1, 2, 0), options);
      expect(got.iterations).toBe(want.iterations);
      expect(got.value).toBe(want.value);
      expect(Array.from(got.x)).toEqual(Array.from(want.x));
    }
  });

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

  it('refuses dropout, which only Adam applies, and labels that do not match the rows or the classes', () => {
    const { x, y } = overlapping(9, 4);
    expect(() => fitHead(rowsOf(x, 6), y, 3, { ...HEAD_DEFAULTS, dropout: 0.1 })).toThrow(/without dropout.*adam/);
    expect(() => trainHeadExact(rowsOf(x, 6), new Int32Array(3), 3, HEAD_DEFAULTS)).toThrow(/9 vectors but 3 labels/);
    expect(() => trainHeadExact(rowsOf(x, 6), Int32Array.from(y, (v) => v + 1), 3, HEAD_DEFAULTS)).toThrow(/label 3 outside 0..2/);
  });

  it('gives the same weights when its kernel memories come from the pool, dirty from other shapes', () => {
    const { x, y } = overlapping(120, 5);
    const first = trainHeadExact(rowsOf(x, 6), y, 3, { l2: 0.02, maxIterations: 30 });
    // other shapes in between leave other values where a 6-dimensional fit has its padding
    const other = blobs(200, 6, { center: 1, spread: 2 });
    headProba({ dim: 12, numLabels: 3, kernel: Float32Array.from({ length: 36 }, (_, i) => Math.sin(i)), bias: new Float32Array(3) }, rowsOf(other.x, 12));
    trainHeadExact(rowsOf(other.x.subarray(0, 1200), 12), other.y.subarray(0, 100), 3, { l2: 0.02, maxIterations: 5 });
    const again = trainHeadExact(rowsOf(x, 6), y, 3, { l2: 0.02, maxIterations: 30 });
    expect(Array.from(again.kernel)).toEqual(Array.from(first.kernel));
    expect(Array.from(again.bias)).toEqual(Array.from(first.bias));
  });
});
