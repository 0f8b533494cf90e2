/** One round of one cell: the experiment's unit of result (CSV row, JSON entry). */
export interface RoundRow {
  cell: string;
  /** grid order, for sorting */
  cellIndex: number;
  model: string;
  encoder: string;
  strategy: string;
  policy: string;
  seed: number;
  startSeed: number | null;
  round: number;
  kind: string;
  /** rows in the cell (its pool: test split left out) */
  rows: number;
  /** human labels the round's model trained on, and their share of the rows */
  humanLabels: number;
  humanShare: number;
  /** tasks the round sent to people */
  queued: number;
  /** machine labels standing after the round, how many of them match gold, and that share (null when none) */
  machineLabels: number;
  machineCorrect: number;
  machineAccuracy: number | null;
  /** the round's saved model on the test split (null: the round trained no model) */
  testAccuracy: number | null;
  /** the lowest model confidence machine-labeled this round */
  threshold: number | null;
  /** wall seconds of the round's `run` (a wall-time column: differs between runs) */
  seconds: number;
}

/** A finished cell: its rounds and its end state. */
export interface CellResult {
  schemaVersion: 1;
  cell: string;
  /** grid order (set from the current grid when a kept result is read again) */
  cellIndex: number;
  key: string;
  status: "complete" | "stopped" | "failed";
  /** exit code of the last run, and its message */
  exitCode: number;
  message: string;
  rows: number;
  human: number;
  machine: number;
  machineCorrect: number;
  rounds: RoundRow[];
  /** the cell's exact `al-label run` command (its own manifest and work dir), as argv after "al-label" */
  command: string[];
  seconds: number;
}

/** Wall-time columns: they differ between runs of the same experiment; everything else is the same. */
export const WALL_COLUMNS: readonly (keyof RoundRow)[] = ["seconds"];

export const CSV_COLUMNS: readonly (keyof RoundRow)[] = [
  "cell", "model", "encoder", "strategy", "policy", "seed", "startSeed", "round", "kind", "rows", "humanLabels", "humanShare", "queued",
  "machineLabels", "machineCorrect", "machineAccuracy", "testAccuracy", "threshold", "seconds",
];

/** Rows sorted by cell (grid order) and round. */
export function sortRows(rows: readonly RoundRow[]): RoundRow[] {
  return [...rows].sort((a, b) => a.cellIndex - b.cellIndex || a.cell.localeCompare(b.cell) || a.round - b.round);
}

/** RFC 4180 CSV: a header, one line per round, fields quoted where they hold a comma, quote or line break. */
export function toCsv(rows: readonly RoundRow[]): string {
  const field = (v: unknown): string => {
    const s = v === null || v === undefined ? "" : typeof v === "number" ? numberText(v) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [CSV_COLUMNS.join(","), ...sortRows(rows).map((r) => CSV_COLUMNS.map((c) => field(r[c])).join(","))];
  return `${lines.join("\n")}\n`;
}

/** Numbers at a fixed precision, so the same results print the same text. */
function numberText(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(6)));
}

/** Results JSON: the settings, every cell's end state, and the round rows (sorted). */
export function toJson(settings: unknown, cells: readonly CellResult[], extra: Record<string, unknown> = {}): string {
  const sorted = [...cells].sort((a, b) => a.cellIndex - b.cellIndex || a.cell.localeCompare(b.cell));
  return `${JSON.stringify(
    {
      schemaVersion: 1,
      settings,
      ...extra,
      cells: sorted.map(({ rounds, ...rest }) => ({ ...rest, rounds: rounds.length })),
      rounds: sortRows(cells.flatMap((c) => c.rounds)),
    },
    null,
    1,
  )}\n`;
}
