/**
 * The Keras-style head on a pretrained encoder's vectors (SageMaker's TensorFlow text classification
 * with a TF Hub encoder): Dropout -> Dense softmax with an L2 penalty on the kernel.
 */
export interface HeadParams {
  /**
   * 'lbfgs': the exact minimum of the objective by full-batch L-BFGS (needs dropout 0, where Dropout
   * is the identity); 'adam': mini-batch Adam for `epochs` (Keras's way, with dropout)
   */
  optimizer: 'lbfgs' | 'adam';
  /** L-BFGS iterations at most */
  maxIterations: number;
  /** dropout rate on the input vector (training only; inverted dropout; Adam only) */
  dropout: number;
  /** L2 penalty on the kernel, added to the mean cross-entropy as l2 * sum(w^2) */
  l2: number;
  epochs: number;
  /** Adam step size */
  learningRate: number;
  batchSize: number;
  seed: number;
}

/**
 * Chosen on UCI News and AG News splits at 20% labels (docs/encoders.md, "The head"): the
 * encoder's unit vectors are scaled by sqrt(dim) so each input is of unit scale, and the linear
 * softmax is fitted by L-BFGS (20 iterations: 15, 30 and 100 score the same) under an L2 penalty of
 * 0.02. Adam's settings below apply when `optimizer` is 'adam'.
 */
export const HEAD_DEFAULTS: HeadParams = Object.freeze({
  optimizer: 'lbfgs',
  maxIterations: 20,
  dropout: 0,
  l2: 0.02,
  epochs: 40,
  learningRate: 0.01,
  batchSize: 32,
  seed: 1,
});

/** Row-major vectors, rows x dim. */
export interface VectorRows {
  rows: number;
  dim: number;
  /** copies row r (scaled as the head sees it) into out[0..dim) */
  read(r: number, out: Float32Array): void;
}
