import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidate } from '../../src/backends/registry.js';
import { nodeProbeEnv } from '../../src/backends/select.js';

const root = new URL('../..', import.meta.url).pathname;
const webgpu = await candidate('webgpu').load(nodeProbeEnv);

describe('npm run bench:gpu (scripts/bench-gpu.mjs, reads dist/ as built by npm test)', () => {
  it.skipIf(webgpu.ok)('says "no GPU adapter: <reason>", writes it to --json-out and exits 0 where there is none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'al-label-bench-gpu-'));
    try {
      const res = spawnSync(process.execPath, [join(root, 'scripts/bench-gpu.mjs'), '--json-out', join(dir, 'out.json'), '--datasets', join(dir, 'none')], { encoding: 'utf8', timeout: 60_000 });
      expect(res.status).toBe(0);
      expect(res.stdout).toMatch(/^no GPU adapter: \S/m);
      const report = JSON.parse(await readFile(join(dir, 'out.json'), 'utf8'));
      expect(report).toMatchObject({ gpu: null });
      expect(report.noGpu).toMatch(/Vulkan|adapter/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
