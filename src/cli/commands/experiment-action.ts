import { terminalLine } from "../../util/terminal-text.js";
import { runningChildren } from "../../experiment/cell-runner.js";
import { progressLine } from "../../experiment/progress.js";
import { experiment } from "./experiment.js";

/** Wires `experiment`'s flags to experiment(), shows progress on stderr and prints the result. */
export async function experimentCommand(manifest: string, raw: Record<string, unknown>): Promise<number> {
  // a Ctrl-C or kill stops the cells' runs too; finished cells stay, a rerun goes on from them
  const stop = (signal: NodeJS.Signals): void => {
    for (const child of runningChildren) child.kill("SIGTERM");
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  let lastLine = "";
  const r = await experiment(manifest, raw, {
    progress: raw.quiet
      ? undefined
      : (p, seconds) => {
          const line = progressLine(p, seconds);
          if (line.replace(/\(\d+ s\)$/, "") === lastLine) return;
          lastLine = line.replace(/\(\d+ s\)$/, "");
          process.stderr.write(`${line}\n`);
        },
  });
  if (raw.json) {
    process.stdout.write(
      `${JSON.stringify({
        status: r.failed > 0 ? "failed" : "complete",
        exitCode: r.exitCode,
        cells: r.cells.length,
        failed: r.failed,
        out: r.out,
        csv: r.csv,
        json: r.json,
        html: r.html,
        seconds: Math.round(r.seconds * 1000) / 1000,
        manifestRows: r.manifestRows,
        goldRows: r.goldRows,
        best: r.ranked[0] ? { config: r.ranked[0].config, cell: r.ranked[0].bestCell, meanHumanShare: r.ranked[0].meanHumanShare, meanMachineAccuracy: r.ranked[0].meanMachineAccuracy } : null,
        message: r.message,
      })}\n`,
    );
  } else if (!raw.quiet) {
    const best = r.ranked[0];
    const pilot = r.goldRows < r.manifestRows ? [`gold labels on ${r.goldRows} of ${r.manifestRows} rows: the experiment ran on that pilot subset`] : [];
    const lines = [r.message, ...pilot, `results: ${r.csv}`, `         ${r.json}`, `report:  ${r.html}`];
    if (best) lines.push(`best: ${best.config}: human share ${best.meanHumanShare === null ? "–" : `${(100 * best.meanHumanShare).toFixed(1)}%`}, machine labels right ${best.meanMachineAccuracy === null ? "–" : `${(100 * best.meanMachineAccuracy).toFixed(1)}%`}`);
    process.stdout.write(`${lines.map((l) => terminalLine(l, 1000)).join("\n")}\n`);
  }
  return r.exitCode;
}
