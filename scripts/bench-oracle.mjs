#!/usr/bin/env node
// How few human labels could any policy with this model need? An all-knowing stopper: start from a seeded
// random 20% labeled, query the least-margin rows in steps, retrain, and after each step read the accuracy
// the model would have on every row still unlabeled off the gold labels (which a real run never sees). The
// first step where that accuracy reaches the target is the floor for a run that must also prove it.
//   node scripts/bench-oracle.mjs [--csv $AL_LABEL_DATASETS/uci-news-aggregator/uci_news_5publishers.csv]
//        [--model dense+nb|dense|fasttext|default] [--encoder default|<dir>] [--step 0.025] [--target 0.95] [--margin 0]
//        [--seed 1] [--models 3] [--no-pseudo-labels]
// --model default: run's default, the shipped encoder's head with dense+nb (geometric mean; the head on people's rows only).
// --encoder <dir> (with --model default): that encoder's head instead, as `run --encoder <dir>` trains it; a transformer's
// vectors come from the vector cache `run` fills ($AL_LABEL_CACHE_DIR or the user's cache folder) and go to it.
// Models are trained as the loop trains them: by default a second time with pseudo-labels drawn from the rows
// left (src/calibration/pseudo-labels.ts); --no-pseudo-labels trains on the labeled rows only.
// A second column plays the loop's own kind of stop, still all-knowing: machine-label the most confident rows left
// as long as they stay at least --target (+ --margin, e.g. 0.0077 for the bound's margin a run pays) right, and
// people label the rest; it prints the share of all rows people would then have labeled. With --margin the steps go on
// until every row left is --target + --margin right.
// Build first (npx tsc -p tsconfig.json).
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { anyLoopFactory, meanProbabilities } from "./lib/loop-models.mjs";
import { mulberry32, shuffleInPlace } from "./lib/random.mjs";
import { DATASETS } from "./lib/datasets.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const csv = resolve(opt("csv", join(DATASETS, "uci-news-aggregator", "uci_news_5publishers.csv")));
const model = opt("model", "dense+nb");
const step = Number(opt("step", "0.025"));
const target = Number(opt("target", "0.95"));
const seed = Number(opt("seed", "1"));
const models = Number(opt("models", "3"));
const pseudo = !args.includes("--no-pseudo-labels");
const margin = Number(opt("margin", "0"));
const encoder = opt("encoder", "default");

const records = parse(readFileSync(csv), { columns: true });
const texts = records.map((r) => r.text);
// "default": run's default model, the shipped encoder's head with dense+nb (the encoder reads every text once)
const factory = await anyLoopFactory(model, texts, "--model", encoder);
const names = [...new Set(records.map((r) => r.label))].sort();
const gold = Int32Array.from(records, (r) => names.indexOf(r.label));
const K = names.length;
const order = shuffleInPlace([...texts.keys()], mulberry32(seed));
let labeled = order.slice(0, Math.round(0.2 * texts.length));
let pool = order.slice(labeled.length);

/** Mean probabilities of `models` models trained on the labeled rows (seeds 1..models). */
function score(rows) {
  return meanProbabilities(factory, labeled.map((r) => texts[r]), Int32Array.from(labeled, (r) => gold[r]), rows.map((r) => texts[r]), K, models, pseudo);
}

console.log(`${csv}: ${texts.length} rows, ${K} labels, model ${model}${encoder !== "default" ? ` with --encoder ${encoder}` : ""} (mean of ${models}${pseudo ? ", pseudo-labels" : ""}), margin queries in steps of ${step * 100}% of rows, seed ${seed}`);
console.log(`| human-labeled | accuracy on every row left | human-labeled if the rest is machine-labeled while ${(100 * (target + margin)).toFixed(2)}% right |\n| --- | --- | --- |`);
for (;;) {
  const probs = await score(pool);
  const rows = pool.map((r, j) => {
    const p = Array.from(probs.subarray(j * K, (j + 1) * K));
    const best = p.indexOf(Math.max(...p));
    const sorted = p.slice().sort((a, b) => b - a);
    return { r, right: best === gold[r], margin: sorted[0] - (sorted[1] ?? 0), confidence: sorted[0] };
  });
  const accuracy = rows.filter((x) => x.right).length / Math.max(1, rows.length);
  // the most rows, most confident first, whose machine labels would stay at least target + margin right
  let right = 0;
  let covered = 0;
  [...rows].sort((a, b) => b.confidence - a.confidence || a.r - b.r).forEach((x, k) => {
    if (x.right) right++;
    if (right / (k + 1) >= target + margin) covered = k + 1;
  });
  const human = (100 * (texts.length - covered)) / texts.length;
  console.log(`| ${((100 * labeled.length) / texts.length).toFixed(1)}% | ${(100 * accuracy).toFixed(2)}% | ${human.toFixed(1)}% |`);
  // with a margin, go on until every row left is target + margin right: the loop's kind of stop keeps falling until then
  if (accuracy >= target + margin || pool.length === 0) break;
  rows.sort((a, b) => a.margin - b.margin || a.r - b.r);
  const asked = rows.slice(0, Math.round(step * texts.length)).map((x) => x.r);
  const askedSet = new Set(asked);
  labeled = labeled.concat(asked);
  pool = pool.filter((r) => !askedSet.has(r));
}
