import { describe, expect, it, vi } from "vitest";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { run } from "../../src/cli/commands/run.js";
import { runCommand } from "../../src/cli/commands/run-action.js";
import { status } from "../../src/cli/commands/status.js";
import { conflictingDuplicates } from "../../src/loop/conflicting-duplicates.js";
import { rowId, type ManifestRow } from "../../src/manifest/types.js";
import { nullReporter } from "../../src/report/reporter.js";
import { PINNED_CLOCK } from "../helpers/fixture-run.js";
import { tempDir } from "../helpers/temp-dir.js";

const row = (i: number, text: string, label?: number, human = true): ManifestRow => ({ rowId: rowId(i), line: i + 1, text, ...(label === undefined ? {} : { label: { index: label, human } }) });
const LABELS = ["ham", "spam"];

describe("duplicate texts with conflicting human labels (issue 18, item 15)", () => {
  it("counts texts people labeled differently, in the input and through answers (pure)", () => {
    const rows = [row(0, "win cash", 1), row(1, "win cash ", 0), row(2, "lunch?", 0), row(3, "lunch?", 0), row(4, "call me"), row(5, "call me", 1), row(6, "ok", 0, false), row(7, "ok", 1)];
    const human = { "4": { label: 0, round: 1, at: "", annotator: "a", taskId: "r1-000004", reason: "bootstrap" as const } };
    const c = conflictingDuplicates(rows, human, LABELS);
    expect(c.texts).toBe(2); // "win cash" (input) and "call me" (answer vs input); machine-labeled "ok" in the input is not a person's
    expect(c.rows).toBe(4);
    expect(c.example).toEqual({ lines: [1, 2], labels: ["spam", "ham"] });
    expect(conflictingDuplicates(rows.slice(2, 4), {}, LABELS).texts).toBe(0);
  });

  it("run warns, --json counts them, and status reports them", async () => {
    const dir = await tempDir("al-label-dup-");
    const manifest = join(dir, "m.jsonl");
    const rows = [0, 1, 2].flatMap((i) => [{ source: `free prize ${i}`, category: "spam" }, { source: `see you ${i}`, category: "ham" }]);
    rows.push({ source: "free prize 0", category: "ham" });
    await writeFile(manifest, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
    const warnings: string[] = [];
    const { result } = await run(manifest, { reporter: { ...nullReporter, warn: (t) => warnings.push(t) }, clock: PINNED_CLOCK });
    expect(result.conflicts.texts).toBe(1);
    expect(warnings.join("\n")).toMatch(/1 text\(s\) on 2 rows carry conflicting human labels \(e\.g\. line 1 "spam", line 7 "ham"\)/);

    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await runCommand(manifest, { json: true, quiet: true });
    } finally {
      spy.mockRestore();
    }
    expect(JSON.parse(out.join("")).conflictingDuplicates).toBe(1);

    const s = await status(manifest, { cwd: dir });
    expect(s.conflictingDuplicates).toBe(1);
    expect(s.warning).toMatch(/conflicting human labels/);
  });
});
