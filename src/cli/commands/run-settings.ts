import { resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { resolvePaths, type RunPaths } from "../../config/resolve.js";
import { RUN_DEFAULTS, repeatsOfUnsetStore, type RunConfig } from "../../config/run-config.js";
import { checkLabelsFlag, resolveSettings, type Resolved } from "../../config/sticky.js";
import { readCsvHeader } from "../../inputs/csv-header.js";
import { checkLabelAttribute } from "../../manifest/check-attribute.js";
import { readLabelsOption } from "../../manifest/label-set.js";
import { detectFormat } from "../../manifest/read.js";
import { findWorkdir } from "../../state/find-workdir.js";
import { nextRunCommand } from "../../state/next-command.js";
import { loadState, stateFile } from "../../state/store.js";
import type { WorkState } from "../../state/types.js";
import { createStrategy } from "../../strategies/index.js";

export interface RunSettings {
  paths: RunPaths;
  /** the command that continues this work dir */
  next: string;
  /** the work dir's state before this run (null: a new work dir); read only */
  prior: WorkState | null;
  /** this run's settings against a state: again under the lock, where the state may have moved on */
  settle: (state: WorkState | null) => Resolved;
  resolved: Resolved;
  labelsGiven?: { labels: string[]; source: "flag" | "file" };
}

/**
 * Everything `run` decides before it reads the manifest, reading only: where the work dir is, and the
 * settings (stored by the first run, used by later ones: config/sticky.ts). Every refusal here is a
 * usage error (exit 2) and leaves every file as it was.
 */
export async function runSettings(manifestArg: string, flags: Partial<RunConfig>, cwd: string): Promise<RunSettings> {
  if (manifestArg === "-") {
    throw new UsageError("run cannot read its manifest from stdin (-): every later run and the output re-read it. Save it to a file and give that file's path");
  }
  const manifestPath = resolve(cwd, manifestArg);
  const paths = resolvePaths(manifestArg, flags, cwd, flags.workdir ? resolve(cwd, flags.workdir) : await findWorkdir(manifestPath));
  const next = nextRunCommand(paths.manifest, paths.workdir, { queue: paths.queue, output: paths.output });
  const prior = await loadState(paths.workdir);
  const given: Partial<RunConfig> = { ...flags };
  if (given.format === undefined && prior === null) given.format = detectFormat(manifestPath); // a new work dir stores the format it read
  const settle = (state: WorkState | null): Resolved =>
    resolveSettings({
      given,
      stored: state?.settings && state.settings.repeats === null ? { ...state.settings, repeats: repeatsOfUnsetStore(state.encoder, given.encoder ?? RUN_DEFAULTS.encoder) } : state?.settings,
      legacy: state !== null && state.settings === undefined,
      fromState: state ? { labelAttribute: state.labelAttribute, seed: state.seed } : undefined,
      next,
      stateFile: stateFile(paths.workdir),
    });
  const resolved = settle(prior);
  const cfg = resolved.config;
  checkLabelAttribute(cfg.labelAttribute);
  createStrategy(cfg.strategy); // an unknown name is a usage error before anything is read or written
  const labelsGiven = flags.labels !== undefined ? await readLabelsOption(flags.labels) : undefined;
  if (prior) checkLabelsFlag(labelsGiven?.labels, prior.labels, { next, stateFile: stateFile(paths.workdir) });
  if (detectFormat(manifestPath, cfg.format) === "csv" && cfg.labelColumn === undefined) await checkUnnamedLabelColumn(manifestPath);
  return { paths, next, prior, settle, resolved, labelsGiven };
}

/**
 * `run` has no default --label-column (a CSV's labels are taken only when asked for): a CSV with a
 * `label` column and no --label-column is refused rather than silently read as unlabeled.
 */
async function checkUnnamedLabelColumn(path: string): Promise<void> {
  const header = await readCsvHeader(path).catch(() => [] as string[]); // a missing file is reported by readManifest
  if (!header.includes("label")) return;
  throw new UsageError(
    `${path} has a "label" column, but --label-column was not given, so its values would be ignored: pass --label-column label to take them as known labels (an empty cell is unlabeled), or --label-column "" to leave the column out`,
  );
}
