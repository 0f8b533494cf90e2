import { describe, expect, it } from "vitest";
import { selectBootstrap } from "../../../src/loop/bootstrap.js";

describe("selectBootstrap", () => {
  const candidates = Array.from({ length: 100 }, (_, i) => i + 1000);
  it("returns exactly `need` distinct candidates, the same for the same seed", () => {
    const a = selectBootstrap(candidates, 30, 5);
    expect(new Set(a).size).toBe(30);
    expect(a.every((r) => candidates.includes(r))).toBe(true);
    expect(selectBootstrap(candidates, 30, 5)).toEqual(a);
    expect(selectBootstrap(candidates, 30, 6)).not.toEqual(a);
  });
  it("visits predicted classes in turn so a rare class is represented", () => {
    const predicted = Int32Array.from(candidates, (_, i) => (i < 5 ? 1 : 0)); // 5 rows predicted rare
    const picked = selectBootstrap(candidates, 10, 5, predicted);
    expect(picked.filter((r) => r < 1005)).toHaveLength(5);
  });
  it("returns every candidate when fewer than needed", () => {
    expect(selectBootstrap([1, 2, 3], 10, 1).sort()).toEqual([1, 2, 3]);
  });
});
