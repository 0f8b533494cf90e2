import { hasControlChars } from "../manifest/label-name.js";

/**
 * A person's label: the name (trimmed), or the 0-based class index as a number or a digit string.
 * Names win over indices, so a label set whose names are digits still reads as names.
 */
export function labelIndex(given: unknown, labels: readonly string[]): number | undefined {
  if (typeof given === "number") return Number.isInteger(given) && given >= 0 && given < labels.length ? given : undefined;
  if (typeof given === "string") {
    const name = given.trim();
    if (hasControlChars(name)) return undefined; // never matched, even to a label set made before such names were refused
    const byName = labels.indexOf(name);
    if (byName >= 0) return byName;
    if (/^\d+$/.test(name) && Number(name) < labels.length) return Number(name);
  }
  return undefined;
}

/** True when nothing was given (a task still waiting). */
export const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

export const describeLabels = (labels: readonly string[]): string => labels.map((l, i) => `${i}=${l}`).join(", ");

/** Why an answer's label was not taken: a name with control characters is refused as such, anything else is not in the set. */
export function unknownLabel(given: unknown, labels: readonly string[]): string {
  if (typeof given === "string" && hasControlChars(given)) return `label ${JSON.stringify(given)} contains control characters (labels must be printable)`;
  return `label ${JSON.stringify(given)} is not one of ${labels.join(", ")} (or 0-${labels.length - 1})`;
}
