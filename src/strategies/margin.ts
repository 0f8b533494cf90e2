import { batchSize, scoreRows, topByScore } from "./_rank.js";
import type { QueryContext, QueryStrategy } from "./types.js";

/**
 * Margin of each row's prediction: top-1 minus top-2 probability. Small margin = the model hesitates
 * between two labels, the rows a person's answer teaches it most about.
 */
export function margins(probs: Float32Array, numLabels: number): Float32Array {
  const n = probs.length / numLabels;
  const out = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    let first = -1;
    let second = -1;
    for (let c = 0; c < numLabels; c++) {
      const p = probs[r * numLabels + c] as number;
      if (p > first) {
        second = first;
        first = p;
      } else if (p > second) second = p;
    }
    out[r] = first - second;
  }
  return out;
}

/** Top class and its probability for every row. */
export function topClass(probs: Float32Array, numLabels: number): { label: Int32Array; confidence: Float32Array } {
  const n = probs.length / numLabels;
  const label = new Int32Array(n);
  const confidence = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    let best = 0;
    for (let c = 1; c < numLabels; c++) if ((probs[r * numLabels + c] as number) > (probs[r * numLabels + best] as number)) best = c;
    label[r] = best;
    confidence[r] = probs[r * numLabels + best] as number;
  }
  return { label, confidence };
}

/** Positions (into `candidates`) of the `n` smallest margins; ties broken by position for determinism. */
export function leastMargin(candidates: number[], margin: Float32Array, n: number): number[] {
  return candidates
    .slice()
    .sort((a, b) => (margin[a] as number) - (margin[b] as number) || a - b)
    .slice(0, n);
}

/**
 * Uncertainty by margin for every candidate (higher = smaller margin = more uncertain); rows with a
 * non-finite probability score +Infinity. Shared by the margin and diversity strategies.
 */
export function marginScores(ctx: QueryContext): Float64Array {
  const m = margins(ctx.probs, ctx.numLabels);
  return scoreRows(ctx, (_row, r) => -(m[r] as number));
}

/** The default strategy: smallest top-1 minus top-2 probability first (same order as `leastMargin`). */
export function marginStrategy(): QueryStrategy {
  return {
    name: "margin",
    select: (ctx, n) => topByScore(marginScores(ctx), batchSize(ctx, n)),
    scores: marginScores,
    describe: () => "margin: smallest top-1 minus top-2 probability first",
  };
}
