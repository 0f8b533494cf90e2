import { describe, expect, it } from "vitest";
import { parseAnswers } from "../../src/queue/read-answers.js";
import type { PendingTask } from "../../src/state/types.js";
import { rowId } from "../../src/manifest/types.js";

const LABELS = ["business", "health", "sport"];
const pending: PendingTask[] = [1, 2, 3, 4].map((r) => ({ taskId: `r1-00000${r}`, rowId: rowId(r), reason: "uncertain", round: 1 }));
const header = JSON.stringify({ schemaVersion: 1, kind: "al-label/queue", labels: LABELS });
const task = (id: number, extra: Record<string, unknown>): string => JSON.stringify({ taskId: `r1-00000${id}`, rowId: id, answer: null, ...extra });

describe("parseAnswers (queue file)", () => {
  it("takes names and indices, ignores unanswered lines and the header", () => {
    const text = [header, task(1, { answer: "health", annotator: "ann" }), task(2, { answer: 2 }), task(3, { answer: "1" }), task(4, {})].join("\n");
    const got = parseAnswers(text, "q.jsonl", LABELS, pending);
    expect(got.answers.map((a) => [a.taskId, a.label, a.line])).toEqual([["r1-000001", 1, 2], ["r1-000002", 2, 3], ["r1-000003", 1, 4]]);
    expect(got.answers[0]?.annotator).toBe("ann");
    expect(got.problems).toEqual([]);
  });

  it("reports a bad label, an unknown id and bad JSON with file and line, and keeps the good answers", () => {
    const text = [header, task(1, { answer: "sports" }), JSON.stringify({ taskId: "r9-000001", answer: "health" }), "{oops", task(2, { answer: "business" })].join("\n");
    const got = parseAnswers(text, "q.jsonl", LABELS, pending);
    expect(got.answers.map((a) => a.taskId)).toEqual(["r1-000002"]);
    expect(got.problems.map((p) => [p.file, p.line])).toEqual([["q.jsonl", 2], ["q.jsonl", 3], ["q.jsonl", 4]]);
    expect(got.problems[0]?.message).toMatch(/"sports" is not one of business, health, sport/);
    expect(got.problems[1]?.message).toMatch(/unknown task id "r9-000001"/);
    expect(got.rejected.get("r1-000001")).toMatchObject({ answer: "sports" });
    // every rejected line is kept verbatim for answers-rejected.jsonl
    expect(got.rejectedLines.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(got.rejectedLines[2]?.text).toBe("{oops");
  });

  it("counts the same answer twice once, and takes neither of two conflicting answers", () => {
    const text = [header, task(1, { answer: "health" }), task(1, { answer: 1 }), task(2, { answer: "health" }), task(2, { answer: "sport" })].join("\n");
    const got = parseAnswers(text, "q.jsonl", LABELS, pending);
    expect(got.answers.map((a) => [a.taskId, a.line])).toEqual([["r1-000001", 2]]);
    expect(got.problems.find((p) => p.line === 3)?.message).toMatch(/answered again .* counted once/);
    const conflict = got.problems.filter((p) => /conflicting/.test(p.message));
    expect(conflict.map((p) => p.line)).toEqual([4, 5]);
    expect(got.rejected.has("r1-000002")).toBe(true);
  });

  it("takes a skip as a null label and ignores tasks an earlier run took", () => {
    const text = [header, task(1, { skip: true }), task(2, { answer: "health" })].join("\n");
    const got = parseAnswers(text, "q.jsonl", LABELS, pending, new Set(["r1-000002"]));
    expect(got.answers).toEqual([expect.objectContaining({ taskId: "r1-000001", label: null })]);
    expect(got.problems).toEqual([]);
  });
});
