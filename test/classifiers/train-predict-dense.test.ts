import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predict } from '../../src/cli/commands/predict.js';
import { train } from '../../src/cli/commands/train.js';
import { loadModel } from '../../src/classifiers/load-model.js';
import { UsageError } from '../../src/errors.js';
import { nullReporter } from '../../src/report/reporter.js';

const TSV = resolve(import.meta.dirname, '../../fixtures/fasttext/uci-news-sample.tsv');
let dir: string;
let testTexts: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'al-label-dense-cli-'));
  const rows = (await readFile(TSV, 'utf8')).split('\n').filter(Boolean).map((l) => l.split('\t') as [string, string, string]);
  const ft = (split: string) => rows.filter((r) => r[0] === split).map((r) => `__label__${r[1]} ${r[2]}`).join('\n');
  await writeFile(join(dir, 'train.txt'), ft('train'));
  await writeFile(join(dir, 'test.txt'), ft('test'));
  testTexts = rows.filter((r) => r[0] === 'test').map((r) => r[2]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('al-label train --model dense / predict', () => {
  it('trains the dense model with its own defaults and predict reads it by metadata kind', async () => {
    const out = join(dir, 'dense');
    const s = await train(join(dir, 'train.txt'), { out, model: 'dense', epochs: 8, reporter: nullReporter });
    expect(s.params).toMatchObject({ learningRate: 0.005, minDf: 1, normalize: true, epochs: 8, maxFeatures: 20_000 });
    const meta = JSON.parse(await readFile(join(out, 'metadata.json'), 'utf8'));
    expect(meta).toMatchObject({ kind: 'dense', engine: 'cpu', trainedOn: 'train.txt' });

    const summary = await predict(out, join(dir, 'test.txt'), { k: 4, output: join(dir, 'pred.jsonl') });
    expect(summary.rows).toBe(testTexts.length);
    expect(summary.scored!.accuracy).toBeGreaterThan(0.8);
    const recs = (await readFile(join(dir, 'pred.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { label: string[]; prob: number[] });
    const model = await loadModel(out);
    const probs = model.predictProba(testTexts);
    const first = recs[0]!;
    for (let c = 0; c < 4; c++) expect(first.prob[first.label.indexOf(`__label__${model.labels[c]}`)]).toBeCloseTo(probs[c]!, 6);
  });

  it('refuses --early-stopping for the dense model', async () => {
    await expect(train(join(dir, 'train.txt'), { out: join(dir, 'es'), model: 'dense', earlyStopping: true, validationFraction: 0.1, reporter: nullReporter })).rejects.toThrow(UsageError);
  });
});
