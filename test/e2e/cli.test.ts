import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { existsSync } from "node:fs";
import { fixtureCopy } from "../helpers/fixture-run.js";

const BIN = resolve(import.meta.dirname, "../../bin/al-label.js");
const cli = (args: string[], cwd?: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "1795435200" } });

describe("the al-label command (built by npm test before vitest runs)", () => {
  it("prints help and exits 0", () => {
    const r = cli(["run", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--simulate-humans");
  });
  it("exits 2 on a bad flag value, naming the flag", () => {
    const r = cli(["run", "x.jsonl", "--target-accuracy", "1.5"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--target-accuracy");
  });
  it("exits 2 when the manifest does not exist", () => {
    const r = cli(["run", "/nonexistent/m.jsonl"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/manifest not found/);
  });
  it("exits 65 on bad rows, naming every bad line, and creates no work dir", async () => {
    const { dir } = await fixtureCopy();
    const bad = join(dir, "bad.jsonl");
    await writeFile(bad, '{"source": "ok", "category": 0, "category-metadata": {"class-name": "a"}}\n{"source": ""}\n[1]\n{"source": "b", "category": 1, "category-metadata": {"class-name": "b"}}\n');
    const r = cli(["run", bad]);
    expect(r.status).toBe(65);
    expect(r.stderr).toContain("line 2");
    expect(r.stderr).toContain("line 3");
    expect(existsSync(join(dir, "bad.jsonl.al-label"))).toBe(false);
  });
  it("runs to completion with --json and prints one summary object on stdout", async () => {
    const { manifest } = await fixtureCopy();
    const r = cli(["run", manifest, "--simulate-humans", "gold", "--json"]);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ status: "complete", exitCode: 0, rows: 2000, unlabeled: 0 });
    expect(summary.human + summary.machine).toBe(2000);
    expect(summary.schemaVersion).toBe(2);
    expect(summary.output).toMatch(/output\.jsonl$/);
    expect(summary.model).toMatch(/^geometric mean of encoder-head\(static minilm-l6-static, .*\) and dense\[cpu\]\(.*\) and naive-bayes\(.*\), pseudo-labels on$/);
    // a round's model folder (an ensemble of two TF.js folders) serves `predict`, labeled rows scored
    const round = join(summary.output, "..", "models", "round-1");
    expect(existsSync(join(round, "dense", "model.json")) && existsSync(join(round, "naive-bayes", "model.json"))).toBe(true);
    const p = cli(["predict", round, manifest]);
    expect(p.status).toBe(0);
    expect(p.stdout.trim().split("\n")).toHaveLength(2000);
    expect(JSON.parse(p.stdout.split("\n")[0]!).label[0]).toMatch(/^__label__/);
    expect(p.stderr).toMatch(/row\(s\) with gold labels: accuracy \d+\.\d\d%/);
  });
  it("trains fastText without pseudo-labels unless --pseudo-labels is given, and says so in --json", async () => {
    const { manifest } = await fixtureCopy();
    const plain = JSON.parse(cli(["run", manifest, "--model", "fasttext", "--json"]).stdout);
    expect(plain.model).toMatch(/\bfasttext\b.*, pseudo-labels off$/);
    const { manifest: other } = await fixtureCopy();
    const opted = JSON.parse(cli(["run", other, "--model", "fasttext", "--pseudo-labels", "--json"]).stdout);
    expect(opted.model).toMatch(/\bfasttext\b.*, pseudo-labels on$/);
  });
  it("exits 3 with a queue without simulated humans", async () => {
    const { manifest } = await fixtureCopy();
    const r = cli(["run", manifest, "--json"]);
    expect(r.status).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "waiting", waitingTasks: 100 });
  });
});

describe("run's policy and budget flags (built)", () => {
  it("refuses an unknown strategy with exit 2 before creating a work dir", async () => {
    const { dir, manifest } = await fixtureCopy();
    const r = cli(["run", manifest, "--strategy", "bogus"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("margin, least-confidence, entropy, random, diversity");
    expect(existsSync(join(dir, "uci.jsonl.al-label"))).toBe(false);
  });
  it("stops at the human budget with exit 4 and says what is left", async () => {
    const { manifest } = await fixtureCopy();
    const r = cli(["run", manifest, "--simulate-humans", "gold", "--max-human", "600", "--json"]);
    expect(r.status).toBe(4);
    const summary = JSON.parse(r.stdout);
    expect(summary.status).toBe("stopped");
    expect(summary.human).toBeLessThanOrEqual(600);
    expect(summary.message).toMatch(/--max-human 600/);
    // it stops in the first round that can ask nobody: later rounds would learn nothing new
    const silent = summary.roundDetails.filter((d: { kind: string; queued: number }) => d.kind === "train" && d.queued === 0);
    expect(silent).toHaveLength(1);
    expect(summary.roundDetails.at(-1).queued).toBe(0);
  });
  it("plays the AWS sample's rules with --policy sagemaker-sample to completion", async () => {
    const { manifest } = await fixtureCopy();
    const r = cli(["run", manifest, "--simulate-humans", "gold", "--policy", "sagemaker-sample", "--json"]);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.unlabeled).toBe(0);
    expect(summary.model).toMatch(/, pseudo-labels off$/);
    // after the 20% start, every round sends total/10 random rows to people
    for (const round of summary.roundDetails.filter((d: { kind: string }) => d.kind === "train")) {
      expect(round.queued).toBeLessThanOrEqual(200);
    }
  });
});
