import { describe, expect, it } from "vitest";
import { TopKScore } from "../../../src/supervised/topk-score.js";

describe("TopKScore", () => {
  it("computes accuracy, P@k and R@k as fasttext test does (hand-checked)", () => {
    const s = new TopKScore(["a", "b", "c"], 2);
    s.add([0, 1, 2], ["a"]); // top-1 right; 1 hit of 2 predictions
    s.add([2, 0, 1], ["a", "b"]); // top-1 wrong; a is in the top 2, b is not
    s.add([1, 2, 0], ["c"]); // wrong; c is second
    expect(s.summary()).toEqual({ rows: 3, accuracy: 1 / 3, precisionAtK: 3 / 6, recallAtK: 3 / 4, k: 2 });
  });

  it("scores a gold label outside the model as wrong and counts it", () => {
    const s = new TopKScore(["a", "b"], 1);
    s.add([0, 1], ["zz"]);
    s.add([0, 1], ["a"]);
    expect(s.summary()?.accuracy).toBe(0.5);
    expect([...s.unknownGold]).toEqual([["zz", 1]]);
  });

  it("has no summary when no row had gold labels", () => {
    expect(new TopKScore(["a", "b"], 1).summary()).toBeNull();
  });
});
