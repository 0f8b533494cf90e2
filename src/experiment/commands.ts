import type { CellResult } from "./results.js";
import type { ConfigSummary } from "./summary.js";

/** An argument as a POSIX shell reads it back: plain when safe, else single-quoted. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=+@%,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export const commandLine = (argv: readonly string[]): string => ["al-label", ...argv].map(shellQuote).join(" ");

/** Flags of a cell's command that belong to the experiment's copy of the data, not to the user's own run. */
const EXPERIMENT_ONLY = new Set(["--simulate-humans", "--labels", "--workdir", "--cache-dir"]);

/**
 * The best configuration's cell: its exact command as the experiment ran it, and the same settings as
 * a run on the user's own manifest (no simulated people, no experiment work dir).
 */
export function bestCommands(ranked: readonly ConfigSummary[], cells: readonly CellResult[], manifest: string): { cell: string; exact: string[]; ownData: string[] } | null {
  const best = ranked[0];
  const cell = best?.bestCell ? cells.find((c) => c.cell === best.bestCell) : undefined;
  if (!cell) return null;
  const own: string[] = ["run", manifest];
  for (let i = 2; i < cell.command.length; i++) {
    const a = cell.command[i] as string;
    if (EXPERIMENT_ONLY.has(a)) {
      i++;
      continue;
    }
    own.push(a);
  }
  return { cell: cell.cell, exact: cell.command, ownData: own };
}
