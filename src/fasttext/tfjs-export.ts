/**
 * The TF.js layers-format view of a fastText model: the embedding bag is a dense layer over the
 * bag-of-features vector x (x[id] = count / ntokens), since x · wIn is exactly the mean of the
 * rows. Written by hand so saving needs no TF.js; the layout is what tfjs-layers 4.x emits for
 * Sequential([Dense(dim, linear, no bias), Dense(numLabels, softmax, no bias)]).
 */
export interface LayersModelJSON {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: 'float32' }[] }[];
}

export const WEIGHTS_FILE = 'weights.bin';

function denseConfig(name: string, units: number, activation: string, inputDim?: number): object {
  return {
    class_name: 'Dense',
    config: {
      units,
      activation,
      use_bias: false,
      kernel_initializer: { class_name: 'Zeros', config: {} },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      name,
      trainable: false,
      ...(inputDim === undefined ? {} : { batch_input_shape: [null, inputDim], dtype: 'float32' }),
    },
  };
}

export function layersModelJSON(numFeatures: number, dim: number, numLabels: number, generatedBy: string): LayersModelJSON {
  return {
    format: 'layers-model',
    generatedBy,
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: { name: 'fasttext_embedding_bag', layers: [denseConfig('hidden', dim, 'linear', numFeatures), denseConfig('output', numLabels, 'softmax')] },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [
      {
        paths: [WEIGHTS_FILE],
        weights: [
          { name: 'hidden/kernel', shape: [numFeatures, dim], dtype: 'float32' },
          { name: 'output/kernel', shape: [dim, numLabels], dtype: 'float32' },
        ],
      },
    ],
  };
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
