import { Adam } from '../dense/adam.js';
import { createRng, shuffled } from '../util/random.js';
import { softmaxInto } from '../util/softmax.js';
import { logits, type HeadWeights } from './model.js';
import type { HeadParams, VectorRows } from './types.js';

/**
 * Fits Dropout -> Dense softmax by mini-batch Adam on cross-entropy + l2 * |kernel|^2. Deterministic
 * for a seed: the batch order and the dropout masks come from it. Glorot-uniform kernel, zero bias,
 * as Keras initialises a Dense layer.
 */
export function trainHead(x: VectorRows, labels: Int32Array, numLabels: number, p: HeadParams): HeadWeights {
  if (labels.length !== x.rows) throw new Error(`${x.rows} vectors but ${labels.length} labels`);
  const { dim } = x;
  const k = numLabels;
  const rng = createRng(p.seed);
  const limit = Math.sqrt(6 / (dim + k));
  const kernel = new Float32Array(dim * k);
  for (let i = 0; i < kernel.length; i++) kernel[i] = (rng.next() * 2 - 1) * limit;
  const bias = new Float32Array(k);
  const w: HeadWeights = { dim, numLabels: k, kernel, bias };
  if (x.rows === 0) return w;
  const optK = new Adam(kernel.length, p.learningRate);
  const optB = new Adam(k, p.learningRate);
  const gK = new Float64Array(kernel.length);
  const gB = new Float64Array(k);
  const v = new Float32Array(dim);
  const z = new Float64Array(k);
  const keep = 1 - p.dropout;
  const order = Array.from({ length: x.rows }, (_, i) => i);
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    const rows = shuffled(order, rng);
    for (let start = 0; start < rows.length; start += p.batchSize) {
      const end = Math.min(rows.length, start + p.batchSize);
      const n = end - start;
      gK.fill(0);
      gB.fill(0);
      for (let b = start; b < end; b++) {
        const r = rows[b]!;
        x.read(r, v);
        if (p.dropout > 0) for (let i = 0; i < dim; i++) v[i] = rng.next() < keep ? v[i]! / keep : 0;
        logits(w, v, z);
        softmaxInto(z, z, 0);
        z[labels[r]!] = z[labels[r]!]! - 1; // dLoss/dlogits = p - onehot
        for (let c = 0; c < k; c++) gB[c] = gB[c]! + z[c]! / n;
        for (let i = 0; i < dim; i++) {
          const xi = v[i]!;
          if (xi === 0) continue;
          const row = i * k;
          for (let c = 0; c < k; c++) gK[row + c] = gK[row + c]! + (xi * z[c]!) / n;
        }
      }
      if (p.l2 > 0) for (let i = 0; i < kernel.length; i++) gK[i] = gK[i]! + 2 * p.l2 * kernel[i]!;
      optK.tick();
      optB.tick();
      optK.step(kernel, 0, gK, 0, kernel.length);
      optB.step(bias, 0, gB, 0, k);
    }
  }
  return w;
}
