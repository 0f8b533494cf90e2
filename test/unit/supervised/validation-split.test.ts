import { describe, expect, it } from "vitest";
import { stratifiedSplit } from "../../../src/supervised/validation-split.js";

const labels = Int32Array.from({ length: 200 }, (_, i) => (i < 150 ? 0 : i < 190 ? 1 : 2)); // 150 / 40 / 10

describe("stratifiedSplit", () => {
  it("holds out the fraction of each label, and train + validation cover every row once", () => {
    const { train, validation } = stratifiedSplit(labels, 3, 0.1, 7);
    const count = (rows: number[], l: number): number => rows.filter((i) => labels[i] === l).length;
    expect([count(validation, 0), count(validation, 1), count(validation, 2)]).toEqual([15, 4, 1]);
    expect([...train, ...validation].sort((a, b) => a - b)).toEqual([...labels.keys()]);
  });

  it("is the same for the same seed and differs for another", () => {
    expect(stratifiedSplit(labels, 3, 0.2, 1)).toEqual(stratifiedSplit(labels, 3, 0.2, 1));
    expect(stratifiedSplit(labels, 3, 0.2, 1).validation).not.toEqual(stratifiedSplit(labels, 3, 0.2, 2).validation);
  });

  it("keeps a label's last row in training and holds out nothing at fraction 0", () => {
    const tiny = Int32Array.of(0, 0, 1);
    expect(stratifiedSplit(tiny, 2, 0.9, 1).train.filter((i) => tiny[i] === 1)).toEqual([2]);
    expect(stratifiedSplit(labels, 3, 0, 1).validation).toEqual([]);
  });
});
