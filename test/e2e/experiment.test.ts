import { describe, expect, it } from "vitest";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { experiment } from "../../src/cli/commands/experiment.js";
import { FIXTURE, PINNED_CLOCK } from "../helpers/fixture-run.js";
import { tempDir } from "../helpers/temp-dir.js";
import { CSV_COLUMNS, WALL_COLUMNS } from "../../src/experiment/results.js";

/** The CSV without its wall-time columns: what must be the same after a resumed experiment. */
function withoutWallTimes(csv: string): string {
  const drop = new Set(WALL_COLUMNS.map((c) => CSV_COLUMNS.indexOf(c)));
  return csv.trim().split("\n").map((l) => l.split(",").filter((_, i) => !drop.has(i)).join(",")).join("\n");
}

describe("al-label experiment on a tiny fixture (2 cells, real runs)", () => {
  it("writes CSV, JSON and the HTML report, and a rerun after a lost cell ends with the same CSV", async () => {
    const dir = await tempDir("al-label-experiment-");
    const manifest = join(dir, "tiny.jsonl");
    // 300 rows of the UCI fixture; the pilot: gold kept on the first 250 only
    const lines = (await readFile(FIXTURE, "utf8")).trim().split("\n").slice(0, 300).map((l, i) => {
      const o = JSON.parse(l) as Record<string, unknown>;
      if (i >= 250) delete o.gold;
      return JSON.stringify(o);
    });
    await writeFile(manifest, `${lines.join("\n")}\n`);
    const raw = { simulateHumans: "gold", models: "fasttext", strategies: "margin,random", startSeeds: "1", batchSize: "20", maxRounds: "3", jobs: "2" };
    const r = await experiment(manifest, raw, { cwd: dir, clock: PINNED_CLOCK });
    expect(r.exitCode).toBe(0);
    expect(r.out).toBe(join(dir, "tiny.experiment"));
    expect(r.cells.map((c) => c.status)).toEqual(["stopped", "stopped"]);
    const csv = await readFile(r.csv, "utf8");
    const rows = csv.trim().split("\n");
    expect(rows[0]?.split(",")).toEqual(CSV_COLUMNS);
    expect(rows).toHaveLength(1 + 2 * 3);
    // 250 gold rows, 50 in the test split: 200 per cell, 40 of them drawn as the start
    const j = JSON.parse(await readFile(r.json, "utf8")) as { goldRows: number; manifestRows: number; testRows: number; rounds: { round: number; rows: number; humanLabels: number; testAccuracy: number | null }[] };
    expect([j.manifestRows, j.goldRows, j.testRows]).toEqual([300, 250, 50]);
    expect(j.rounds.map((x) => x.round)).toEqual([1, 2, 3, 1, 2, 3]);
    expect(j.rounds[0]).toMatchObject({ rows: 200, humanLabels: 40 });
    expect(j.rounds.every((x) => x.testAccuracy !== null && x.testAccuracy >= 0 && x.testAccuracy <= 1)).toBe(true);
    const html = await readFile(r.html, "utf8");
    expect(html).toContain("Pilot subset");
    expect(html).toContain("al-label run");
    expect(html.match(/<svg /g)?.length).toBe(3);

    // a cell lost (as if the experiment was killed while it ran): the rerun plays it again, keeps the other
    const lost = r.cells[1]?.cell as string;
    await rm(join(r.out, "cells", lost, "result.json"));
    const again = await experiment(manifest, raw, { cwd: dir, clock: PINNED_CLOCK });
    expect(again.exitCode).toBe(0);
    expect(again.cells[0]?.seconds).toBe(r.cells[0]?.seconds);
    expect(again.cells[1]?.seconds).not.toBe(r.cells[1]?.seconds);
    expect(withoutWallTimes(await readFile(again.csv, "utf8"))).toBe(withoutWallTimes(csv));
  });
});
