import { softmaxInto } from '../util/softmax.js';
import { HeadKernels } from './head-kernels.js';
import type { VectorRows } from './types.js';

/** A fitted head: logits = x * kernel + bias, kernel dim x numLabels (row-major, as a Keras Dense kernel). */
export interface HeadWeights {
  dim: number;
  numLabels: number;
  kernel: Float32Array;
  bias: Float32Array;
}

/** Rows scored per kernel call: 4,096 rows of 256 floats are 4 MB of kernel memory. */
const SCORE_CHUNK = 4096;

/** Softmax probabilities for every row, row-major rows x numLabels (logits by the head kernels). */
export function headProba(w: HeadWeights, x: VectorRows): Float32Array {
  if (x.dim !== w.dim) throw new Error(`the head was trained on ${w.dim}-dimensional vectors, got ${x.dim}`);
  const k = w.numLabels;
  const out = new Float32Array(x.rows * k);
  if (x.rows === 0) return out;
  const kern = new HeadKernels(Math.min(x.rows, SCORE_CHUNK), w.dim, k);
  try {
    kern.setWeights(w.kernel);
    const z = new Float64Array(k);
    for (let from = 0; from < x.rows; from += kern.rows) {
      const n = Math.min(kern.rows, x.rows - from);
      kern.loadRows(x, from, n);
      kern.logits(n);
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < k; c++) z[c] = kern.z[r * k + c]! + w.bias[c]!;
        softmaxInto(z, out, (from + r) * k);
      }
    }
  } finally {
    kern.release();
  }
  return out;
}

/** One row's logits, z = v * kernel + bias (Adam's per-example training, train.ts). */
export function logits(w: HeadWeights, v: Float32Array, z: Float64Array): void {
  const k = w.numLabels;
  for (let c = 0; c < k; c++) z[c] = w.bias[c]!;
  for (let i = 0; i < w.dim; i++) {
    const xi = v[i]!;
    if (xi === 0) continue;
    const row = i * k;
    for (let c = 0; c < k; c++) z[c] = z[c]! + xi * w.kernel[row + c]!;
  }
}
