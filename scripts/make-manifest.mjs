#!/usr/bin/env node
// Builds a Ground Truth input manifest from a `text,label[,split]` CSV of $AL_LABEL_DATASETS:
// a seeded share of rows carries a human label (category + metadata, as Ground Truth writes it),
// every row carries the true label in a `gold` field for --simulate-humans, and a label-category
// file is written beside it.
//   node scripts/make-manifest.mjs <csv> --out m.jsonl [--labeled 0.2] [--seed 1] [--limit N] [--text-column text] [--label-column label]
import { createReadStream } from "node:fs";
import { writeFile, mkdir } from "node:fs/promises";
import { dirname, basename, extname, join } from "node:path";
import { parse } from "csv-parse";
import { mulberry32, shuffleInPlace } from "./lib/random.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const input = args.find((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1].startsWith("--")));
if (!input || !opt("out")) {
  console.error("usage: node scripts/make-manifest.mjs <csv> --out <manifest.jsonl> [--labeled 0.2] [--seed 1] [--limit N]");
  process.exit(2);
}
const out = opt("out");
const labeledShare = Number(opt("labeled", "0.2"));
const seed = Number(opt("seed", "1"));
const limit = opt("limit") ? Number(opt("limit")) : Infinity;
const textColumn = opt("text-column", "text");
const labelColumn = opt("label-column", "label");


const rows = [];
for await (const r of createReadStream(input).pipe(parse({ columns: true, bom: true }))) {
  if (rows.length >= limit) break;
  rows.push(r);
}
const labels = [...new Set(rows.map((r) => r[labelColumn]))].sort();
const order = shuffleInPlace(rows.map((_, i) => i), mulberry32(seed));
const labeled = new Set(order.slice(0, Math.ceil(labeledShare * rows.length)));
const job = basename(out, extname(out));
const lines = rows.map((r, i) => {
  const obj = { source: r[textColumn], gold: r[labelColumn] };
  if (r.split !== undefined) obj.split = r.split;
  if (labeled.has(i)) {
    const index = labels.indexOf(r[labelColumn]);
    obj.category = index;
    obj["category-metadata"] = {
      "class-name": r[labelColumn],
      confidence: 1,
      "human-annotated": "yes",
      type: "groundtruth/text-classification",
      "job-name": `labeling-job/${job}`,
      "creation-date": "2026-11-23T00:00:00.000000",
    };
  }
  return JSON.stringify(obj);
});
await mkdir(dirname(out) || ".", { recursive: true });
await writeFile(out, `${lines.join("\n")}\n`);
const labelFile = join(dirname(out), `${job}.labels.json`);
await writeFile(labelFile, `${JSON.stringify({ "document-version": "2018-11-28", labels: labels.map((label) => ({ label })) }, null, 2)}\n`);
console.error(`wrote ${out}: ${rows.length} rows, ${labeled.size} labeled (${labels.length} labels: ${labels.join(", ")}); labels in ${labelFile}`);
