import { describe, expect, it } from "vitest";
import { carveTestSplit, drawStart } from "../../../src/experiment/split.js";
import { cellData, goldRows } from "../../../src/experiment/cell-data.js";
import type { Manifest, ManifestRow } from "../../../src/manifest/types.js";
import { rowId } from "../../../src/manifest/types.js";

describe("carveTestSplit", () => {
  const rows = [...Array(1000).keys()];

  it("is deterministic by seed, disjoint and complete, and the right size", () => {
    const a = carveTestSplit(rows, 0.2, 1);
    expect(carveTestSplit(rows, 0.2, 1)).toEqual(a);
    expect(a.test).toHaveLength(200);
    expect(a.pool).toHaveLength(800);
    const test = new Set(a.test);
    expect(a.pool.some((r) => test.has(r))).toBe(false);
    expect([...a.pool, ...a.test].sort((x, y) => x - y)).toEqual(rows);
    expect(a.pool).toEqual([...a.pool].sort((x, y) => x - y));
    const b = carveTestSplit(rows, 0.2, 2);
    expect(b.test).not.toEqual(a.test);
  });

  it("leaves at least one row in the pool", () => {
    expect(carveTestSplit([1, 2], 0.9, 1).pool).toHaveLength(1);
  });

  it("draws a start from the pool only, by seed", () => {
    const { pool } = carveTestSplit(rows, 0.2, 3);
    const s = drawStart(pool, 0.2, 3);
    expect(s).toHaveLength(160);
    expect(drawStart(pool, 0.2, 3)).toEqual(s);
    const inPool = new Set(pool);
    expect(s.every((r) => inPool.has(r))).toBe(true);
    expect(drawStart(pool, 0.2, 4)).not.toEqual(s);
  });
});

function manifest(rows: { text: string; gold?: string | number; label?: number }[], labels: string[], labelSource: Manifest["labelSource"] = "rows"): Manifest {
  return {
    path: "m.jsonl",
    format: "jsonl",
    labels,
    labelSource,
    sha256: "",
    warnings: [],
    rows: rows.map((r, i): ManifestRow => ({ rowId: rowId(i), line: i + 1, text: r.text, ...(r.gold !== undefined ? { gold: r.gold } : {}), ...(r.label !== undefined ? { label: { index: r.label, human: true } } : {}) })),
  };
}

describe("goldRows and cellData", () => {
  it("keeps the rows with gold (a pilot subset), widens a label set found on rows, reads numeric gold as an index", () => {
    const g = goldRows(manifest([{ text: "a", gold: "x" }, { text: "b" }, { text: "c", gold: "z" }, { text: "d", gold: 0, label: 0 }, { text: "e", gold: "" }], ["x", "y"]));
    expect(g.labels).toEqual(["x", "y", "z"]);
    expect(g.rows).toEqual([0, 2, 3]);
    expect(g.gold).toEqual(["x", "z", "x"]);
    expect(g.inputLabel).toEqual([-1, -1, 0]);
    expect(g.manifestRows).toBe(5);
    expect(goldRows(manifest([{ text: "a", gold: "q" }], ["x"], "flag")).unknownGold).toEqual(["q"]);
  });

  it("writes the pool without the test rows; a start seed labels a fresh draw, else the input's labels stay", () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ text: `t${i} "<b>"`, gold: i % 2 ? "odd" : "even", ...(i < 10 ? { label: i % 2 } : {}) }));
    const g = goldRows(manifest(rows, ["even", "odd"]));
    const d = cellData(g, { goldField: "gold", testFraction: 0.2, bootstrapFraction: 0.3, startSeed: 7, jobName: "j" });
    expect(d.poolSize).toBe(80);
    expect(d.testLines).toHaveLength(20);
    expect(d.startLabeled).toBe(24);
    const parsed = d.manifestLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const testTexts = new Set(d.testLines.map((l) => (JSON.parse(l) as { source: string }).source));
    expect(parsed.some((p) => testTexts.has(p.source as string))).toBe(false);
    for (const p of parsed) if (p.category !== undefined) expect(["even", "odd"][p.category as number]).toBe(p.gold);
    expect(cellData(g, { goldField: "gold", testFraction: 0.2, bootstrapFraction: 0.3, startSeed: 7, jobName: "j" })).toEqual(d);
    const own = cellData(g, { goldField: "gold", testFraction: 0.2, bootstrapFraction: 0.3, startSeed: null, jobName: "j" });
    expect(own.startLabeled).toBe(own.pool.filter((i) => i < 10).length);
  });
});
