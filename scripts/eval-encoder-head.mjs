#!/usr/bin/env node
// One split of a labeled CSV: the encoder head, the dense model, naive Bayes and their means trained on a
// random --fraction of the rows and scored on the rest (accuracy, and the share of rows at 0.95 confidence
// or more with how often they are right). For choosing encoder and head settings, not a loop run.
//   node scripts/eval-encoder-head.mjs <csv> <text column> <label column> <fraction> <encoder dir> ['{"epochs":40}']
//   ONLY=head,dense+nb+head limits the models.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { StaticEncoder } from '../dist/encoders/static/static-encoder.js';
import { encodeTexts } from '../dist/encoders/text-vectors.js';
import { encoderHeadFactory } from '../dist/classifiers/encoder-head-classifier.js';
import { denseFactory } from '../dist/classifiers/dense-classifier.js';
import { naiveBayesFactory } from '../dist/classifiers/naive-bayes-classifier.js';
import { ensembleFactory } from '../dist/classifiers/ensemble-classifier.js';
const [file, textCol, labelCol, frac, encDir, ...hp] = process.argv.slice(2);
const rows = parse(readFileSync(file), { columns: true });
const texts = rows.map((r) => r[textCol]); const names = [...new Set(rows.map((r) => r[labelCol]))];
const y = Int32Array.from(rows.map((r) => names.indexOf(r[labelCol])));
import { loadTransformerEncoder } from '../dist/encoders/transformer/load.js';
const isStatic = JSON.parse(readFileSync(encDir + '/config.json', 'utf8')).model_type === 'model2vec';
const enc = isStatic ? await StaticEncoder.load(encDir) : await loadTransformerEncoder(encDir, { runtime: 'onnx', threads: 2 });
let t = performance.now(); const vec = await encodeTexts(enc, texts, { cache: null }); const eps = texts.length / ((performance.now() - t) / 1000);
let s = 7; const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
const idx = texts.map((_, i) => [rnd(), i]).sort((a, b) => a[0] - b[0]).map((p) => p[1]);
const n = Math.floor(texts.length * Number(frac)); const tr = idx.slice(0, n), te = idx.slice(n);
const params = hp.length ? JSON.parse(hp[0]) : {};
const head = encoderHeadFactory(vec, { kind: enc.kind, name: enc.name, contentHash: enc.contentHash, dim: enc.dim }, params);
const facs = { head, dense: denseFactory(), nb: naiveBayesFactory(), 'dense+nb': ensembleFactory([{ name: 'dense', factory: denseFactory() }, { name: 'naive-bayes', factory: naiveBayesFactory() }]), 'dense+nb+head': ensembleFactory([{ name: 'dense', factory: denseFactory() }, { name: 'naive-bayes', factory: naiveBayesFactory() }, { name: 'head', factory: head }]),
  'dense+nb+head geo': ensembleFactory([{ name: 'dense', factory: denseFactory() }, { name: 'naive-bayes', factory: naiveBayesFactory() }, { name: 'head', factory: head }], 'geometric'),
  'nb+head': ensembleFactory([{ name: 'naive-bayes', factory: naiveBayesFactory() }, { name: 'head', factory: head }]),
  'nb+head geo': ensembleFactory([{ name: 'naive-bayes', factory: naiveBayesFactory() }, { name: 'head', factory: head }], 'geometric') };
console.log(`encode ${Math.round(eps)} texts/s; train ${n}`);
const only = process.env.ONLY ? process.env.ONLY.split(',') : Object.keys(facs);
for (const [name, f] of Object.entries(facs).filter(([n]) => only.includes(n))) {
  const m = f.create(1); t = performance.now();
  await m.fit(tr.map((i) => texts[i]), Int32Array.from(tr.map((i) => y[i])), names.length);
  const p = m.predictProba(te.map((i) => texts[i])); const k = names.length;
  let ok = 0, conf95 = 0, conf95ok = 0;
  te.forEach((row, j) => { let b = 0; for (let c = 1; c < k; c++) if (p[j * k + c] > p[j * k + b]) b = c; if (b === y[row]) ok++; if (p[j*k+b] >= 0.95) { conf95++; if (b === y[row]) conf95ok++; } });
  // coverage at 95%: the most confident rows machine-labeled while they stay 95% right (an all-knowing stop)
  const conf = te.map((row, j) => { let b = 0; for (let c = 1; c < k; c++) if (p[j * k + c] > p[j * k + b]) b = c; return [p[j * k + b], b === y[row] ? 1 : 0]; }).sort((a, b) => b[0] - a[0]);
  let good = 0, cover = 0; conf.forEach(([, r], i) => { good += r; if (good / (i + 1) >= 0.95) cover = i + 1; });
  console.log(`${name.padEnd(14)} coverage@95 ${(100 * cover / te.length).toFixed(1)}%`);
  console.log(`${name.padEnd(14)} acc ${(100 * ok / te.length).toFixed(2)}%  >=0.95: ${(100*conf95/te.length).toFixed(1)}% of rows, ${(100*conf95ok/Math.max(1,conf95)).toFixed(2)}% right  ${((performance.now() - t) / 1000).toFixed(1)}s`);
}
