#!/usr/bin/env node
// Headlines per second of the static encoder on one core (JavaScript runs on one thread): the UCI News
// headlines, repeated to --rows, encoded once with a cold tokenizer cache and once more warm. Prints the
// load average too, since figures on a shared machine move with it.
//
//   npm run build && node scripts/bench-static-encoder.mjs [encoder-dir|default] [--rows 200000]
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { loadEncoder } from '../dist/encoders/load.js';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { rows: { type: 'string', default: '200000' } } });
const data = resolve(process.env.AL_LABEL_DATASETS ?? '../shared/datasets');
const uci = join(data, 'uci-news-aggregator/uci_news_5publishers.csv');
if (!existsSync(uci)) {
  console.error(`datasets not found under ${data} (set AL_LABEL_DATASETS): need ${uci}`);
  process.exit(2);
}
const headlines = parse(readFileSync(uci), { columns: true }).map((r) => r.text);
const n = Number(values.rows);
const texts = Array.from({ length: n }, (_, i) => headlines[i % headlines.length]);
const enc = await loadEncoder(positionals[0] ?? 'default');
if (!enc || enc.kind !== 'static') {
  console.error('give a static encoder folder (or "default")');
  process.exit(2);
}
for (const pass of ['cold', 'warm']) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  await enc.encode(texts);
  const s = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuS = (used.user + used.system) / 1e6;
  console.log(`${enc.name}: ${n} UCI headlines (${headlines.length} distinct), ${pass} tokenizer cache: ${(n / s).toFixed(0)} headlines/s wall, ${(n / cpuS).toFixed(0)} per CPU-second of the process (load average ${loadavg()[0].toFixed(1)})`);
}
