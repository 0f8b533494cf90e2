import type { VectorRows } from './types.js';

/** A fitted head: logits = x * kernel + bias, kernel dim x numLabels (row-major, as a Keras Dense kernel). */
export interface HeadWeights {
  dim: number;
  numLabels: number;
  kernel: Float32Array;
  bias: Float32Array;
}

/** Softmax probabilities for every row, row-major rows x numLabels. */
export function headProba(w: HeadWeights, x: VectorRows): Float32Array {
  if (x.dim !== w.dim) throw new Error(`the head was trained on ${w.dim}-dimensional vectors, got ${x.dim}`);
  const k = w.numLabels;
  const out = new Float32Array(x.rows * k);
  const v = new Float32Array(w.dim);
  const z = new Float64Array(k);
  for (let r = 0; r < x.rows; r++) {
    x.read(r, v);
    logits(w, v, z);
    softmaxInto(z, out, r * k);
  }
  return out;
}

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

/** Numerically stable softmax of z written to out[o..o+z.length); z is left holding the probabilities too. */
export function softmaxInto(z: Float64Array, out: Float32Array | Float64Array, o: number): void {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  for (let c = 0; c < z.length; c++) sum += z[c] = Math.exp(z[c]! - max);
  for (let c = 0; c < z.length; c++) out[o + c] = z[c] = z[c]! / sum;
}
