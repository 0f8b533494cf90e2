import { auditCell, int, pct } from "./format.js";
import type { ReportSummary } from "./summarize.js";
import { plainText } from "../util/text-output.js";

/** Manifest text (label names, paths) must not break a table or inject markup. */
const cell = (s: string): string => plainText(s).replace(/[\\|`*_<>[\]]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, " ");

/** The run report as Markdown: the same figures as the HTML page, as tables. */
export function renderMarkdown(s: ReportSummary, meta: { generatedAt: string; version: string }): string {
  const m = s.machineAccuracy;
  const lines = [
    "# al-label run report",
    "",
    `${cell(s.manifest)}: ${int(s.rows)} rows, ${s.labels.length} labels, ${s.rounds} round(s). al-label ${cell(meta.version)}, ${meta.generatedAt}.`,
    "",
    `- **Human labels saved: ${int(s.saving.saved)} of ${int(s.saving.byHand)} rows (${pct(s.saving.savedShare)})** compared with labeling every row by hand.`,
    `- Human labels: ${int(s.saving.humanLabels)} (${int(s.now.inputHuman)} in the input, ${int(s.now.answeredHuman)} answered).`,
    `- Machine labels: ${int(s.now.machine)}, estimated ${pct(m.estimated)} right (lower bound ${pct(m.lowerBound)}); audits: ${int(m.audited.agreed)} of ${int(m.audited.asked)} confirmed by people.`,
    `- Still open: ${int(s.now.unlabeled)} unlabeled, ${int(s.now.waiting)} waiting for people. Training time: ${s.trainSeconds.toFixed(1)} s.`,
    "",
    "## Rounds",
    "",
    "| round | kind | input human | answered | machine | queued | unlabeled | threshold | estimated | all machine (≥ bound) | audit (interval) vs estimate | held-out |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const acc = new Map(s.accuracy.map((a) => [a.round, a]));
  for (const r of s.byRound) {
    const a = acc.get(r.round);
    const audit = auditCell(a?.audit ?? null);
    const all = a?.cumulativeAccuracy == null ? "–" : `${pct(a.cumulativeAccuracy)} (≥ ${pct(a.accuracyLowerBound)})`;
    lines.push(`| ${r.round} | ${r.kind} | ${int(r.inputHuman)} | ${int(r.answeredHuman)} | ${int(r.machine)} | ${int(r.queued)} | ${int(r.unlabeled)} | ${a?.threshold == null ? "–" : a.threshold.toFixed(3)} | ${pct(a?.estimatedAccuracy)} | ${all} | ${audit} | ${pct(a?.heldOutAccuracy)} |`);
  }
  lines.push(`| now | | ${int(s.now.inputHuman)} | ${int(s.now.answeredHuman)} | ${int(s.now.machine)} | ${int(s.now.waiting)} | ${int(s.now.unlabeled)} | | | | | |`, "");
  if (s.learningCurve.length > 0) {
    lines.push("## Learning curve", "", "| human labels | held-out accuracy |", "|---:|---:|");
    for (const p of s.learningCurve) lines.push(`| ${int(p.humanLabels)} | ${pct(p.heldOutAccuracy)} |`);
    lines.push("");
  }
  if (s.confusion) {
    lines.push(`## Confusion matrix (round ${s.confusion.round}, calibration rows; rows = people's label, columns = predicted)`, "");
    lines.push(`| | ${s.labels.map(cell).join(" | ")} |`, `|---|${s.labels.map(() => "---:").join("|")}|`);
    s.confusion.matrix.forEach((row, i) => lines.push(`| **${cell(s.labels[i] ?? String(i))}** | ${row.join(" | ")} |`));
    lines.push("");
  }
  // every line stripped once more: no control character from the state reaches the file, whatever its source
  return `${lines.map(plainText).join("\n")}\n`;
}
