/** One thread's share of one epoch. All arrays may live on SharedArrayBuffers (Hogwild). */
export interface SgdJob {
  wIn: Float32Array;
  wOut: Float32Array;
  offsets: Int32Array;
  ids: Int32Array;
  labels: Int32Array;
  /** Example order of this epoch; this job trains on order[start..end). */
  order: Int32Array;
  start: number;
  end: number;
  dim: number;
  numLabels: number;
  learningRate: number;
  epoch: number;
  epochs: number;
}

export interface SgdResult {
  loss: number;
  examples: number;
}

/**
 * fastText's supervised softmax update (`Model::update` + `SoftmaxLoss::forward`), one example at
 * a time. Hand-written over typed arrays because TF.js has no sparse gradients: a tf.layers
 * embedding step would compute and apply a dense gradient for the whole input matrix
 * (100k+ rows) per example, where fastText touches only the example's ~20 rows.
 *
 * The learning rate decays linearly to 0 over all epochs, by features processed (fastText counts
 * tokens): lr = lr0 * (1 - (epoch + done/chunkTokens) / epochs).
 *
 * MUST stay self-contained (no imports, closures or nested functions): hogwild.ts ships
 * `sgdKernel.toString()` to `new Worker(src, { eval: true })`, which works both when vitest runs
 * the TypeScript source and from compiled dist/.
 */
export function sgdKernel(job: SgdJob): SgdResult {
  const { wIn, wOut, offsets, ids, labels, order, start, end, dim, numLabels } = job;
  // Float64 scratch: JS arithmetic is double anyway, so this skips a float32 rounding per write.
  const hidden = new Float64Array(dim);
  const grad = new Float64Array(dim);
  const out = new Float64Array(numLabels);
  let chunkTokens = 0;
  for (let k = start; k < end; k++) {
    const r = order[k]!;
    chunkTokens += offsets[r + 1]! - offsets[r]!;
  }
  const lrBase = (job.learningRate * (job.epochs - job.epoch)) / job.epochs;
  const lrSlope = chunkTokens > 0 ? job.learningRate / (job.epochs * chunkTokens) : 0;
  let done = 0;
  let loss = 0;
  let examples = 0;
  for (let k = start; k < end; k++) {
    const r = order[k]!;
    const s = offsets[r]!;
    const e = offsets[r + 1]!;
    const n = e - s;
    if (n === 0) continue; // fastText skips lines without features
    const lr = lrBase - lrSlope * done;
    done += n;
    examples++;
    hidden.fill(0);
    for (let p = s; p < e; p++) {
      const base = ids[p]! * dim;
      for (let j = 0; j < dim; j++) hidden[j] = hidden[j]! + wIn[base + j]!;
    }
    const inv = 1 / n;
    for (let j = 0; j < dim; j++) hidden[j] = hidden[j]! * inv;
    let max = -Infinity;
    for (let i = 0; i < numLabels; i++) {
      const ob = i * dim;
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += wOut[ob + j]! * hidden[j]!;
      out[i] = dot;
      if (dot > max) max = dot;
    }
    let z = 0;
    for (let i = 0; i < numLabels; i++) {
      const v = Math.exp(out[i]! - max);
      out[i] = v;
      z += v;
    }
    const target = labels[r]!;
    loss -= Math.log(out[target]! / z + 1e-5); // fastText's std_log adds 1e-5 too
    grad.fill(0);
    for (let i = 0; i < numLabels; i++) {
      // The grad uses output row i *before* its own update, as in fastText.
      const alpha = lr * ((i === target ? 1 : 0) - out[i]! / z);
      const ob = i * dim;
      for (let j = 0; j < dim; j++) {
        grad[j] = grad[j]! + alpha * wOut[ob + j]!;
        wOut[ob + j] = wOut[ob + j]! + alpha * hidden[j]!;
      }
    }
    for (let j = 0; j < dim; j++) grad[j] = grad[j]! * inv;
    for (let p = s; p < e; p++) {
      const base = ids[p]! * dim;
      for (let j = 0; j < dim; j++) wIn[base + j] = wIn[base + j]! + grad[j]!;
    }
  }
  return { loss, examples };
}
