import { minimizeLbfgs, type LbfgsOptions } from './lbfgs.js';
import { HeadKernels } from './head-kernels.js';
import type { HeadWeights } from './model.js';
import type { HeadParams, VectorRows } from './types.js';

/**
 * Fits Dense softmax on mean cross-entropy + l2 * |kernel|^2 to its minimum by full-batch L-BFGS
 * (the bias is not penalised, as in Keras). The objective is convex, so the result depends on the
 * rows alone: no seed, no batch order, no step size. Used when dropout is 0, where the Keras head
 * (Dropout -> Dense) is exactly this model. The objective and the optimizer's vector passes run in
 * WebAssembly SIMD (head-kernels.ts, lbfgs.ts): the dense products in float32, the softmax, losses,
 * gradients and the optimizer's state in float64, each sum in the order of plain JavaScript loops
 * (so the weights are those loops' to the bit).
 */
export function trainHeadExact(x: VectorRows, labels: Int32Array, numLabels: number, p: Pick<HeadParams, 'l2' | 'maxIterations'> & { stop?: Partial<Pick<LbfgsOptions, 'gradientTolerance' | 'relativeTolerance'>> }): HeadWeights {
  if (labels.length !== x.rows) throw new Error(`${x.rows} vectors but ${labels.length} labels`);
  const { dim, rows } = x;
  const k = numLabels;
  const kernelSize = dim * k;
  if (rows === 0) return { dim, numLabels: k, kernel: new Float32Array(kernelSize), bias: new Float32Array(k) };
  for (const y of labels) if (!(y >= 0 && y < k)) throw new Error(`label ${y} outside 0..${k - 1}`);
  const kern = new HeadKernels(rows, dim, k);
  try {
    kern.loadRows(x);
    kern.labels.set(labels);
    const { params, paramGrad } = kern;
    const objective = (w: Float64Array, grad: Float64Array): number => {
      params.set(w);
      kern.setParams();
      kern.logits();
      const crossEntropy = kern.softmaxGrad(); // -log softmax(label) summed over the rows; d and gBias set
      kern.accumulate();
      const loss = kern.paramGradient(crossEntropy / rows, p.l2);
      grad.set(paramGrad);
      return loss;
    };
    const { x: w } = minimizeLbfgs(objective, new Float64Array(kernelSize + k), { ...p.stop, maxIterations: p.maxIterations });
    return { dim, numLabels: k, kernel: Float32Array.from(w.subarray(0, kernelSize)), bias: Float32Array.from(w.subarray(kernelSize)) };
  } finally {
    kern.release();
  }
}
