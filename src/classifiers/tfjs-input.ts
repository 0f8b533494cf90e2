import { csrToDense, DenseFeaturizer, type DenseFeaturizerJSON } from '../dense/index.js';
import { Dictionary, type DictionaryJSON } from '../fasttext/index.js';
import { featurizerFromJSON, type NaiveBayesFeaturizerJSON } from '../naive-bayes/index.js';

/**
 * The input matrix a saved model's model.json expects, rebuilt from its metadata.json alone: what
 * someone serving the artifacts with plain TF.js (`tf.loadLayersModel`) feeds to `predict`.
 * fastText: x[id] = count / ntokens over the dictionary's rows; dense and naive-bayes: the featurizer's
 * vectors (an ensemble folder is one such folder per member: feed each its own input, average the outputs).
 * Returns a row-major texts x width block and the width.
 */
export function tfjsInput(meta: { kind: string; featurizer: unknown }, texts: readonly string[]): { x: Float32Array; width: number } {
  if (meta.kind === 'dense') {
    const f = DenseFeaturizer.fromJSON(meta.featurizer as DenseFeaturizerJSON);
    return { x: csrToDense(f.transform(texts), f.size), width: f.size };
  }
  if (meta.kind === 'fasttext') {
    const dict = Dictionary.fromJSON(meta.featurizer as DictionaryJSON);
    const enc = dict.encode(texts);
    const values = new Float32Array(enc.ids.length);
    for (let r = 0; r < texts.length; r++) for (let p = enc.offsets[r]!; p < enc.offsets[r + 1]!; p++) values[p] = 1 / enc.ntokens[r]!;
    return { x: csrToDense({ offsets: enc.offsets, ids: enc.ids, values }, dict.size), width: dict.size };
  }
  if (meta.kind === 'naive-bayes') {
    const f = featurizerFromJSON(meta.featurizer as NaiveBayesFeaturizerJSON);
    return { x: csrToDense(f.transform(texts), f.size), width: f.size };
  }
  throw new Error(`no TF.js input for model kind ${meta.kind}`);
}
