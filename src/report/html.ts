import { escapeHtml } from "../util/terminal-text.js";
import { auditCell, int, pct } from "./format.js";
import type { ReportSummary } from "./summarize.js";
import { confusionGrid, lineChart, stackedBars, type Series } from "./svg-charts.js";

/** Colours that stay apart for readers with red-green colour blindness (Okabe-Ito). */
const C = { input: "#0072B2", answered: "#56B4E9", machine: "#E69F00", queued: "#CC79A7", unlabeled: "#DDDDDD", inputMachine: "#999999", threshold: "#555555", estimated: "#E69F00", cumulative: "#D55E00", bound: "#D55E00", heldOut: "#0072B2", audit: "#009E73" };


/** The run report as one self-contained HTML page: inline CSS and SVG, no scripts, nothing fetched. */
export function renderHtml(s: ReportSummary, meta: { generatedAt: string; version: string }): string {
  const e = escapeHtml;
  const sections = [
    `<h1>al-label run report</h1>`,
    `<p class="meta">${e(s.manifest)} · ${int(s.rows)} rows · ${s.labels.length} labels · ${s.rounds} round(s) · al-label ${e(meta.version)} · ${e(meta.generatedAt)}</p>`,
    headline(s),
    `<h2>Labels by source, per round</h2>`,
    `<p>Where every row stood after each round, and now (after the last answers were taken in).</p>`,
    sourcesChart(s),
    `<h2>Accuracy per round</h2>`,
    `<p>Threshold: the lowest model confidence machine-labeled. Estimated: this round's machine labels, from the calibration rows. All machine labels and their lower bound: what the accuracy target holds for. Audit: people's agreement with a random sample of the round's machine labels, with its interval. Held-out: out-of-fold accuracy on every human label.</p>`,
    accuracyChart(s),
    `<div class="pair"><div><h2>Learning curve</h2>`,
    `<p>Held-out accuracy against the human labels the model trained on. It is measured on all human labels, so it can fall while the model improves: later answers are the rows the model was least sure of.</p>`,
    learningChart(s),
    `</div><div><h2>Confusion matrix</h2>`,
    confusion(s),
    `</div></div>`,
    `<h2>Rounds</h2>`,
    roundsTable(s),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>al-label report: ${e(s.manifest)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;color:#222;max-width:1100px;margin:24px auto;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 6px;border-bottom:1px solid #eee;padding-bottom:3px}
.meta{color:#666;margin:0 0 16px;word-break:break-all}.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{border:1px solid #e3e3e3;border-radius:6px;padding:10px 14px;flex:1 1 150px}.card b{display:block;font-size:22px}
.card span{color:#666;font-size:12px}table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #e3e3e3;padding:3px 7px;text-align:right}
th{background:#f6f6f6}.pair{display:flex;gap:28px;align-items:flex-start}.pair>div{flex:1 1 0;min-width:0}svg{max-width:100%;height:auto;display:block}p{margin:4px 0 8px;color:#444}
</style></head><body>
${sections.join("\n")}
</body></html>
`;
}

function headline(s: ReportSummary): string {
  const m = s.machineAccuracy;
  const cards = [
    [pct(s.saving.savedShare), `human labels saved: ${int(s.saving.saved)} of ${int(s.saving.byHand)} rows not labeled by hand`],
    [int(s.saving.humanLabels), `human labels (${int(s.now.inputHuman)} in the input, ${int(s.now.answeredHuman)} answered)`],
    [int(s.now.machine), `machine labels, estimated ${pct(m.estimated)} right (≥ ${pct(m.lowerBound)})`],
    [m.audited.asked > 0 ? pct(m.audited.agreed / m.audited.asked) : "–", `audited: ${int(m.audited.agreed)} of ${int(m.audited.asked)} machine labels confirmed by people`],
    [int(s.now.unlabeled + s.now.waiting), `rows still open (${int(s.now.waiting)} waiting for people)`],
  ];
  return `<div class="cards">${cards.map(([big, small]) => `<div class="card"><b>${escapeHtml(big ?? "")}</b><span>${escapeHtml(small ?? "")}</span></div>`).join("")}</div>`;
}

function sourcesChart(s: ReportSummary): string {
  const cats = [
    { name: "input human", color: C.input },
    { name: "answered human", color: C.answered },
    { name: "machine", color: C.machine },
    { name: "queued / waiting", color: C.queued },
    { name: "unlabeled", color: C.unlabeled },
  ];
  const withInputMachine = s.now.inputMachine > 0;
  if (withInputMachine) cats.push({ name: "input machine", color: C.inputMachine });
  const bar = (label: string, r: { inputHuman: number; answeredHuman: number; machine: number; unlabeled: number; inputMachine: number }, open: number) => ({
    label,
    values: [r.inputHuman, r.answeredHuman, r.machine, open, r.unlabeled, ...(withInputMachine ? [r.inputMachine] : [])],
  });
  const bars = [...s.byRound.map((r) => bar(String(r.round), r, r.queued)), bar("now", s.now, s.now.waiting)];
  return stackedBars(cats, bars, { width: 1000, height: 280, yLabel: "rows" });
}

function accuracyChart(s: ReportSummary): string {
  const rounds = s.accuracy;
  if (rounds.length === 0) return `<p><i>No trained round yet.</i></p>`;
  const line = (name: string, color: string, get: (r: (typeof rounds)[number]) => number | null, dashed = false): Series => ({
    name,
    color,
    dashed,
    points: rounds.flatMap((r) => {
      const v = get(r);
      return v == null ? [] : [{ x: r.round, y: v }];
    }),
  });
  const series = [
    line("threshold", C.threshold, (r) => r.threshold, true),
    line("estimated (this round)", C.estimated, (r) => r.estimatedAccuracy),
    line("all machine labels", C.cumulative, (r) => r.cumulativeAccuracy),
    line("lower bound", C.bound, (r) => r.accuracyLowerBound, true),
    line("held-out", C.heldOut, (r) => r.heldOutAccuracy),
  ];
  const intervals = rounds.flatMap((r) => (r.audit ? [{ x: r.round, y: r.audit.accuracy, low: r.audit.low, high: r.audit.high, color: C.audit }] : []));
  const values = [...series.flatMap((x) => x.points.map((p) => p.y)), ...intervals.map((i) => i.low)];
  const yMin = Math.max(0, Math.floor(10 * Math.min(1, ...values)) / 10);
  return lineChart(series, intervals, { width: 1000, height: 300, xLabel: "round", yLabel: "accuracy", yMin, yMax: 1, percent: true, integerX: true });
}

function learningChart(s: ReportSummary): string {
  if (s.learningCurve.length === 0) return `<p><i>No trained round yet.</i></p>`;
  const points = s.learningCurve.map((p) => ({ x: p.humanLabels, y: p.heldOutAccuracy }));
  const yMin = Math.max(0, Math.floor(10 * Math.min(...points.map((p) => p.y))) / 10 - 0.1);
  return lineChart([{ name: "held-out accuracy", color: C.heldOut, points }], [],  { width: 520, height: 300, xLabel: "human labels", yLabel: "accuracy", yMin, yMax: 1, percent: true });
}

function confusion(s: ReportSummary): string {
  if (!s.confusion) return `<p><i>No confusion matrix: no trained round recorded one (work dirs of earlier versions do not).</i></p>`;
  const total = s.confusion.matrix.reduce((a, row) => a + row.reduce((b, v) => b + v, 0), 0);
  const cell = s.labels.length <= 6 ? 64 : s.labels.length <= 12 ? 32 : 20;
  return `<p>Round ${s.confusion.round}: out-of-fold predictions on its ${int(total)} calibration rows (randomly chosen human labels). Rows: people's label; columns: the model's; shade: share of the row (counts in each cell's tooltip).</p>${confusionGrid(s.confusion.matrix, s.labels, { cell })}`;
}

function roundsTable(s: ReportSummary): string {
  const acc = new Map(s.accuracy.map((a) => [a.round, a]));
  const head = ["round", "kind", "input human", "answered", "machine", "queued", "unlabeled", "threshold", "estimated", "audit", "held-out"];
  const rows = s.byRound.map((r) => {
    const a = acc.get(r.round);
    const audit = auditCell(a?.audit ?? null);
    return [r.round, r.kind, int(r.inputHuman), int(r.answeredHuman), int(r.machine), int(r.queued), int(r.unlabeled), a?.threshold == null ? "–" : a.threshold.toFixed(3), pct(a?.estimatedAccuracy), audit, pct(a?.heldOutAccuracy)];
  });
  const cells = (row: (string | number)[], tag: string): string => `<tr>${row.map((c) => `<${tag}>${escapeHtml(String(c))}</${tag}>`).join("")}</tr>`;
  return `<table>${cells(head, "th")}${rows.map((r) => cells(r, "td")).join("")}</table>`;
}
