import { basename, dirname } from "node:path";
import type { Manifest } from "../manifest/types.js";
import type { Reporter } from "../report/reporter.js";
import { removeStaleTemps } from "../util/stale-temps.js";
import { checkResumable, newState } from "./init.js";
import { writeInvalidRows } from "./invalid-rows.js";
import { acquireLock, type Lock } from "./lock.js";
import { loadState, saveState } from "./store.js";
import type { WorkState } from "./types.js";
import type { Resolved } from "../config/sticky.js";

/** Stores a resumed run's settings and records what changed, with the round; true when the state changed. */
function applySettings(state: WorkState, r: Resolved, at: string): boolean {
  const before = JSON.stringify([state.settings, state.seed]);
  state.settings = r.store;
  state.seed = r.config.seed;
  if (r.changes.length > 0) state.settingChanges = [...(state.settingChanges ?? []), ...r.changes.map((c) => ({ round: state.round, at, ...c }))];
  return r.changes.length > 0 || JSON.stringify([state.settings, state.seed]) !== before;
}

export interface WorkdirPaths {
  workdir: string;
  queue: string;
  output: string;
}

/**
 * Opens the work dir for a run: checks the manifest against it, takes the lock, loads or starts the
 * state. The check runs once before the lock, so a refused run writes nothing at all (no lock file,
 * no work dir), and once more under the lock, as the state may have moved on in between.
 */
export interface OpenSettings {
  /** this run's settings against a state (config/sticky.ts): throws on a contradicting flag */
  settle: (state: WorkState | null) => Resolved;
  /** Ground Truth date for recorded setting changes */
  at: string;
  onInvalid: "fail" | "skip";
}

export async function openWorkdir(manifest: Manifest, paths: WorkdirPaths, settings: OpenSettings, reporter: Reporter): Promise<{ state: WorkState; lock: Lock }> {
  const prior = await loadState(paths.workdir);
  if (prior) checkResumable(prior, manifest, paths.workdir);
  const lock = await acquireLock(paths.workdir);
  try {
    let state = await loadState(paths.workdir);
    if (state) {
      const resume = checkResumable(state, manifest, paths.workdir);
      const settled = applySettings(state, settings.settle(state), settings.at);
      if (resume.kind === "updated") {
        state.manifest = resume.manifest;
        reporter.warn(resume.note);
      }
      if (resume.kind === "updated" || settled) await saveState(paths.workdir, state);
    } else {
      const { config, store } = settings.settle(null);
      state = newState(manifest, config.labelAttribute, config.seed);
      state.settings = store;
      await saveState(paths.workdir, state);
    }
    // a killed run's half-written temporary files; no other run can be writing here now
    await removeStaleTemps(paths.workdir);
    if (paths.output !== "-") await removeStaleTemps(dirname(paths.output), basename(paths.output));
    await removeStaleTemps(dirname(paths.queue), basename(paths.queue));
    if (settings.onInvalid === "skip") {
      const file = await writeInvalidRows(paths.workdir, manifest.invalid ?? []);
      if ((manifest.invalid ?? []).length > 0) reporter.warn(`the skipped rows are listed in ${file}`);
    }
    return { state, lock };
  } catch (err) {
    await lock.release();
    throw err;
  }
}
