#!/usr/bin/env node
// Scale benchmark: one `al-label run` round on manifests of 100,000 and 1,000,000 rows built from
// $AL_LABEL_DATASETS/tweeteval/emoji.csv (20 classes), 10% of rows labeled (Ground Truth metadata)
// and a `gold` field on every row. The round trains (folds x repeats fold models and a final one),
// calibrates, scores every unlabeled row, machine-labels and queues; then the run exits 3 (waiting
// for people). Prints wall time, rows per second and peak memory (maximum resident set size).
//
// Rows past the data set's 100,000 are copies with one seeded edit each, so no two copies are the
// same text: drop a random word, swap two neighbouring words, or repeat a random word of the row at
// its end (chosen at random per copy).
//
//   npm run bench:scale -- [--sizes 100000,1000000] [--dir /tmp/al-label-scale] [--csv path] [--keep] [--pseudo-labels]
//                          [--model fasttext | --model default] [--run-flags "--encoder none"]
// (--model fasttext, the default here, runs without pseudo-labels unless --pseudo-labels is given; --model default
// runs what `al-label run` trains by default: dense+nb with the shipped encoder's head, pseudo-labels on)
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { once } from "node:events";
import { parse } from "csv-parse";
import { mulberry32 } from "./lib/random.mjs";
import { DATASETS } from "./lib/datasets.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const csv = resolve(opt("csv", join(DATASETS, "tweeteval", "emoji.csv")));
const sizes = opt("sizes", "100000,1000000").split(",").map(Number);
const dir = resolve(opt("dir", "/tmp/al-label-scale"));
const LABELED = 0.1;


/** One seeded edit of a text (see the header): copies stay near the original, never equal to it. */
function perturb(text, rand) {
  const words = text.split(" ");
  const kind = words.length < 2 ? 2 : Math.floor(rand() * 3);
  const at = Math.floor(rand() * words.length);
  if (kind === 0) words.splice(at, 1);
  else if (kind === 1) {
    const j = Math.min(at, words.length - 2);
    [words[j], words[j + 1]] = [words[j + 1], words[j]];
  } else words.push(words[at]);
  return words.join(" ");
}

async function buildManifest(base, labels, n, out) {
  const rand = mulberry32(n);
  const labeledRand = mulberry32(n ^ 0x5eed);
  const stream = createWriteStream(out);
  for (let i = 0; i < n; i++) {
    const src = base[i % base.length];
    const text = i < base.length ? src.text : perturb(src.text, rand);
    const obj = { source: text, gold: src.label };
    if (labeledRand() < LABELED) {
      obj.category = labels.indexOf(src.label);
      obj["category-metadata"] = {
        "class-name": src.label,
        confidence: 1,
        "human-annotated": "yes",
        type: "groundtruth/text-classification",
        "job-name": "labeling-job/emoji-scale",
        "creation-date": "2026-11-23T00:00:00.000000",
      };
    }
    if (!stream.write(`${JSON.stringify(obj)}\n`)) await once(stream, "drain");
  }
  stream.end();
  await once(stream, "finish");
}

function runRound(manifest) {
  const cli = join(root, "bin/al-label.js");
  // bootstrap fraction 0.1: the 10% labeled rows are enough to train, so the one round is a trained one
  // pseudo-labels off unless --pseudo-labels: the table in docs/benchmarks.md was measured without them (docs/benchmarks.md, "Scale")
  const model = opt("model", "fasttext");
  const modelArgs = model === "default" ? [] : ["--model", model, args.includes("--pseudo-labels") ? "--pseudo-labels" : "--no-pseudo-labels"];
  const alArgs = ["run", manifest, ...modelArgs, "--max-rounds", "1", "--bootstrap-fraction", "0.1", "--quiet", "--json", ...opt("run-flags", "").split(" ").filter(Boolean)];
  const started = process.hrtime.bigint();
  const res = spawnSync("/usr/bin/time", ["-v", process.execPath, cli, ...alArgs], { encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr ?? "");
  let summary = null;
  try {
    summary = JSON.parse(res.stdout);
  } catch {
    /* reported below */
  }
  return { exit: res.status, seconds, peakMiB: rss ? Number(rss[1]) / 1024 : NaN, summary, stderr: res.stderr };
}

if (!existsSync(csv)) {
  console.error(`missing ${csv} (set AL_LABEL_DATASETS to the data-set folder, or give --csv)`);
  process.exit(2);
}
const base = [];
for await (const r of createReadStream(csv).pipe(parse({ columns: true, bom: true }))) base.push({ text: r.text, label: r.label });
const labels = [...new Set(base.map((r) => r.label))].sort();
await mkdir(dir, { recursive: true });
const results = [];
for (const n of sizes) {
  const manifest = join(dir, `emoji-${n}.jsonl`);
  await rm(join(dir, `emoji-${n}.jsonl.al-label`), { recursive: true, force: true });
  if (!existsSync(manifest)) {
    await buildManifest(base, labels, n, manifest);
    await writeFile(join(dir, `emoji-${n}.labels.json`), `${JSON.stringify({ "document-version": "2018-11-28", labels: labels.map((label) => ({ label })) })}\n`);
  }
  const r = runRound(manifest);
  const round = r.summary?.roundDetails?.at(-1);
  const line = { rows: n, exit: r.exit, seconds: +r.seconds.toFixed(1), rowsPerSecond: Math.round(n / r.seconds), peakMiB: Math.round(r.peakMiB), autoLabeled: round?.newMachineLabels ?? round?.autoLabeled, queued: round?.queued, heldOutAccuracy: round?.heldOutAccuracy };
  results.push(line);
  console.log(JSON.stringify(line));
  if (r.exit !== 3) console.error(r.stderr.split("\n").slice(-40).join("\n"));
  if (!args.includes("--keep")) await rm(join(dir, `emoji-${n}.jsonl.al-label`), { recursive: true, force: true });
}
const [small, large] = [results.find((r) => r.rows === 100_000), results.find((r) => r.rows === 1_000_000)];
console.log("\n| rows | wall time | rows/s | peak memory |\n|---:|---:|---:|---:|");
for (const r of results) console.log(`| ${r.rows.toLocaleString("en-US")} | ${r.seconds} s | ${r.rowsPerSecond.toLocaleString("en-US")} | ${r.peakMiB} MiB |`);
if (small && large) {
  const ratio = large.seconds / small.seconds;
  const memOk = large.peakMiB < 1536;
  console.log(`\n1,000,000 / 100,000 time ratio ${ratio.toFixed(2)} (limit 11): ${ratio <= 11 ? "ok" : "TOO SLOW"}; peak memory at 1,000,000 rows ${large.peakMiB} MiB (limit 1536): ${memOk ? "ok" : "TOO MUCH"}`);
  if (ratio > 11 || !memOk || results.some((r) => r.exit !== 3)) process.exitCode = 1;
}
