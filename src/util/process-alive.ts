import { readFileSync } from "node:fs";

/**
 * When a process started, in clock ticks since boot (Linux /proc), or null where unknown. A pid
 * alone does not name a process for long: after a kill -9 the number is soon reused, and a lock
 * would then look held by a stranger forever. The pid plus its start time does name it.
 */
export function processStart(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name (field 2) may hold spaces and parentheses: count fields after the last ")"
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const start = Number(fields[19]); // field 22 of the whole line
    return Number.isFinite(start) ? start : null;
  } catch {
    return null;
  }
}

/** Whether `pid` runs and, when its start time was recorded, is still the same process. */
export function isAlive(pid: number, start?: number | null): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (start === undefined || start === null) return true;
  const now = processStart(pid);
  return now === null || now === start;
}
