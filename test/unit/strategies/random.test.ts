import { describe, expect, it } from "vitest";
import { createStrategy } from "../../../src/strategies/index.js";
import type { QueryContext } from "../../../src/strategies/types.js";
import { createRng, shuffled } from "../../../src/util/random.js";

function ctx(count: number, seed: number): QueryContext {
  return { probs: new Float32Array(count * 2).fill(0.5), numLabels: 2, count, seed };
}

describe("random strategy", () => {
  const random = createStrategy("random");

  it("is the head of a seeded shuffle of all positions", () => {
    expect(random.select(ctx(10, 5), 4)).toEqual(shuffled([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], createRng(5)).slice(0, 4));
  });

  it("draws a different sample for a different seed", () => {
    expect(random.select(ctx(100, 1), 10)).not.toEqual(random.select(ctx(100, 2), 10));
  });

  it("ignores the probabilities, NaN included", () => {
    const c = ctx(10, 5);
    c.probs[0] = Number.NaN;
    expect(random.select(c, 4)).toEqual(random.select(ctx(10, 5), 4));
  });

  it("picks every position about equally often over many seeds", () => {
    // 3 of 10 over 2,000 seeds: each position expects 600 picks (sd ≈ 20); seeded, so not flaky
    const hits = new Array<number>(10).fill(0);
    for (let seed = 0; seed < 2000; seed++) for (const p of random.select(ctx(10, seed), 3)) hits[p] = (hits[p] ?? 0) + 1;
    for (const h of hits) {
      expect(h).toBeGreaterThan(500);
      expect(h).toBeLessThan(700);
    }
  });
});
