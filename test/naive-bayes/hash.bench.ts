// npm run bench:hash: naive Bayes' term hashing (hashTerms: the word n-grams in JavaScript, the character n-grams,
// sort and count in WebAssembly) side by side with the JavaScript reference it must match (reference-hash.ts),
// over 20,000 tweets of $AL_LABEL_DATASETS/tweeteval/emoji.csv (../shared/datasets by default).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { parse } from 'csv-parse/sync';
import { hashTerms, NAIVE_BAYES_DEFAULTS } from '../../src/naive-bayes/index.js';
import { hashTermsReference } from './reference-hash.js';

const datasets = process.env.AL_LABEL_DATASETS ?? join(import.meta.dirname, '../../../shared/datasets');
const rows = parse(readFileSync(join(datasets, 'tweeteval', 'emoji.csv')), { columns: true, bom: true }) as { text: string }[];
const texts = rows.slice(0, 20_000).map((r) => r.text);

describe('hash 20,000 tweets (words 1-2, characters 2-5, 2^20 ids a block)', () => {
  bench('hashTerms (WebAssembly)', () => {
    for (const t of texts) hashTerms(t, NAIVE_BAYES_DEFAULTS);
  }, { iterations: 10, warmupIterations: 2 });
  bench('reference (JavaScript)', () => {
    for (const t of texts) hashTermsReference(t, NAIVE_BAYES_DEFAULTS);
  }, { iterations: 10, warmupIterations: 2 });
});
