import type { WorkState } from "../../src/state/types.js";

/** A work-dir state for tests: a two-label manifest, nothing labeled yet; `over` sets the rest. */
export function workState(over: Partial<WorkState>): WorkState {
  return {
    schemaVersion: 1,
    manifest: { path: "m.jsonl", sha256: "x", rows: 100 },
    labels: ["a", "b"],
    labelAttribute: "category",
    seed: 1,
    round: 1,
    human: {},
    machine: {},
    pending: [],
    rounds: [],
    ...over,
  };
}
