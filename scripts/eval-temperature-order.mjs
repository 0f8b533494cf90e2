#!/usr/bin/env node
// One split of a labeled CSV (columns text, label): the default model (the encoder head, the dense model and naive
// Bayes, geometric mean) trained on a random --fraction of the rows, a temperature fitted on its 5-fold held-out
// predictions there, and the rest scored. Prints the share of scored rows an all-knowing stop machine-labels while
// they stay 95% right, with rows ordered by the raw top probability and by the temperature-scaled one (docs/loop.md,
// "Temperature scaling, and the order of rows"). Not a loop run.
//   node scripts/eval-temperature-order.mjs <csv> <fraction> <split seed> [rows, default 6000]
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { StaticEncoder } from '../dist/encoders/static/static-encoder.js';
import { encodeTexts } from '../dist/encoders/text-vectors.js';
import { identityOf } from '../dist/cli/commands/run-encoder.js';
import { encoderHeadFactory } from '../dist/classifiers/encoder-head-classifier.js';
import { denseFactory } from '../dist/classifiers/dense-classifier.js';
import { naiveBayesFactory } from '../dist/classifiers/naive-bayes-classifier.js';
import { ensembleFactory } from '../dist/classifiers/ensemble-classifier.js';
import { fitTemperature, scaledTopClass } from '../dist/calibration/temperature.js';

const [file, fraction, seedArg, limitArg] = process.argv.slice(2);
if (!file || !fraction || !seedArg) throw new Error('usage: eval-temperature-order.mjs <csv> <fraction> <split seed> [rows]');
let s = Number(seedArg);
const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
const rows = parse(readFileSync(file), { columns: true })
  .map((r) => [rnd(), r])
  .sort((a, b) => a[0] - b[0])
  .map((p) => p[1])
  .slice(0, Number(limitArg ?? 6000));
const texts = rows.map((r) => r.text);
const names = [...new Set(rows.map((r) => r.label))].sort();
const gold = Int32Array.from(rows.map((r) => names.indexOf(r.label)));
const K = names.length;
const encoder = await StaticEncoder.load(new URL('../encoders/minilm-l6-static', import.meta.url).pathname);
const vectors = await encodeTexts(encoder, texts, { cache: null });
const head = encoderHeadFactory(vectors, identityOf(encoder), {});
const factory = ensembleFactory([{ name: 'encoder-head', factory: head }, { name: 'dense', factory: denseFactory() }, { name: 'naive-bayes', factory: naiveBayesFactory() }], 'geometric');
const n = Math.floor(texts.length * Number(fraction));
const train = [...Array(n).keys()];
const test = Array.from({ length: texts.length - n }, (_, i) => n + i);
const pick = (idx) => ({ texts: idx.map((i) => texts[i]), labels: Int32Array.from(idx, (i) => gold[i]) });

const FOLDS = 5;
const oof = new Float32Array(n * K);
for (let f = 0; f < FOLDS; f++) {
  const fit = pick(train.filter((i) => i % FOLDS !== f));
  const held = train.filter((i) => i % FOLDS === f);
  const model = factory.create(f + 1);
  await model.fit(fit.texts, fit.labels, K);
  const p = model.predictProba(pick(held).texts);
  held.forEach((row, j) => oof.set(p.subarray(j * K, (j + 1) * K), row * K));
  model.dispose();
}
const t = fitTemperature(oof, pick(train).labels, K);
const model = factory.create(9);
await model.fit(pick(train).texts, pick(train).labels, K);
const probs = model.predictProba(pick(test).texts);
model.dispose();

/** share of test rows taken from the most confident down while they stay at least 95% right */
function coverage(top) {
  const order = [...top.label.keys()].sort((a, b) => top.confidence[b] - top.confidence[a] || a - b);
  let right = 0;
  let covered = 0;
  order.forEach((j, k) => {
    if (top.label[j] === gold[test[j]]) right++;
    if (right / (k + 1) >= 0.95) covered = k + 1;
  });
  return ((100 * covered) / test.length).toFixed(1);
}
console.log(`${file}: ${texts.length} rows, ${K} classes, ${n} trained; temperature ${t.toFixed(3)}`);
console.log(`coverage at 95%: raw order ${coverage(scaledTopClass(probs, K, 1))}%, temperature-scaled order ${coverage(scaledTopClass(probs, K, t))}%`);
