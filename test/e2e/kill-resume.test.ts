import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
// the same code as the full experiment (node scripts/kill-harness.mjs), run on the committed fixture
// @ts-expect-error: a plain .mjs script, no type declarations
import { killTrials } from "../../scripts/kill-harness.mjs";
import { FIXTURE } from "../helpers/fixture-run.js";
import { tempDir } from "../helpers/temp-dir.js";

const BUILT = existsSync(resolve(import.meta.dirname, "../../dist/cli/main.js"));

interface Summary {
  kills: number;
  killsLanded: number;
  trials: number;
  identical: number;
  rowsLost: number;
  rowsDiffering: number;
  problems: string[];
  contradictionsRefused: number;
  details: { trial: number; refusedExit: number | null; resumeExit: number; shots: { atMs: number; landed: boolean }[] }[];
}

describe.skipIf(!BUILT)("kill -9 at random moments, then the same command again (needs the build: npx tsc)", () => {
  it("every resumed run ends with the output of an uninterrupted run, nothing lost or journaled twice, after a refused contradicting flag", async () => {
    const out = await tempDir("al-label-kill-");
    const summary = (await killTrials({ manifest: FIXTURE, out, kills: 5, seed: 7 })) as Summary;
    expect(summary.trials).toBe(5);
    expect(summary.problems).toEqual([]);
    expect(summary.details.map((t) => t.resumeExit)).toEqual([0, 0, 0, 0, 0]);
    expect(summary.identical).toBe(5);
    expect(summary.rowsLost).toBe(0);
    expect(summary.rowsDiffering).toBe(0);
    // before each resume, a run given --target-accuracy 0.9 (the work dir stored 0.95) was refused with
    // exit 2, a JSON error object and no file changed (checked in problems); a kill before the first
    // saved state leaves no settings to contradict
    const tried = summary.details.filter((t) => t.refusedExit !== null);
    expect(tried.length).toBeGreaterThan(0);
    expect(tried.map((t) => t.refusedExit)).toEqual(tried.map(() => 2));
    expect(summary.contradictionsRefused).toBe(tried.length);
  }, 1_200_000); // six whole runs of the fixture and five refused ones: about 150 s on 2 cores beside one other job, over 8 minutes on a busy machine
});
