#!/usr/bin/env node
// Compares al-label's transformer vectors with reference vectors computed another way
// (scripts/encoder-reference.py: sentence-transformers on PyTorch), row by row: cosine and largest
// absolute difference. Issue 17 asks cosine >= 0.9999 and max |diff| <= 1e-4 for every row.
//
//   npm run build
//   node scripts/check-encoder-reference.mjs models/all-MiniLM-L6-v2 bench-out/encoder-reference.jsonl [--tfjs-rows 24] [--threads 2]
//
// onnxruntime runs every row; TF.js (cpu backend, ~0.4 GFLOP/s) runs the first --tfjs-rows headlines
// and a quarter as many reviews. Exit 1 when a row misses either bound.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadTransformerEncoder } from '../dist/encoders/transformer/load.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'tfjs-rows': { type: 'string', default: '24' }, threads: { type: 'string', default: '2' }, verbose: { type: 'boolean', default: false } },
});
const [dir, refPath] = positionals;
if (!dir || !refPath) {
  console.error('usage: node scripts/check-encoder-reference.mjs <encoder-dir> <reference.jsonl> [--tfjs-rows N] [--threads N] [--verbose]');
  process.exit(2);
}
const rows = readFileSync(refPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const MIN_COS = 0.9999;
const MAX_DIFF = 1e-4;

function compare(label, enc, picked, vectors) {
  let worstCos = 1;
  let worstDiff = 0;
  let failed = 0;
  picked.forEach((row, r) => {
    const got = vectors.subarray(r * enc.dim, (r + 1) * enc.dim);
    let dot = 0, na = 0, nb = 0, diff = 0;
    row.vector.forEach((want, d) => {
      dot += want * got[d];
      na += want * want;
      nb += got[d] * got[d];
      diff = Math.max(diff, Math.abs(want - got[d]));
    });
    const cos = dot / Math.sqrt(na * nb);
    worstCos = Math.min(worstCos, cos);
    worstDiff = Math.max(worstDiff, diff);
    const ok = cos >= MIN_COS && diff <= MAX_DIFF;
    if (!ok) failed++;
    if (values.verbose || !ok) console.log(`${label} row ${r} (${row.source}) cosine ${cos.toFixed(8)} max|diff| ${diff.toExponential(2)}${ok ? '' : '  FAIL'}`);
  });
  const sources = [...new Set(picked.map((r) => r.source))].map((s) => `${picked.filter((r) => r.source === s).length} ${s}`).join(' + ');
  console.log(`${label}: ${picked.length} rows (${sources}), min cosine ${worstCos.toFixed(8)}, max |diff| ${worstDiff.toExponential(2)}, ${failed} row(s) out of bounds`);
  return failed;
}

let failed = 0;
const onnx = await loadTransformerEncoder(dir, { runtime: 'onnx', threads: Number(values.threads) });
console.log(`onnx runtime: ${onnx.runtime}, max_seq_length ${onnx.maxLength}`);
failed += compare('onnx', onnx, rows, await onnx.encode(rows.map((r) => r.text)));
onnx.dispose();

const tfjsRows = Number(values['tfjs-rows']);
if (tfjsRows > 0) {
  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const enc = await loadTransformerEncoder(dir, { runtime: 'tfjs', tf });
  const bySource = (s, n) => rows.filter((r) => r.source === s).slice(0, n);
  const picked = [...bySource('uci', tfjsRows), ...bySource('imdb', Math.ceil(tfjsRows / 4))];
  console.log(`tfjs runtime: ${enc.runtime}`);
  failed += compare('tfjs', enc, picked, await enc.encode(picked.map((r) => r.text)));
  enc.dispose();
}
process.exit(failed > 0 ? 1 : 0);
