import type { DenseParams } from './types.js';

/** Rejects parameters that would train nonsense or loop forever (messages name the bad value). */
export function validateDenseParams(p: DenseParams, n: number, labels: Int32Array, numLabels: number): void {
  const bad: string[] = [];
  const intAtLeast = (name: keyof DenseParams, min: number): void => {
    const v = p[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) bad.push(`${name} must be an integer >= ${min}, got ${String(v)}`);
  };
  intAtLeast('maxFeatures', 1);
  intAtLeast('ngrams', 1);
  intAtLeast('minDf', 1);
  intAtLeast('hiddenUnits', 1);
  intAtLeast('epochs', 1);
  intAtLeast('batchSize', 1);
  if (!(p.dropout >= 0 && p.dropout < 1)) bad.push(`dropout must be in [0, 1), got ${p.dropout}`);
  if (!(p.learningRate > 0)) bad.push(`learningRate must be > 0, got ${p.learningRate}`);
  if (p.features !== 'tfidf' && p.features !== 'binary') bad.push(`features must be tfidf or binary, got ${String(p.features)}`);
  if (labels.length !== n) bad.push(`${n} texts but ${labels.length} labels`);
  if (numLabels < 1) bad.push('numLabels must be >= 1');
  for (const l of labels) if (l < 0 || l >= numLabels) {
    bad.push(`label id ${l} is outside 0..${numLabels - 1}`);
    break;
  }
  if (bad.length > 0) throw new Error(`bad dense model parameters: ${bad.join('; ')}`);
}
