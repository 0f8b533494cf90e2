import type { RoundAccuracy } from "./summarize.js";

/** Formatting shared by the Markdown and HTML reports (each escapes for its own format). */
export const pct = (v: number | null | undefined): string => (v == null ? "–" : `${(100 * v).toFixed(1)}%`);
export const int = (n: number): string => n.toLocaleString("en-US");

/** A round's audit: people's agreement, its interval, the estimate it was tested against, and a failure. */
export function auditCell(audit: RoundAccuracy["audit"]): string {
  if (!audit) return "–";
  const against = audit.expected === null ? "" : ` vs ${pct(audit.expected)}`;
  return `${pct(audit.accuracy)} (${pct(audit.low)}–${pct(audit.high)})${against}${audit.passed === false ? ", failed" : ""}`;
}
