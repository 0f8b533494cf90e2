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
  details: { trial: number; resumeExit: number; shots: { atMs: number; landed: boolean }[] }[];
}

describe.skipIf(!BUILT)("kill -9 at random moments, then the same command again (needs the build: npx tsc)", () => {
  it("every resumed run ends with the output of an uninterrupted run, nothing lost or journaled twice", async () => {
    const out = await tempDir("al-label-kill-");
    const summary = (await killTrials({ manifest: FIXTURE, out, kills: 5, seed: 7 })) as Summary;
    expect(summary.trials).toBe(5);
    expect(summary.problems).toEqual([]);
    expect(summary.details.map((t) => t.resumeExit)).toEqual([0, 0, 0, 0, 0]);
    expect(summary.identical).toBe(5);
    expect(summary.rowsLost).toBe(0);
    expect(summary.rowsDiffering).toBe(0);
  }, 1_200_000); // six whole runs of the fixture: about 140 s on 2 cores beside one other job, over 8 minutes on a busy machine
});
