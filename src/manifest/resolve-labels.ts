import type { DataIssue } from "../errors.js";
import type { InputLabel } from "./types.js";

/**
 * Turns a label value read from a row into a class index. Ground Truth writes the index with the
 * name in `class-name`; hand-made manifests and CSV files often write the name itself.
 */
export function resolveLabelValue(
  value: unknown,
  className: unknown,
  labels: readonly string[],
  where: { file: string; line: number; field: string },
): number | DataIssue {
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 0 || value >= labels.length) {
      return { ...where, message: `class index ${value} is outside the label set (0..${labels.length - 1})` };
    }
    if (typeof className === "string" && labels[value] !== className) {
      return { ...where, message: `class index ${value} is "${labels[value]}" but class-name says ${shortQuote(className)}` };
    }
    return value;
  }
  if (typeof value === "string") {
    const byName = labels.indexOf(value);
    if (byName >= 0) return byName;
    if (/^\d+$/.test(value) && Number(value) < labels.length) return Number(value);
    return { ...where, message: `label ${shortQuote(value)} is not in the label set (${labels.join(", ")})` };
  }
  return { ...where, message: `expected a class index or a label name, got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}` };
}

/** A value from the manifest for a message: quoted, and cut short (a row may hold megabytes). */
function shortQuote(value: string, max = 80): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

/** Collects name/index pairs from labeled rows, to build a label set when none was given. */
export function collectLabelNames(rows: { label?: { value: unknown; className?: unknown } }[]): Map<string, number | undefined> {
  const found = new Map<string, number | undefined>();
  for (const row of rows) {
    if (!row.label) continue;
    const { value, className } = row.label;
    if (typeof className === "string") {
      found.set(className, typeof value === "number" ? value : found.get(className));
    } else if (typeof value === "string") {
      if (!found.has(value)) found.set(value, undefined);
    }
  }
  return found;
}

export function toInputLabel(index: number, human: boolean): InputLabel {
  return { index, human };
}
