import { minimizeLbfgs, type LbfgsOptions } from './lbfgs.js';
import type { HeadWeights } from './model.js';
import type { HeadParams, VectorRows } from './types.js';

/**
 * Fits Dense softmax on mean cross-entropy + l2 * |kernel|^2 to its minimum by full-batch L-BFGS
 * (the bias is not penalised, as in Keras). The objective is convex, so the result depends on the
 * rows alone: no seed, no batch order, no step size. Used when dropout is 0, where the Keras head
 * (Dropout -> Dense) is exactly this model.
 */
export function trainHeadExact(x: VectorRows, labels: Int32Array, numLabels: number, p: Pick<HeadParams, 'l2' | 'maxIterations'> & { stop?: Partial<Pick<LbfgsOptions, 'gradientTolerance' | 'relativeTolerance'>> }): HeadWeights {
  if (labels.length !== x.rows) throw new Error(`${x.rows} vectors but ${labels.length} labels`);
  const { dim, rows } = x;
  const k = numLabels;
  const kernelSize = dim * k;
  if (rows === 0) return { dim, numLabels: k, kernel: new Float32Array(kernelSize), bias: new Float32Array(k) };
  const data = new Float32Array(rows * dim);
  const v = new Float32Array(dim);
  for (let r = 0; r < rows; r++) {
    x.read(r, v);
    data.set(v, r * dim);
  }
  // class-major copies of the kernel and its gradient, so each logit is one contiguous dot product
  const wt = new Float64Array(kernelSize);
  const gt = new Float64Array(kernelSize);
  const gBias = new Float64Array(k);
  const z = new Float64Array(k);
  const objective = (w: Float64Array, grad: Float64Array): number => {
    for (let i = 0; i < dim; i++) for (let c = 0; c < k; c++) wt[c * dim + i] = w[i * k + c]!;
    gt.fill(0);
    gBias.fill(0);
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      const off = r * dim;
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = w[kernelSize + c]!;
        const wo = c * dim;
        for (let i = 0; i < dim; i++) s += wt[wo + i]! * data[off + i]!;
        z[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c]! - max);
      const y = labels[r]!;
      loss -= Math.log(Math.max(1e-300, z[y]! / sum));
      for (let c = 0; c < k; c++) {
        const d = (z[c]! / sum - (c === y ? 1 : 0)) / rows; // dLoss/dlogit of the mean
        gBias[c] = gBias[c]! + d;
        const go = c * dim;
        for (let i = 0; i < dim; i++) gt[go + i] = gt[go + i]! + d * data[off + i]!;
      }
    }
    loss /= rows;
    for (let i = 0; i < dim; i++) {
      for (let c = 0; c < k; c++) {
        const j = i * k + c;
        loss += p.l2 * w[j]! * w[j]!;
        grad[j] = gt[c * dim + i]! + 2 * p.l2 * w[j]!;
      }
    }
    for (let c = 0; c < k; c++) grad[kernelSize + c] = gBias[c]!;
    return loss;
  };
  const { x: w } = minimizeLbfgs(objective, new Float64Array(kernelSize + k), { ...p.stop, maxIterations: p.maxIterations });
  return { dim, numLabels: k, kernel: Float32Array.from(w.subarray(0, kernelSize)), bias: Float32Array.from(w.subarray(kernelSize)) };
}
