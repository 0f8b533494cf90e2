import { createRng, deriveSeed, shuffled } from "../util/random.js";

export interface Split {
  /** rows (indices into the rows given) the cells learn from, in file order */
  pool: number[];
  /** rows held out: never queried or labeled, every round's model is scored on them; in file order */
  test: number[];
}

/**
 * Carves `fraction` of the rows out as the test split, by seed: the same rows and seed give the same
 * split, and the two parts are disjoint and cover every row. At least one row stays in the pool.
 */
export function carveTestSplit(rows: readonly number[], fraction: number, seed: number): Split {
  const take = Math.min(Math.max(0, rows.length - 1), Math.round(fraction * rows.length));
  const order = shuffled(rows, createRng(deriveSeed(seed, "experiment-test-split")));
  const test = new Set(order.slice(0, take));
  return { pool: rows.filter((r) => !test.has(r)), test: rows.filter((r) => test.has(r)) };
}

/** A fresh random start: ceil(fraction x pool) pool rows whose gold label the cell starts with; in file order. */
export function drawStart(pool: readonly number[], fraction: number, seed: number): number[] {
  const take = Math.min(pool.length, Math.ceil(fraction * pool.length));
  const picked = new Set(shuffled(pool, createRng(deriveSeed(seed, "experiment-start"))).slice(0, take));
  return pool.filter((r) => picked.has(r));
}
