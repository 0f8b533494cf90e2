import type { FastTextParams } from './types.js';

/** Rejects inputs that would otherwise fail deep inside training with an unhelpful error. */
export function validateParams(p: FastTextParams, nTexts: number, labels: Int32Array, numLabels: number): void {
  const problems: string[] = [];
  const positiveInt = (name: keyof FastTextParams, v: number): void => {
    if (!Number.isInteger(v) || v < 1) problems.push(`${name} must be a positive integer (got ${v})`);
  };
  positiveInt('epochs', p.epochs);
  positiveInt('vectorDim', p.vectorDim);
  positiveInt('wordNgrams', p.wordNgrams);
  positiveInt('minCount', p.minCount);
  positiveInt('threads', p.threads);
  if (!(p.learningRate > 0)) problems.push(`learningRate must be > 0 (got ${p.learningRate})`);
  if (!Number.isInteger(p.buckets) || p.buckets < 0 || p.buckets >= 2 ** 31) problems.push(`buckets must be an integer in [0, 2^31) (got ${p.buckets})`);
  if (p.maxn > 0 && !(Number.isInteger(p.minn) && p.minn >= 1 && p.minn <= p.maxn)) problems.push(`need 1 <= minn <= maxn for char n-grams (got ${p.minn}..${p.maxn})`);
  if (!Number.isInteger(numLabels) || numLabels < 2) problems.push(`numLabels must be >= 2 (got ${numLabels})`);
  if (labels.length !== nTexts) problems.push(`${nTexts} texts but ${labels.length} labels`);
  const bad = labels.findIndex((l) => l < 0 || l >= numLabels);
  if (bad >= 0) problems.push(`label ${labels[bad]} at row ${bad} is outside 0..${numLabels - 1}`);
  if (problems.length > 0) throw new RangeError(`Invalid fastText training input: ${problems.join('; ')}`);
}
