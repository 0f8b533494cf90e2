import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { run } from "../../src/cli/commands/run.js";
import { AlLabelError } from "../../src/errors.js";
import { readManifest } from "../../src/manifest/read.js";
import { RUN_OPTIONS } from "../../src/cli/run-options.js";
import { RUN_DEFAULTS } from "../../src/config/run-config.js";
import { nullReporter } from "../../src/report/reporter.js";
import { PINNED_CLOCK } from "../helpers/fixture-run.js";
import { tempDir } from "../helpers/temp-dir.js";

const GOOD = [0, 1, 2].flatMap((i) => [{ source: `team wins ${i}`, category: "sports" }, { source: `senate votes ${i}`, category: "politics" }]);

async function manifestWith(refs: string[]): Promise<{ root: string; dir: string; manifest: string }> {
  const root = await tempDir("al-label-refrun-");
  const dir = join(root, "m");
  await mkdir(dir);
  await writeFile(join(root, "secret.txt"), "outside text");
  const manifest = join(dir, "m.jsonl");
  const rows = [...GOOD, ...refs.map((r) => ({ "source-ref": r, category: "sports" }))];
  await writeFile(manifest, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
  return { root, dir, manifest };
}

const failure = async (manifest: string, options = {}): Promise<AlLabelError> =>
  (await run(manifest, { reporter: nullReporter, clock: PINNED_CLOCK, ...options }).catch((e: unknown) => e)) as AlLabelError;

describe("source-ref through run (issue 18, item 7)", () => {
  it("an existing and a missing file outside the folder get the same message: the manifest cannot probe for files", async () => {
    const { manifest } = await manifestWith(["../secret.txt", "../missing.txt"]);
    const err = await failure(manifest);
    expect(err.exitCode).toBe(65);
    const lines = err.message.split("\n").filter((l) => l.includes("source-ref"));
    expect(lines).toHaveLength(2);
    expect(lines[0]!.replace("secret", "X").replace(/line \d+/, "")).toBe(lines[1]!.replace("missing", "X").replace(/line \d+/, ""));
    expect(err.message).not.toMatch(/ENOENT|not found/);
  });

  it("--max-source-bytes is a run option (default 10 MB); a row over it is bad data (exit 65)", async () => {
    expect(RUN_OPTIONS.maxSourceBytes?.flags).toBe("--max-source-bytes <n>");
    expect(RUN_DEFAULTS.maxSourceBytes).toBe(10_000_000);
    const { dir, manifest } = await manifestWith(["long.txt"]);
    await writeFile(join(dir, "long.txt"), "word ".repeat(400));
    const err = await failure(manifest, { maxSourceBytes: 1000 });
    expect(err.exitCode).toBe(65);
    expect(err.message).toMatch(/line 7, field "source-ref": source-ref "long.txt" is 2,000 bytes or more, above the limit of 1,000/);
    expect((await run(manifest, { reporter: nullReporter, clock: PINNED_CLOCK, maxSourceBytes: 2000 })).exitCode).toBe(0);
  });

  it("a FIFO named by a row is refused at once, not waited on", async () => {
    const { dir, manifest } = await manifestWith(["pipe"]);
    if (spawnSync("mkfifo", [join(dir, "pipe")]).status !== 0) return; // no mkfifo here
    const err = await readManifest({ path: manifest, labelAttribute: "category" }).catch((e: unknown) => e);
    expect((err as AlLabelError).message).toMatch(/source-ref "pipe" is a FIFO; only regular files are read/);
  }, 10_000);
});
