import { describe, expect, it } from "vitest";
import { parseAnswersCsv, parseAnswersJsonl } from "../../src/queue/answers-file.js";
import { validateImport, type ImportContext } from "../../src/queue/validate-import.js";
import { replayInbox } from "../../src/queue/inbox.js";
import type { PendingTask } from "../../src/state/types.js";
import { rowId } from "../../src/manifest/types.js";

const LABELS = ["business", "health", "sport"];
const pending: PendingTask[] = [10, 11, 12].map((r) => ({ taskId: `r2-0000${r}`, rowId: rowId(r), reason: "uncertain", round: 2 }));
const ctx = (over: Partial<ImportContext> = {}): ImportContext => ({
  file: "a.csv", labels: LABELS, pending, inbox: new Map(), inboxFile: "inbox.jsonl", replace: false, annotator: "ann", at: "now",
  human: { "5": { label: 1, round: 1, at: "t", annotator: "x", taskId: "r1-000005", reason: "bootstrap" } },
  ...over,
});

describe("answers files", () => {
  it("reads CSV id,label[,annotator] with a header, task ids and row ids", () => {
    const p = parseAnswersCsv("id,label,annotator\nr2-000010,health,bo\n11,2\nfoo,health\n12,\n", "a.csv");
    expect(p.records).toEqual([
      { line: 2, taskId: "r2-000010", label: "health", skip: false, annotator: "bo" },
      { line: 3, rowId: 11, label: "2", skip: false },
    ]);
    expect(p.problems).toEqual([expect.objectContaining({ line: 4, field: "id" })]);
    expect(p.blank).toBe(1);
  });

  it("reads JSON Lines answers and a filled queue file alike", () => {
    const p = parseAnswersJsonl(
      ['{"schemaVersion":1,"kind":"al-label/queue"}', '{"taskId":"r2-000010","answer":"health","annotator":"q"}', '{"rowId":11,"label":0}', '{"taskId":"r2-000012","answer":null}', '{"label":"x"}', '{"rowId":12,"skip":true}'].join("\n"),
      "a.jsonl",
    );
    expect(p.records.map((r) => [r.line, r.taskId ?? r.rowId, r.label, r.skip])).toEqual([[2, "r2-000010", "health", false], [3, 11, 0, false], [6, 12, null, true]]);
    expect(p.problems.map((x) => x.line)).toEqual([5]);
  });
});

describe("validateImport", () => {
  it("saves good answers and reports unknown labels, unknown ids and conflicts by line", () => {
    const p = parseAnswersCsv("r2-000010,health\nr9-000001,health\n11,sports\n12,business\n12,sport\n99,health\n", "a.csv");
    const r = validateImport(p.records, ctx());
    expect(r.accepted).toEqual([expect.objectContaining({ kind: "answer", taskId: "r2-000010", rowId: 10, label: "health", annotator: "ann", source: "a.csv:1" })]);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[2, "taskId"], [3, "label"], [6, "rowId"], [4, "label"], [5, "label"]]);
    expect(r.errors.find((e) => e.line === 4)?.message).toMatch(/conflicting answers on lines 4, 5/);
  });

  it("saves a repeated answer once and notes it; an already taken row with the same label is a note", () => {
    const p = parseAnswersCsv("r2-000010,health\nr2-000010,1\n5,health\n5,business\n", "a.csv");
    const r = validateImport(p.records, ctx());
    expect(r.accepted).toHaveLength(1);
    expect(r.notes.map((n) => n.line)).toEqual([3, 2]);
    expect(r.errors).toEqual([expect.objectContaining({ line: 4, message: expect.stringMatching(/already taken in by a run as "health"/) })]);
  });

  it("will not replace a different answer saved earlier unless told to", () => {
    const inbox = replayInbox('{"schemaVersion":1,"kind":"answer","taskId":"r2-000010","rowId":10,"label":"sport","source":"labeler"}\n', "inbox.jsonl", LABELS).answers;
    const p = parseAnswersCsv("r2-000010,health\n", "a.csv");
    expect(validateImport(p.records, ctx({ inbox })).errors[0]?.message).toMatch(/already has the answer "sport" .*--replace/);
    expect(validateImport(p.records, ctx({ inbox, replace: true })).accepted).toHaveLength(1);
  });
});
