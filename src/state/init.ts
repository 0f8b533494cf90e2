import { DataError } from "../errors.js";
import type { Manifest } from "../manifest/types.js";
import { STATE_SCHEMA_VERSION, type WorkState } from "./types.js";
import { stateFile } from "./store.js";

export function newState(manifest: Manifest, labelAttribute: string, seed: number): WorkState {
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    manifest: { path: manifest.path, sha256: manifest.sha256, rows: manifest.rows.length },
    labels: manifest.labels,
    labelAttribute,
    seed,
    round: 0,
    human: {},
    machine: {},
    pending: [],
    skipped: [],
    rounds: [],
  };
}

/** A resumed run must see the manifest and label set the work dir was started with. */
export function checkResumable(state: WorkState, manifest: Manifest, workdir: string): void {
  const file = stateFile(workdir);
  if (state.manifest.sha256 !== manifest.sha256) {
    throw new DataError(
      [{ file: manifest.path, message: `changed since ${workdir} was started (${state.manifest.rows} rows then, ${manifest.rows.length} now). Restore it, or start over with a new --workdir.` }],
      "the manifest changed between runs; nothing was changed",
    );
  }
  if (JSON.stringify(state.labels) !== JSON.stringify(manifest.labels)) {
    throw new DataError([{ file, field: "labels", message: `the work dir was started with labels [${state.labels.join(", ")}], this run has [${manifest.labels.join(", ")}]` }]);
  }
}
