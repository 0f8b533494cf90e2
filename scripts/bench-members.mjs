#!/usr/bin/env node
// Which model ranks rows best for machine labeling? Each model is trained as the loop trains it (mean of
// --models seeds, each trained a second time with pseudo-labels drawn from the rows left) on a seeded random
// --labeled share of a CSV, and scores the other rows. Printed per model: accuracy on those rows, and the
// share of them an all-knowing stop could machine-label, most confident first, while they stay --target right
// ("coverage"): the more, the fewer rows people must label.
//   node scripts/bench-members.mjs [--csv $AL_LABEL_DATASETS/uci-news-aggregator/uci_news_5publishers.csv]
//        [--labeled 0.3] [--target 0.95] [--seed 1] [--models 3] [--rows N] [--only dense,naive-bayes,dense+nb,fasttext]
// Build first (npx tsc -p tsconfig.json).
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { loopFactory, meanProbabilities } from "./lib/loop-models.mjs";
import { mulberry32, shuffleInPlace } from "./lib/random.mjs";
import { DATASETS } from "./lib/datasets.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const csv = resolve(opt("csv", join(DATASETS, "uci-news-aggregator", "uci_news_5publishers.csv")));
const share = Number(opt("labeled", "0.3"));
const target = Number(opt("target", "0.95"));
const seed = Number(opt("seed", "1"));
const models = Number(opt("models", "3"));
const only = opt("only", "dense,naive-bayes,dense+nb").split(",");

for (const m of only) loopFactory(m, "--only"); // a bad name fails before any training

// a CSV with text,label columns, or JSON Lines of {"text", "label"} (IMDB); --rows N keeps a seeded random N
const all = csv.endsWith(".jsonl") ? readFileSync(csv, "utf8").trim().split("\n").map((l) => JSON.parse(l)) : parse(readFileSync(csv), { columns: true });
const cap = Number(opt("rows", "0"));
const records = cap > 0 ? shuffleInPlace(all, mulberry32(seed)).slice(0, cap) : all;
const texts = records.map((r) => r.text);
const names = [...new Set(records.map((r) => String(r.label)))].sort();
const gold = Int32Array.from(records, (r) => names.indexOf(String(r.label)));
const K = names.length;
const order = shuffleInPlace([...texts.keys()], mulberry32(seed));
const labeled = order.slice(0, Math.round(share * texts.length));
const pool = order.slice(labeled.length);
const trainTexts = labeled.map((r) => texts[r]);
const trainLabels = Int32Array.from(labeled, (r) => gold[r]);
const poolTexts = pool.map((r) => texts[r]);

console.log(`${csv}: ${texts.length} rows, ${K} labels; ${labeled.length} labeled at random (seed ${seed}), ${pool.length} scored; mean of ${models} models with pseudo-labels`);
console.log(`| model | accuracy on the rows scored | coverage at ${(100 * target).toFixed(0)}% | train + score s |\n| --- | --- | --- | --- |`);
for (const name of only) {
  const factory = loopFactory(name);
  const started = performance.now();
  const out = await meanProbabilities(factory, trainTexts, trainLabels, poolTexts, K, models, true);
  const seconds = (performance.now() - started) / 1000;
  const rows = pool.map((r, j) => {
    let best = 0;
    for (let c = 1; c < K; c++) if (out[j * K + c] > out[j * K + best]) best = c;
    return { r, right: best === gold[r], confidence: out[j * K + best] };
  });
  const accuracy = rows.filter((x) => x.right).length / rows.length;
  let right = 0;
  let covered = 0;
  rows.sort((a, b) => b.confidence - a.confidence || a.r - b.r).forEach((x, k) => {
    if (x.right) right++;
    if (right / (k + 1) >= target) covered = k + 1;
  });
  console.log(`| ${name} | ${(100 * accuracy).toFixed(2)}% | ${((100 * covered) / rows.length).toFixed(1)}% | ${seconds.toFixed(1)} |`);
}
