import { describe, expect, it } from "vitest";
import { gatherAnswers } from "../../src/queue/gather-answers.js";
import { parseAnswers } from "../../src/queue/read-answers.js";
import { replayInbox } from "../../src/queue/inbox.js";
import type { HumanLabel, PendingTask } from "../../src/state/types.js";
import { rowId } from "../../src/manifest/types.js";

const LABELS = ["business", "health", "sport"];
const pending: PendingTask[] = [1, 2, 3].map((r) => ({ taskId: `r2-00000${r}`, rowId: rowId(r), reason: "uncertain", round: 2 }));
const human: Record<string, HumanLabel> = { "9": { label: 0, round: 1, at: "t", annotator: "a", taskId: "r1-000009", reason: "bootstrap" } };
const q = (lines: Record<string, unknown>[]) => parseAnswers(lines.map((l) => JSON.stringify(l)).join("\n"), "queue.jsonl", LABELS, pending);
const inbox = (lines: Record<string, unknown>[]) =>
  replayInbox(lines.map((l) => JSON.stringify({ schemaVersion: 1, kind: "answer", annotator: "lab", answeredAt: "t0", source: "labeler", ...l })).join("\n") + "\n", "inbox.jsonl", LABELS);

describe("gatherAnswers: the queue file and the inbox together", () => {
  it("takes answers from both, the same answer in both once", () => {
    const got = gatherAnswers({
      queue: q([{ taskId: "r2-000001", answer: "health" }, { taskId: "r2-000002", answer: "sport" }]),
      inbox: inbox([{ taskId: "r2-000002", label: "sport" }, { taskId: "r2-000003", label: "business" }]),
      inboxFile: "inbox.jsonl", labels: LABELS, pending, human, at: "now",
    });
    expect(got.answers.map((a) => [a.taskId, a.label, a.file]).sort()).toEqual([["r2-000001", 1, "queue.jsonl"], ["r2-000002", 2, "inbox.jsonl"], ["r2-000003", 0, "inbox.jsonl"]]);
    expect(got.taken).toEqual({ queue: 1, inbox: 2 });
    expect(got.problems).toEqual([]);
    expect(got.undo).toEqual([]);
  });

  it("takes neither of two different answers, reports both lines, withdraws the inbox one and keeps the queue one", () => {
    const got = gatherAnswers({
      queue: q([{ taskId: "r2-000001", answer: "health" }]),
      inbox: inbox([{ taskId: "r2-000001", label: "sport" }]),
      inboxFile: "inbox.jsonl", labels: LABELS, pending, human, at: "now",
    });
    expect(got.answers).toEqual([]);
    expect(got.problems.map((p) => [p.file, p.line])).toEqual([["queue.jsonl", 1], ["inbox.jsonl", 1]]);
    expect(got.undo).toEqual([expect.objectContaining({ kind: "undo", taskId: "r2-000001", source: "run" })]);
    expect(got.rejected.get("r2-000001")).toMatchObject({ answer: "health" });
    expect(got.rejectedLines).toHaveLength(1);
  });

  it("reports an inbox answer that contradicts a label already taken, once, and ignores settled ones", () => {
    const got = gatherAnswers({
      queue: null,
      inbox: inbox([{ taskId: "r1-000009", label: "health" }, { taskId: "r1-000005", label: "health" }]),
      inboxFile: "inbox.jsonl", labels: LABELS, pending, human, at: "now",
    });
    expect(got.answers).toEqual([]);
    expect(got.problems).toHaveLength(1);
    expect(got.problems[0]?.message).toMatch(/already taken in as "business"/);
    expect(got.undo.map((u) => u.taskId)).toEqual(["r1-000009"]);
  });
});
