import { describe, expect, it, vi } from "vitest";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { run } from "../../src/cli/commands/run.js";
import { runCommand } from "../../src/cli/commands/run-action.js";
import { status } from "../../src/cli/commands/status.js";
import { nullReporter } from "../../src/report/reporter.js";
import { PINNED_CLOCK } from "../helpers/fixture-run.js";
import { tempDir } from "../helpers/temp-dir.js";


describe("duplicate texts with conflicting human labels (issue 18, item 15)", () => {

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
