import { describe, expect, it } from "vitest";
import { controlCharProblem, lookAlikeLabels } from "../../../src/manifest/label-name.js";

describe("label names (issue 18, item 6)", () => {
  it("groups look-alikes (pure)", () => {
    expect(lookAlikeLabels(["ham", "spam", "ham ", "Ham", "SPAM", "other"])).toEqual([["ham", "ham ", "Ham"], ["spam", "SPAM"]]);
    expect(lookAlikeLabels(["ham", "spam"])).toEqual([]);
  });

  it("control characters: C0, DEL and C1 are refused; other text is fine", () => {
    for (const bad of ["ham\u001b[0m", "a\u0007", "a\u007f", "a\u009b", "a\nb", "a\tb"]) expect(controlCharProblem(bad)).toMatch(/contains control characters/);
    for (const good of ["ham", "spam ", "Sci/Tech", "naïve", "日本"]) expect(controlCharProblem(good)).toBeNull();
  });
});
