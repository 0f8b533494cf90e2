import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { cli, FAST, smallFixtures } from "../helpers/cli.js";

describe("- as in Unix tools (built CLI; issue 18 item 10)", () => {
  it("predict <model> - reads stdin: manifest lines, or plain text", async () => {
    const dir = await smallFixtures(["uci-300.jsonl"]);
    const t = cli(["train", "uci-300.jsonl", "--out", "m", "--epochs", "2", "--json"], { cwd: dir });
    expect(t.status).toBe(0);
    expect(JSON.parse(t.stdout).schemaVersion).toBe(2);
    const five = (await readFile(join(dir, "uci-300.jsonl"), "utf8")).split("\n").slice(0, 5).join("\n");
    const p = cli(["predict", "m", "-", "--json"], { cwd: dir, input: `${five}\n` });
    expect(p.status).toBe(0);
    expect(p.stdout.trim().split("\n")).toHaveLength(5);
    expect(JSON.parse(p.stdout.split("\n")[0]!).label[0]).toMatch(/^__label__/);
    expect(JSON.parse(p.stderr).schemaVersion).toBe(2);
    const text = cli(["predict", "m", "-"], { cwd: dir, input: "Stocks fall as oil prices rise\nNew phone unveiled\n" });
    expect(text.status).toBe(0);
    expect(text.stdout.trim().split("\n")).toHaveLength(2);
    expect(existsSync(join(dir, "-"))).toBe(false);
  });

  it("answer - reads the answers from stdin", async () => {
    const dir = await smallFixtures(["uci-300.jsonl"]);
    expect(cli(["run", "uci-300.jsonl"], { cwd: dir }).status).toBe(3);
    const tasks = (await readFile(join(dir, "uci-300.jsonl.al-label", "queue.jsonl"), "utf8")).trim().split("\n").slice(1, 4).map((l) => JSON.parse(l));
    const answers = tasks.map((t) => JSON.stringify({ taskId: t.taskId, label: "business" })).join("\n");
    const r = cli(["answer", "-", "uci-300.jsonl", "--json"], { cwd: dir, input: `${answers}\n` });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: 2, status: "saved", saved: 3 });
    const csv = cli(["answer", "-", "uci-300.jsonl"], { cwd: dir, input: `${tasks[0].taskId},health\n` });
    expect(csv.status).toBe(65); // a different answer to a task saved above: read as CSV from stdin, refused without --replace
    expect(csv.stderr).toMatch(/stdin, line 1/);
  });

  it("--output - writes the manifest to stdout and nothing else; the summary goes to stderr", async () => {
    const dir = await smallFixtures();
    const r = cli(["run", "uci-300.csv", "--label-column", "label", "--simulate-humans", "gold", ...FAST, "--output", "-", "--json"], { cwd: dir });
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(300);
    for (const l of lines) expect(typeof l.category).toBe("number");
    expect(JSON.parse(r.stderr.trim().split("\n").at(-1)!)).toMatchObject({ schemaVersion: 2, status: "complete", message: "output complete: written to stdout" });
    expect(existsSync(join(dir, "-"))).toBe(false);
  });

  it("run - is refused: a run must re-read its manifest", () => {
    const r = cli(["run", "-"], { input: '{"source":"a"}\n' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/stdin .*re-read/);
  });
});

describe("--json for every outcome (built CLI; issue 18 items 11, 13)", () => {
  it("an unknown flag with --json prints one JSON error object on stdout", () => {
    for (const args of [["run", "x.jsonl", "--bogus", "--json"], ["status", "--json", "--nope"], ["run", "--json"]]) {
      const r = cli(args);
      expect(r.status).toBe(2);
      const lines = r.stdout.trim().split("\n");
      expect(lines).toHaveLength(1);
      const o = JSON.parse(lines[0]!);
      expect(o).toMatchObject({ schemaVersion: 2, status: "error", exitCode: 2 });
      expect(typeof o.message).toBe("string");
    }
    expect(JSON.parse(cli(["run", "x.jsonl", "--bogus", "--json"]).stdout).message).toContain("--bogus");
  });

  it("any other error with --json is one object too, with schemaVersion", () => {
    const r = cli(["run", "/nonexistent/m.jsonl", "--json"]);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: 2, status: "error", exitCode: 2 });
  });

  it("machine labels are `machine` in run's and status's --json, with schemaVersion 2", async () => {
    const dir = await smallFixtures(["uci-300.jsonl"]);
    const run = JSON.parse(cli(["run", "uci-300.jsonl", "--json"], { cwd: dir }).stdout);
    expect(run.schemaVersion).toBe(2);
    expect(run).toHaveProperty("machine");
    expect(run).not.toHaveProperty("auto");
    for (const d of run.roundDetails) {
      expect(d).toHaveProperty("newMachineLabels");
      expect(d).not.toHaveProperty("autoLabeled");
    }
    const st = JSON.parse(cli(["status", "uci-300.jsonl", "--json"], { cwd: dir }).stdout);
    expect(st.schemaVersion).toBe(2);
    expect(st).toHaveProperty("machine");
    expect(st).not.toHaveProperty("model");
    expect(cli(["status", "uci-300.jsonl"], { cwd: dir }).stdout).toMatch(/, machine \d+/);
  });
});
