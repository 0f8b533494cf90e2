import { describe, expect, it } from "vitest";
import { entropy } from "../../../src/strategies/entropy.js";
import { createStrategy } from "../../../src/strategies/index.js";
import { leastMargin, margins } from "../../../src/strategies/margin.js";
import type { QueryContext } from "../../../src/strategies/types.js";

/*
 * One matrix, worked out by hand, on which the three uncertainty strategies disagree:
 *
 *   row  probabilities       margin (p1-p2)  top-1   entropy  -Σ p ln p
 *   0    0.50 0.48 0.02      0.02            0.50    0.3466 + 0.3523 + 0.0782 = 0.777
 *   1    0.40 0.30 0.30      0.10            0.40    0.3665 + 2 x 0.3612      = 1.089
 *   2    0.36 0.33 0.31      0.03            0.36    0.3678 + 0.3659 + 0.3631 = 1.097
 *   3    0.45 0.10 0.45      0.00            0.45    2 x 0.3593 + 0.2303      = 0.949
 *   4    0.90 0.05 0.05      0.85            0.90    0.0948 + 2 x 0.1498      = 0.394
 *   5    0.70 0.15 0.15      0.55            0.70    0.2497 + 2 x 0.2846      = 0.819
 *
 *   margin, smallest first:           3 (0.00), 0 (0.02), 2 (0.03), 1 (0.10), 5 (0.55), 4 (0.85)
 *   least confidence, smallest top-1: 2 (0.36), 1 (0.40), 3 (0.45), 0 (0.50), 5 (0.70), 4 (0.90)
 *   entropy, largest first:           2 (1.097), 1 (1.089), 3 (0.949), 5 (0.819), 0 (0.777), 4 (0.394)
 */
const matrix = [
  [0.5, 0.48, 0.02],
  [0.4, 0.3, 0.3],
  [0.36, 0.33, 0.31],
  [0.45, 0.1, 0.45],
  [0.9, 0.05, 0.05],
  [0.7, 0.15, 0.15],
];

function ctxOf(rows: number[][]): QueryContext {
  return { probs: Float32Array.from(rows.flat()), numLabels: rows[0]?.length ?? 3, count: rows.length, seed: 1 };
}

describe.each([
  ["margin", [3, 0, 2, 1, 5, 4]],
  ["least-confidence", [2, 1, 3, 0, 5, 4]],
  ["entropy", [2, 1, 3, 5, 0, 4]],
] as const)("%s on the hand-computed matrix", (name, expected) => {
  const strategy = createStrategy(name);

  it("orders the whole pool as worked out by hand", () => {
    expect(strategy.select(ctxOf(matrix), 6)).toEqual(expected);
  });

  it("takes the most uncertain rows for a smaller batch", () => {
    expect(strategy.select(ctxOf(matrix), 3)).toEqual(expected.slice(0, 3));
  });

  it("breaks ties by position, whatever the input order", () => {
    // rows 1, 2 and 4 are identical and the most uncertain; 0 and 3 are sure
    const rows = [[0.9, 0.05, 0.05], [0.5, 0.25, 0.25], [0.5, 0.25, 0.25], [0.8, 0.1, 0.1], [0.5, 0.25, 0.25]];
    expect(strategy.select(ctxOf(rows), 2)).toEqual([1, 2]);
    expect(strategy.select(ctxOf(rows), 4)).toEqual([1, 2, 4, 3]);
  });

  it("puts rows with a NaN or infinite probability first, in position order", () => {
    const rows = [[0.5, 0.48, 0.02], [0.9, Number.NaN, 0.05], [0.34, 0.33, 0.33], [Number.POSITIVE_INFINITY, 0, 0]];
    expect(strategy.select(ctxOf(rows), 3)).toEqual([1, 3, 2]);
  });
});

describe("margin strategy", () => {
  it("agrees with leastMargin, which the loop used before strategies existed", () => {
    const ctx = ctxOf(matrix);
    expect(createStrategy("margin").select(ctx, 4)).toEqual(leastMargin([0, 1, 2, 3, 4, 5], margins(ctx.probs, 3), 4));
  });
});

describe("entropy", () => {
  it("is ln(k) for a uniform row and 0 for a one-hot row", () => {
    expect(entropy(Float32Array.from([0.25, 0.25, 0.25, 0.25]))).toBeCloseTo(Math.log(4), 6);
    expect(entropy(Float32Array.from([0, 1, 0]))).toBe(0);
  });
});
