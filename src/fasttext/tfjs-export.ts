import { denseLayer, sequentialModelJSON, type LayersModelJSON } from '../tfjs-format/layers-json.js';

/**
 * The TF.js layers-format view of a fastText model: the embedding bag is a dense layer over the
 * bag-of-features vector x (x[id] = count / ntokens), since x · wIn is exactly the mean of the
 * rows. Written by hand so saving needs no TF.js; the layout is what tfjs-layers 4.x emits for
 * Sequential([Dense(dim, linear, no bias), Dense(numLabels, softmax, no bias)]).
 */

export function layersModelJSON(numFeatures: number, dim: number, numLabels: number, generatedBy: string): LayersModelJSON {
  const fixed = { useBias: false, trainable: false };
  return sequentialModelJSON(
    'fasttext_embedding_bag',
    [denseLayer('hidden', dim, 'linear', { ...fixed, inputDim: numFeatures }), denseLayer('output', numLabels, 'softmax', fixed)],
    [
      { name: 'hidden/kernel', shape: [numFeatures, dim], dtype: 'float32' },
      { name: 'output/kernel', shape: [dim, numLabels], dtype: 'float32' },
    ],
    generatedBy,
  );
}

/** weights.bin: wIn as is ([features, dim] row-major = Dense kernel layout), then wOut transposed. */
export function packWeights(wIn: Float32Array, wOut: Float32Array, dim: number, numLabels: number): Float32Array {
  const buf = new Float32Array(wIn.length + wOut.length);
  buf.set(wIn);
  const o = wIn.length;
  for (let i = 0; i < numLabels; i++) for (let j = 0; j < dim; j++) buf[o + j * numLabels + i] = wOut[i * dim + j]!;
  return buf;
}

/** Inverse of packWeights. */
export function unpackWeights(buf: Float32Array, numFeatures: number, dim: number, numLabels: number): { wIn: Float32Array; wOut: Float32Array } {
  const expected = numFeatures * dim + dim * numLabels;
  if (buf.length !== expected) throw new Error(`weights.bin holds ${buf.length} floats, expected ${expected}`);
  const wIn = buf.slice(0, numFeatures * dim);
  const wOut = new Float32Array(numLabels * dim);
  const o = wIn.length;
  for (let i = 0; i < numLabels; i++) for (let j = 0; j < dim; j++) wOut[i * dim + j] = buf[o + j * numLabels + i]!;
  return { wIn, wOut };
}
