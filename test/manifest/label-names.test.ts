import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { run, type RunOptions } from "../../src/cli/commands/run.js";
import { AlLabelError } from "../../src/errors.js";
import { readLabelsOption } from "../../src/manifest/label-set.js";
import { validateImport } from "../../src/queue/validate-import.js";
import { rowId } from "../../src/manifest/types.js";
import { nullReporter } from "../../src/report/reporter.js";
import { PINNED_CLOCK } from "../helpers/fixture-run.js";
import { snapshotDir } from "../helpers/dir-snapshot.js";
import { tempDir } from "../helpers/temp-dir.js";

const ESC = "\u001b";
const row = (text: string, label?: string): string => JSON.stringify(label === undefined ? { source: text } : { source: text, category: label });
const GOOD = [0, 1, 2].flatMap((i) => [row(`free prize call now ${i}`, "spam"), row(`see you at lunch ${i}`, "ham")]);

async function write(name: string, content: string): Promise<{ dir: string; path: string }> {
  const dir = await tempDir("al-label-names-");
  const path = join(dir, name);
  await writeFile(path, content);
  return { dir, path };
}

async function refused(content: string, options: RunOptions = {}, name = "m.jsonl"): Promise<AlLabelError> {
  const { dir, path } = await write(name, content);
  const before = await snapshotDir(dir);
  const err = await run(path, { reporter: nullReporter, clock: PINNED_CLOCK, ...options }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AlLabelError);
  expect((err as AlLabelError).exitCode).toBe(65);
  expect(await snapshotDir(dir)).toEqual(before);
  expect((err as AlLabelError).message).toMatch(/contains control characters/);
  return err as AlLabelError;
}

const lines = (rows: string[]): string => `${rows.join("\n")}\n`;

describe("label names with control characters are refused (exit 65) wherever labels enter (issue 18, item 6)", () => {
  it("on labeled JSON Lines rows, naming the line", async () => {
    const e = await refused(lines([...GOOD, row("hello", `ham${ESC}[0m`)]));
    expect(e.message).toMatch(/line 7, field "category": label "ham\\u001b\[0m" contains control characters/);
    expect(e.message).not.toContain(ESC);
  });

  it("in a class-name of Ground Truth metadata", async () => {
    const gt = JSON.stringify({ source: "hello", category: 0, "category-metadata": { "class-name": `ham\u0007`, "human-annotated": "yes" } });
    await refused(lines([...GOOD, gt]), { labels: "ham,spam" });
  });

  it("on a labeled CSV row", async () => {
    await refused(`text,label\nhi there,ham\nwin cash,spam\nok then,ham\u0085\n`, { labelColumn: "label" }, "m.csv");
  });

  it("in --labels", async () => {
    await refused(lines(GOOD), { labels: `ham,spam${ESC}]0;title\u0007` });
    await expect(readLabelsOption(`ham,sp\u009bam`)).rejects.toMatchObject({ exitCode: 65 });
  });

  it("in a label-category file", async () => {
    const { path } = await write("labels.json", JSON.stringify({ labels: [{ label: "ham" }, { label: `spam${ESC}#8` }] }));
    await expect(readLabelsOption(path)).rejects.toMatchObject({ exitCode: 65, message: expect.stringMatching(/labels\[1\]\.label.*contains control characters/) });
  });

  it("in an answer: the line is not saved, and says why", () => {
    const out = validateImport([{ line: 1, taskId: "r1-000000", label: `ham${ESC}[0m`, skip: false }], {
      file: "answers.jsonl",
      labels: ["ham", "spam"],
      pending: [{ taskId: "r1-000000", rowId: rowId(0), reason: "bootstrap", round: 1 }],
      human: {},
      inbox: new Map(),
      inboxFile: "inbox.jsonl",
      replace: false,
      annotator: null,
      at: "",
    });
    expect(out.accepted).toEqual([]);
    expect(out.errors[0]?.message).toMatch(/contains control characters/);
  });
});

describe("labels equal after trimming and case-folding are warned about (issue 18, item 6)", () => {

  it("a run warns, naming them, and goes on", async () => {
    const { path } = await write("m.jsonl", lines([...GOOD, row("see you later", "Ham"), row("lunch?", "ham ")]));
    const warnings: string[] = [];
    const { exitCode } = await run(path, { reporter: { ...nullReporter, warn: (t) => warnings.push(t) }, clock: PINNED_CLOCK });
    expect(exitCode).toBe(0);
    expect(warnings.join("\n")).toMatch(/labels "Ham", "ham", "ham " differ only in spaces or letter case/);
  });
});
