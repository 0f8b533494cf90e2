import { pct, int } from "../report/format.js";
import { lineChart, type Series } from "../report/svg-charts.js";
import { escapeHtml } from "../util/terminal-text.js";
import { commandLine } from "./commands.js";
import type { CellResult } from "./results.js";
import type { ExperimentSpec } from "./spec.js";
import type { ConfigSummary } from "./summary.js";
import { barRows } from "./svg-bars.js";

/** Everything the experiment report shows. */
export interface ExperimentReport {
  manifest: string;
  spec: ExperimentSpec;
  /** manifest rows, rows with gold (the experiment's rows), and per cell: pool and test split sizes */
  manifestRows: number;
  goldRows: number;
  poolRows: number;
  testRows: number;
  labels: string[];
  cells: CellResult[];
  ranked: ConfigSummary[];
  best: { cell: string; exact: string[]; ownData: string[] } | null;
  version: string;
  generatedAt: string;
  seconds: number;
}

/** Okabe-Ito, then greys: apart for readers with red-green colour blindness. */
const COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000", "#999999", "#666666"];

/** The experiment report: one self-contained page (inline CSS and SVG, no script, nothing fetched). */
export function renderExperimentHtml(r: ExperimentReport): string {
  const e = escapeHtml;
  const s = r.spec;
  const pilot = r.goldRows < r.manifestRows;
  const sections = [
    `<h1>al-label experiment report</h1>`,
    `<p class="meta">${e(r.manifest)} · ${int(r.goldRows)} rows with gold (${e(s.simulateHumans)}) · ${r.labels.length} labels · ${r.cells.length} cells · target ${pct(s.targetAccuracy)} · al-label ${e(r.version)} · ${e(r.generatedAt)}</p>`,
    pilot
      ? `<p class="note"><b>Pilot subset:</b> gold labels cover ${int(r.goldRows)} of the manifest's ${int(r.manifestRows)} rows (${pct(r.goldRows / r.manifestRows)}); the experiment ran on those rows only, so its figures are for a data set of that size.</p>`
      : "",
    `<p>Each cell is a real <code>al-label run</code> with simulated people, in its own work dir, on ${int(r.poolRows)} rows; a test split of ${int(r.testRows)} rows (${pct(s.testFraction)}, carved out by the start seed) is never queried or labeled, and every round's saved model is scored on it. ${s.startSeeds ? `Start: a fresh random ${pct(s.bootstrapFraction)} of the rows with their gold labels per start seed (${e(s.startSeeds.join(", "))}).` : "Start: the manifest's own labeled rows."} Run seeds: ${e(s.seeds.join(", "))}. Batch: ${s.batchSize === null ? "run's default (5% of rows)" : int(s.batchSize)} rows per round.</p>`,
    `<h2>Learning curves</h2>`,
    `<p>Test-split accuracy of each round's model against the human labels it trained on: mean over seeds, the band from the lowest to the highest seed.</p>`,
    learningCurves(r.ranked),
    `<div class="pair"><div><h2>Human share at the target</h2>`,
    `<p>Rows labeled by people when the run ended (every other row machine-labeled at the target), per configuration: the bar is the mean, a dot each seed.</p>`,
    barRows(r.ranked.map((c) => ({ label: c.config, mean: c.meanHumanShare, values: c.humanShares })), { width: 560, min: 0, max: 1, color: "#56B4E9", xLabel: "human labels / rows" }),
    `</div><div><h2>Machine labels right</h2>`,
    `<p>Share of machine labels that match gold at the end, per configuration, against the target (dashed).</p>`,
    machineChart(r),
    `</div></div>`,
    `<h2>Ranking</h2>`,
    `<p>Configurations whose every cell completed with machine labels at the target come first, by mean human share, then by final test accuracy.</p>`,
    rankTable(r.ranked),
    bestSection(r),
    `<h2>Cells</h2>`,
    cellTable(r.cells),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>al-label experiment: ${e(r.manifest)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;color:#222;max-width:1150px;margin:24px auto;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:26px 0 6px;border-bottom:1px solid #eee;padding-bottom:3px}
.meta{color:#666;margin:0 0 12px;word-break:break-all}.note{background:#fff6e0;border:1px solid #f0d48a;padding:6px 10px;border-radius:4px}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #e3e3e3;padding:3px 7px;text-align:right}td.l,th.l{text-align:left}
th{background:#f6f6f6}.pair{display:flex;gap:28px;align-items:flex-start;flex-wrap:wrap}.pair>div{flex:1 1 480px;min-width:0}
svg{max-width:100%;height:auto;display:block}p{margin:4px 0 8px;color:#444}pre{background:#f6f6f6;padding:8px 10px;white-space:pre-wrap;word-break:break-all;font-size:12px}
.failed{color:#b00020}.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px;margin:4px 0}.key i{display:inline-block;width:18px;margin:0 5px 3px 0;vertical-align:middle}
</style></head><body>
${sections.filter(Boolean).join("\n")}
</body></html>
`;
}

function learningCurves(ranked: readonly ConfigSummary[]): string {
  const series: Series[] = ranked.map((c, i) => ({
    name: c.config,
    color: COLORS[i % COLORS.length] as string,
    dashed: i >= COLORS.length,
    points: c.curve.map((p) => ({ x: p.humanLabels, y: p.mean })),
    band: c.curve.map((p) => ({ x: p.humanLabels, low: p.low, high: p.high })),
  }));
  const ys = ranked.flatMap((c) => c.curve.flatMap((p) => [p.low, p.high]));
  if (ys.length === 0) return `<p>No round trained a model.</p>`;
  const yMin = Math.max(0, Math.floor(10 * Math.min(...ys) - 0.5) / 10);
  const yMax = Math.min(1, Math.ceil(10 * Math.max(...ys) + 0.2) / 10);
  // the legend as HTML, which wraps: a grid has more configurations than one line of SVG holds
  const legend = series
    .map((x) => `<span class="key"><i style="border-top:2.5px ${x.dashed ? "dashed" : "solid"} ${x.color}"></i>${escapeHtml(x.name)}</span>`)
    .join("");
  return `<div class="legend">${legend}</div>${lineChart(series, [], { width: 1100, height: 360, xLabel: "human labels", yLabel: "test accuracy", yMin, yMax: yMax > yMin ? yMax : yMin + 0.1, percent: true, legend: false })}`;
}

function machineChart(r: ExperimentReport): string {
  const vals = r.ranked.flatMap((c) => c.machineAccuracies);
  const min = Math.max(0, Math.min(r.spec.targetAccuracy - 0.05, ...vals.map((v) => Math.floor(20 * v) / 20)));
  return barRows(
    r.ranked.map((c) => ({ label: c.config, mean: c.meanMachineAccuracy, values: c.machineAccuracies })),
    { width: 560, min, max: 1, color: "#E69F00", xLabel: "machine labels matching gold", target: { value: r.spec.targetAccuracy, label: `target ${pct(r.spec.targetAccuracy)}` } },
  );
}

const range = (xs: readonly number[]): string => (xs.length > 1 ? ` (${pct(Math.min(...xs))}–${pct(Math.max(...xs))})` : "");

function rankTable(ranked: readonly ConfigSummary[]): string {
  const head = `<tr><th>#</th><th class="l">model · ${"encoder · "}strategy · policy</th><th>cells</th><th>met target</th><th>human share (range)</th><th>machine labels right (lowest)</th><th>final test accuracy</th></tr>`;
  const rows = ranked.map(
    (c) =>
      `<tr><td>${c.rank}</td><td class="l">${escapeHtml(c.config)}</td><td>${c.complete}/${c.cells}${c.failed ? ` <span class="failed">${c.failed} failed</span>` : ""}</td><td>${c.metTarget}/${c.cells}</td><td>${pct(c.meanHumanShare)}${escapeHtml(range(c.humanShares))}</td><td>${pct(c.meanMachineAccuracy)}${c.minMachineAccuracy !== null && c.machineAccuracies.length > 1 ? ` (${pct(c.minMachineAccuracy)})` : ""}</td><td>${pct(c.meanFinalTestAccuracy)}</td></tr>`,
  );
  return `<table>${head}${rows.join("")}</table>`;
}

function bestSection(r: ExperimentReport): string {
  if (!r.best) return `<h2>Best cell</h2><p>No cell finished.</p>`;
  return [
    `<h2>Best cell: ${escapeHtml(r.best.cell)}</h2>`,
    `<p>The exact command the experiment ran (one round at a time, with <code>--max-rounds 1 --json --quiet</code> added):</p>`,
    `<pre>${escapeHtml(commandLine(r.best.exact))}</pre>`,
    `<p>The same settings on your own manifest, with people answering:</p>`,
    `<pre>${escapeHtml(commandLine(r.best.ownData))}</pre>`,
  ].join("\n");
}

function cellTable(cells: readonly CellResult[]): string {
  const head = `<tr><th class="l">cell</th><th>status</th><th>rounds</th><th>human share</th><th>machine labels</th><th>right</th><th>final test accuracy</th><th>wall s</th></tr>`;
  const rows = cells.map((c) => {
    const test = [...c.rounds].reverse().find((x) => x.testAccuracy !== null)?.testAccuracy ?? null;
    const status = c.status === "failed" ? `<span class="failed" title="${escapeHtml(c.message)}">failed</span>` : escapeHtml(c.status);
    return `<tr><td class="l">${escapeHtml(c.cell)}</td><td>${status}</td><td>${c.rounds.length}</td><td>${pct(c.rows > 0 ? c.human / c.rows : null)}</td><td>${int(c.machine)}</td><td>${pct(c.machine > 0 ? c.machineCorrect / c.machine : null)}</td><td>${pct(test)}</td><td>${c.seconds.toFixed(1)}</td></tr>`;
  });
  const failed = cells.filter((c) => c.status === "failed");
  const why = failed.length ? `<p class="failed">Failed cells: ${failed.map((c) => `${escapeHtml(c.cell)}: ${escapeHtml(c.message.split("\n")[0] ?? "")}`).join("; ")}</p>` : "";
  return `<table>${head}${rows.join("")}</table>${why}`;
}
