// `npm run bench` (after `npm run build`): our fastText engine vs the `fasttext` binary, same files,
// same hyperparameters, same threads. Prints a Markdown table. Options: --repeat N (median of N, default 3).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accuracy, FASTTEXT_CLI_DEFAULTS, saveFastTextModel, trainFastText, writeFastTextFile, writePredictionsJsonl } from '../dist/fasttext/index.js';
import { loadDatasets } from './bench-data.mjs';
import { ensureFastTextBinary, predictBinary, testBinary, trainBinary } from './bench-fasttext-bin.mjs';
import { DATASETS } from './lib/datasets.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const datasetsRoot = DATASETS;
const repeatArg = process.argv.indexOf('--repeat');
const repeat = repeatArg > 0 ? Number(process.argv[repeatArg + 1]) : 3;
const log = (msg) => process.stderr.write(`${msg}\n`);

const CONFIGS = [
  { name: 'a: ep20 lr0.5 dim20 ng2 mc1', params: { ...FASTTEXT_CLI_DEFAULTS, epochs: 20, learningRate: 0.5, vectorDim: 20, wordNgrams: 2, minCount: 1 } },
  { name: 'b: fastText CLI defaults', params: { ...FASTTEXT_CLI_DEFAULTS } },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (t0) => (performance.now() - t0) / 1000;

async function runOurs(ds, params, work) {
  const runs = [];
  for (let i = 0; i < repeat; i++) {
    const p = { ...params, seed: i + 1 };
    let t0 = performance.now();
    const model = await trainFastText(ds.train.texts, ds.train.labels, ds.names.length, p); // tokenize + dictionary + train
    const train = seconds(t0);
    t0 = performance.now();
    await saveFastTextModel(join(work, 'ours-model'), model, { labels: ds.names, params: p });
    const save = seconds(t0);
    t0 = performance.now();
    const probs = model.predictProba(ds.test.texts); // encode + predict
    const predict = seconds(t0);
    t0 = performance.now();
    await writePredictionsJsonl(join(work, 'ours-pred.jsonl'), model.predictProba(ds.test.texts), ds.names);
    const predictFile = seconds(t0);
    runs.push({ train, save, predict, predictFile, acc: accuracy(probs, ds.test.labels, ds.names.length) });
  }
  return summarize(runs, ['train', 'save', 'predict', 'predictFile']);
}

function runBinary(ds, params, files, work) {
  const runs = [];
  for (let i = 0; i < repeat; i++) {
    const prefix = join(work, 'ft-model');
    const train = trainBinary(files.train, prefix, { ...params, seed: i + 1 });
    const predictFile = predictBinary(`${prefix}.bin`, files.test, ds.names.length, join(work, 'ft-pred.txt'));
    runs.push({ train, predictFile, acc: testBinary(`${prefix}.bin`, files.test) });
    rmSync(`${prefix}.bin`, { force: true }); // 160-800 MB each (2M buckets x dim floats)
    rmSync(`${prefix}.vec`, { force: true });
  }
  return summarize(runs, ['train', 'predictFile']);
}

/** Median of each timing; accuracy is the mean over runs (run i uses seed i + 1 on both sides). */
function summarize(runs, timingKeys) {
  const acc = runs.reduce((s, r) => s + r.acc, 0) / runs.length;
  return { acc, ...Object.fromEntries(timingKeys.map((k) => [k, median(runs.map((r) => r[k]))])) };
}

function row(ds, cfg, threads, ours, bin) {
  const n = ds.test.texts.length;
  const f = (x, d = 2) => (x === undefined ? '–' : x.toFixed(d));
  const rate = (s) => (s === undefined ? '–' : Math.round(n / s).toLocaleString('en-US'));
  const ratio = (a, b) => (a === undefined || b === undefined ? '–' : `${(a / b).toFixed(2)}x`);
  return `| ${ds.name} | ${cfg.name} | ${threads} | ${f(ours.acc * 100, 1)} | ${bin ? f(bin.acc * 100, 1) : '–'} | ${f(ours.train)} (+${f(ours.save)} save) | ${f(bin?.train)} | ${ratio(ours.train, bin?.train)} | ${rate(ours.predict)} / ${rate(ours.predictFile)} | ${rate(bin?.predictFile)} | ${ratio(bin?.predictFile, ours.predictFile)} |`;
}

async function main() {
  const { datasets, missing } = loadDatasets(datasetsRoot);
  if (missing) {
    console.log(`**${missing}**`);
    return;
  }
  const binaryProblem = ensureFastTextBinary(log);
  if (binaryProblem) console.log(`> fastText binary unavailable (${binaryProblem}); benchmarking only our engine.\n`);
  const work = mkdtempSync(join(tmpdir(), 'al-label-bench-'));
  const lines = [
    '| dataset | config | threads | acc % ours | acc % fastText | train s ours | train s fastText | train ratio (ours/ft) | predict rows/s ours (mem / +jsonl) | predict-prob rows/s fastText | predict speedup (ours jsonl vs ft) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  try {
    for (const ds of datasets) {
      const files = { train: join(work, 'train.txt'), test: join(work, 'test.txt') };
      await writeFastTextFile(files.train, ds.train.texts, ds.train.labelNames);
      await writeFastTextFile(files.test, ds.test.texts, ds.test.labelNames);
      for (const cfg of CONFIGS) {
        for (const threads of [1, 2]) {
          const params = { ...cfg.params, threads };
          log(`${ds.name} | ${cfg.name} | threads ${threads} ...`);
          const ours = await runOurs(ds, params, work);
          const bin = binaryProblem ? undefined : runBinary(ds, params, files, work);
          lines.push(row(ds, cfg, threads, ours, bin));
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(lines.join('\n'));
  console.log(`\nAccuracy: mean of ${repeat} runs with seeds 1..${repeat}; timings: median of those runs. Train: ours = tokenize + dictionary + train in-process (save shown apart); fastText = \`fasttext supervised\` wall time (includes reading the file each epoch and writing model.bin).`);
  console.log('Predict: ours = encode + predict in memory / + writing BlazingText JSON lines; fastText = `fasttext predict-prob` wall time (includes loading model.bin).');
}

await main();
