import { describe, expect, it } from "vitest";
import { toCsv, toJson, type CellResult, type RoundRow } from "../../../src/experiment/results.js";
import { summarize } from "../../../src/experiment/summary.js";
import { bestCommands, commandLine, shellQuote } from "../../../src/experiment/commands.js";
import { renderExperimentHtml } from "../../../src/experiment/report-html.js";
import { buildSpec } from "../../../src/experiment/spec.js";
import { accuracyOf, machineScore, runArgs, stepArgs, verdict, type StepSummary } from "../../../src/experiment/cell-steps.js";
import { expandGrid } from "../../../src/experiment/grid.js";

function row(cell: string, cellIndex: number, round: number, over: Partial<RoundRow> = {}): RoundRow {
  return { cell, cellIndex, model: "fasttext", encoder: "none", strategy: "margin", policy: "al-label", seed: 1, startSeed: null, round, kind: "train", rows: 100, humanLabels: 20 + 10 * round, humanShare: (20 + 10 * round) / 100, queued: 10, machineLabels: 5, machineCorrect: 4, machineAccuracy: 0.8, testAccuracy: 0.5 + round / 10, threshold: 0.9, seconds: 1.25, ...over };
}

function result(cell: string, cellIndex: number, over: Partial<CellResult> = {}, strategy = "margin"): CellResult {
  return {
    schemaVersion: 1, cell, cellIndex, key: cell, status: "complete", exitCode: 0, message: "ok", rows: 100, human: 40, machine: 60, machineCorrect: 58,
    rounds: [row(cell, cellIndex, 1, { strategy }), row(cell, cellIndex, 2, { strategy })],
    command: ["run", "/x/cell.jsonl", "--simulate-humans", "gold", "--labels", "/x/labels.json", "--workdir", "/x/w", "--model", "fasttext", "--strategy", strategy, "--policy", "al-label", "--seed", String(cellIndex + 1)],
    seconds: 3,
    ...over,
  };
}

describe("CSV and JSON", () => {
  it("sorts rows by cell and round, quotes fields that need it, writes null as empty", () => {
    const rows = [row("b", 1, 2), row("a", 0, 2), row("b", 1, 1), row('c,"q"', 2, 1, { testAccuracy: null, machineAccuracy: 1 / 3 })];
    const csv = toCsv(rows).trim().split("\n");
    expect(csv[0]).toBe("cell,model,encoder,strategy,policy,seed,startSeed,round,kind,rows,humanLabels,humanShare,queued,machineLabels,machineCorrect,machineAccuracy,testAccuracy,threshold,seconds");
    expect(csv.slice(1, 4).map((l) => `${l.split(",")[0]}:${l.split(",")[7]}`)).toEqual(["a:2", "b:1", "b:2"]);
    expect(csv[4]?.startsWith('"c,""q""",fasttext,')).toBe(true);
    expect(csv[4]).toContain(",0.333333,,0.9,1.25");
    expect(csv[1]?.split(",")[6]).toBe("");
  });

  it("writes the settings, cells and sorted rows as JSON", () => {
    const j = JSON.parse(toJson({ a: 1 }, [result("b", 1), result("a", 0)])) as { cells: { cell: string; rounds: number }[]; rounds: RoundRow[]; settings: unknown };
    expect(j.settings).toEqual({ a: 1 });
    expect(j.cells.map((c) => c.cell)).toEqual(["a", "b"]);
    expect(j.cells[0]?.rounds).toBe(2);
    expect(j.rounds.map((r) => `${r.cell}${r.round}`)).toEqual(["a1", "a2", "b1", "b2"]);
  });
});

