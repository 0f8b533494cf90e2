import type { Progress } from "./scheduler.js";

/** "experiment: 18 cells: 5 done (2 kept), 2 running, 11 left, 1 failed" */
export function progressLine(p: Progress, seconds: number): string {
  const kept = p.kept > 0 ? ` (${p.kept} kept from an earlier run)` : "";
  const failed = p.failed > 0 ? `, ${p.failed} failed` : "";
  return `experiment: ${p.total} cells: ${p.done} done${kept}, ${p.running} running, ${p.left} left${failed} (${Math.round(seconds)} s)`;
}
