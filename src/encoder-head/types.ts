/**
 * The Keras-style head on a pretrained encoder's vectors (SageMaker's TensorFlow text classification
 * with a TF Hub encoder): Dropout -> Dense softmax with an L2 penalty on the kernel.
 */
export interface HeadParams {
  /** dropout rate on the input vector (training only; inverted dropout) */
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
 * Chosen on UCI News and AG News splits at 20-40% labels (docs/encoders.md, "The head"): the
 * encoder's unit vectors are scaled by sqrt(dim) so each input is of unit scale, then a few
 * dozen epochs of Adam fit a linear softmax.
 */
export const HEAD_DEFAULTS: HeadParams = Object.freeze({
  dropout: 0.1,
  l2: 1e-4,
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
