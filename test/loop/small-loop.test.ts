import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/commands/run.js";
import { FIXTURE, quiet, readJsonl } from "../helpers/fixture-run.js";
import { tempDir } from "../helpers/temp-dir.js";

/** The first 800 rows of the bundled UCI News sample (about 160 labeled): small enough for npm test. */
async function smallFixture(): Promise<{ dir: string; manifest: string }> {
  const dir = await tempDir("al-label-small-");
  const manifest = join(dir, "small.jsonl");
  const lines = (await readFile(FIXTURE, "utf8")).split("\n").filter((l) => l.trim() !== "");
  await writeFile(manifest, lines.slice(0, 800).join("\n") + "\n");
  return { dir, manifest };
}

// npm test's one end-to-end loop; the full-size loops, kills and crashes are in npm run test:e2e (test/e2e/).
// fastText (milliseconds a model), 80-row batches and a 85% target keep it to a few seconds while the loop still
// machine-labels rows (about 130 of 800); the default model's loops run in test/e2e/run-loop.test.ts.
const SETTINGS = { model: "fasttext", batchSize: 80, targetAccuracy: 0.85 } as const;

describe("the whole loop on a small fixture", () => {
  it("waits for people (exit 3), takes their answers in, and ends with every row labeled (exit 0)", async () => {
    const { dir, manifest } = await smallFixture();
    const first = await run(manifest, { ...quiet, ...SETTINGS });
    expect(first.exitCode).toBe(3);
    expect(first.result.waitingTasks).toBeGreaterThan(0);

    const done = await run(manifest, { ...quiet, ...SETTINGS, simulateHumans: "gold" });
    expect(done.result.machine).toBeGreaterThan(0);
    expect(done.exitCode).toBe(0);
    expect(done.result.status).toBe("complete");
    expect(done.result.human + done.result.machine).toBe(800);

    const input = await readJsonl(manifest);
    const output = await readJsonl(join(dir, "small.jsonl.al-label", "output.jsonl"));
    expect(output).toHaveLength(800);
    output.forEach((row, i) => {
      for (const [k, v] of Object.entries(input[i]!)) expect(row[k]).toEqual(v);
      const meta = row["category-metadata"] as Record<string, unknown>;
      expect(Number.isInteger(row.category)).toBe(true);
      if (meta["human-annotated"] === "yes") expect(meta["class-name"]).toBe(row.gold);
    });
  });
});
