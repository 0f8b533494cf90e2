import { describe, expect, it } from "vitest";
import { compareFingerprints, rowFingerprints } from "../../src/state/row-fingerprints.js";
import { rowId, type ManifestRow } from "../../src/manifest/types.js";

const rows = (spec: (string | [string, number])[]): ManifestRow[] =>
  spec.map((s, i) => (typeof s === "string" ? { rowId: rowId(i), line: i + 1, text: s } : { rowId: rowId(i), line: i + 1, text: s[0], label: { index: s[1], human: true } }));
const fp = (spec: (string | [string, number])[]): string => rowFingerprints(rows(spec));
const BASE: (string | [string, number])[] = ["a", "b", ["c", 1], "d", "e"];

describe("compareFingerprints", () => {
  it("stores 12 base64 characters a row", () => {
    expect(fp(BASE)).toHaveLength(5 * 12);
  });
  it("same rows", () => {
    expect(compareFingerprints(fp(BASE), fp(BASE))).toEqual({ kind: "same" });
  });
  it("rows appended at the end", () => {
    expect(compareFingerprints(fp(BASE), fp([...BASE, "f", "g"]))).toEqual({ kind: "appended", from: 5, count: 2 });
  });
  it("an edited text and an edited label, told apart", () => {
    const edited: (string | [string, number])[] = ["a", "B!", ["c", 0], "d", "e"];
    expect(compareFingerprints(fp(BASE), fp(edited))).toEqual({
      kind: "changed",
      changes: [
        { kind: "edited", row: 1, field: "text" },
        { kind: "edited", row: 2, field: "label" },
      ],
    });
  });
  it("a removed row, without calling every later row changed", () => {
    expect(compareFingerprints(fp(BASE), fp(["a", "b", "d", "e"]))).toEqual({ kind: "changed", changes: [{ kind: "removed", oldRow: 2 }] });
  });
  it("a row inserted in the middle", () => {
    expect(compareFingerprints(fp(BASE), fp(["a", "x", "b", ["c", 1], "d", "e"]))).toEqual({ kind: "changed", changes: [{ kind: "inserted", row: 1 }] });
  });
  it("rows reordered", () => {
    expect(compareFingerprints(fp(BASE), fp(["b", "a", ["c", 1], "d", "e"]))).toEqual({ kind: "changed", changes: [{ kind: "moved", row: 0, count: 2 }] });
  });
  it("a machine label in the input differs from a human one", () => {
    const machine = rows(BASE);
    machine[2] = { ...machine[2]!, label: { index: 1, human: false } };
    expect(compareFingerprints(fp(BASE), rowFingerprints(machine))).toEqual({ kind: "changed", changes: [{ kind: "edited", row: 2, field: "label" }] });
  });
});
