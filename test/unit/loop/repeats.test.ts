import { describe, expect, it } from "vitest";
import { ONE_REPEAT_ROWS_PER_CLASS, repeatsForRound, repeatsRule } from "../../../src/loop/repeats.js";

describe("cross-fitting repetitions per round", () => {
  it("a number given is used in every round, whatever the rows", () => {
    expect(repeatsForRound(repeatsRule(4, true), 10, 2)).toBe(4);
    expect(repeatsForRound(repeatsRule(1, false), 100_000, 2)).toBe(1);
  });

  it("without an encoder the rule gives 3", () => {
    expect(repeatsRule(undefined, false)).toBe(3);
    expect(repeatsRule("auto", false)).toBe(3);
  });

  it("with an encoder: 2 while people have labeled fewer than 250 rows per class, 1 from there on", () => {
    const rule = repeatsRule("auto", true);
    expect(ONE_REPEAT_ROWS_PER_CLASS).toBe(250);
    // 4 classes: 1,000 rows is the edge
    expect(repeatsForRound(rule, 999, 4)).toBe(2);
    expect(repeatsForRound(rule, 1000, 4)).toBe(1);
    // 20 classes, 1,200 rows (20 Newsgroups 6k at the start): 60 a class
    expect(repeatsForRound(rule, 1200, 20)).toBe(2);
    // the bundled sample at the start, 400 rows of 4 classes; AG News, 1,520 rows of 4
    expect(repeatsForRound(rule, 400, 4)).toBe(2);
    expect(repeatsForRound(rule, 1520, 4)).toBe(1);
  });
});
