import type { CsrRows } from './types.js';

/**
 * Texts featurized at a time when a model counts or scores them. Rows are independent, so the result is
 * the same as all at once, and the sparse rows of a whole training set or pool never exist at once: a
 * tweet's character n-grams take about 2 KB as naive Bayes rows (a million-row pool at once took
 * gigabytes), and the dense model's rows of a fifth of a million-row pool about 40 MB. A chunk takes a
 * few megabytes.
 */
export const CHUNK_ROWS = 8192;

/** Anything that turns texts into sparse rows, one row per text. */
export interface RowFeaturizer {
  transform(texts: readonly string[]): CsrRows;
}

/**
 * `featurizer.transform` a chunk of CHUNK_ROWS texts at a time, in order, handing each chunk's rows and the
 * index of its first text to `visit`.
 */
export function transformInChunks(featurizer: RowFeaturizer, texts: readonly string[], visit: (rows: CsrRows, from: number) => void): void {
  for (let from = 0; from < texts.length; from += CHUNK_ROWS) visit(featurizer.transform(texts.slice(from, from + CHUNK_ROWS)), from);
}
