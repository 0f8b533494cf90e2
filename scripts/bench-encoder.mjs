#!/usr/bin/env node
// Rows per second of a transformer encoder on UCI headlines and IMDB reviews (max_seq_length tokens).
//
//   npm run build && npm run fetch:encoder
//   node scripts/bench-encoder.mjs [models/all-MiniLM-L6-v2] [--runtime onnx|tfjs] [--threads 2] [--headlines 4000] [--reviews 300]
//
// Reads ../shared/datasets (or $AL_LABEL_DATASETS); prints one line per corpus with the load average,
// since figures on a shared machine move with it.
import { readFileSync, existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { loadTransformerEncoder } from '../dist/encoders/transformer/load.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    runtime: { type: 'string', default: 'onnx' },
    threads: { type: 'string', default: '2' },
    headlines: { type: 'string', default: '4000' },
    reviews: { type: 'string', default: '300' },
    'batch-size': { type: 'string' },
  },
});
const dir = positionals[0] ?? 'models/all-MiniLM-L6-v2';
const data = resolve(process.env.AL_LABEL_DATASETS ?? '../shared/datasets');
const uciPath = join(data, 'uci-news-aggregator/uci_news_5publishers.csv');
const imdbPath = join(data, 'imdb/imdb_test.jsonl');
if (!existsSync(uciPath) || !existsSync(imdbPath)) {
  console.error(`datasets not found under ${data} (set AL_LABEL_DATASETS): need ${uciPath} and ${imdbPath}`);
  process.exit(2);
}
const headlines = parse(readFileSync(uciPath), { columns: true }).map((r) => r.text).slice(0, Number(values.headlines));
const reviews = readFileSync(imdbPath, 'utf8').trim().split('\n').slice(0, Number(values.reviews)).map((l) => JSON.parse(l).text);

let tf;
if (values.runtime === 'tfjs') {
  tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
}
const enc = await loadTransformerEncoder(dir, {
  runtime: values.runtime,
  threads: Number(values.threads),
  ...(tf ? { tf } : {}),
  ...(values['batch-size'] ? { batchSize: Number(values['batch-size']) } : {}),
});
console.log(`${enc.name} on ${enc.runtime}; ${cpus().length} CPUs (${cpus()[0]?.model}), node ${process.version}`);
await enc.encode(headlines.slice(0, 64)); // warm-up: first-run allocations and graph optimization
for (const [name, texts] of [['UCI headlines', headlines], ['IMDB reviews', reviews]]) {
  const tokens = texts.reduce((s, t) => s + enc.folder.tokenizer.encode(t, enc.maxLength).length, 0);
  const load = loadavg()[0].toFixed(1);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await enc.encode(texts);
  const s = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  const cpuS = (used.user + used.system) / 1e6;
  // rows per CPU-second stays meaningful when other processes share the cores; rows/s is what a user sees
  console.log(
    `${name}: ${texts.length} rows, ${(tokens / texts.length).toFixed(1)} tokens/row (max ${enc.maxLength}), ` +
      `${s.toFixed(1)} s wall, ${(texts.length / s).toFixed(1)} rows/s, ${cpuS.toFixed(1)} CPU-s, ` +
      `${(texts.length / cpuS).toFixed(1)} rows per CPU-second (load average ${load} before)`,
  );
}
enc.dispose();
