// Loads the benchmark data sets from $AL_LABEL_DATASETS and splits them (untimed setup).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Prng } from '../dist/fasttext/prng.js';

function readCsv(path) {
  return parse(readFileSync(path), { columns: true, skip_empty_lines: true });
}

function toSplit(rows, labelNames) {
  return { texts: rows.map((r) => r.text), labelNames: rows.map((r) => r.label), labels: Int32Array.from(rows.map((r) => labelNames.indexOf(r.label))) };
}

/** UCI: the source's own split; train + valid (12,005 rows) for training, test (1,334) for testing. */
function uci(root) {
  const rows = readCsv(join(root, 'uci-news-aggregator', 'uci_news_5publishers.csv'));
  const names = [...new Set(rows.map((r) => r.label))].sort();
  return { name: 'uci-news (train+valid / test)', names, train: toSplit(rows.filter((r) => r.split !== 'test'), names), test: toSplit(rows.filter((r) => r.split === 'test'), names) };
}

/** AG News test split (7,600 rows), shuffled with seed 42 and cut 80/20. */
function agNews(root) {
  const rows = readCsv(join(root, 'ag-news', 'ag_news_test.csv'));
  const names = [...new Set(rows.map((r) => r.label))].sort();
  const order = Int32Array.from(rows.keys());
  new Prng(42).shuffle(order);
  const cut = Math.floor(rows.length * 0.8);
  const pick = (idx) => Array.from(idx, (i) => rows[i]);
  return { name: 'ag-news test.csv (seeded 80/20)', names, train: toSplit(pick(order.subarray(0, cut)), names), test: toSplit(pick(order.subarray(cut)), names) };
}

/** Returns the data sets, or an explanation when the shared folder is missing. */
export function loadDatasets(root) {
  if (!existsSync(root)) return { missing: `Dataset folder ${root} is missing: no benchmark data (set AL_LABEL_DATASETS to its location).` };
  return { datasets: [uci(root), agNews(root)] };
}
