import { describe, expect, it } from "vitest";
import { ONE_REPEAT_ROWS_PER_CLASS, repeatsForRound, repeatsRule } from "../../../src/loop/repeats.js";

describe("cross-fitting repetitions per round", () => {
  it("a number given is used in every round, whatever the rows", () => {
    expect(repeatsForRound(repeatsRule(4, true, "dense+nb"), 10, 2)).toBe(4);
    expect(repeatsForRound(repeatsRule(1, false, "dense+nb"), 100_000, 2)).toBe(1);
  });

  it("without an encoder the rule gives 3; with an encoder and a model other than dense+nb, 2", () => {
    expect(repeatsRule(undefined, false, "dense+nb")).toBe(3);
    expect(repeatsRule("auto", false, "fasttext")).toBe(3);
    for (const model of ["fasttext", "dense", "nb"]) expect(repeatsForRound(repeatsRule("auto", true, model), 100_000, 2)).toBe(2);
  });

  it("with an encoder and dense+nb: 2 while people have labeled fewer than 250 rows per class, 1 from there on", () => {
    const rule = repeatsRule("auto", true, "dense+nb");
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
