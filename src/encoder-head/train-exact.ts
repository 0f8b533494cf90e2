import { minimizeLbfgs, type LbfgsOptions } from './lbfgs.js';
import { HeadKernels } from './head-kernels.js';
import { softmaxInto, type HeadWeights } from './model.js';
import type { HeadParams, VectorRows } from './types.js';

/**
 * Fits Dense softmax on mean cross-entropy + l2 * |kernel|^2 to its minimum by full-batch L-BFGS
 * (the bias is not penalised, as in Keras). The objective is convex, so the result depends on the
 * rows alone: no seed, no batch order, no step size. Used when dropout is 0, where the Keras head
 * (Dropout -> Dense) is exactly this model. The dense products run in WebAssembly SIMD (float32,
 * head-kernels.ts); losses, softmax and the optimizer's state are float64.
 */
export function trainHeadExact(x: VectorRows, labels: Int32Array, numLabels: number, p: Pick<HeadParams, 'l2' | 'maxIterations'> & { stop?: Partial<Pick<LbfgsOptions, 'gradientTolerance' | 'relativeTolerance'>> }): HeadWeights {
  if (labels.length !== x.rows) throw new Error(`${x.rows} vectors but ${labels.length} labels`);
  const { dim, rows } = x;
  const k = numLabels;
  const kernelSize = dim * k;
  if (rows === 0) return { dim, numLabels: k, kernel: new Float32Array(kernelSize), bias: new Float32Array(k) };
  const kern = new HeadKernels(rows, dim, k);
  kern.loadRows(x);
  const pd = kern.paddedDim;
  const gBias = new Float64Array(k);
  const z = new Float64Array(k);
  const objective = (w: Float64Array, grad: Float64Array): number => {
    // the kernel class-major in float32 for the kernels; the padding columns stay 0
    for (let i = 0; i < dim; i++) for (let c = 0; c < k; c++) kern.w[c * pd + i] = w[i * k + c]!;
    kern.logits();
    gBias.fill(0);
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < k; c++) z[c] = kern.z[r * k + c]! + w[kernelSize + c]!;
      softmaxInto(z, z, 0);
      const y = labels[r]!;
      loss -= Math.log(Math.max(1e-300, z[y]!));
      for (let c = 0; c < k; c++) {
        const d = (z[c]! - (c === y ? 1 : 0)) / rows; // dLoss/dlogit of the mean
        gBias[c] = gBias[c]! + d;
        kern.d[r * k + c] = d;
      }
    }
    kern.accumulate();
    loss /= rows;
    for (let i = 0; i < dim; i++) {
      for (let c = 0; c < k; c++) {
        const j = i * k + c;
        loss += p.l2 * w[j]! * w[j]!;
        grad[j] = kern.g[c * pd + i]! + 2 * p.l2 * w[j]!;
      }
    }
    for (let c = 0; c < k; c++) grad[kernelSize + c] = gBias[c]!;
    return loss;
  };
  const { x: w } = minimizeLbfgs(objective, new Float64Array(kernelSize + k), { ...p.stop, maxIterations: p.maxIterations });
  return { dim, numLabels: k, kernel: Float32Array.from(w.subarray(0, kernelSize)), bias: Float32Array.from(w.subarray(kernelSize)) };
}
