import PQueue from "p-queue";
import type { Cell } from "./grid.js";
import type { CellResult } from "./results.js";

export interface Progress {
  total: number;
  done: number;
  /** of done: kept from an earlier, killed experiment */
  kept: number;
  running: number;
  left: number;
  failed: number;
}

/** The I/O the scheduler does, as seams: tests give fakes. */
export interface SchedulerDeps {
  jobs: number;
  /** the cell's saved result, or null */
  load(cell: Cell): Promise<CellResult | null>;
  /** clears what an unfinished cell left (and stops a run a killed experiment left behind) */
  reset(cell: Cell): Promise<void>;
  run(cell: Cell): Promise<CellResult>;
  /** writes the result atomically: a cell counts as finished only once this returns */
  save(cell: Cell, result: CellResult): Promise<void>;
  progress?(p: Progress): void;
}

/** A saved result is kept when it is for the same settings and did not fail; anything else runs again. */
export function keep(cell: Cell, saved: CellResult | null): saved is CellResult {
  return saved !== null && saved.key === cell.key && saved.status !== "failed";
}

/**
 * Runs every cell not finished before, `jobs` at a time, and returns all results in grid order.
 * Finished cells are kept as they are (their grid position refreshed); unfinished ones start over.
 */
export async function runCells(cells: readonly Cell[], deps: SchedulerDeps): Promise<CellResult[]> {
  const results = new Map<string, CellResult>();
  const todo: Cell[] = [];
  for (const cell of cells) {
    const saved = await deps.load(cell);
    if (keep(cell, saved)) results.set(cell.id, { ...saved, cellIndex: cell.index, rounds: saved.rounds.map((r) => ({ ...r, cellIndex: cell.index })) });
    else todo.push(cell);
  }
  const p: Progress = { total: cells.length, done: results.size, kept: results.size, running: 0, left: todo.length, failed: 0 };
  const tell = (): void => deps.progress?.({ ...p });
  tell();
  const queue = new PQueue({ concurrency: Math.max(1, deps.jobs) });
  await Promise.all(
    todo.map((cell) =>
      queue.add(async () => {
        p.left--;
        p.running++;
        tell();
        try {
          await deps.reset(cell);
          const r = await deps.run(cell);
          await deps.save(cell, r);
          results.set(cell.id, r);
          if (r.status === "failed") p.failed++;
        } finally {
          p.running--;
          p.done++;
          tell();
        }
      }),
    ),
  );
  return cells.map((c) => results.get(c.id)).filter((r): r is CellResult => r !== undefined);
}
