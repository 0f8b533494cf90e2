import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { run } from "../../src/cli/commands/run.js";
import { report } from "../../src/cli/commands/report.js";
import { PINNED_CLOCK, fixtureCopy, quiet } from "../helpers/fixture-run.js";

describe("al-label report after a run on the 2,000-row UCI fixture", () => {
  it("writes report.md and a self-contained report.html whose figures match the run", async () => {
    const { dir, manifest } = await fixtureCopy();
    const { exitCode, result } = await run(manifest, { ...quiet, simulateHumans: "gold" });
    expect(exitCode).toBe(0);
    const out = join(dir, "out");
    const r = await report(manifest, { out, cwd: dir, clock: PINNED_CLOCK });
    expect(r.html).toBe(join(out, "report.html"));
    const s = r.summary;
    expect(s.rows).toBe(2000);
    expect(s.now.inputHuman + s.now.answeredHuman).toBe(result.human);
    expect(s.now.machine).toBe(result.machine);
    expect(s.now.unlabeled + s.now.waiting).toBe(0);
    expect(s.saving.saved).toBe(2000 - result.human);
    expect(s.byRound).toHaveLength(result.rounds.length);
    expect(s.confusion?.matrix).toHaveLength(4);

    const html = await readFile(r.html, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<svg /g)?.length).toBe(4);
    expect(html).toContain("science_technology");
    const md = await readFile(r.markdown, "utf8");
    expect(md).toContain(`Human labels saved: ${s.saving.saved.toLocaleString("en-US")} of 2,000 rows`);
    expect(md).toContain("2026-11-23T12:00:00.000Z");
  });

  it("writes into <workdir>/report by default", async () => {
    const { dir, manifest } = await fixtureCopy();
    await run(manifest, { ...quiet, maxRounds: 1 });
    const r = await report(manifest, { cwd: dir, clock: PINNED_CLOCK });
    expect(r.markdown).toBe(join(dir, "uci.jsonl.al-label", "report", "report.md"));
    expect(r.summary.now.waiting).toBeGreaterThan(0);
  });
});
