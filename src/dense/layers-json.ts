/**
 * The TF.js layers-format topology of the dense model, written by hand so saving needs no TF.js.
 * Same layout tfjs-layers 4.22 emits for Sequential([Dense(hidden, relu), Dropout(rate),
 * Dense(numLabels, softmax)]) (checked by test/dense/artifacts.test.ts loading it back). Zeros
 * initializers: loading then skips drawing 20,000 x hidden random numbers that the weights overwrite.
 */
export const DENSE_WEIGHTS_FILE = 'weights.bin';

export interface LayersModelJSON {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: 'float32' }[] }[];
}

function dense(name: string, units: number, activation: string, inputDim?: number): object {
  return {
    class_name: 'Dense',
    config: {
      units,
      activation,
      use_bias: true,
      kernel_initializer: { class_name: 'Zeros', config: {} },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      name,
      trainable: true,
      ...(inputDim === undefined ? {} : { batch_input_shape: [null, inputDim], dtype: 'float32' }),
    },
  };
}

export function denseLayersModelJSON(numFeatures: number, hidden: number, dropout: number, numLabels: number, generatedBy: string): LayersModelJSON {
  return {
    format: 'layers-model',
    generatedBy,
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'dense_bag_of_words',
        layers: [dense('hidden', hidden, 'relu', numFeatures), { class_name: 'Dropout', config: { rate: dropout, noise_shape: null, seed: null, name: 'dropout', trainable: true } }, dense('output', numLabels, 'softmax')],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [
      {
        paths: [DENSE_WEIGHTS_FILE],
        weights: [
          { name: 'hidden/kernel', shape: [numFeatures, hidden], dtype: 'float32' },
          { name: 'hidden/bias', shape: [hidden], dtype: 'float32' },
          { name: 'output/kernel', shape: [hidden, numLabels], dtype: 'float32' },
          { name: 'output/bias', shape: [numLabels], dtype: 'float32' },
        ],
      },
    ],
  };
}
