import { describe, expect, it } from "vitest";
import { leastMargin, margins, topClass } from "../../../src/strategies/margin.js";

const probs = Float32Array.from([
  0.7, 0.2, 0.1, // margin 0.5
  0.4, 0.35, 0.25, // margin 0.05
  0.1, 0.1, 0.8, // margin 0.7
  0.3, 0.45, 0.25, // margin 0.15
]);

describe("margins", () => {
  it("is top-1 minus top-2 probability per row", () => {
    expect(Array.from(margins(probs, 3)).map((m) => Number(m.toFixed(4)))).toEqual([0.5, 0.05, 0.7, 0.15]);
  });
});

describe("topClass", () => {
  it("gives the most probable class and its probability", () => {
    const t = topClass(probs, 3);
    expect(Array.from(t.label)).toEqual([0, 0, 2, 1]);
    expect(t.confidence[3]).toBeCloseTo(0.45, 6);
  });
});

describe("leastMargin", () => {
  it("returns exactly n candidates, smallest margins first", () => {
    expect(leastMargin([0, 1, 2, 3], margins(probs, 3), 2)).toEqual([1, 3]);
  });
  it("returns only candidates it was given", () => {
    expect(leastMargin([0, 2], margins(probs, 3), 5)).toEqual([0, 2]);
  });
  it("breaks ties by position, so the batch does not depend on sort stability", () => {
    const m = Float32Array.from([0.2, 0.1, 0.1, 0.1]);
    expect(leastMargin([3, 2, 1, 0], m, 2)).toEqual([1, 2]);
  });
});
