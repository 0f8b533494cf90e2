import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../../src/report/markdown.js";
import { summarize } from "../../../src/report/summarize.js";
import { queueLines } from "../../../src/queue/write.js";
import { invalidRowLines } from "../../../src/state/invalid-rows.js";
import { rowId } from "../../../src/manifest/types.js";
import type { WorkState } from "../../../src/state/types.js";
import { PredictionFormatter } from "../../../src/fasttext/fasttext-format.js";
import { loadState, saveState } from "../../../src/state/store.js";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "../../helpers/temp-dir.js";

/** ESC sequences (DECALN, a title), BEL, a C1 CSI and DEL: what a label name from an old work dir or a manifest can hold. */
const EVIL = "ham\u001b#8\u001b]0;pwned\u0007\u009b2J\u007f";
// every control character but newline and tab
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function state(): WorkState {
  return {
    schemaVersion: 1,
    manifest: { path: `/data/${EVIL}.jsonl`, sha256: "x", rows: 10 },
    labels: [EVIL, "spam"],
    labelAttribute: "category",
    seed: 1,
    round: 1,
    human: {},
    machine: { "5": { label: 0, confidence: 0.9, round: 1, at: "t" } },
    pending: [],
    rounds: [{ round: 1, kind: "train", at: "t", humanLabels: 4, machineLabels: 1, queued: 0, autoLabeled: 1, unlabeledLeft: 5, threshold: 0.9, estimatedAccuracy: 0.95, heldOutAccuracy: 0.75, confusion: [[2, 0], [1, 1]] }],
  };
}

describe("no raw control character in any text output (issue 18, item 5)", () => {
  it("report.md: label names and paths are stripped", () => {
    const md = renderMarkdown(summarize(state()), { generatedAt: "2026-11-23T12:00:00.000Z", version: "0.1.0\u001b[2J" });
    expect(md).not.toMatch(RAW_CONTROL);
    expect(md).toContain("ham#8");
    expect(md).toContain("| **ham#8");
  });

  it("queue files: text, labels and suggestions are escaped", () => {
    const lines = queueLines([{ taskId: "r1-000000", rowId: rowId(0), reason: "bootstrap", round: 1, suggestion: { label: 0, confidence: 0.5 } }], {
      job: "j",
      round: 1,
      labels: [EVIL, "spam"],
      createdAt: "t",
      textOf: () => `text ${EVIL}`,
    });
    for (const l of lines) expect(l).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(lines[1]!).text).toBe(`text ${EVIL}`);
  });

  it("invalid-rows.jsonl is escaped", () => {
    const [line] = invalidRowLines([{ file: `m${EVIL}.jsonl`, line: 3, message: `label ${EVIL}` }]);
    expect(line).not.toMatch(RAW_CONTROL);
  });

  it("predict's JSON lines escape label names", () => {
    const line = new PredictionFormatter([EVIL, "spam"]).record(Float32Array.from([0.7, 0.3]), 0);
    expect(line).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(line).label[0]).toBe(`__label__${EVIL}`);
  });

  it("state.json is escaped and loads back the same", async () => {
    const dir = await tempDir("al-label-state-");
    await saveState(dir, state());
    expect(await readFile(join(dir, "state.json"), "utf8")).not.toMatch(RAW_CONTROL);
    expect((await loadState(dir))?.labels).toEqual([EVIL, "spam"]);
  });
});
