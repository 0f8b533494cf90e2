import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { run } from "../../src/cli/commands/run.js";
import { answer } from "../../src/cli/commands/answer.js";
import { status } from "../../src/cli/commands/status.js";
import { fixtureCopy, quiet, readJsonl } from "../helpers/fixture-run.js";

const SCRIPT = resolve(import.meta.dirname, "../../scripts/answer-from-gold.mjs");
const fromGold = (...args: string[]): string => {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
};

describe("people in the loop, without --simulate-humans", () => {
  it("goes run -> answers -> run until the output is complete, alternating queue edits and answers files", async () => {
    const { dir, manifest } = await fixtureCopy();
    const workdir = join(dir, "uci.jsonl.al-label");
    const queue = join(workdir, "queue.jsonl");
    let last = await run(manifest, quiet);
    expect(last.exitCode).toBe(3);
    let rounds = 0;
    while (last.exitCode === 3 && rounds < 20) {
      rounds++;
      if (rounds % 2 === 1) {
        fromGold(queue, manifest); // fills the queue file in place
      } else {
        const file = join(dir, `answers-${rounds}.csv`);
        fromGold(queue, manifest, "--out", file);
        expect((await answer(file, manifest)).exitCode).toBe(0);
        expect((await status(manifest)).tasks.open).toBe(0);
      }
      const before = last.result.waitingTasks;
      last = await run(manifest, quiet);
      expect(last.result.answerProblems).toEqual([]);
      expect(last.result.human).toBeGreaterThanOrEqual(before);
    }
    expect(last.exitCode).toBe(0);
    const input = await readJsonl(manifest);
    const output = await readJsonl(join(workdir, "output.jsonl"));
    expect(output).toHaveLength(input.length);
    for (const row of output) {
      const meta = row["category-metadata"] as Record<string, unknown>;
      expect(Number.isInteger(row.category)).toBe(true);
      if (meta["human-annotated"] === "yes") expect(meta["class-name"]).toBe(row.gold);
    }
    const st = await status(manifest);
    expect(st).toMatchObject({ complete: true, unlabeled: 0, tasks: { waiting: 0 } });
    expect(st.next).toMatch(/output is complete/);
  });

  it("reports a bad label, an unknown id and a duplicate with file and line, keeps the good answers, and loses nothing", async () => {
    const { dir, manifest } = await fixtureCopy();
    const workdir = join(dir, "uci.jsonl.al-label");
    const queue = join(workdir, "queue.jsonl");
    const first = await run(manifest, quiet);
    fromGold(queue, manifest);
    const lines = (await readFile(queue, "utf8")).trimEnd().split("\n");
    const bad = JSON.parse(lines[1]!);
    bad.answer = "weather"; // line 2: not a label
    lines[1] = JSON.stringify(bad);
    lines.push(lines[2]!); // line 102: the same answer as line 3 again
    const conflict = JSON.parse(lines[3]!);
    conflict.answer = conflict.answer === "health" ? "business" : "health";
    lines.push(JSON.stringify(conflict)); // line 103: a different answer to line 4's task
    lines.push(JSON.stringify({ taskId: "r99-000001", answer: "health" })); // line 104: unknown id
    await writeFile(queue, `${lines.join("\n")}\n`);

    const second = await run(manifest, quiet);
    expect(second.exitCode).toBe(3);
    const where = second.result.answerProblems.map((p) => `${p.line}:${p.message.slice(0, 30)}`);
    expect(second.result.answerProblems.every((p) => p.file === queue)).toBe(true);
    expect(where).toEqual([
      expect.stringMatching(/^2:label "weather" is not one of/),
      expect.stringMatching(/^104:unknown task id "r99-000001"/),
      expect.stringMatching(/^102:task .* answered again/),
      expect.stringMatching(/^4:task .* has conflicting/),
      expect.stringMatching(/^103:task .* has conflicting/),
    ]);
    // 100 answered, 2 not taken (bad label, conflict): 98 taken
    expect(second.result.human).toBe(first.result.human + 98);
    const next = await readJsonl(queue);
    const carried = next.filter((t) => t.problem !== undefined);
    expect(carried.map((t) => t.taskId).sort()).toEqual([bad.taskId, conflict.taskId].sort());
    expect(carried.find((t) => t.taskId === bad.taskId)).toMatchObject({ answer: null, rejectedAnswer: "weather" });
    const kept = (await readJsonl(join(workdir, "answers-rejected.jsonl"))).map((r) => r.line);
    expect(kept.sort((a, b) => Number(a) - Number(b))).toEqual([2, 4, 103, 104]);
  });
});
