import { mkdir, readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { DataError, UsageError } from "../../errors.js";
import { checkLabelAttribute } from "../../manifest/check-attribute.js";
import { readLabelsOption } from "../../manifest/label-set.js";
import { readManifest } from "../../manifest/read.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { systemClock, type Clock } from "../../util/clock.js";
import { VERSION } from "../../version.js";
import { cellData, goldRows, labelsFile, type CellData } from "../../experiment/cell-data.js";
import { runCell, resetCell, type CellInput } from "../../experiment/cell-runner.js";
import { bestCommands } from "../../experiment/commands.js";
import { expandGrid, type Cell } from "../../experiment/grid.js";
import { renderExperimentHtml } from "../../experiment/report-html.js";
import { toCsv, toJson, type CellResult } from "../../experiment/results.js";
import { runCells, type Progress } from "../../experiment/scheduler.js";
import { buildSpec, type ExperimentSpec } from "../../experiment/spec.js";
import { summarize, type ConfigSummary } from "../../experiment/summary.js";

export interface ExperimentOptions {
  cwd?: string;
  clock?: Clock;
  /** progress lines (default: none) */
  progress?: (p: Progress, seconds: number) => void;
  /** plays one cell (default: `al-label run` child processes); tests give a fake */
  runner?: (input: CellInput) => Promise<CellResult>;
}

export interface ExperimentOutcome {
  exitCode: number;
  out: string;
  csv: string;
  json: string;
  html: string;
  cells: CellResult[];
  ranked: ConfigSummary[];
  failed: number;
  seconds: number;
  message: string;
  /** rows of the manifest, and those with gold the experiment ran on (fewer: a pilot subset) */
  manifestRows: number;
  goldRows: number;
}

/** Default experiment folder: beside the manifest, named after it (as run's work dir). */
export function defaultOut(manifest: string): string {
  return join(dirname(manifest), `${basename(manifest, extname(manifest))}.experiment`);
}

/**
 * `al-label experiment <manifest> --simulate-humans <field>`: every cell of the grid is a real run in
 * its own work dir, run in parallel; finished cells are kept across a killed and rerun experiment.
 * Writes results.csv, results.json and report.html into the experiment folder.
 */
export async function experiment(manifestArg: string, raw: Record<string, unknown>, opts: ExperimentOptions = {}): Promise<ExperimentOutcome> {
  const started = performance.now();
  const cwd = opts.cwd ?? process.cwd();
  const specFile = typeof raw.spec === "string" ? await readSpec(resolve(cwd, raw.spec)) : undefined;
  const spec = buildSpec(specFile, raw, typeof raw.spec === "string" ? `--spec ${raw.spec}` : "--spec");
  const jobs = raw.jobs === undefined ? availableParallelism() : Number(raw.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs must be an integer from 1 to 256, got ${JSON.stringify(raw.jobs)}`);
  const labelAttribute = typeof raw.labelAttribute === "string" ? raw.labelAttribute : "category";
  checkLabelAttribute(labelAttribute);
  const manifestPath = resolve(cwd, manifestArg);
  const manifest = await readManifest({
    path: manifestPath,
    labelAttribute,
    labels: typeof raw.labels === "string" ? await readLabelsOption(raw.labels) : undefined,
    textColumn: raw.textColumn as string | undefined,
    labelColumn: raw.labelColumn as string | undefined,
    goldField: spec.simulateHumans,
  });
  const gold = goldRows(manifest);
  if (gold.unknownGold.length > 0) throw new DataError([{ file: manifestPath, field: spec.simulateHumans, message: `gold value(s) ${gold.unknownGold.slice(0, 5).map((g) => JSON.stringify(g)).join(", ")} are not in the label set` }]);
  if (gold.rows.length < 20) throw new DataError([{ file: manifestPath, field: spec.simulateHumans, message: `only ${gold.rows.length} row(s) carry a gold label in "${spec.simulateHumans}"; an experiment needs at least 20` }]);

  const out = typeof raw.out === "string" ? resolve(cwd, raw.out) : defaultOut(manifestPath);
  await mkdir(out, { recursive: true });
  await writeIfChanged(join(out, "experiment.json"), `${JSON.stringify({ schemaVersion: 1, manifest: manifestPath, spec }, null, 2)}\n`);
  const labelsPath = join(out, "data", "labels.json");
  await writeIfChanged(labelsPath, labelsFile(gold.labels));
  const data = new Map<number | null, { data: CellData; manifest: string }>();
  for (const startSeed of spec.startSeeds ?? [null]) {
    const d = cellData(gold, { goldField: spec.simulateHumans, testFraction: spec.testFraction, bootstrapFraction: spec.bootstrapFraction, startSeed, jobName: basename(manifestPath, extname(manifestPath)) });
    const dir = join(out, "data", startSeed === null ? "input" : `start-${startSeed}`);
    await writeIfChanged(join(dir, "manifest.jsonl"), `${d.manifestLines.join("\n")}\n`);
    await writeIfChanged(join(dir, "test.jsonl"), `${d.testLines.join("\n")}\n`);
    data.set(startSeed, { data: d, manifest: join(dir, "manifest.jsonl") });
  }

  const cells = expandGrid(spec);
  const cellDir = (c: Cell): string => join(out, "cells", c.id);
  const inputOf = (c: Cell): CellInput => {
    const d = data.get(c.startSeed) as { data: CellData; manifest: string };
    return {
      cell: c,
      spec,
      paths: { manifest: d.manifest, labels: labelsPath, workdir: join(cellDir(c), "work"), cache: join(out, "vector-cache") },
      labels: gold.labels,
      goldOfRow: d.data.pool.map((i) => gold.gold[i] as string),
      test: { text: d.data.test.map((i) => gold.text[i] as string), gold: d.data.test.map((i) => gold.gold[i] as string) },
    };
  };
  const runner = opts.runner ?? runCell;
  const results = await runCells(cells, {
    jobs,
    load: async (c) => {
      const text = await readFile(join(cellDir(c), "result.json"), "utf8").catch(() => null);
      if (text === null) return null;
      try {
        return JSON.parse(text) as CellResult;
      } catch {
        return null;
      }
    },
    reset: (c) => resetCell(cellDir(c), join(cellDir(c), "work")),
    run: async (c) => {
      try {
        return await runner(inputOf(c));
      } catch (err) {
        return failedResult(c, err);
      }
    },
    save: (c, r) => writeFileAtomic(join(cellDir(c), "result.json"), `${JSON.stringify(r)}\n`),
    progress: (p) => opts.progress?.(p, (performance.now() - started) / 1000),
  });

  const ranked = summarize(results, spec.targetAccuracy);
  const first = data.values().next().value as { data: CellData };
  const seconds = (performance.now() - started) / 1000;
  const files = { csv: join(out, "results.csv"), json: join(out, "results.json"), html: join(out, "report.html") };
  await writeFileAtomic(files.csv, toCsv(results.flatMap((r) => r.rounds)));
  await writeFileAtomic(files.json, toJson(spec, results, { manifest: manifestPath, manifestRows: gold.manifestRows, goldRows: gold.rows.length, poolRows: first.data.poolSize, testRows: first.data.test.length, labels: gold.labels, ranking: ranked.map(({ curve: _curve, ...s }) => s) }));
  await writeFileAtomic(
    files.html,
    renderExperimentHtml({
      manifest: manifestPath,
      spec,
      manifestRows: gold.manifestRows,
      goldRows: gold.rows.length,
      poolRows: first.data.poolSize,
      testRows: first.data.test.length,
      labels: gold.labels,
      cells: results,
      ranked,
      best: bestCommands(ranked, results, manifestArg),
      version: VERSION,
      generatedAt: (opts.clock ?? systemClock())().toISOString(),
      seconds,
    }),
  );
  const failed = results.filter((r) => r.status === "failed").length;
  const message = failed > 0 ? `${failed} of ${results.length} cell(s) failed (see ${files.html}); rerun the same command to retry them` : `${results.length} cell(s) done in ${seconds.toFixed(1)} s`;
  return { exitCode: failed > 0 ? 4 : 0, out, ...files, cells: results, ranked, failed, seconds, message, manifestRows: gold.manifestRows, goldRows: gold.rows.length };
}

async function readSpec(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new UsageError(`--spec: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`--spec ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Data files are rewritten only when their content changed, so a rerun leaves finished cells' inputs as they were. */
async function writeIfChanged(path: string, text: string): Promise<void> {
  const old = await readFile(path, "utf8").catch(() => null);
  if (old !== text) await writeFileAtomic(path, text);
}

function failedResult(c: Cell, err: unknown): CellResult {
  return { schemaVersion: 1, cell: c.id, cellIndex: c.index, key: c.key, status: "failed", exitCode: 1, message: err instanceof Error ? err.message : String(err), rows: 0, human: 0, machine: 0, machineCorrect: 0, rounds: [], command: [], seconds: 0 };
}

export type { ExperimentSpec };
