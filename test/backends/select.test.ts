import { describe, expect, it } from 'vitest';
import { BackendUnavailableError } from '../../src/errors.js';
import { explainImportError } from '../../src/backends/registry.js';
import { checkBackendName, probeBackends, selectBackend, selectEngine } from '../../src/backends/select.js';
import type { CudaProbe, ProbeEnv } from '../../src/backends/types.js';

/** A stand-in for a TF.js module: records setBackend calls, reports a GPU device or not. */
function fakeTf(opts: { gpu?: boolean; refuse?: string[] } = {}) {
  const calls: string[] = [];
  const tf = {
    calls,
    enableProdMode: () => undefined,
    setBackend: async (name: string) => {
      calls.push(name);
      return !(opts.refuse ?? []).includes(name);
    },
    backend: () => ({ isUsingGpuDevice: opts.gpu === true }),
  };
  return tf;
}

function notFound(pkg: string): Error {
  return Object.assign(new Error(`Cannot find package '${pkg}' imported from /x/dist/backends/select.js`), { code: 'ERR_MODULE_NOT_FOUND' });
}

/** Env whose importable packages and CUDA driver are given by the test. */
function env(installed: Record<string, unknown | Error>, cuda: CudaProbe = { present: false, detail: 'no NVIDIA driver' }): ProbeEnv & { imported: string[] } {
  const imported: string[] = [];
  return {
    imported,
    async importModule(pkg) {
      imported.push(pkg);
      const got = installed[pkg];
      if (got === undefined) throw notFound(pkg);
      if (got instanceof Error) throw got;
      return got;
    },
    cuda: async () => cuda,
  };
}

const CUDA = { present: true, detail: 'NVIDIA driver: 550.54' };

