#!/usr/bin/env node
// Answers a queue from the manifest's gold field, as a person would: for demos and end-to-end tests of
// the human round trip (al-label run -> this -> al-label run). Without --out it fills the queue file in
// place ("answer" and "annotator" on each open task line); with --out it writes an answers file instead
// (JSON Lines, or CSV id,label,annotator when the name ends in .csv) for `al-label answer`.
//   node scripts/answer-from-gold.mjs <queue.jsonl> <manifest.jsonl> [--gold gold] [--out answers.jsonl|.csv]
//        [--annotator gold-script] [--limit N] [--by-row]
import { readFile, writeFile, rename } from "node:fs/promises";

const args = process.argv.slice(2);
const valueFlags = new Set(["--gold", "--out", "--annotator", "--limit"]);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const positional = args.filter((a, i) => !a.startsWith("--") && !(i > 0 && valueFlags.has(args[i - 1])));
const [queuePath, manifestPath] = positional;
if (!queuePath || !manifestPath) {
  console.error("usage: node scripts/answer-from-gold.mjs <queue.jsonl> <manifest.jsonl> [--gold gold] [--out answers.jsonl|.csv] [--annotator name] [--limit N] [--by-row]");
  process.exit(2);
}
const goldField = opt("gold", "gold");
const out = opt("out");
const annotator = opt("annotator", "gold-script");
const limit = opt("limit") ? Number(opt("limit")) : Infinity;
const byRow = args.includes("--by-row");

// row ids are positions among the manifest's non-blank lines, as al-label counts them
const gold = (await readFile(manifestPath, "utf8"))
  .replace(/^\uFEFF/, "")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l)[goldField]);

const lines = (await readFile(queuePath, "utf8")).split("\n").filter((l) => l.trim() !== "");
let answered = 0;
let missing = 0;
const answers = [];
const filled = lines.map((line) => {
  const obj = JSON.parse(line);
  if (obj.kind !== undefined || obj.answer !== null || obj.skip === true || answered >= limit) return line;
  const label = gold[obj.rowId];
  if (label === undefined || label === null || label === "") {
    missing++;
    return line;
  }
  answered++;
  answers.push({ ...(byRow ? { rowId: obj.rowId } : { taskId: obj.taskId }), label, annotator });
  return JSON.stringify({ ...obj, answer: label, annotator });
});

if (out) {
  const csv = out.toLowerCase().endsWith(".csv");
  const body = csv
    ? `id,label,annotator\n${answers.map((a) => [a.taskId ?? a.rowId, a.label, a.annotator].map(csvCell).join(",")).join("\n")}\n`
    : answers.map((a) => JSON.stringify(a)).join("\n") + (answers.length ? "\n" : "");
  await writeFile(out, body);
} else {
  const tmp = `${queuePath}.${process.pid}.tmp`;
  await writeFile(tmp, `${filled.join("\n")}\n`);
  await rename(tmp, queuePath);
}
console.log(`answered ${answered} task(s) from "${goldField}"${missing ? `; ${missing} row(s) had no gold label` : ""} -> ${out ?? queuePath}`);

function csvCell(v) {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
