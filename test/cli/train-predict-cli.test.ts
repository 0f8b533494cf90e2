import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Runs the compiled CLI as a user would; `npm test` builds dist/ before vitest runs.
const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin/al-label.js");
let dir: string;
let trainFile: string;

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist/cli/commands/train-action.js"))) throw new Error("dist/ is missing or stale: run `npm run build` (npm test does it) before this test");
  dir = await mkdtemp(join(tmpdir(), "al-label-cli-"));
  const rows = (await readFile(join(ROOT, "fixtures/fasttext/uci-news-sample.tsv"), "utf8")).split("\n").filter(Boolean).map((l) => l.split("\t"));
  trainFile = join(dir, "news.txt");
  await writeFile(trainFile, rows.map((r) => `__label__${r[1]} ${r[2]}`).join("\n") + "\n");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("al-label train / predict (compiled CLI)", () => {
  it("trains into models/<input name> by default, prints a JSON summary, then predicts to stdout", () => {
    const t = cli("train", trainFile, "--epochs", "10", "--learning-rate", "0.5", "--vector-dim", "10", "--min-count", "1", "--buckets", "10007", "--json");
    expect(t.code).toBe(0);
    const summary = JSON.parse(t.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ status: "ok", rows: 1500, epochs: 10, out: join(dir, "models", "news") });
    expect(t.stderr).toContain("epoch 10/10");
    const p = cli("predict", join("models", "news"), trainFile, "--k", "2", "--json");
    expect(p.code).toBe(0);
    const lines = p.stdout.trim().split("\n");
    expect(lines).toHaveLength(1500);
    expect(JSON.parse(lines[0]!).label).toHaveLength(2);
    const stats = JSON.parse(p.stderr.trim().split("\n").pop()!) as { scored: { accuracy: number } };
    expect(stats.scored.accuracy).toBeGreaterThan(0.8); // training rows: well above chance (0.25)
  });

  it("exits 2 on a missing input or a bad flag value, 65 on a file with no labels", async () => {
    expect(cli("train", "missing.txt").code).toBe(2);
    const bad = cli("train", trainFile, "--learning-rate", "zero");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--learning-rate must be a number");
    expect(cli("train", trainFile, "--subwords", "6-3").code).toBe(2);
    expect(cli("predict", "no-model-here", trainFile).code).toBe(2);
    await writeFile(join(dir, "plain.txt"), "just text\n");
    expect(cli("train", join(dir, "plain.txt"), "--out", join(dir, "m2")).code).toBe(65);
  });
});
