import { describe, expect, it } from "vitest";
import { describeRound } from "../../../src/report/reporter.js";
import type { RoundRecord } from "../../../src/state/types.js";

const base: RoundRecord = { round: 3, kind: "train", at: "t", humanLabels: 300, machineLabels: 600, queued: 50, autoLabeled: 40, unlabeledLeft: 100, threshold: 0.9, estimatedAccuracy: 0.96, cumulativeAccuracy: 0.96, accuracyLowerBound: 0.951 };

describe("describeRound", () => {
  it("says what a round that decides afresh withdrew and changed among earlier machine labels", () => {
    const line = describeRound({ ...base, withdrawn: 12, relabeled: 3 }, 1000);
    expect(line).toContain("new machine +40 (12 withdrawn, 3 changed)");
    expect(line).toContain("all machine 96.0% (>= 95.1%)");
    expect(line).not.toContain("est. acc of new");
  });
  it("keeps the new labels' own estimate where labels stand once given (--self-training)", () => {
    const line = describeRound(base, 1000);
    expect(line).toContain("new machine +40 | threshold 0.900 | est. acc of new 96.0%");
    expect(line).toContain("human 300 (30.0%)");
  });
});
