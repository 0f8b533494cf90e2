import { createHash } from "node:crypto";
import type { ManifestRow } from "../manifest/types.js";

/**
 * Per-row fingerprints, kept in the state so a resumed run can say which rows of the manifest
 * changed, not just that the file did. Each row gives 9 bytes: 6 from its text, 3 from its input
 * label, so a message can tell an edited text from an edited label. The list is stored as one
 * base64 string (12 characters a row; 160 kB for 13,000 rows).
 */
const TEXT_BYTES = 6;
const LABEL_BYTES = 3;
const ROW_BYTES = TEXT_BYTES + LABEL_BYTES;

export function rowFingerprints(rows: readonly ManifestRow[]): string {
  const out = Buffer.alloc(rows.length * ROW_BYTES);
  rows.forEach((row, i) => {
    createHash("sha256").update(row.text).digest().copy(out, i * ROW_BYTES, 0, TEXT_BYTES);
    const label = row.label ? `${row.label.index}:${row.label.human ? "h" : "m"}` : "-";
    createHash("sha256").update(label).digest().copy(out, i * ROW_BYTES + TEXT_BYTES, 0, LABEL_BYTES);
  });
  return out.toString("base64");
}

function split(fingerprints: string): string[] {
  const bytes = Buffer.from(fingerprints, "base64");
  const rows: string[] = [];
  for (let o = 0; o + ROW_BYTES <= bytes.length; o += ROW_BYTES) rows.push(bytes.subarray(o, o + ROW_BYTES).toString("hex"));
  return rows;
}

const textPart = (key: string): string => key.slice(0, TEXT_BYTES * 2);

export type RowChange =
  | { kind: "edited"; row: number; field: "text" | "label" }
  /** a row at this position now that the old manifest did not have (and not an edit in place) */
  | { kind: "inserted"; row: number }
  /** a row of the old manifest (by its old position) that is gone */
  | { kind: "removed"; oldRow: number }
  /** rows in another order, with no row added, removed or edited: the first misplaced one and how many */
  | { kind: "moved"; row: number; count: number };

export type ManifestComparison =
  | { kind: "same" }
  | { kind: "appended"; from: number; count: number }
  | { kind: "changed"; changes: RowChange[] };

/** Compares the rows a work dir was started with to the rows read now (pure). */
export function compareFingerprints(before: string, now: string): ManifestComparison {
  const a = split(before);
  const b = split(now);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  if (prefix === a.length) return b.length === a.length ? { kind: "same" } : { kind: "appended", from: a.length, count: b.length - a.length };
  return { kind: "changed", changes: describeChanges(a, b) };
}

function describeChanges(a: string[], b: string[]): RowChange[] {
  const countsA = counts(a);
  const countsB = counts(b);
  const changes: RowChange[] = [];
  const editedOld = new Set<number>();
  const moved: number[] = [];
  const onlyInB = (k: string): boolean => (countsA.get(k) ?? 0) < (countsB.get(k) ?? 0);
  const onlyInA = (k: string): boolean => (countsB.get(k) ?? 0) < (countsA.get(k) ?? 0);
  b.forEach((key, i) => {
    const old = a[i];
    if (old === key) return;
    if (old !== undefined && onlyInA(old) && onlyInB(key)) {
      changes.push({ kind: "edited", row: i, field: textPart(old) === textPart(key) ? "label" : "text" });
      editedOld.add(i);
    } else if (onlyInB(key)) {
      changes.push({ kind: "inserted", row: i });
    } else if (i < a.length) {
      moved.push(i);
    }
  });
  a.forEach((key, i) => {
    if (!editedOld.has(i) && onlyInA(key) && b[i] !== key) changes.push({ kind: "removed", oldRow: i });
  });
  // rows after an insertion or removal shift place; only a pure reordering is worth its own message
  if (changes.length === 0 && moved[0] !== undefined) changes.push({ kind: "moved", row: moved[0], count: moved.length });
  return changes;
}

function counts(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}