describe('selectBackend', () => {
  it('takes tfjs-node-gpu first when it loads and sees a CUDA device', async () => {
    const gpuTf = fakeTf({ gpu: true });
    const got = await selectBackend({ env: env({ '@tensorflow/tfjs-node-gpu': gpuTf, '@tensorflow/tfjs': fakeTf() }, CUDA) });
    expect(got.name).toBe('tensorflow-gpu');
    expect(got.tf).toBe(gpuTf);
    expect(gpuTf.calls).toEqual(['tensorflow']);
  });

  it('skips the GPU backend without importing anything when there is no NVIDIA driver', async () => {
    const e = env({ '@tensorflow/tfjs': fakeTf() });
    const got = await selectBackend({ env: e });
    expect(e.imported[0]).toBe('webgpu'); // the CUDA candidate imported nothing
    expect(got.probes[0]).toMatchObject({ name: 'tensorflow-gpu', ok: false, reason: 'no NVIDIA driver' });
  });

  it('passes over tfjs-node-gpu when libtensorflow finds no CUDA device, then uses its CPU build', async () => {
    const nodeGpu = fakeTf({ gpu: false });
    const got = await selectBackend({ env: env({ '@tensorflow/tfjs-node-gpu': nodeGpu, '@tensorflow/tfjs': fakeTf() }, CUDA) });
    expect(got.probes[0]?.reason).toMatch(/sees no CUDA device/);
    expect(got.name).toBe('tensorflow');
    expect(got.detail).toMatch(/tfjs-node-gpu/);
  });

  it('unwraps a CommonJS default export (tfjs-node as Node imports it)', async () => {
    const nodeTf = fakeTf();
    const got = await selectBackend({ env: env({ '@tensorflow/tfjs-node': { default: nodeTf }, '@tensorflow/tfjs': fakeTf() }) });
    expect(got).toMatchObject({ name: 'tensorflow', tf: nodeTf });
  });

  it('falls back to wasm, then cpu, accepting a backend only when setBackend returns true', async () => {
    const tf = fakeTf({ refuse: ['wasm'] });
    const got = await selectBackend({ env: env({ '@tensorflow/tfjs': tf, '@tensorflow/tfjs-backend-wasm': {} }) });
    expect(got.name).toBe('cpu');
    expect(tf.calls).toEqual(['wasm', 'cpu']);
    expect(got.probes.map((p) => [p.name, p.ok])).toEqual([['tensorflow-gpu', false], ['webgpu', false], ['tensorflow', false], ['wasm', false], ['cpu', true]]);
    expect(got.probes[1]?.reason).toMatch(/optional package webgpu is not installed/);
    expect(got.probes[2]?.reason).toMatch(/@tensorflow\/tfjs-node is not installed/);
  });

  it('--backend narrows the list to that backend', async () => {
    const e = env({ '@tensorflow/tfjs': fakeTf(), '@tensorflow/tfjs-backend-wasm': {} });
    const got = await selectBackend({ backend: 'cpu', env: e });
    expect(got.name).toBe('cpu');
    expect(got.probes).toHaveLength(1);
    expect(e.imported).not.toContain('@tensorflow/tfjs-backend-wasm');
  });

  it('an unusable --backend fails with the reason and the list of available backends', async () => {
    const err = await selectBackend({ backend: 'tensorflow', env: env({ '@tensorflow/tfjs': fakeTf() }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect((err as Error).message).toMatch(/backend "tensorflow" is unavailable.*not installed.*Available here: cpu\./);
    expect((err as BackendUnavailableError).exitCode).toBe(2);
  });

  it('an unknown backend name fails with the valid names', async () => {
    await expect(selectBackend({ backend: 'cuda' })).rejects.toThrow(/unknown backend "cuda"; valid backends: tensorflow-gpu, webgpu, tensorflow, wasm, cpu/);
    expect(() => checkBackendName('webgl')).toThrow(BackendUnavailableError);
  });
});

describe('selectEngine', () => {
  it('auto trains the n-gram models on the sparse CPU engine without loading TF.js, even beside a CUDA GPU', async () => {
    const e = env({ '@tensorflow/tfjs': fakeTf(), '@tensorflow/tfjs-node-gpu': fakeTf({ gpu: true }) }, CUDA);
    const got = await selectEngine('auto', undefined, e);
    expect(got.engine).toBe('cpu');
    expect(got.why).toMatch(/sparse CPU engine.*--engine tfjs/);
    expect(e.imported).toEqual([]);
  });

  it('--engine tfjs takes tfjs-node-gpu first when it sees a CUDA device', async () => {
    const got = await selectEngine('tfjs', undefined, env({ '@tensorflow/tfjs-node-gpu': fakeTf({ gpu: true }) }, CUDA));
    expect(got).toMatchObject({ engine: 'tfjs', backend: { name: 'tensorflow-gpu' } });
  });

  it('a --backend implies the TF.js engine; with --engine cpu it is a usage error', async () => {
    const e = env({ '@tensorflow/tfjs': fakeTf() });
    expect(await selectEngine('auto', 'cpu', e)).toMatchObject({ engine: 'tfjs', backend: { name: 'cpu' } });
    await expect(selectEngine('cpu', 'wasm', e)).rejects.toThrow(/needs --engine tfjs/);
    expect(await selectEngine('cpu', undefined, e)).toMatchObject({ engine: 'cpu' });
  });

  it('--engine tfjs takes the best available backend', async () => {
    expect(await selectEngine('tfjs', undefined, env({ '@tensorflow/tfjs': fakeTf(), '@tensorflow/tfjs-backend-wasm': {} }))).toMatchObject({ engine: 'tfjs', backend: { name: 'wasm' } });
  });
});

describe('probeBackends and import errors', () => {
  it('reports every backend with the reason it is missing', async () => {
    const probes = await probeBackends(env({ '@tensorflow/tfjs': fakeTf() }));
    expect(probes.map((p) => p.ok)).toEqual([false, false, false, false, true]);
    expect(probes[3]?.reason).toMatch(/tfjs-backend-wasm is not installed/);
  });

  it('explains a missing native binding (install script not run) and a missing shared library', () => {
    const binding = new Error("Cannot find module '/app/node_modules/@tensorflow/tfjs-node-gpu/lib/napi-v8/tfjs_binding.node'");
    expect(explainImportError('@tensorflow/tfjs-node-gpu', binding)).toMatch(/install script .* did not run.*npm install-scripts approve @tensorflow\/tfjs-node-gpu/);
    const lib = new Error('libcudnn.so.8: cannot open shared object file: No such file or directory');
    expect(explainImportError('@tensorflow/tfjs-node-gpu', lib)).toMatch(/native library is missing: libcudnn/);
    expect(explainImportError('@tensorflow/tfjs-node', notFound('@tensorflow/tfjs-node'))).toMatch(/is not installed \(npm install @tensorflow\/tfjs-node\)/);
  });
});
