#!/usr/bin/env node
// Checks that models trained by the sparse CPU engine are real TF.js models: for each architecture
// (fasttext, dense) it runs `al-label train` on the UCI News train+valid rows, `al-label predict
// --k <all labels>` on the test rows, then loads the same folder with plain @tensorflow/tfjs
// (`tf.loadLayersModel`, cpu backend), feeds it the inputs rebuilt from metadata.json, and compares
// every class probability. Exit 0 when all differ by less than 1e-4. Needs `npm run build` first.
//   node scripts/check-tfjs-parity.mjs [--csv path/to/uci_news_5publishers.csv] [--keep]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import * as tf from '@tensorflow/tfjs';
import { fileLoadRouter } from '../dist/fasttext/tfjs-file-io.js';
import { tfjsInput } from '../dist/classifiers/tfjs-input.js';
import { DATASETS } from './lib/datasets.mjs';

const TOLERANCE = 1e-4;
const BATCH = 256; // rows per predict call: a fastText input row is as wide as its dictionary
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const csvArg = args.includes('--csv') ? args[args.indexOf('--csv') + 1] : undefined;
const csvPath = resolve(csvArg ?? join(DATASETS, 'uci-news-aggregator', 'uci_news_5publishers.csv'));
const work = mkdtempSync(join(tmpdir(), 'al-label-parity-'));
const cli = (...a) => execFileSync(process.execPath, [join(repo, 'bin/al-label.js'), ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 });
const quote = (s) => `"${String(s).replace(/"/g, '""')}"`;
const writeCsv = (path, rows) => writeFileSync(path, `text,label\n${rows.map((r) => `${quote(r.text)},${quote(r.label)}`).join('\n')}\n`);

const rows = parse(readFileSync(csvPath), { columns: true, skip_empty_lines: true });
const test = rows.filter((r) => r.split === 'test');
writeCsv(join(work, 'train.csv'), rows.filter((r) => r.split !== 'test'));
writeCsv(join(work, 'test.csv'), test);
const numLabels = new Set(rows.map((r) => r.label)).size;

tf.enableProdMode();
await tf.setBackend('cpu');
tf.io.registerLoadRouter(fileLoadRouter);

let failed = false;
for (const model of ['fasttext', 'dense']) {
  const dir = join(work, model);
  const t0 = performance.now();
  cli('train', join(work, 'train.csv'), '--out', dir, '--model', model, '--quiet');
  const trainSeconds = (performance.now() - t0) / 1000;
  const predictions = join(work, `${model}.jsonl`);
  cli('predict', dir, join(work, 'test.csv'), '--k', String(numLabels), '--output', predictions, '--quiet');
  const records = readFileSync(predictions, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

  const meta = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'));
  const layers = await tf.loadLayersModel(pathToFileURL(join(dir, 'model.json')).href);
  let worst = 0;
  let agree = 0;
  let correct = 0;
  for (let s = 0; s < test.length; s += BATCH) {
    const texts = test.slice(s, s + BATCH).map((r) => r.text);
    const { x, width } = tfjsInput(meta, texts);
    const input = tf.tensor2d(x, [texts.length, width]);
    const output = layers.predict(input);
    const probs = await output.data(); // one read per batch
    tf.dispose([input, output]);
    texts.forEach((_, b) => {
      const rec = records[s + b];
      let top = 0;
      for (let c = 0; c < meta.labels.length; c++) {
        const ours = rec.prob[rec.label.indexOf(`__label__${meta.labels[c]}`)];
        worst = Math.max(worst, Math.abs(ours - probs[b * meta.labels.length + c]));
        if (probs[b * meta.labels.length + c] > probs[b * meta.labels.length + top]) top = c;
      }
      if (`__label__${meta.labels[top]}` === rec.label[0]) agree++;
      if (meta.labels[top] === test[s + b].label) correct++;
    });
  }
  layers.dispose();
  const ok = worst < TOLERANCE && records.length === test.length;
  failed ||= !ok;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${model.padEnd(8)} ${test.length} test rows: max |tf.loadLayersModel - al-label predict| = ${worst.toExponential(2)} (tolerance ${TOLERANCE}); top label agrees on ${agree}/${test.length}; TF.js accuracy ${((100 * correct) / test.length).toFixed(2)}%; al-label train ${trainSeconds.toFixed(1)} s (CLI, incl. reading)`,
  );
}
if (args.includes('--keep')) console.log(`files kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
