import { basename, extname, join, resolve } from "node:path";
import { RUN_DEFAULTS, type RunConfig } from "./run-config.js";

/** Layers the config: defaults, then explicit flags (undefined flags dropped so they never mask a default). */
export function mergeConfig(flags: Partial<RunConfig>): RunConfig {
  const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) as Partial<RunConfig>;
  return { ...RUN_DEFAULTS, ...given };
}

export interface RunPaths {
  manifest: string;
  workdir: string;
  queue: string;
  output: string;
  jobName: string;
}

/**
 * Where a run keeps its files; relative paths are taken from `cwd`. `defaultWorkdir` is the work dir
 * found for the manifest (state/find-workdir.ts), used without --workdir. `--output -` is stdout.
 */
export function resolvePaths(manifestArg: string, cfg: Pick<RunConfig, "workdir" | "queue" | "output" | "jobName">, cwd: string, defaultWorkdir: string): RunPaths {
  const manifest = resolve(cwd, manifestArg);
  const stem = basename(manifest, extname(manifest));
  const workdir = cfg.workdir ? resolve(cwd, cfg.workdir) : defaultWorkdir;
  return {
    manifest,
    workdir,
    queue: cfg.queue ? resolve(cwd, cfg.queue) : join(workdir, "queue.jsonl"),
    output: cfg.output === "-" ? "-" : cfg.output ? resolve(cwd, cfg.output) : join(workdir, "output.jsonl"),
    jobName: cfg.jobName ?? (stem.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "al-label"),
  };
}
