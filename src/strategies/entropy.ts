import { batchSize, scoreRows, topByScore } from "./_rank.js";
import type { QueryStrategy } from "./types.js";

/** Shannon entropy (nats) of one row; 0·log 0 = 0, and negative entries (rounding noise) count as 0. */
export function entropy(row: Float32Array): number {
  let h = 0;
  for (const p of row) if (p > 0) h -= p * Math.log(p);
  return h;
}

/** Entropy: largest predictive entropy first, i.e. the rows whose whole distribution is flattest. */
export function entropyStrategy(): QueryStrategy {
  return {
    name: "entropy",
    select: (ctx, n) => topByScore(scoreRows(ctx, entropy), batchSize(ctx, n)),
    scores: (ctx) => scoreRows(ctx, entropy),
    describe: () => "entropy: largest predictive entropy first",
  };
}
