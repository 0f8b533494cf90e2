import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/run.js';
import { predict } from '../../src/cli/commands/predict.js';
import { loadEncoder } from '../../src/encoders/load.js';
import { fixtureCopy, quiet } from '../helpers/fixture-run.js';
import { Writable } from 'node:stream';

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

describe('run with an encoder', () => {
  it('trains the head with the n-gram models, keeps the encoder in the work dir and in every model, and predict needs that encoder', async () => {
    const { dir, manifest } = await fixtureCopy();
    const workdir = join(dir, 'w');
    const first = await run(manifest, { ...quiet, workdir, simulateHumans: 'gold', maxRounds: 2, cwd: dir });
    expect(first.result.model).toMatch(/^geometric mean of encoder-head\(static minilm-l6-static/);
    const state = JSON.parse(await readFile(join(workdir, 'state.json'), 'utf8')) as { encoder: { contentHash: string; kind: string } };
    const shipped = await loadEncoder('default');
    expect(state.encoder).toMatchObject({ kind: 'static', contentHash: shipped!.contentHash });
    const rounds = (await readdir(join(workdir, 'models'))).sort();
    const model = join(workdir, 'models', rounds.at(-1)!);
    const head = JSON.parse(await readFile(join(model, 'encoder-head', 'metadata.json'), 'utf8')) as { kind: string; encoder: { contentHash: string } };
    expect(head).toMatchObject({ kind: 'encoder-head', encoder: { contentHash: shipped!.contentHash } });
    const ensemble = JSON.parse(await readFile(join(model, 'metadata.json'), 'utf8')) as { kind: string; combine: string; members: string[] };
    expect(ensemble).toMatchObject({ kind: 'ensemble', combine: 'geometric', members: ['encoder-head', 'dense', 'naive-bayes'] });

    // the same encoder by default: predict works and scores the gold rows
    const p = await predict(model, manifest, { cwd: dir, stdout: sink() });
    expect(p.rows).toBe(2000);
    // another encoder is refused, naming the one the model was trained with
    await expect(predict(model, manifest, { cwd: dir, stdout: sink(), encoder: 'none' })).rejects.toThrow(/trained on static encoder "minilm-l6-static"/);
    // a resumed run with another encoder is refused before anything changes
    await expect(run(manifest, { ...quiet, workdir, simulateHumans: 'gold', maxRounds: 3, cwd: dir, encoder: 'none' })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/started with static encoder "minilm-l6-static"/) });
    const after = await readFile(join(workdir, 'state.json'), 'utf8');
    expect(JSON.parse(after)).toMatchObject({ encoder: { contentHash: shipped!.contentHash } });
  });

  it('--encoder none trains the n-gram models alone, and a work dir without an encoder refuses one later', async () => {
    const { dir, manifest } = await fixtureCopy();
    const workdir = join(dir, 'w');
    const first = await run(manifest, { ...quiet, workdir, simulateHumans: 'gold', maxRounds: 2, cwd: dir, encoder: 'none' });
    expect(first.result.model).not.toMatch(/encoder-head/);
    await expect(run(manifest, { ...quiet, workdir, simulateHumans: 'gold', maxRounds: 3, cwd: dir, encoder: 'default' })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/started without an encoder/) });
    const again = await run(manifest, { ...quiet, workdir, simulateHumans: 'gold', maxRounds: 3, cwd: dir });
    expect(again.result.model).not.toMatch(/encoder-head/);
  });
});
