import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DataError } from "../errors.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { STATE_SCHEMA_VERSION, type WorkState } from "./types.js";

export const stateFile = (workdir: string): string => join(workdir, "state.json");

/** Loads the work dir's state, or null for a new work dir. */
export async function loadState(workdir: string): Promise<WorkState | null> {
  const path = stateFile(workdir);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  let parsed: WorkState;
  try {
    parsed = JSON.parse(text) as WorkState;
  } catch (err) {
    throw new DataError([{ file: path, message: `state file is not valid JSON (${(err as Error).message}); it is only written atomically, so it was edited by hand` }]);
  }
  if (parsed.schemaVersion !== STATE_SCHEMA_VERSION) {
    throw new DataError([{ file: path, field: "schemaVersion", message: `unsupported state version ${String(parsed.schemaVersion)}; this al-label reads version ${STATE_SCHEMA_VERSION}` }]);
  }
  return parsed;
}

export async function saveState(workdir: string, state: WorkState): Promise<void> {
  await writeFileAtomic(stateFile(workdir), `${JSON.stringify(state)}\n`);
}
