import { createRng, shuffled } from "../util/random.js";
import { batchSize } from "./_rank.js";
import type { QueryStrategy } from "./types.js";

/**
 * Uniform random sample, seeded by ctx.seed: the baseline every other strategy has to beat, and an
 * unbiased sample of what the model cannot label yet. Probabilities are ignored (NaN included).
 */
export function randomStrategy(): QueryStrategy {
  return {
    name: "random",
    select: (ctx, n) => {
      const k = batchSize(ctx, n);
      const positions = Array.from({ length: ctx.count }, (_, i) => i);
      return shuffled(positions, createRng(ctx.seed)).slice(0, k);
    },
    describe: () => "random: seeded uniform sample",
  };
}
