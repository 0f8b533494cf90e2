import type { Manifest } from "../manifest/types.js";
import { carveTestSplit, drawStart } from "./split.js";

/** The rows an experiment can use: those with a gold label, as label names. */
export interface GoldRows {
  labels: string[];
  /** manifest row index of each usable row */
  rows: number[];
  text: string[];
  gold: string[];
  /** rows of the manifest in all; more than rows.length when gold covers only a pilot subset */
  manifestRows: number;
  /** input label (index into labels) of each usable row, or -1 */
  inputLabel: number[];
  /** label-set problems: gold values that are not labels of a fixed label set */
  unknownGold: string[];
}

/**
 * Rows with a gold value (the pilot subset when not every row has one). Numbers are label indices,
 * as --simulate-humans reads them. A label set found on the rows is widened by gold values it lacks
 * (a class nobody labeled yet is still a class); a fixed one (--labels) is not, and such gold values
 * are returned as problems.
 */
export function goldRows(manifest: Manifest): GoldRows {
  const labels = [...manifest.labels];
  const widen = manifest.labelSource === "rows";
  const name = (g: string | number | undefined): string | null => {
    if (g === undefined || g === null || g === "") return null;
    if (typeof g === "number") return labels[g] ?? null;
    return String(g);
  };
  const extra = new Set<string>();
  for (const r of manifest.rows) {
    const g = name(r.gold);
    if (g !== null && !labels.includes(g)) extra.add(g);
  }
  const unknownGold = widen ? [] : [...extra];
  if (widen) labels.push(...[...extra].sort());
  const out: GoldRows = { labels, rows: [], text: [], gold: [], manifestRows: manifest.rows.length, inputLabel: [], unknownGold };
  manifest.rows.forEach((r, i) => {
    const g = name(r.gold);
    if (g === null || !labels.includes(g)) return;
    out.rows.push(i);
    out.text.push(r.text);
    out.gold.push(g);
    out.inputLabel.push(r.label?.human ? r.label.index : -1);
  });
  return out;
}

export interface CellData {
  /** JSON Lines of the cell's manifest: the pool rows only, start rows labeled as Ground Truth writes them */
  manifestLines: string[];
  /** the test split, as {text, gold} JSON Lines (never given to run) */
  testLines: string[];
  poolSize: number;
  startLabeled: number;
  /** indices into GoldRows of the pool (cell manifest row i = gold row pool[i]) and of the test split */
  pool: number[];
  test: number[];
}

/** Label attribute of every cell manifest (run's default, so cells need no --label-attribute). */
export const CELL_LABEL_ATTRIBUTE = "category";

/**
 * A cell's data for a start seed: the test split carved out by the seed, the rest written as a
 * manifest whose labeled rows are a fresh random draw (start seed given) or the input's own labels.
 */
export function cellData(g: GoldRows, opts: { goldField: string; testFraction: number; bootstrapFraction: number; startSeed: number | null; jobName: string }): CellData {
  const all = g.gold.map((_, i) => i);
  const split = carveTestSplit(all, opts.testFraction, opts.startSeed ?? 1);
  const start = opts.startSeed === null ? null : new Set(drawStart(split.pool, opts.bootstrapFraction, opts.startSeed));
  let startLabeled = 0;
  const manifestLines = split.pool.map((i) => {
    const obj: Record<string, unknown> = { source: g.text[i], [opts.goldField]: g.gold[i] };
    const label = start ? (start.has(i) ? g.labels.indexOf(g.gold[i] as string) : -1) : (g.inputLabel[i] ?? -1);
    if (label >= 0) {
      startLabeled++;
      obj[CELL_LABEL_ATTRIBUTE] = label;
      obj[`${CELL_LABEL_ATTRIBUTE}-metadata`] = {
        "class-name": g.labels[label],
        confidence: 1,
        "human-annotated": "yes",
        type: "groundtruth/text-classification",
        "job-name": `labeling-job/${opts.jobName}`,
        "creation-date": "2026-01-01T00:00:00.000000",
      };
    }
    return JSON.stringify(obj);
  });
  const testLines = split.test.map((i) => JSON.stringify({ source: g.text[i], [opts.goldField]: g.gold[i] }));
  return { manifestLines, testLines, poolSize: split.pool.length, startLabeled, pool: split.pool, test: split.test };
}

/** The label-category file every cell's run reads with --labels, so label indices mean the same in all cells. */
export function labelsFile(labels: readonly string[]): string {
  return `${JSON.stringify({ "document-version": "2018-11-28", labels: labels.map((label) => ({ label })) }, null, 2)}\n`;
}