describe("summarize and the best command", () => {
  it("ranks configurations that met the target by human share and averages curves over seeds", () => {
    const cells = [result("m1", 0), result("m2", 1, { human: 50 }), result("r1", 2, { human: 30 }, "random"), result("r2", 3, { human: 30, machineCorrect: 50 }, "random")];
    const ranked = summarize(cells, 0.95);
    expect(ranked.map((r) => r.config)).toEqual(["fasttext · margin · al-label", "fasttext · random · al-label"]);
    expect(ranked[0]?.meanHumanShare).toBeCloseTo(0.45);
    expect(ranked[0]?.bestCell).toBe("m1");
    expect(ranked[1]?.metTarget).toBe(1);
    expect(ranked[0]?.curve).toEqual([
      { round: 1, humanLabels: 30, mean: 0.6, low: 0.6, high: 0.6, n: 2 },
      { round: 2, humanLabels: 40, mean: 0.7, low: 0.7, high: 0.7, n: 2 },
    ]);
    const best = bestCommands(ranked, cells, "my data.jsonl");
    expect(best?.exact).toEqual(cells[0]?.command);
    expect(best?.ownData).toEqual(["run", "my data.jsonl", "--model", "fasttext", "--strategy", "margin", "--policy", "al-label", "--seed", "1"]);
    expect(commandLine(best?.ownData ?? [])).toBe("al-label run 'my data.jsonl' --model fasttext --strategy margin --policy al-label --seed 1");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});

describe("the HTML report", () => {
  it("escapes label names, encoder names and paths, and is self-contained", () => {
    const evil = `<script>alert("x")</script>`;
    const cells = [result("a", 0, { command: ["run", `/d/${evil}.jsonl`, "--model", "fasttext", "--encoder", evil, "--strategy", "margin", "--policy", "al-label"] }), result("b", 1, { status: "failed", message: evil, rounds: [] })];
    const spec = buildSpec(undefined, { simulateHumans: evil });
    const ranked = summarize(cells, spec.targetAccuracy);
    const html = renderExperimentHtml({
      manifest: `/d/${evil}.jsonl`, spec, manifestRows: 200, goldRows: 100, poolRows: 80, testRows: 20, labels: [evil, "b&c"], cells, ranked,
      best: bestCommands(ranked, cells, `/d/${evil}.jsonl`), version: "0.1.0", generatedAt: "2026-11-29T00:00:00Z", seconds: 1,
    });
    expect(html).not.toContain("<script");
    expect(html).toContain("&#60;script&#62;");
    expect(html).toContain("Pilot subset");
    expect(html).toContain("default-src 'none'");
    expect(html.match(/<svg /g)?.length).toBe(3);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });
});

describe("cell steps", () => {
  const step = (over: Partial<StepSummary>): StepSummary => ({ status: "stopped", exitCode: 4, human: 1, auto: 0, rows: 10, rounds: 2, message: "stopped after --max-rounds 1; 3 row(s) still unlabeled", roundDetails: [], ...over });
  it("goes on while only the one-round limit stopped the run", () => {
    expect(verdict(step({}), 4, 1, 100)).toEqual({ next: "again" });
    expect(verdict(step({}), 4, 1, 2)).toEqual({ next: "done", status: "stopped" });
    expect(verdict(step({ rounds: 1 }), 4, 1, 100)).toEqual({ next: "done", status: "stopped" });
    expect(verdict(step({ message: "the human budget is spent" }), 4, 1, 100)).toEqual({ next: "done", status: "stopped" });
    expect(verdict(step({ status: "complete" }), 0, 1, 100)).toEqual({ next: "done", status: "complete" });
    expect(verdict(null, 2, 0, 100).next).toBe("failed");
  });
  it("scores machine labels against gold and a model's probabilities against the test split", () => {
    expect(machineScore({ "0": { label: 1 }, "2": { label: 0 } }, ["a", "b"], ["b", "a", "b"])).toEqual({ labels: 2, correct: 1 });
    expect(accuracyOf(Float32Array.from([0.9, 0.1, 0.2, 0.8, 0.6, 0.4]), 2, ["a", "b"], ["a", "b", "b"])).toBeCloseTo(2 / 3);
    expect(accuracyOf(new Float32Array(0), 2, ["a", "b"], [])).toBeNull();
  });
});

describe("runArgs", () => {
  it("passes the grid's values and shared settings, and --encoder (none included) with the shared cache", () => {
    const spec = buildSpec(undefined, { simulateHumans: "gold", encoders: "none,/m/MiniLM", batchSize: "50", runFlags: "--epochs 3" });
    const [plain, encoded] = expandGrid(spec);
    const paths = { manifest: "/o/data/input/manifest.jsonl", labels: "/o/data/labels.json", workdir: "/o/cells/x/work", cache: "/o/vector-cache" };
    const a = runArgs(plain!, spec, paths);
    expect(a).toEqual(["run", paths.manifest, "--simulate-humans", "gold", "--labels", paths.labels, "--workdir", paths.workdir, "--model", "dense+nb", "--encoder", "none", "--cache-dir", "/o/vector-cache", "--strategy", "margin", "--policy", "al-label", "--seed", "1", "--target-accuracy", "0.95", "--bootstrap-fraction", "0.2", "--batch-size", "50", "--epochs", "3"]);
    const b = runArgs(encoded!, spec, paths);
    expect(b.slice(b.indexOf("--encoder"), b.indexOf("--encoder") + 4)).toEqual(["--encoder", "/m/MiniLM", "--cache-dir", "/o/vector-cache"]);
    expect(stepArgs(a)).toEqual([...a, "--max-rounds", "1", "--json", "--quiet"]);
  });
});
