import { describe, expect, it } from "vitest";
import { runCells, type Progress } from "../../../src/experiment/scheduler.js";
import { expandGrid, type Cell } from "../../../src/experiment/grid.js";
import { buildSpec } from "../../../src/experiment/spec.js";
import type { CellResult } from "../../../src/experiment/results.js";

const spec = buildSpec(undefined, { simulateHumans: "gold", models: "dense+nb,fasttext", seeds: "1-3" });
const cells = expandGrid(spec);
const fakeResult = (c: Cell, status: CellResult["status"] = "complete"): CellResult => ({
  schemaVersion: 1, cell: c.id, cellIndex: c.index, key: c.key, status, exitCode: 0, message: "", rows: 10, human: c.seed, machine: 0, machineCorrect: 0, rounds: [], command: [], seconds: 0,
});

/** An in-memory store of results and a runner that can be made to die after some cells (a killed experiment). */
function harness(killAfter = Infinity) {
  const store = new Map<string, CellResult>();
  const ran: string[] = [];
  const reset: string[] = [];
  let running = 0;
  let most = 0;
  const deps = (jobs: number, progress?: (p: Progress) => void) => ({
    jobs,
    load: async (c: Cell) => store.get(c.id) ?? null,
    reset: async (c: Cell) => void reset.push(c.id),
    run: async (c: Cell) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (ran.length >= killAfter) throw new Error("killed");
      ran.push(c.id);
      return fakeResult(c, c.seed === 2 && c.model === "fasttext" ? "failed" : "complete");
    },
    save: async (c: Cell, r: CellResult) => void store.set(c.id, r),
    progress,
  });
  return { store, ran, reset, deps, most: () => most };
}

describe("runCells", () => {
  it("runs every cell at most `jobs` at a time and returns results in grid order, with progress", async () => {
    const h = harness();
    const seen: Progress[] = [];
    const results = await runCells(cells, h.deps(2, (p) => seen.push(p)));
    expect(results.map((r) => r.cell)).toEqual(cells.map((c) => c.id));
    expect(h.most()).toBe(2);
    expect(seen[0]).toEqual({ total: 6, done: 0, kept: 0, running: 0, left: 6, failed: 0 });
    expect(seen.at(-1)).toEqual({ total: 6, done: 6, kept: 0, running: 0, left: 0, failed: 1 });
    expect(seen.some((p) => p.running === 2)).toBe(true);
  });

  it("resumes: finished cells are kept, unfinished and failed ones are reset and run again", async () => {
    const h = harness(3);
    await expect(runCells(cells, h.deps(1))).rejects.toThrow("killed");
    const first = [...h.ran];
    expect(first).toHaveLength(3);
    // a rerun with the same store: the three finished cells are kept
    const again = harness();
    for (const [k, v] of h.store) again.store.set(k, v);
    const seen: Progress[] = [];
    const results = await runCells(cells, again.deps(2, (p) => seen.push(p)));
    expect(again.ran.sort()).toEqual(cells.map((c) => c.id).filter((id) => !first.includes(id)).sort());
    expect(again.reset.sort()).toEqual(again.ran.sort());
    expect(seen[0]).toMatchObject({ done: 3, kept: 3, left: 3 });
    expect(results).toHaveLength(6);
    // a third run keeps everything but the failed cell
    const third = harness();
    for (const [k, v] of again.store) third.store.set(k, v);
    await runCells(cells, third.deps(2));
    expect(third.ran).toEqual([cells.find((c) => c.seed === 2 && c.model === "fasttext")?.id]);
  });

  it("runs a cell again when its saved result is for other settings", async () => {
    const h = harness();
    const c = cells[0] as Cell;
    h.store.set(c.id, { ...fakeResult(c), key: "other" });
    await runCells([c], h.deps(1));
    expect(h.ran).toEqual([c.id]);
  });
});

describe("progressLine", () => {
  it("shows cells done, running and left, kept and failed ones when there are any", async () => {
    const { progressLine } = await import("../../../src/experiment/progress.js");
    expect(progressLine({ total: 18, done: 7, kept: 4, running: 2, left: 9, failed: 0 }, 212.4)).toBe("experiment: 18 cells: 7 done (4 kept from an earlier run), 2 running, 9 left (212 s)");
    expect(progressLine({ total: 2, done: 1, kept: 0, running: 1, left: 0, failed: 1 }, 3)).toBe("experiment: 2 cells: 1 done, 1 running, 0 left, 1 failed (3 s)");
  });
});
