import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { loadState, saveState, stateLines } from "../../src/state/store.js";
import type { WorkState } from "../../src/state/types.js";
import { workState } from "../helpers/work-state.js";
import { tempDir } from "../helpers/temp-dir.js";

function state(machineRows: number): WorkState {
  const machine = Object.fromEntries(Array.from({ length: machineRows }, (_, i) => [String(i * 3), { label: i % 4, confidence: 0.9, round: 2, at: "t", p: 0.95 }]));
  return workState({
    manifest: { path: "m.jsonl", sha256: "x", rows: 100_000 },
    labels: ["a", "b\"c"],
    round: 2,
    human: { "7": { label: 1, round: 1, at: "t", annotator: "a", taskId: "r1-000007", reason: "bootstrap" } },
    machine,
    retiredFromCalibration: undefined,
    rounds: [{ round: 1, kind: "train", at: "t", humanLabels: 1, machineLabels: 0, queued: 1, autoLabeled: 0, unlabeledLeft: 5 }],
  });
}

describe("state file", () => {
  it.each([0, 1, 10_000, 25_001])("written in lines, parses to the same JSON as one string (%i machine labels)", (n) => {
    const s = state(n);
    const text = [...stateLines(s)].join("\n");
    expect(JSON.stringify(JSON.parse(text))).toBe(JSON.stringify(s));
  });

  it("keeps each line small: the label maps are split", () => {
    const lines = [...stateLines(state(25_001))];
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(1_000_000);
  });

  it.each([
    [12_345, 1],
    [120_000, 17],
  ])("saves %i machine labels in %i line(s) and loads them back", async (n, lines) => {
    const dir = await tempDir("al-label-state-");
    const s = state(n);
    await saveState(dir, s);
    expect(JSON.stringify(await loadState(dir))).toBe(JSON.stringify(s));
    const text = await readFile(join(dir, "state.json"), "utf8");
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.trimEnd().split("\n").length).toBeGreaterThanOrEqual(lines);
  });
});
