import type { DataIssue } from "../errors.js";
import { describeNul, hasNul } from "./nul.js";

/** A row as read, before labels are resolved against the label set. */
export interface RawRow {
  line: number;
  /** inline text, or undefined when the row points at a file */
  text?: string;
  sourceRef?: string;
  label?: { value: unknown; className?: unknown; human: boolean };
  gold?: unknown;
}

export interface RowFields {
  labelAttribute: string;
  goldField?: string;
}

/**
 * Parses one JSON Lines manifest line (pure). Returns the row, or the problems found in it.
 * `source` must be a non-empty string, or `source-ref` a string; the label attribute, when present,
 * is a class index (Ground Truth) or a class name.
 */
export function parseJsonlLine(text: string, line: number, file: string, fields: RowFields): RawRow | DataIssue[] {
  if (hasNul(text)) return [{ file, line, message: describeNul() }];
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (err) {
    return [{ file, line, message: `invalid JSON (${(err as Error).message})` }];
  }
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    return [{ file, line, message: `expected a JSON object, got ${Array.isArray(record) ? "an array" : typeof record === "object" ? "null" : typeof record}` }];
  }
  const obj = record as Record<string, unknown>;
  const issues: DataIssue[] = [];
  const row: RawRow = { line };
  const source = own(obj, "source");
  const ref = own(obj, "source-ref");
  if (source !== undefined) {
    if (typeof source !== "string") issues.push({ file, line, field: "source", message: `expected a string, got ${typeName(source)}` });
    else if (source.trim() === "") issues.push({ file, line, field: "source", message: "text is empty" });
    else row.text = source;
  } else if (ref !== undefined) {
    if (typeof ref !== "string" || ref === "") issues.push({ file, line, field: "source-ref", message: "expected a non-empty string" });
    else row.sourceRef = ref;
  } else {
    issues.push({ file, line, field: "source", message: 'missing: each row needs "source" (text) or "source-ref" (a file)' });
  }
  const value = own(obj, fields.labelAttribute);
  if (value !== undefined && value !== null) {
    const meta = own(obj, `${fields.labelAttribute}-metadata`);
    const m = meta !== null && typeof meta === "object" ? (meta as Record<string, unknown>) : undefined;
    row.label = { value, className: m ? own(m, "class-name") : undefined, human: (m ? own(m, "human-annotated") : undefined) !== "no" };
  }
  if (fields.goldField !== undefined) row.gold = own(obj, fields.goldField);
  return issues.length > 0 ? issues : row;
}

/** Own properties only: a `__proto__` key in a manifest is data, never a prototype. */
function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function typeName(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;
}
