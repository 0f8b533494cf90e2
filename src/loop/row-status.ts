import type { ManifestRow } from "../manifest/types.js";
import type { WorkState } from "../state/types.js";

/** Where each row stands (pure, derived from the manifest and the state; never stored). */
export interface RowStatus {
  humanRows: number[];
  humanLabels: Int32Array;
  machineCount: number;
  inputLabeled: number;
  /** rows with no label and no waiting task */
  pool: number[];
  unlabeled: number;
}

export function rowStatus(rows: readonly ManifestRow[], state: WorkState): RowStatus {
  const waiting = new Set(state.pending.map((t) => t.rowId as number));
  const humanRows: number[] = [];
  const humanLabels: number[] = [];
  const pool: number[] = [];
  let machineCount = 0;
  let inputLabeled = 0;
  let unlabeled = 0;
  for (const row of rows) {
    const id = row.rowId as number;
    if (row.label) {
      inputLabeled++;
      // machine labels that came with the input are kept, but neither train nor calibrate
      if (row.label.human) {
        humanRows.push(id);
        humanLabels.push(row.label.index);
      }
      continue;
    }
    const human = state.human[String(id)];
    if (human) {
      humanRows.push(id);
      humanLabels.push(human.label);
    } else if (state.machine[String(id)]) {
      machineCount++;
    } else {
      unlabeled++;
      if (!waiting.has(id)) pool.push(id);
    }
  }
  return { humanRows, humanLabels: Int32Array.from(humanLabels), machineCount, inputLabeled, pool, unlabeled };
}
