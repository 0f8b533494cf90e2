import { describe, expect, it } from "vitest";
import { conflictingDuplicates } from "../../../src/loop/conflicting-duplicates.js";
import { rowId, type ManifestRow } from "../../../src/manifest/types.js";

const row = (i: number, text: string, label?: number, human = true): ManifestRow => ({ rowId: rowId(i), line: i + 1, text, ...(label === undefined ? {} : { label: { index: label, human } }) });
const LABELS = ["ham", "spam"];

describe("conflicting duplicates (issue 18, item 15)", () => {
  it("counts texts people labeled differently, in the input and through answers (pure)", () => {
    const rows = [row(0, "win cash", 1), row(1, "win cash ", 0), row(2, "lunch?", 0), row(3, "lunch?", 0), row(4, "call me"), row(5, "call me", 1), row(6, "ok", 0, false), row(7, "ok", 1)];
    const human = { "4": { label: 0, round: 1, at: "", annotator: "a", taskId: "r1-000004", reason: "bootstrap" as const } };
    const c = conflictingDuplicates(rows, human, LABELS);
    expect(c.texts).toBe(2); // "win cash" (input) and "call me" (answer vs input); machine-labeled "ok" in the input is not a person's
    expect(c.rows).toBe(4);
    expect(c.example).toEqual({ lines: [1, 2], labels: ["spam", "ham"] });
    expect(conflictingDuplicates(rows.slice(2, 4), {}, LABELS).texts).toBe(0);
  });
});
