import type { LayersModel } from '@tensorflow/tfjs';
import type { TF } from '../backends/types.js';
import { DenseFeaturizer, DenseModel, type CsrRows, type DenseParams } from '../dense/index.js';
import { Dictionary, FastTextModel, type FastTextParams } from '../fasttext/index.js';

/** A model the TF.js engine can train: featurizer, layers, and the way back to the sparse CPU model. */
export interface TfjsArchitecture<M> {
  /** Fits the featurizer on the training texts and returns their sparse rows. */
  prepare(texts: readonly string[]): { rows: CsrRows; width: number };
  /** The Keras-style layers (not compiled). */
  build(tf: TF, width: number, numLabels: number, seed: number): LayersModel;
  /** The trained weights (in getWeights() order) as the engine-independent CPU model. */
  toModel(weights: Float32Array[], numLabels: number): M;
}

/** Bag of words -> Dense(hidden, relu) -> Dropout -> Dense(softmax): same layers as saveDenseModel writes. */
export function denseArchitecture(params: DenseParams): TfjsArchitecture<DenseModel> {
  let featurizer: DenseFeaturizer | undefined;
  return {
    prepare(texts) {
      featurizer = DenseFeaturizer.fit(texts, { mode: params.features, maxFeatures: params.maxFeatures, ngrams: params.ngrams, minDf: params.minDf, normalize: params.normalize });
      return { rows: featurizer.transform(texts), width: featurizer.size };
    },
    build(tf, width, numLabels, seed) {
      return tf.sequential({
        name: 'dense_bag_of_words',
        layers: [
          tf.layers.dense({ name: 'hidden', inputShape: [width], units: params.hiddenUnits, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
          tf.layers.dropout({ name: 'dropout', rate: params.dropout, seed }),
          tf.layers.dense({ name: 'output', units: numLabels, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
        ],
      });
    },
    toModel([w1, b1, w2, b2], numLabels) {
      if (!featurizer || !w1 || !b1 || !w2 || !b2) throw new Error('dense architecture: toModel before prepare, or weights missing');
      return new DenseModel(featurizer, numLabels, params.hiddenUnits, { w1, b1, w2, b2 });
    },
  };
}

/**
 * fastText's embedding bag as layers: x[id] = count / ntokens, Dense(dim, linear, no bias) is then
 * the mean of the input rows, Dense(softmax, no bias) the output. Trained with Adam rather than
 * fastText's per-example SGD, so results differ from the CPU engine's; the artifacts are the same.
 */
export function fastTextArchitecture(params: FastTextParams): TfjsArchitecture<FastTextModel> {
  let dictionary: Dictionary | undefined;
  return {
    prepare(texts) {
      const built = Dictionary.buildAndEncode(texts, params);
      dictionary = built.dictionary;
      const { offsets, ids, ntokens } = built.encoded;
      const values = new Float32Array(ids.length);
      for (let r = 0; r + 1 < offsets.length; r++) for (let p = offsets[r]!; p < offsets[r + 1]!; p++) values[p] = 1 / ntokens[r]!;
      return { rows: { offsets, ids, values }, width: dictionary.size };
    },
    build(tf, width, numLabels, seed) {
      return tf.sequential({
        name: 'fasttext_embedding_bag',
        layers: [
          tf.layers.dense({ name: 'hidden', inputShape: [width], units: params.vectorDim, useBias: false, kernelInitializer: 'zeros' }),
          tf.layers.dense({ name: 'output', units: numLabels, activation: 'softmax', useBias: false, kernelInitializer: tf.initializers.randomUniform({ minval: -1 / params.vectorDim, maxval: 1 / params.vectorDim, seed }) }),
        ],
      });
    },
    toModel([wIn, kernelOut], numLabels) {
      if (!dictionary || !wIn || !kernelOut) throw new Error('fastText architecture: toModel before prepare, or weights missing');
      const dim = params.vectorDim;
      const wOut = new Float32Array(numLabels * dim); // kernel is [dim, labels]; FastTextModel keeps [labels, dim]
      for (let j = 0; j < dim; j++) for (let i = 0; i < numLabels; i++) wOut[i * dim + j] = kernelOut[j * numLabels + i]!;
      return new FastTextModel(dictionary, numLabels, dim, wIn, wOut);
    },
  };
}
