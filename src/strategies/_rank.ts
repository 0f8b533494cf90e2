import { InternalError } from "../errors.js";
import type { QueryContext } from "./types.js";

/**
 * Shared plumbing for the score-based strategies. A score is "how uncertain": higher goes to people
 * first. A row with any non-finite probability (NaN, ±Infinity) scores +Infinity, i.e. most uncertain:
 * the model broke on it, so a person should look, and it must never be silently dropped or sorted into
 * a random place (NaN comparisons would make the order depend on the sort algorithm).
 */

/** Checks the request and returns how many positions to return: min(n, ctx.count). */
export function batchSize(ctx: QueryContext, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new InternalError(`query batch size must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(ctx.count) || ctx.count < 0) throw new InternalError(`query candidate count must be a non-negative integer, got ${ctx.count}`);
  if (ctx.probs.length !== ctx.count * ctx.numLabels) {
    throw new InternalError(`query context has ${ctx.probs.length} probabilities, expected ${ctx.count} x ${ctx.numLabels}`);
  }
  return Math.min(n, ctx.count);
}

/** Applies `rowScore` to each row's probabilities; rows with a non-finite entry score +Infinity. */
export function scoreRows(ctx: QueryContext, rowScore: (row: Float32Array, r: number) => number): Float64Array {
  const { probs, numLabels, count } = ctx;
  const out = new Float64Array(count);
  for (let r = 0; r < count; r++) {
    const row = probs.subarray(r * numLabels, (r + 1) * numLabels);
    out[r] = row.every(Number.isFinite) ? rowScore(row, r) : Infinity;
  }
  return out;
}

/**
 * All positions, most uncertain first; equal scores in position order, so the result never depends on
 * sort stability. A NaN score (should not happen after scoreRows) is treated as +Infinity.
 */
export function rankByScore(score: Float64Array): number[] {
  const s = Float64Array.from(score, (v) => (Number.isNaN(v) ? Infinity : v));
  const order = Array.from({ length: s.length }, (_, i) => i);
  // Infinity - Infinity is NaN, which is falsy, so equal infinite scores also fall through to position
  return order.sort((a, b) => (s[b] as number) - (s[a] as number) || a - b);
}

/** The k most uncertain positions, most uncertain first. */
export function topByScore(score: Float64Array, k: number): number[] {
  return rankByScore(score).slice(0, k);
}
