import { describe, expect, it } from "vitest";
import { diversityStrategy } from "../../../src/strategies/diversity.js";
import { createStrategy } from "../../../src/strategies/index.js";
import type { QueryContext } from "../../../src/strategies/types.js";

const SAME = [0.5, 0.3, 0.2]; // margin 0.2 for every row: uncertainty alone cannot tell the rows apart

/** Rows 0-2 sit around vector A, rows 3-5 around vector B (near-identical headlines). */
function twoClusters(seed: number, rowsProbs: number[][] = Array.from({ length: 6 }, () => SAME)): QueryContext {
  const vectors = [
    [1, 0, 0, 0.001], [1, 0.001, 0, 0], [1, 0, 0.001, 0],
    [0, 1, 0, 0.001], [0.001, 1, 0, 0], [0, 1, 0.001, 0],
  ];
  const data = Float32Array.from(vectors.flat());
  return { probs: Float32Array.from(rowsProbs.flat()), numLabels: 3, count: 6, vectors: () => ({ data, dim: 4 }), seed };
}

const cluster = (p: number): "A" | "B" => (p < 3 ? "A" : "B");

describe("diversity strategy", () => {
  const diversity = createStrategy("diversity");

  it("takes one row from each of two tight clusters, where margin takes two from one", () => {
    expect(createStrategy("margin").select(twoClusters(1), 2).map(cluster)).toEqual(["A", "A"]);
    for (let seed = 0; seed < 25; seed++) {
      expect(diversity.select(twoClusters(seed), 2).map(cluster).sort()).toEqual(["A", "B"]);
    }
  });

  it("takes the most uncertain row of each cluster", () => {
    // margins: A = 0.2, 0.02, 0.05; B = 0.3, 0.4, 0.1 → row 1 from A, then row 5 from B
    // (margin alone takes rows 1 and 2, both from A)
    const probs = [[0.5, 0.3, 0.2], [0.5, 0.48, 0.02], [0.5, 0.45, 0.05], [0.6, 0.3, 0.1], [0.6, 0.2, 0.2], [0.5, 0.4, 0.1]];
    expect(diversity.select(twoClusters(3, probs), 2)).toEqual([1, 5]);
    expect(createStrategy("margin").select(twoClusters(3, probs), 2)).toEqual([1, 2]);
  });

  it("goes round-robin over the clusters, most uncertain cluster first, when there are fewer than n", () => {
    // exact duplicates: k-means++ finds only 2 distinct centres for n = 4
    // margins: A (rows 0-2) = 0.2, 0.02, 0.1; B (rows 3-5) = 0.3, 0.4, 0.04
    // round 1: A's best (1), B's best (5); round 2: A's next (2), B's next (3) — margin alone would take 0, not 3
    const probs = [[0.5, 0.3, 0.2], [0.5, 0.48, 0.02], [0.5, 0.4, 0.1], [0.6, 0.3, 0.1], [0.6, 0.2, 0.2], [0.5, 0.46, 0.04]];
    const data = Float32Array.from([1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);
    const ctx: QueryContext = { probs: Float32Array.from(probs.flat()), numLabels: 3, count: 6, vectors: () => ({ data, dim: 2 }), seed: 9 };
    expect(diversity.select(ctx, 4)).toEqual([1, 5, 2, 3]);
    expect(createStrategy("margin").select(ctx, 4)).toEqual([1, 5, 2, 0]);
  });

  it("clusters the probability vectors when there are no text vectors", () => {
    // equal margins (0.2), two directions: rows 0-2 lean to label 0, rows 3-5 to label 2
    const rows = [[0.5, 0.3, 0.2], [0.5, 0.3, 0.2], [0.5, 0.3, 0.2], [0.2, 0.3, 0.5], [0.2, 0.3, 0.5], [0.2, 0.3, 0.5]];
    const { vectors: _none, ...ctx } = twoClusters(4, rows);
    expect(diversity.select(ctx, 2).map(cluster).sort()).toEqual(["A", "B"]);
  });

  it("falls back to margin order when every vector is the same", () => {
    const probs = [[0.5, 0.3, 0.2], [0.5, 0.48, 0.02], [0.5, 0.4, 0.1], [0.6, 0.3, 0.1], [0.6, 0.2, 0.2], [0.5, 0.46, 0.04]];
    const data = new Float32Array(6 * 3).fill(1);
    const ctx: QueryContext = { probs: Float32Array.from(probs.flat()), numLabels: 3, count: 6, vectors: () => ({ data, dim: 3 }), seed: 2 };
    expect(diversity.select(ctx, 3)).toEqual(createStrategy("margin").select(ctx, 3));
  });

  it("clusters only the most uncertain poolFactor x n candidates", () => {
    // the two smallest margins are rows 0 and 1, both in cluster A: with a pool of 1 x 2 rows there is
    // nothing else to choose from; with the default pool of 5 x 2 a row of B replaces row 1
    const probs = [[0.5, 0.49, 0.01], [0.5, 0.48, 0.02], [0.5, 0.4, 0.1], [0.6, 0.3, 0.1], [0.6, 0.2, 0.2], [0.5, 0.3, 0.2]];
    expect(diversityStrategy({ poolFactor: 1 }).select(twoClusters(1, probs), 2)).toEqual([0, 1]);
    expect(diversity.select(twoClusters(1, probs), 2)).toEqual([0, 5]);
  });

  it("rejects vectors of the wrong size as a bug", () => {
    const ctx = twoClusters(1);
    expect(() => diversity.select({ ...ctx, vectors: () => ({ data: new Float32Array(5), dim: 4 }) }, 2)).toThrow(/vectors/);
  });
});
