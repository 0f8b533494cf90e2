import { batchSize, scoreRows, topByScore } from "./_rank.js";
import type { QueryStrategy } from "./types.js";

/** Negated top-1 probability (a loop, not Math.max(...row): no argument-count limit for many labels). */
function negTopProbability(row: Float32Array): number {
  let best = -Infinity;
  for (const p of row) if (p > best) best = p;
  return -best;
}

/**
 * Least confidence: smallest top-1 probability first. It looks at the top label only, so a row spread
 * over three labels (0.4/0.3/0.3) comes before a close two-way split (0.5/0.48/0.02) that margin prefers.
 */
export function leastConfidenceStrategy(): QueryStrategy {
  return {
    name: "least-confidence",
    select: (ctx, n) => topByScore(scoreRows(ctx, negTopProbability), batchSize(ctx, n)),
    scores: (ctx) => scoreRows(ctx, negTopProbability),
    describe: () => "least-confidence: smallest top-1 probability first",
  };
}
