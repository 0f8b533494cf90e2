#!/usr/bin/env node
// Checks an output manifest against the gold field that make-manifest.mjs put in every row:
// machine-label accuracy (with a 95% Wilson interval), the human share, and that every row has a
// valid label and metadata. Prints one JSON object.
//   node scripts/evaluate.mjs <output.jsonl> [--gold gold] [--attr category] [--input manifest.jsonl]
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const file = args[0];
const gold = opt("gold", "gold");
const attr = opt("attr", "category");
const inputFile = opt("input");
const lines = readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "");
const inputLines = inputFile ? readFileSync(inputFile, "utf8").split("\n").filter((l) => l.trim() !== "") : null;
const problems = [];
let machine = 0, machineRight = 0, human = 0, humanRight = 0;
const dateRe = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
lines.forEach((line, i) => {
  const row = JSON.parse(line);
  const meta = row[`${attr}-metadata`];
  if (!Number.isInteger(row[attr]) || !meta) return problems.push(`line ${i + 1}: no label`);
  for (const k of ["class-name", "confidence", "human-annotated", "type", "job-name", "creation-date"]) if (!(k in meta)) problems.push(`line ${i + 1}: metadata lacks ${k}`);
  if (meta.type !== "groundtruth/text-classification") problems.push(`line ${i + 1}: bad type`);
  if (!dateRe.test(meta["creation-date"])) problems.push(`line ${i + 1}: bad creation-date ${meta["creation-date"]}`);
  if (!String(meta["job-name"]).startsWith("labeling-job/")) problems.push(`line ${i + 1}: bad job-name`);
  if (inputLines) {
    const input = JSON.parse(inputLines[i]);
    for (const [k, v] of Object.entries(input)) if (JSON.stringify(row[k]) !== JSON.stringify(v)) problems.push(`line ${i + 1}: input key ${k} changed`);
  }
  const right = meta["class-name"] === row[gold];
  if (meta["human-annotated"] === "yes") { human++; if (right) humanRight++; }
  else { machine++; if (right) machineRight++; }
});
if (inputLines && inputLines.length !== lines.length) problems.push(`input has ${inputLines.length} rows, output ${lines.length}`);
const z = 1.959964, p = machineRight / Math.max(1, machine), n = Math.max(1, machine);
const c = (p + z * z / (2 * n)), s = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)), d = 1 + z * z / n;
console.log(JSON.stringify({
  rows: lines.length,
  human, humanShare: +(human / lines.length).toFixed(4),
  machine, machineShare: +(machine / lines.length).toFixed(4),
  machineAccuracy: +p.toFixed(4), machineAccuracy95: [+((c - s) / d).toFixed(4), +((c + s) / d).toFixed(4)],
  humanAgreement: +(humanRight / Math.max(1, human)).toFixed(4),
  problems: problems.slice(0, 20), problemCount: problems.length,
}));
process.exitCode = problems.length > 0 ? 1 : 0;
