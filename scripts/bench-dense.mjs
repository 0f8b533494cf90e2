// `node scripts/bench-dense.mjs` (after `npm run build`): the dense, naive Bayes and fastText models on the
// UCI News split (train+valid -> test), both trained by the sparse CPU engine, one thread. Prints a
// Markdown table of test accuracy and training time (median of --repeat N runs, default 3).
//   node scripts/bench-dense.mjs [--repeat 3] [--set key=value ...]   (dense param overrides, e.g. hiddenUnits=128)
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accuracy, FASTTEXT_CLI_DEFAULTS, trainFastText } from '../dist/fasttext/index.js';
import { DENSE_DEFAULTS, trainDense } from '../dist/dense/index.js';
import { NAIVE_BAYES_DEFAULTS, trainNaiveBayes } from '../dist/naive-bayes/index.js';
import { meanOf } from '../dist/classifiers/ensemble-classifier.js';
import { loadDatasets } from './bench-data.mjs';
import { DATASETS } from './lib/datasets.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const datasetsRoot = DATASETS;
const args = process.argv.slice(2);
const repeat = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : 3;
const overrides = Object.fromEntries(args.flatMap((a, i) => (args[i - 1] === '--set' ? [a.split('=')] : [])).map(([k, v]) => [k, Number.isNaN(Number(v)) ? v : Number(v)]));

const dense = (ds, seed) => trainDense(ds.train.texts, ds.train.labels, ds.names.length, { ...DENSE_DEFAULTS, ...overrides, seed });
const nb = (ds) => trainNaiveBayes(ds.train.texts, ds.train.labels, ds.names.length, NAIVE_BAYES_DEFAULTS);
const MODELS = [
  { name: 'dense+nb (run default: mean of the two below)', train: async (ds, seed) => { const [a, b] = [await dense(ds, seed), nb(ds)]; return { predictProba: (t) => meanOf([a.predictProba(t), b.predictProba(t)]) }; } },
  { name: 'dense (defaults)', train: dense },
  { name: 'complement naive Bayes (words 1-2, chars 2-5)', train: nb },
  { name: 'fastText (run defaults: ep10 lr0.5 dim20)', train: (ds, seed) => trainFastText(ds.train.texts, ds.train.labels, ds.names.length, { ...FASTTEXT_CLI_DEFAULTS, epochs: 10, learningRate: 0.5, vectorDim: 20, normalize: true, seed }) },
  { name: 'fastText (bench a: ep20 lr0.5 dim20 ng2)', train: (ds, seed) => trainFastText(ds.train.texts, ds.train.labels, ds.names.length, { ...FASTTEXT_CLI_DEFAULTS, epochs: 20, learningRate: 0.5, vectorDim: 20, wordNgrams: 2, seed }) },
];

const { datasets, missing } = loadDatasets(datasetsRoot);
if (missing) {
  console.log(`**${missing}**`);
  process.exit(0);
}
const ds = datasets[0];
console.log(`| model | test accuracy % (mean of ${repeat}) | CPU train s (median) | predict rows/s |\n| --- | --- | --- | --- |`);
for (const m of MODELS) {
  const runs = [];
  for (let i = 0; i < repeat; i++) {
    let t0 = performance.now();
    const model = await m.train(ds, i + 1);
    const train = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const probs = model.predictProba(ds.test.texts);
    const predict = (performance.now() - t0) / 1000;
    runs.push({ train, predict, acc: accuracy(probs, ds.test.labels, ds.names.length) });
  }
  const med = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const acc = runs.reduce((s, r) => s + r.acc, 0) / runs.length;
  console.log(`| ${m.name} | ${(acc * 100).toFixed(1)} | ${med('train').toFixed(2)} | ${Math.round(ds.test.texts.length / med('predict')).toLocaleString('en-US')} |`);
}
