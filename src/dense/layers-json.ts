import { denseLayer, sequentialModelJSON, type LayersModelJSON } from '../tfjs-format/layers-json.js';

/**
 * The TF.js layers-format topology of the dense model (src/tfjs-format/layers-json.ts writes the
 * format): Sequential([Dense(hidden, relu), Dropout(rate), Dense(numLabels, softmax)]), checked by
 * test/dense/artifacts.test.ts loading it back.
 */

export function denseLayersModelJSON(numFeatures: number, hidden: number, dropout: number, numLabels: number, generatedBy: string): LayersModelJSON {
  const trained = { useBias: true, trainable: true };
  return sequentialModelJSON(
    'dense_bag_of_words',
    [
      denseLayer('hidden', hidden, 'relu', { ...trained, inputDim: numFeatures }),
      { class_name: 'Dropout', config: { rate: dropout, noise_shape: null, seed: null, name: 'dropout', trainable: true } },
      denseLayer('output', numLabels, 'softmax', trained),
    ],
    [
      { name: 'hidden/kernel', shape: [numFeatures, hidden], dtype: 'float32' },
      { name: 'hidden/bias', shape: [hidden], dtype: 'float32' },
      { name: 'output/kernel', shape: [hidden, numLabels], dtype: 'float32' },
      { name: 'output/bias', shape: [numLabels], dtype: 'float32' },
    ],
    generatedBy,
  );
}
