import { EXIT } from "../../errors.js";
import { resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { resolvePaths } from "../../config/resolve.js";
import { dropUndefined } from "../../config/train-config.js";
import { checkLabelsFlag, resolveSettings, type Resolved } from "../../config/sticky.js";
import { detectFormat } from "../../manifest/read.js";
import { readCsvHeader } from "../../inputs/csv-header.js";
import { findWorkdir } from "../../state/find-workdir.js";
import { nextRunCommand } from "../../state/next-command.js";
import type { WorkState } from "../../state/types.js";
import { pseudoLabelsByDefault, type RunConfig } from "../../config/run-config.js";
import { readManifest } from "../../manifest/read.js";
import { readLabelsOption } from "../../manifest/label-set.js";
import { createStrategy } from "../../strategies/index.js";
import { checkLabelAttribute } from "../../manifest/check-attribute.js";
import { runClassifierFactory } from "./run-factory.js";
import type { ClassifierFactory } from "../../classifiers/types.js";
import { runLoop, type LoopResult } from "../../loop/run-loop.js";
import { openWorkdir } from "../../state/open-workdir.js";
import { loadState, stateFile } from "../../state/store.js";
import { asIoError } from "../../util/io-error.js";
import type { Reporter } from "../../report/reporter.js";
import { createReporter } from "../../report/reporters.js";
import { groundTruthDate, systemClock, type Clock } from "../../util/clock.js";

export interface RunOptions extends Partial<RunConfig> {
  cwd?: string;
  reporter?: Reporter;
  clock?: Clock;
  factory?: ClassifierFactory;
}

export interface RunOutcome {
  exitCode: number;
  result: LoopResult & { seconds: number; model: string };
}

/** `al-label run <manifest>`: one call of the active-learning loop (see README). */
export async function run(manifestArg: string, options: RunOptions = {}): Promise<RunOutcome> {
  const started = performance.now();
  const { cwd = process.cwd(), reporter: givenReporter, clock = systemClock(), factory: givenFactory, ...rawFlags } = options;
  const flags = dropUndefined(rawFlags) as Partial<RunConfig>;
  if (manifestArg === "-") {
    throw new UsageError("run cannot read its manifest from stdin (-): every later run and the output re-read it. Save it to a file and give that file's path");
  }
  const manifestPath = resolve(cwd, manifestArg);
  const paths = resolvePaths(manifestArg, flags, cwd, flags.workdir ? resolve(cwd, flags.workdir) : await findWorkdir(manifestPath));
  const next = nextRunCommand(paths.manifest, paths.workdir, { queue: paths.queue, output: paths.output });
  // the settings: stored by the first run, used by later ones (config/sticky.ts); read only so far
  const prior = await loadState(paths.workdir);
  const given: Partial<RunConfig> = { ...flags };
  if (given.format === undefined && prior === null) given.format = detectFormat(manifestPath); // a new work dir stores the format it read
  const settle = (state: WorkState | null): Resolved =>
    resolveSettings({
      given,
      stored: state?.settings,
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
  const reporter = givenReporter ?? createReporter({ quiet: cfg.quiet });
  for (const w of resolved.warnings) reporter.warn(w);
  const factory = givenFactory ?? (await runClassifierFactory(cfg, resolved.explicit)).factory; // --model, --engine, --backend
  // the AWS sample's rules (--policy sagemaker-sample) train on human labels only
  const pseudoLabels = cfg.policy === "al-label" && pseudoLabelsByDefault(cfg);
  try {
    reporter.step(`reading ${paths.manifest}`);
    const manifest = await readManifest({
      path: paths.manifest,
      format: cfg.format,
      labelAttribute: cfg.labelAttribute,
      labels: labelsGiven ?? (prior ? { labels: prior.labels, source: "flag" } : undefined),
      textColumn: cfg.textColumn,
      labelColumn: cfg.labelColumn === "" ? undefined : cfg.labelColumn,
      goldField: cfg.simulateHumans,
      allowSourceRefOutside: cfg.allowSourceRefOutside,
      onInvalid: cfg.onInvalid,
    });
    for (const w of manifest.warnings) reporter.warn(w);
    // everything above only reads: bad input (exit 65) leaves no work dir and no file changed
    const { state, lock } = await openWorkdir(manifest, paths, { settle, at: groundTruthDate(clock()), onInvalid: cfg.onInvalid }, reporter);
    try {
      const result = await runLoop(
        manifest,
        state,
        {
          workdir: paths.workdir,
          queuePath: paths.queue,
          outputPath: paths.output,
          jobName: paths.jobName,
          labelAttribute: cfg.labelAttribute,
          textColumn: cfg.textColumn,
          simulateHumans: cfg.simulateHumans,
          targetAccuracy: cfg.targetAccuracy,
          confidence: cfg.confidence,
          batchSize: cfg.batchSize ?? Math.max(1, Math.floor(manifest.rows.length / 20)),
          bootstrapFraction: cfg.bootstrapFraction,
          folds: cfg.folds,
          repeats: cfg.repeats,
          auditRate: cfg.auditRate,
          selfTraining: cfg.selfTraining,
          pseudoLabels,
          strategy: cfg.strategy,
          maxHuman: cfg.maxHuman,
          policy: cfg.policy,
          maxRounds: cfg.maxRounds,
          seed: state.seed,
          next,
        },
        { factory, reporter, clock },
      );
      const exitCode = result.status === "complete" ? EXIT.ok : result.status === "waiting" ? EXIT.waitingForHumans : EXIT.stopped;
      const model = `${factory.describe()}, pseudo-labels ${pseudoLabels ? "on" : "off"}`;
      return { exitCode, result: { ...result, seconds: (performance.now() - started) / 1000, model } };
    } finally {
      await lock.release();
    }
  } catch (err) {
    throw asIoError(err, stateFile(paths.workdir));
  } finally {
    reporter.stop();
  }
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
