import { fitPca, projectPca } from './pca.js';

/** How a transformer's token vectors become a static table (model2vec's recipe). */
export interface DistillSettings {
  /** PCA dimensions kept (at most the transformer's hidden size) */
  dims: number;
  /**
   * SIF weight a / (a + p(token)), with p from Zipf's law over the vocabulary's order (BERT
   * vocabularies list frequent pieces first): frequent pieces weigh less in a text's mean.
   * null: no weighting.
   */
  sifCoefficient: number | null;
}

export const DISTILL_DEFAULTS: DistillSettings = Object.freeze({ dims: 256, sifCoefficient: 1e-4 });

/**
 * Token vectors (vocab x hidden, each the transformer's pooled output for [CLS] token [SEP]) ->
 * the static table (vocab x dims): centered PCA projection, then each row scaled by its SIF weight.
 */
export function distillTable(tokenVectors: Float32Array, vocab: number, hidden: number, s: DistillSettings): { table: Float32Array; explainedVariance: number } {
  const dims = Math.min(s.dims, hidden);
  const pca = fitPca(tokenVectors, vocab, hidden, dims);
  const table = projectPca(pca, tokenVectors, vocab);
  let kept = 0;
  for (const v of pca.variances) kept += v;
  if (s.sifCoefficient !== null) {
    const w = zipfSifWeights(vocab, s.sifCoefficient);
    for (let r = 0; r < vocab; r++) for (let i = 0; i < dims; i++) table[r * dims + i] = table[r * dims + i]! * w[r]!;
  }
  return { table, explainedVariance: pca.totalVariance > 0 ? kept / pca.totalVariance : 1 };
}

/** a / (a + p_r) with p_r proportional to 1 / (r + 2), r the token's position in the vocabulary. */
export function zipfSifWeights(vocab: number, a: number): Float64Array {
  let z = 0;
  for (let r = 0; r < vocab; r++) z += 1 / (r + 2);
  const w = new Float64Array(vocab);
  for (let r = 0; r < vocab; r++) w[r] = a / (a + 1 / (r + 2) / z);
  return w;
}
