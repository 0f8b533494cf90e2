import { readFileSync } from 'node:fs';
import { Prng } from '../../src/fasttext/prng.js';
import type { FastTextParams } from '../../src/fasttext/types.js';
import { FASTTEXT_CLI_DEFAULTS } from '../../src/fasttext/types.js';

export interface LabeledSet {
  texts: string[];
  labels: Int32Array;
}

/** Small, fast params for unit tests (few buckets keeps the bucket map tiny). */
export const TEST_PARAMS: FastTextParams = { ...FASTTEXT_CLI_DEFAULTS, epochs: 10, learningRate: 0.5, vectorDim: 16, wordNgrams: 2, buckets: 100_003 };

const TOPICS = [
  ['stocks', 'shares', 'profit', 'bank', 'earnings', 'investors', 'market', 'merger'],
  ['film', 'actor', 'album', 'concert', 'premiere', 'singer', 'oscar', 'tour'],
  ['vaccine', 'hospital', 'virus', 'doctors', 'cancer', 'patients', 'study', 'drug'],
];
const FILLER = ['the', 'a', 'new', 'after', 'report', 'says', 'in', 'week', 'could', 'for', 'on', 'big'];

/** Headline-like texts: 3 topic words of the class among 4 shared filler words, shuffled. */
export function syntheticSet(n: number, seed: number): LabeledSet {
  const rng = new Prng(seed);
  const pick = (xs: string[]): string => xs[Math.floor(rng.next() * xs.length)]!;
  const texts: string[] = [];
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % TOPICS.length;
    const words = [pick(TOPICS[label]!), pick(TOPICS[label]!), pick(TOPICS[label]!), pick(FILLER), pick(FILLER), pick(FILLER), pick(FILLER)];
    const order = Int32Array.from(words.keys());
    rng.shuffle(order);
    texts.push(Array.from(order, (k) => words[k]!).join(' '));
    labels[i] = label;
  }
  return { texts, labels };
}

/** 1,500 real UCI News headlines (fixtures/fasttext/uci-news-sample.tsv): 1,200 train, 300 test. */
export function uciSample(): { names: string[]; train: LabeledSet; test: LabeledSet } {
  const rows = readFileSync(new URL('../../fixtures/fasttext/uci-news-sample.tsv', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t') as [string, string, string]);
  const names = [...new Set(rows.map((r) => r[1]))].sort();
  const set = (split: string): LabeledSet => {
    const rs = rows.filter((r) => r[0] === split);
    return { texts: rs.map((r) => r[2]), labels: Int32Array.from(rs.map((r) => names.indexOf(r[1]))) };
  };
  return { names, train: set('train'), test: set('test') };
}
