import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { answer } from "../../src/cli/commands/answer.js";
import { run } from "../../src/cli/commands/run.js";
import { status } from "../../src/cli/commands/status.js";
import { fixtureCopy, quiet as quietReporter, readJsonl } from "../helpers/fixture-run.js";

// fastText (milliseconds a model): these tests are about answers, not models, and npm test must stay short
const quiet = { ...quietReporter, model: "fasttext" } as const;

/** A work dir waiting for 100 answers, with the gold label of each waiting task. */
async function waiting() {
  const { dir, manifest } = await fixtureCopy();
  const first = await run(manifest, quiet);
  expect(first.exitCode).toBe(3);
  const workdir = join(dir, "uci.jsonl.al-label");
  const gold = (await readJsonl(manifest)).map((r) => r.gold as string);
  const tasks = (await readJsonl(join(workdir, "queue.jsonl"))).slice(1) as { taskId: string; rowId: number }[];
  return { dir, manifest, workdir, gold, tasks, human: first.result.human };
}

describe("al-label answer", () => {
  it("saves the good answers of a file and reports each bad line with file and line (exit 65)", async () => {
    const { dir, manifest, workdir, gold, tasks, human } = await waiting();
    const [a, b, c, d] = tasks;
    const file = join(dir, "answers.jsonl");
    await writeFile(
      file,
      [
        { taskId: a!.taskId, label: gold[a!.rowId], annotator: "ann" },
        { rowId: b!.rowId, label: 2 },
        { taskId: c!.taskId, label: "sports" },
        { taskId: "r42-000001", label: "health" },
        { taskId: d!.taskId, label: "health" },
        { taskId: d!.taskId, label: "business" },
        { taskId: a!.taskId, label: gold[a!.rowId] },
      ].map((x) => JSON.stringify(x)).join("\n") + "\n{nope\n",
    );
    const out = await answer(file, manifest);
    expect(out.exitCode).toBe(65);
    expect(out.saved).toBe(2);
    expect(out.errors.map((e) => [e.file, e.line])).toEqual([[file, 3], [file, 4], [file, 5], [file, 6], [file, 8]]);
    expect(out.errors[0]?.message).toMatch(/"sports" is not one of/);
    expect(out.errors[1]?.message).toMatch(/unknown task id "r42-000001"/);
    expect(out.errors[2]?.message).toMatch(/conflicting answers on lines 5, 6/);
    expect(out.notes.map((n) => n.line)).toEqual([7]);
    expect(out.open).toBe(98);

    const st = await status(manifest);
    expect(st.tasks).toMatchObject({ waiting: 100, answered: 2, inInbox: 2, open: 98 });
    const next = await run(manifest, quiet);
    expect(next.result.human).toBe(human + 2);
    expect(next.result.answerProblems).toEqual([]);
    const state = JSON.parse(await readFile(join(workdir, "state.json"), "utf8"));
    expect(state.human[String(a!.rowId)]).toMatchObject({ annotator: "ann", taskId: a!.taskId });
    expect(state.human[String(b!.rowId)]).toMatchObject({ label: 2 });
  });

  it("reads CSV id,label[,annotator] by task id or row id; importing the same file again saves nothing twice (exit 0)", async () => {
    const { dir, manifest, gold, tasks } = await waiting();
    const file = join(dir, "answers.csv");
    const rows = tasks.slice(0, 3).map((t, i) => `${i === 1 ? t.rowId : t.taskId},${gold[t.rowId]}${i === 2 ? ",bo" : ""}`);
    await writeFile(file, `id,label,annotator\n${rows.join("\n")}\n`);
    const once = await answer(file, manifest);
    expect(once).toMatchObject({ exitCode: 0, saved: 3, errors: [] });
    const twice = await answer(file, manifest);
    expect(twice).toMatchObject({ exitCode: 0, saved: 0 });
    expect(twice.notes).toHaveLength(3);
  });

  it("needs --replace to change an answer saved earlier", async () => {
    const { dir, manifest, tasks } = await waiting();
    const file = join(dir, "a.csv");
    await writeFile(file, `${tasks[0]!.taskId},health\n`);
    await answer(file, manifest);
    await writeFile(file, `${tasks[0]!.taskId},business\n`);
    expect((await answer(file, manifest)).exitCode).toBe(65);
    expect(await answer(file, manifest, { replace: true })).toMatchObject({ exitCode: 0, saved: 1 });
    expect((await status(manifest)).tasks.answered).toBe(1);
  });

  it("exits 2 when there is no work dir to answer into", async () => {
    const { dir, manifest } = await fixtureCopy();
    await writeFile(join(dir, "a.csv"), "r1-000001,health\n");
    await expect(answer(join(dir, "a.csv"), manifest)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/no al-label work dir/) });
  });
});

const BIN = resolve(import.meta.dirname, "../../bin/al-label.js");
describe.skipIf(!existsSync(resolve(import.meta.dirname, "../../dist/cli/main.js")))("al-label answer (built command)", () => {
  it("prints each rejected line on stderr and the count saved on stdout", async () => {
    const { dir, manifest, tasks } = await waiting();
    const file = join(dir, "a.csv");
    await writeFile(file, `${tasks[0]!.taskId},health\nr1-999999,health\n`);
    const r = spawnSync(process.execPath, [BIN, "answer", file, manifest], { encoding: "utf8" });
    expect(r.status).toBe(65);
    expect(r.stderr).toContain(`${file}, line 2, field "taskId": unknown task id "r1-999999"`);
    expect(r.stdout).toMatch(/saved 1 answer\(s\) .*1 line\(s\) were NOT saved/);
  });
});
