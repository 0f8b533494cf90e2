import { describe, expect, it } from "vitest";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { appendInbox, inboxPath, readInbox, replayInbox } from "../../src/queue/inbox.js";
import { tempDir } from "../helpers/temp-dir.js";

const LABELS = ["business", "health"];
const ev = (o: Record<string, unknown>): string => JSON.stringify({ schemaVersion: 1, kind: "answer", rowId: 1, annotator: null, answeredAt: "t", source: "labeler", ...o });

describe("the answers inbox", () => {
  it("replays events: the latest answer wins and an undo clears it", () => {
    const text = [
      ev({ taskId: "a", label: "business" }),
      ev({ taskId: "a", label: "health" }),
      ev({ taskId: "b", label: "health" }),
      JSON.stringify({ schemaVersion: 1, kind: "undo", taskId: "b", at: "t", source: "labeler" }),
      ev({ taskId: "c", label: null, skip: true }),
    ].join("\n") + "\n";
    const r = replayInbox(text, "inbox", LABELS);
    expect([...r.answers.values()].map((a) => [a.taskId, a.label, a.line])).toEqual([["a", 1, 2], ["c", null, 5]]);
    expect(r.problems).toEqual([]);
  });

  it("leaves an unfinished last line for the next read, but reports a bad line in the middle", () => {
    const text = `${ev({ taskId: "a", label: "business" })}\n{broken\n${ev({ taskId: "b", label: "health" })}\n{"schemaVersion":1,"kind":"ans`;
    const r = replayInbox(text, "inbox", LABELS);
    expect([...r.answers.keys()]).toEqual(["a", "b"]);
    expect(r.problems).toEqual([expect.objectContaining({ file: "inbox", line: 2 })]);
  });

  it("ignores lines of a newer schema version and unknown labels, saying so", () => {
    const text = `${ev({ taskId: "a", label: "business", schemaVersion: 2 })}\n${ev({ taskId: "b", label: "sport" })}\n`;
    const r = replayInbox(text, "inbox", LABELS);
    expect(r.answers.size).toBe(0);
    expect(r.problems.map((p) => p.line)).toEqual([1, 2]);
  });

  it("appends whole lines and reads them back", async () => {
    const dir = await tempDir("al-inbox-");
    await appendInbox(dir, [{ schemaVersion: 1, kind: "answer", taskId: "a", rowId: 3, label: "health", annotator: "x", answeredAt: "t", source: "labeler" }]);
    await appendInbox(dir, [{ schemaVersion: 1, kind: "undo", taskId: "a", at: "t", source: "labeler" }]);
    expect((await readFile(inboxPath(dir), "utf8")).split("\n")).toHaveLength(3);
    expect((await readInbox(dir, LABELS)).answers.size).toBe(0);
  });

  it("after a crash cut the last line, appends on a line of its own: the new answer is read whole", async () => {
    const dir = await tempDir("al-inbox-");
    await writeFile(inboxPath(dir), `{"schemaVersion":1,"kind":"answer","taskId":"a","label":"hea`);
    await appendInbox(dir, [{ schemaVersion: 1, kind: "answer", taskId: "b", rowId: 4, label: "health", annotator: "x", answeredAt: "t", source: "labeler" }]);
    const replay = await readInbox(dir, LABELS);
    expect([...replay.answers.keys()]).toEqual(["b"]);
    expect(replay.problems.map((p) => p.line)).toEqual([1]); // the cut line, reported and ignored
  });
});
