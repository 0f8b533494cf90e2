import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DataError } from "../errors.js";
import { writeLinesAtomic } from "../util/atomic-stream.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { STATE_SCHEMA_VERSION, type WorkState } from "./types.js";
import { escapeJsonControls, jsonText } from "../util/text-output.js";

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

/**
 * Saves the state atomically. Large label maps are written a slice of entries per line, so a million
 * machine labels (about 130 MB of JSON) never sit in memory as one string and one buffer at once.
 * A smaller state is written in one piece, one line as before: streaming buys nothing there.
 */
export async function saveState(workdir: string, state: WorkState): Promise<void> {
  const labels = Object.keys(state.machine).length + Object.keys(state.human).length;
  // DEL and C1 escaped too: the state may be `cat` (util/text-output.ts)
  if (labels < STREAM_FROM_LABELS) await writeFileAtomic(stateFile(workdir), `${jsonText(state)}\n`);
  else await writeLinesAtomic(stateFile(workdir), escapedLines(stateLines(state)));
}

function* escapedLines(lines: Iterable<string>): Generator<string> {
  for (const l of lines) yield escapeJsonControls(l);
}

/** Label maps this large are streamed (see saveState). */
const STREAM_FROM_LABELS = 100_000;

/** Entries of a label map per line: large enough to write fast, small enough to stay a few MB. */
const ENTRIES_PER_LINE = 10_000;

/**
 * The state as JSON lines that together parse to JSON.stringify(state): every top-level key on its
 * own line, and the `human` and `machine` maps split into lines of ENTRIES_PER_LINE entries.
 */
export function* stateLines(state: WorkState): Generator<string> {
  // JSON.stringify leaves out keys whose value is undefined
  const keys = (Object.keys(state) as (keyof WorkState)[]).filter((key) => state[key] !== undefined);
  yield "{";
  for (const [k, key] of keys.entries()) {
    const comma = k < keys.length - 1 ? "," : "";
    if (key === "machine" || key === "human") {
      const map = state[key] as Record<string, unknown>;
      const ids = Object.keys(map);
      yield `${JSON.stringify(key)}:{`;
      for (let i = 0; i < ids.length; i += ENTRIES_PER_LINE) {
        const slice = ids.slice(i, i + ENTRIES_PER_LINE).map((id) => `${JSON.stringify(id)}:${JSON.stringify(map[id])}`);
        yield `${slice.join(",")}${i + ENTRIES_PER_LINE < ids.length ? "," : ""}`;
      }
      yield `}${comma}`;
    } else {
      yield `${JSON.stringify(key)}:${JSON.stringify(state[key])}${comma}`;
    }
  }
  yield "}";
}
