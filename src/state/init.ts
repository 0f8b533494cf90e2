import { DataError, type DataIssue } from "../errors.js";
import type { Manifest } from "../manifest/types.js";
import { STATE_SCHEMA_VERSION, type ManifestRecord, type WorkState } from "./types.js";
import { stateFile } from "./store.js";
import { compareFingerprints, rowFingerprints, type RowChange } from "./row-fingerprints.js";

export function manifestRecord(manifest: Manifest): ManifestRecord {
  return { path: manifest.path, sha256: manifest.sha256, rows: manifest.rows.length, rowFingerprints: rowFingerprints(manifest.rows) };
}

export function newState(manifest: Manifest, labelAttribute: string, seed: number): WorkState {
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    manifest: manifestRecord(manifest),
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

/** How a resumed run takes the manifest: as it was, or with changes it can take in (a new record and a note saying what). */
export type Resume = { kind: "same" } | { kind: "updated"; manifest: ManifestRecord; note: string };

/**
 * A resumed run must see the rows and label set the work dir was started with. Rows appended at
 * the end are taken in as new rows; a file whose bytes changed while no row's text or label did
 * (other keys edited, line ends converted) is accepted. Any other change is refused, listing the
 * rows, because row ids are positions: a removed or inserted row would give labels to the wrong rows.
 */
export function checkResumable(state: WorkState, manifest: Manifest, workdir: string): Resume {
  const file = stateFile(workdir);
  if (JSON.stringify(state.labels) !== JSON.stringify(manifest.labels)) {
    throw new DataError(
      [{ file, field: "labels", message: `the work dir was started with labels [${state.labels.join(", ")}], this run has [${manifest.labels.join(", ")}]` }],
      "the label set changed between runs; nothing was changed",
    );
  }
  if (state.manifest.sha256 === manifest.sha256) return { kind: "same" };
  const refuse = (issues: DataIssue[], counts: string): never => {
    throw new DataError(
      issues,
      `${manifest.path} changed since ${workdir} was started (${counts}); nothing was changed. Only rows added at the end can be taken in: restore the manifest, or start over with a new --workdir.`,
    );
  };
  if (state.manifest.rowFingerprints === undefined) {
    return refuse([{ file: manifest.path, message: `the work dir predates per-row fingerprints, so the change cannot be narrowed down` }], `${state.manifest.rows} rows then, ${manifest.rows.length} now`);
  }
  const now = manifestRecord(manifest);
  const cmp = compareFingerprints(state.manifest.rowFingerprints, now.rowFingerprints ?? "");
  if (cmp.kind === "same") {
    return { kind: "updated", manifest: now, note: `${manifest.path} changed since the work dir was started, but no row's text or label did; continuing (other keys are copied from the file as it is now)` };
  }
  if (cmp.kind === "appended") {
    const first = manifest.rows[cmp.from];
    const labeled = manifest.rows.slice(cmp.from).filter((r) => r.label).length;
    return {
      kind: "updated",
      manifest: now,
      note: `${manifest.path}: ${cmp.count} row(s) appended since the work dir was started (from line ${first?.line ?? "?"}${labeled ? `; ${labeled} of them labeled` : ""}); they are taken in as new rows`,
    };
  }
  const issues = cmp.changes.map((c) => changeIssue(c, manifest, state));
  const n = (kind: RowChange["kind"]): number => cmp.changes.filter((c) => c.kind === kind).length;
  return refuse(issues, `${n("edited")} row(s) edited, ${n("inserted")} inserted, ${n("removed")} removed${n("moved") ? ", rows reordered" : ""}`);
}

function changeIssue(c: RowChange, manifest: Manifest, state: WorkState): DataIssue {
  const file = manifest.path;
  switch (c.kind) {
    case "edited":
      return {
        file,
        line: manifest.rows[c.row]?.line,
        field: c.field === "text" ? "source" : state.labelAttribute,
        message: c.field === "text" ? "text edited since the work dir was started" : "input label edited since the work dir was started",
      };
    case "inserted":
      return { file, line: manifest.rows[c.row]?.line, message: "row inserted before the end since the work dir was started" };
    case "removed":
      return { file, message: `row ${c.oldRow + 1} of the manifest the work dir was started with is gone` };
    case "moved":
      return { file, line: manifest.rows[c.row]?.line, message: `${c.count} row(s) are in another order than when the work dir was started, the first here` };
  }
}
