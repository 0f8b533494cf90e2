import { readdir, unlink } from "node:fs/promises";
import { join } from "node:path";
import { isAlive } from "./process-alive.js";

/** `.<file>.<pid>[.<ms>].tmp`, as tempName() in atomic-write.ts makes them. */
const TEMP = /^\.(.+)\.(\d+)(?:\.\d+)?\.tmp$/;

/**
 * Removes temporary files a killed run left half-written in `dir`: those of processes that are gone
 * (and, with `only`, only those for that file name). Returns how many were removed. Never fails:
 * litter is harmless, and a failure here must not stop the run.
 */
export async function removeStaleTemps(dir: string, only?: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || (only !== undefined && m[1] !== only)) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || isAlive(pid)) continue;
    try {
      await unlink(join(dir, name));
      removed++;
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}
