/**
 * The TF.js layers format (model.json), written by hand so that saving a model needs no TF.js. The
 * layout is what tfjs-layers 4.22 emits for a Sequential model; the fastText and dense artifacts
 * both build on it (their tests load the files back with tf.loadLayersModel).
 */
export interface LayersModelJSON {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

/** Both artifacts keep their weights in one file beside model.json. */
export const WEIGHTS_FILE = 'weights.bin';

/**
 * A Dense layer's config. Zeros initializers: loading then skips drawing random numbers that the
 * saved weights overwrite anyway.
 */
export function denseLayer(name: string, units: number, activation: string, opts: { useBias: boolean; trainable: boolean; inputDim?: number }): object {
  return {
    class_name: 'Dense',
    config: {
      units,
      activation,
      use_bias: opts.useBias,
      kernel_initializer: { class_name: 'Zeros', config: {} },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      name,
      trainable: opts.trainable,
      ...(opts.inputDim === undefined ? {} : { batch_input_shape: [null, opts.inputDim], dtype: 'float32' }),
    },
  };
}

export function sequentialModelJSON(name: string, layers: object[], weights: WeightSpec[], generatedBy: string): LayersModelJSON {
  return {
    format: 'layers-model',
    generatedBy,
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: { name, layers },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights }],
  };
}
