/**
 * Groups texts into batches of similar token length, so padding wastes little: sort by length (stable:
 * ties keep input order), then cut when a batch reaches `batchSize` rows or its padded size
 * (rows x longest) would pass `tokenBudget`, or padding would make up more than half of it. Pure.
 */
export interface BatchPlan {
  batchSize: number;
  tokenBudget: number;
}

export function planBatches(lengths: readonly number[], plan: BatchPlan): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  let real = 0;
  for (const i of order) {
    const longest = lengths[i]!; // ascending order: the newcomer is the longest
    const padded = (current.length + 1) * longest;
    if (current.length > 0 && (current.length >= plan.batchSize || padded > plan.tokenBudget || 2 * (real + longest) < padded)) {
      batches.push(current);
      current = [];
      real = 0;
    }
    current.push(i);
    real += longest;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
