/**
 * A query strategy picks which of the rows the model could not label go to people.
 * Positions are into `candidates` (0..candidates.length-1), never row ids.
 */
export interface QueryContext {
  /** candidate rows' probabilities, row-major: candidates x numLabels */
  probs: Float32Array;
  numLabels: number;
  /** how many candidates there are (probs.length / numLabels) */
  count: number;
  /** the candidates' text vectors (count x dim), computed only when a strategy asks */
  vectors?: () => { data: Float32Array; dim: number };
  seed: number;
}

export interface QueryStrategy {
  readonly name: string;
  /** exactly min(n, ctx.count) distinct positions, deterministic for the same context */
  select(ctx: QueryContext, n: number): number[];
  /**
   * For strategies that pick the highest-scoring rows: every candidate's score (higher = picked
   * first). The loop scores random calibration rows with it too and stops calibrating on those the
   * strategy would have picked, so the calibration rows stay like the pool left behind.
   */
  scores?(ctx: QueryContext): Float64Array;
  /** one line for reports */
  describe(): string;
}
