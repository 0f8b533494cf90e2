import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { expandGrid } from "../../../src/experiment/grid.js";
import { parseIntList, parseNameList } from "../../../src/experiment/ranges.js";
import { buildSpec } from "../../../src/experiment/spec.js";

const usage = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    return (err as Error).message;
  }
  throw new Error("expected a UsageError");
};

describe("ranges", () => {
  it("reads N-M ranges and comma lists", () => {
    expect(parseIntList("1-5")).toEqual([1, 2, 3, 4, 5]);
    expect(parseIntList("3")).toEqual([3]);
    expect(parseIntList("1, 4,7,4")).toEqual([1, 4, 7]);
    expect(parseIntList("5-1")).toBeNull();
    expect(parseIntList("a")).toBeNull();
    expect(parseIntList("-1")).toBeNull();
    expect(parseNameList(" margin, random ,,margin")).toEqual(["margin", "random"]);
  });
});

describe("buildSpec", () => {
  it("takes the defaults, then the spec file, then flags over it", () => {
    const spec = buildSpec({ models: ["fasttext"], seeds: "1-2", startSeeds: [4, 5], targetAccuracy: 0.9 }, { simulateHumans: "gold", seeds: "3", strategies: "margin,random" });
    expect(spec).toMatchObject({ simulateHumans: "gold", models: ["fasttext"], seeds: [3], startSeeds: [4, 5], strategies: ["margin", "random"], targetAccuracy: 0.9, batchSize: null, testFraction: 0.2, encoders: ["default"], policies: ["al-label"] });
  });

  it("refuses bad input with exit-2 errors that name the flag or key", () => {
    expect(usage(() => buildSpec(undefined, {}))).toMatch(/--simulate-humans/);
    expect(usage(() => buildSpec(undefined, { simulateHumans: "gold", models: "dense+nb,bert" }))).toMatch(/--models: unknown value\(s\) "bert"; valid: dense\+nb, dense, fasttext/);
    expect(usage(() => buildSpec(undefined, { simulateHumans: "gold", strategies: "best" }))).toMatch(/--strategies/);
    expect(usage(() => buildSpec(undefined, { simulateHumans: "gold", policies: "aws" }))).toMatch(/--policies/);
    expect(usage(() => buildSpec(undefined, { simulateHumans: "gold", seeds: "5-1" }))).toMatch(/--seeds takes integers/);
    expect(usage(() => buildSpec({ startSeeds: "x" }, { simulateHumans: "gold" }, "--spec s.json"))).toMatch(/--spec s.json: "startSeeds"/);
    expect(usage(() => buildSpec(undefined, { simulateHumans: "gold", testFraction: "0.95" }))).toMatch(/--test-fraction must be a number above 0 to 0.9/);
    expect(usage(() => buildSpec(undefined, { simulateHumans: "gold", targetAccuracy: "1.5" }))).toMatch(/--target-accuracy/);
    expect(usage(() => buildSpec(undefined, { simulateHumans: "gold", batchSize: "0" }))).toMatch(/--batch-size must be an integer/);
    expect(usage(() => buildSpec({ model: "dense" }, { simulateHumans: "gold" }))).toMatch(/unknown key\(s\) "model"/);
    expect(usage(() => buildSpec([1], { simulateHumans: "gold" }))).toMatch(/one JSON object/);
    expect(usage(() => buildSpec(undefined, { simulateHumans: "gold", runFlags: "--epochs 3 --seed 2" }))).toMatch(/--seed is set by the experiment/);
  });
});

describe("expandGrid", () => {
  const spec = buildSpec(undefined, { simulateHumans: "gold", models: "dense+nb,fasttext", strategies: "margin,random,entropy", seeds: "1-3" });

  it("makes one cell per combination, in a fixed order, with distinct folder-safe ids", () => {
    const cells = expandGrid(spec);
    expect(cells).toHaveLength(18);
    expect(cells.map((c) => c.index)).toEqual([...Array(18).keys()]);
    expect(new Set(cells.map((c) => c.id)).size).toBe(18);
    for (const c of cells) expect(c.id).toMatch(/^[a-z0-9.-]+$/);
    expect(cells[0]).toMatchObject({ model: "dense+nb", strategy: "margin", seed: 1, startSeed: null, encoder: "default", policy: "al-label" });
    expect(cells[1]).toMatchObject({ model: "dense+nb", strategy: "margin", seed: 2 });
    expect(cells[17]).toMatchObject({ model: "fasttext", strategy: "entropy", seed: 3 });
    expect(expandGrid(spec).map((c) => c.id)).toEqual(cells.map((c) => c.id));
  });

  it("gives a cell a new id and key when a shared setting changes, and the same when only the grid grows", () => {
    const base = expandGrid(spec)[0];
    const other = expandGrid({ ...spec, targetAccuracy: 0.9 })[0];
    expect(other?.key).not.toBe(base?.key);
    expect(other?.id).not.toBe(base?.id);
    const grown = expandGrid({ ...spec, seeds: [1, 2, 3, 4] });
    expect(grown.find((c) => c.id === base?.id)?.key).toBe(base?.key);
  });

  it("crosses start seeds and encoders", () => {
    const cells = expandGrid({ ...spec, models: ["fasttext"], strategies: ["margin"], seeds: [1], startSeeds: [1, 2], encoders: ["none", "/models/MiniLM"] });
    expect(cells.map((c) => [c.encoder, c.startSeed])).toEqual([["none", 1], ["none", 2], ["/models/MiniLM", 1], ["/models/MiniLM", 2]]);
    expect(cells[2]?.id).toContain(".minilm.");
  });
});
