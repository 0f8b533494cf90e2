import { DEFAULT_ENCODER, NO_ENCODER, type ExperimentSpec } from "./spec.js";

/** One run of the experiment: a combination of the grid's lists. */
export interface Cell {
  /** folder-safe, stable id: the same settings give the same id in every experiment */
  id: string;
  /** position in grid order (models, encoders, strategies, policies, start seeds, seeds), for sorting */
  index: number;
  model: string;
  encoder: string;
  strategy: string;
  policy: string;
  seed: number;
  /** the start set and test split's seed; null: the manifest's own labeled rows (test split seed 1) */
  startSeed: number | null;
  /** the settings that decide the cell's results: a finished cell is kept on a rerun only if they match */
  key: string;
}

/** Seed of the test split (and start set) for a start seed; the manifest's own labeled rows use 1. */
export const splitSeedOf = (startSeed: number | null): number => startSeed ?? 1;

/** Every cell of the grid, in a fixed order. Settings shared by all cells are part of each cell's key. */
export function expandGrid(spec: ExperimentSpec): Cell[] {
  const cells: Cell[] = [];
  const shared = {
    simulateHumans: spec.simulateHumans,
    targetAccuracy: spec.targetAccuracy,
    batchSize: spec.batchSize,
    bootstrapFraction: spec.bootstrapFraction,
    testFraction: spec.testFraction,
    maxRounds: spec.maxRounds,
    runFlags: spec.runFlags,
  };
  for (const model of spec.models)
    for (const encoder of spec.encoders)
      for (const strategy of spec.strategies)
        for (const policy of spec.policies)
          for (const startSeed of spec.startSeeds ?? [null])
            for (const seed of spec.seeds) {
              const own = { model, encoder, strategy, policy, seed, startSeed };
              const key = JSON.stringify({ ...own, ...shared });
              cells.push({ ...own, index: cells.length, id: cellId(own, key), key });
            }
  return cells;
}

/** e.g. "dense-nb.none.margin.al-label.s1.start1-3f9a1c": readable, plus a hash of the exact settings. */
export function cellId(c: Pick<Cell, "model" | "encoder" | "strategy" | "policy" | "seed" | "startSeed">, key: string): string {
  const safe = (s: string): string => s.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "x";
  const enc = c.encoder === NO_ENCODER ? "none" : safe(c.encoder.split(/[\\/]/).filter(Boolean).pop() ?? c.encoder);
  return [safe(c.model), enc, safe(c.strategy), safe(c.policy), `s${c.seed}`, c.startSeed === null ? "input" : `start${c.startSeed}`, fnv(key)].join(".");
}

/** The configuration a cell tests, seeds aside: cells of one configuration are averaged in the report. */
export function configOf(c: Pick<Cell, "model" | "encoder" | "strategy" | "policy">): string {
  return [c.model, ...(c.encoder === DEFAULT_ENCODER ? [] : [c.encoder]), c.strategy, c.policy].join(" · ");
}

function fnv(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0).toString(16).padStart(8, "0").slice(0, 6);
}
