import { describe, expect, it } from "vitest";
import { InternalError } from "../../../src/errors.js";
import { STRATEGY_NAMES, createStrategy } from "../../../src/strategies/index.js";
import type { QueryContext } from "../../../src/strategies/types.js";
import { createRng } from "../../../src/util/random.js";

/** Shared invariants every registered strategy must keep (small-text's SamplingStrategiesTests). */

function makeContext(count: number, numLabels: number, seed = 1, dim = 5): QueryContext {
  const rng = createRng(seed);
  const probs = new Float32Array(count * numLabels);
  for (let r = 0; r < count; r++) {
    const raw = Array.from({ length: numLabels }, () => rng.next() + 0.01);
    const z = raw.reduce((s, v) => s + v, 0);
    raw.forEach((v, c) => (probs[r * numLabels + c] = v / z));
  }
  const data = Float32Array.from({ length: count * dim }, () => rng.next());
  return { probs, numLabels, count, vectors: () => ({ data, dim }), seed: 7 };
}

function expectValidBatch(picked: number[], count: number, n: number): void {
  expect(picked).toHaveLength(Math.min(n, count));
  expect(new Set(picked).size).toBe(picked.length);
  for (const p of picked) {
    expect(Number.isInteger(p)).toBe(true);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(count);
  }
}

describe.each(STRATEGY_NAMES)("query strategy %s", (name) => {
  const strategy = createStrategy(name);

  it("has its registry name and a one-line description", () => {
    expect(strategy.name).toBe(name);
    expect(strategy.describe()).toMatch(/^[^\n]+$/);
  });

  it.each([1, 5, 36, 37])("returns exactly n distinct positions in range (n=%i of 37)", (n) => {
    expectValidBatch(strategy.select(makeContext(37, 4), n), 37, n);
  });

  it("returns an empty batch for n = 0", () => {
    expect(strategy.select(makeContext(37, 4), 0)).toEqual([]);
  });

  it("returns every candidate once when n > count", () => {
    expect(strategy.select(makeContext(12, 3), 50).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it("returns an empty batch when there are no candidates", () => {
    expect(strategy.select({ probs: new Float32Array(0), numLabels: 3, count: 0, vectors: () => ({ data: new Float32Array(0), dim: 4 }), seed: 1 }, 5)).toEqual([]);
  });

  it("is deterministic for equal inputs", () => {
    expect(strategy.select(makeContext(200, 5), 20)).toEqual(strategy.select(makeContext(200, 5), 20));
  });

  it("does not mutate its inputs", () => {
    const ctx = makeContext(60, 4);
    const probs = ctx.probs.slice();
    const vectors = ctx.vectors!().data.slice();
    strategy.select(ctx, 10);
    expect(ctx.probs).toEqual(probs);
    expect(ctx.vectors!().data).toEqual(vectors);
  });

  it("still returns exactly n distinct positions when every row is tied", () => {
    const probs = new Float32Array(30 * 3).fill(1 / 3);
    const data = new Float32Array(30 * 2).fill(0.5);
    expectValidBatch(strategy.select({ probs, numLabels: 3, count: 30, vectors: () => ({ data, dim: 2 }), seed: 3 }, 7), 30, 7);
  });

  it("still returns exactly n distinct positions with NaN probabilities and vectors", () => {
    const ctx = makeContext(20, 3);
    ctx.probs.fill(Number.NaN, 3, 9); // rows 1 and 2
    ctx.vectors!().data.fill(Number.NaN, 0, 10);
    expectValidBatch(strategy.select(ctx, 6), 20, 6);
  });

  it("works without text vectors", () => {
    const { vectors: _ignored, ...ctx } = makeContext(40, 3);
    expectValidBatch(strategy.select(ctx, 9), 40, 9);
  });

  it("rejects a negative or fractional n and a probs array of the wrong size as bugs", () => {
    expect(() => strategy.select(makeContext(10, 3), -1)).toThrow(InternalError);
    expect(() => strategy.select(makeContext(10, 3), 2.5)).toThrow(InternalError);
    expect(() => strategy.select({ ...makeContext(10, 3), count: 11 }, 2)).toThrow(InternalError);
  });
});
