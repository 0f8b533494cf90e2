import { EXIT } from "../../errors.js";
import { dropUndefined } from "../../config/train-config.js";
import { pseudoLabelsByDefault, type RunConfig } from "../../config/run-config.js";
import { repeatsRule } from "../../loop/repeats.js";
import { readManifest } from "../../manifest/read.js";
import { runClassifierFactory } from "./run-factory.js";
import type { ClassifierFactory } from "../../classifiers/types.js";
import { runLoop, type LoopResult } from "../../loop/run-loop.js";
import { openWorkdir } from "../../state/open-workdir.js";
import { saveState, stateFile } from "../../state/store.js";
import { prepareRunVectors } from "./run-encoder.js";
import { runSettings } from "./run-settings.js";
import { asIoError } from "../../util/io-error.js";
import type { Reporter } from "../../report/reporter.js";
import { createReporter } from "../../report/reporters.js";
import { groundTruthDate, systemClock, type Clock } from "../../util/clock.js";
import { conflictWarning } from "../../loop/conflicting-duplicates.js";

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

/** `al-label run <manifest>`: one call of the active-learning loop (see docs/loop.md). */
export async function run(manifestArg: string, options: RunOptions = {}): Promise<RunOutcome> {
  const started = performance.now();
  const { cwd = process.cwd(), reporter: givenReporter, clock = systemClock(), factory: givenFactory, ...rawFlags } = options;
  const flags = dropUndefined(rawFlags) as Partial<RunConfig>;
  const { paths, next, prior, settle, resolved, labelsGiven } = await runSettings(manifestArg, flags, cwd);
  const cfg = resolved.config;
  const reporter = givenReporter ?? createReporter({ quiet: cfg.quiet });
  for (const w of resolved.warnings) reporter.warn(w);
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
      maxSourceBytes: cfg.maxSourceBytes,
      onInvalid: cfg.onInvalid,
    });
    for (const w of manifest.warnings) reporter.warn(w);
    // everything above only reads: bad input (exit 65) leaves no work dir and no file changed
    const { state, lock } = await openWorkdir(manifest, paths, { settle, at: groundTruthDate(clock()), onInvalid: cfg.onInvalid }, reporter);
    try {
      // --encoder: checked against the work dir's, and every text encoded once (cached for transformers)
      const vectors = givenFactory ? null : await prepareRunVectors(cfg.encoder, flags.encoder !== undefined, state, manifest, { cacheDir: cfg.cacheDir, threads: cfg.threads, reporter, manifestArg, engine: cfg.engine, onGpuError: cfg.onGpuError, ...(cfg.backend !== undefined ? { backend: cfg.backend } : {}) });
      await saveState(paths.workdir, state);
      const factory = givenFactory ?? (await runClassifierFactory(cfg, resolved.explicit, vectors)).factory; // --model, --engine, --backend
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
          // the default rule depends on whether the models learn from an encoder: the work dir's, once chosen
          repeats: repeatsRule(cfg.repeats, givenFactory ? cfg.encoder !== "none" : vectors !== null, cfg.model),
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
      const conflict = conflictWarning(result.conflicts, paths.manifest);
      if (conflict) reporter.warn(conflict);
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

