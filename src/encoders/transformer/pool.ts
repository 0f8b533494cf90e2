/** Pooling and L2 normalization of a last hidden state in plain JS (the onnxruntime path). Pure. */
import type { PoolingMode } from '../hf/pooling.js';

/**
 * `hidden` is [rows, seqLen, dim] row-major, padded on the right; `lengths[r]` tokens of row r are real.
 * Returns [rows, dim]: mean or max over the real tokens, or the first ([CLS]) token.
 */
export function poolHidden(
  hidden: Float32Array,
  lengths: readonly number[],
  seqLen: number,
  dim: number,
  mode: PoolingMode,
  normalize: boolean,
): Float32Array {
  const out = new Float32Array(lengths.length * dim);
  const acc = new Float64Array(dim);
  lengths.forEach((len, r) => {
    const base = r * seqLen * dim;
    if (mode === 'cls') {
      for (let d = 0; d < dim; d++) acc[d] = hidden[base + d]!;
    } else if (mode === 'max') {
      acc.fill(-Infinity);
      for (let t = 0; t < len; t++) for (let d = 0; d < dim; d++) acc[d] = Math.max(acc[d]!, hidden[base + t * dim + d]!);
    } else {
      acc.fill(0);
      for (let t = 0; t < len; t++) for (let d = 0; d < dim; d++) acc[d]! += hidden[base + t * dim + d]!;
      for (let d = 0; d < dim; d++) acc[d]! /= Math.max(len, 1);
    }
    writeRow(out, r * dim, acc, normalize);
  });
  return out;
}

/** Rows already pooled by the model ([rows, dim]), normalized when asked. */
export function normalizeRows(pooled: Float32Array, rows: number, dim: number, normalize: boolean): Float32Array {
  if (!normalize) return pooled.slice(0, rows * dim);
  const out = new Float32Array(rows * dim);
  const acc = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    for (let d = 0; d < dim; d++) acc[d] = pooled[r * dim + d]!;
    writeRow(out, r * dim, acc, true);
  }
  return out;
}

/** torch.nn.functional.normalize: x / max(||x||, 1e-12) */
function writeRow(out: Float32Array, at: number, v: Float64Array, normalize: boolean): void {
  let scale = 1;
  if (normalize) {
    let ss = 0;
    for (let d = 0; d < v.length; d++) ss += v[d]! * v[d]!;
    scale = 1 / Math.max(Math.sqrt(ss), 1e-12);
  }
  for (let d = 0; d < v.length; d++) out[at + d] = v[d]! * scale;
}
