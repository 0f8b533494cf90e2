#!/usr/bin/env node
// Which model ranks rows best for machine labeling? Each model is trained as the loop trains it (mean of
// --models seeds, each trained a second time with pseudo-labels drawn from the rows left) on a seeded random
// --labeled share of a CSV, and scores the other rows. Printed per model: accuracy on those rows, and the
// share of them an all-knowing stop could machine-label, most confident first, while they stay --target right
// ("coverage"): the more, the fewer rows people must label.
//   node scripts/bench-members.mjs [--csv ../shared/datasets/uci-news-aggregator/uci_news_5publishers.csv]
//        [--labeled 0.3] [--target 0.95] [--seed 1] [--models 3] [--rows N] [--only dense,naive-bayes,dense+nb,fasttext]
// Build first (npx tsc -p tsconfig.json).
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { mulberry32, shuffleInPlace } from "./lib/random.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const csv = resolve(opt("csv", join(root, "..", "shared", "datasets", "uci-news-aggregator", "uci_news_5publishers.csv")));
const share = Number(opt("labeled", "0.3"));
const target = Number(opt("target", "0.95"));
const seed = Number(opt("seed", "1"));
const models = Number(opt("models", "3"));
const only = opt("only", "dense,naive-bayes,dense+nb").split(",");

const { denseFactory } = await import(join(root, "dist/classifiers/dense-classifier.js"));
const { fastTextFactory } = await import(join(root, "dist/classifiers/fasttext-classifier.js"));
const { naiveBayesFactory } = await import(join(root, "dist/classifiers/naive-bayes-classifier.js"));
const { ensembleFactory } = await import(join(root, "dist/classifiers/ensemble-classifier.js"));
const { PSEUDO_LABELS, drawPseudoLabels } = await import(join(root, "dist/calibration/pseudo-labels.js"));
// the loop's own model settings (src/config/run-config.ts)
const FACTORIES = {
  dense: () => denseFactory({}),
  "naive-bayes": () => naiveBayesFactory(),
  "dense+nb": () => ensembleFactory([{ name: "dense", factory: denseFactory({}) }, { name: "naive-bayes", factory: naiveBayesFactory() }]),
  fasttext: () => fastTextFactory({ epochs: 10, learningRate: 0.5, vectorDim: 20, wordNgrams: 1, minCount: 1, buckets: 2_000_000, threads: 1, minn: 0, maxn: 0 }),
};
for (const m of only) if (!FACTORIES[m]) throw new Error(`--only ${m}: one of ${Object.keys(FACTORIES).join(", ")}`);

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
  const factory = FACTORIES[name]();
  const started = performance.now();
  const out = new Float32Array(pool.length * K);
  for (let s = 1; s <= models; s++) {
    let m = factory.create(s);
    await m.fit(trainTexts, trainLabels, K);
    const drawn = drawPseudoLabels(m, pool.length, (k) => poolTexts[k], labeled.length, K, PSEUDO_LABELS, 1000 + s);
    m.dispose();
    m = factory.create(100 + s);
    await m.fit(trainTexts.concat(drawn.texts), Int32Array.from([...trainLabels, ...drawn.labels]), K);
    const p = m.predictProba(poolTexts);
    for (let i = 0; i < p.length; i++) out[i] += p[i] / models;
    m.dispose();
  }
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
