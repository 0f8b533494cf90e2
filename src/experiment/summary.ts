import { configOf } from "./grid.js";
import type { CellResult, RoundRow } from "./results.js";

/** A point of a learning curve: mean over seeds with the lowest and highest seed. */
export interface CurvePoint {
  round: number;
  humanLabels: number;
  mean: number;
  low: number;
  high: number;
  /** cells that reached this round with a model */
  n: number;
}

/** One configuration (model, encoder, strategy, policy) over all its seeds. */
export interface ConfigSummary {
  config: string;
  model: string;
  encoder: string;
  strategy: string;
  policy: string;
  cells: number;
  complete: number;
  failed: number;
  /** human labels / rows at the end, per cell (the human share at the target) */
  humanShares: number[];
  meanHumanShare: number | null;
  /** machine labels right against gold at the end, per cell with machine labels */
  machineAccuracies: number[];
  meanMachineAccuracy: number | null;
  minMachineAccuracy: number | null;
  /** cells whose machine labels reached the target */
  metTarget: number;
  /** the last trained round's test accuracy, mean over cells */
  meanFinalTestAccuracy: number | null;
  curve: CurvePoint[];
  /** the cell of this configuration with the lowest human share that met the target (else the lowest) */
  bestCell: string | null;
  rank: number;
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * Per configuration: the end state of its cells, their learning curve (test accuracy against human
 * labels, by round: mean and range over seeds), and the ranking. Ranked first are configurations
 * whose every cell completed with machine labels at the target, by mean human share, then by final
 * test accuracy; then the others by how many cells met the target.
 */
export function summarize(cells: readonly CellResult[], target: number): ConfigSummary[] {
  const groups = new Map<string, { rows: RoundRow[][]; results: CellResult[]; first: RoundRow | undefined; cell: CellResult }>();
  for (const c of cells) {
    const first = c.rounds[0];
    const parts = parseCell(c);
    const config = configOf(parts);
    const g = groups.get(config) ?? { rows: [], results: [], first, cell: c };
    g.rows.push(c.rounds);
    g.results.push(c);
    groups.set(config, g);
  }
  const out: ConfigSummary[] = [];
  for (const [config, g] of groups) {
    const parts = parseCell(g.cell);
    const finished = g.results.filter((r) => r.status !== "failed");
    const humanShares = finished.map((r) => (r.rows > 0 ? r.human / r.rows : 0));
    const accOf = (r: CellResult): number | null => (r.machine > 0 ? r.machineCorrect / r.machine : null);
    const machineAccuracies = finished.map(accOf).filter((a): a is number => a !== null);
    const met = finished.filter((r) => r.status === "complete" && (accOf(r) ?? 1) >= target);
    const finalTest = finished.map((r) => [...r.rounds].reverse().find((x) => x.testAccuracy !== null)?.testAccuracy ?? null).filter((a): a is number => a !== null);
    const byShare = [...finished].sort((a, b) => Number(met.includes(b)) - Number(met.includes(a)) || a.human / Math.max(1, a.rows) - b.human / Math.max(1, b.rows) || a.cellIndex - b.cellIndex);
    out.push({
      config,
      ...parts,
      cells: g.results.length,
      complete: g.results.filter((r) => r.status === "complete").length,
      failed: g.results.length - finished.length,
      humanShares,
      meanHumanShare: mean(humanShares),
      machineAccuracies,
      meanMachineAccuracy: mean(machineAccuracies),
      minMachineAccuracy: machineAccuracies.length ? Math.min(...machineAccuracies) : null,
      metTarget: met.length,
      meanFinalTestAccuracy: mean(finalTest),
      curve: curve(finished.map((r) => r.rounds)),
      bestCell: byShare[0]?.cell ?? null,
      rank: 0,
    });
  }
  const allMet = (s: ConfigSummary): boolean => s.cells > 0 && s.metTarget === s.cells;
  out.sort(
    (a, b) =>
      Number(allMet(b)) - Number(allMet(a)) ||
      (allMet(a) ? 0 : b.metTarget / b.cells - a.metTarget / a.cells) ||
      (a.meanHumanShare ?? 2) - (b.meanHumanShare ?? 2) ||
      (b.meanFinalTestAccuracy ?? -1) - (a.meanFinalTestAccuracy ?? -1) ||
      a.config.localeCompare(b.config),
  );
  out.forEach((s, i) => (s.rank = i + 1));
  return out;
}

/** Learning curve by round: mean, lowest and highest test accuracy over the cells that trained that round. */
export function curve(cells: readonly (readonly RoundRow[])[]): CurvePoint[] {
  const byRound = new Map<number, RoundRow[]>();
  for (const rows of cells) for (const r of rows) if (r.testAccuracy !== null) byRound.set(r.round, [...(byRound.get(r.round) ?? []), r]);
  return [...byRound.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([round, rs]) => {
      const ys = rs.map((r) => r.testAccuracy as number);
      return { round, humanLabels: mean(rs.map((r) => r.humanLabels)) as number, mean: mean(ys) as number, low: Math.min(...ys), high: Math.max(...ys), n: rs.length };
    });
}

/** The grid values of a cell, from its command (a failed cell may have no rounds). */
function parseCell(c: CellResult): { model: string; encoder: string; strategy: string; policy: string } {
  const flag = (name: string, dflt: string): string => {
    const i = c.command.indexOf(name);
    return i >= 0 ? (c.command[i + 1] ?? dflt) : dflt;
  };
  return { model: flag("--model", "dense+nb"), encoder: flag("--encoder", "default"), strategy: flag("--strategy", "margin"), policy: flag("--policy", "al-label") };
}
