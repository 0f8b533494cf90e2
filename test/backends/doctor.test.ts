import { describe, expect, it } from 'vitest';
import { doctor, formatDoctor } from '../../src/cli/commands/doctor.js';
import { selectBackend } from '../../src/backends/select.js';
import type { ProbeEnv } from '../../src/backends/types.js';

const fakeTf = { enableProdMode: () => undefined, setBackend: async () => true, backend: () => ({ isUsingGpuDevice: false }) };
const noGpuEnv: ProbeEnv = {
  async importModule(pkg) {
    if (pkg === '@tensorflow/tfjs') return fakeTf;
    throw Object.assign(new Error(`Cannot find package '${pkg}' imported from x`), { code: 'ERR_MODULE_NOT_FOUND' });
  },
  cuda: async () => ({ present: false, detail: 'no NVIDIA driver' }),
};

describe('al-label doctor', () => {
  it('reports the CPU engine and why the GPU backend and optional packages are missing', async () => {
    const r = await doctor({ env: noGpuEnv, packageVersion: async (n) => (n === '@tensorflow/tfjs' ? '4.22.0' : null) });
    expect(r.autoEngine).toMatchObject({ engine: 'cpu', backend: null });
    expect(r.encoderBackend.why).toMatch(/no NVIDIA driver/);
    expect(r.tfjsBackend).toBe('cpu');
    expect(r.backends.map((b) => [b.name, b.ok])).toEqual([['tensorflow-gpu', false], ['webgpu', false], ['tensorflow', false], ['wasm', false], ['cpu', true]]);
    const text = formatDoctor(r);
    expect(text).toMatch(/@tensorflow\/tfjs-node-gpu\s+not installed/);
    expect(text).toMatch(/npm install @tensorflow\/tfjs-node-gpu \(approve its install script/);
    expect(text).toMatch(/npm install webgpu @tensorflow\/tfjs-backend-webgpu/);
  });

  it('puts a transformer encoder on the CUDA GPU when tfjs-node-gpu sees one; the n-gram models stay on the sparse engine', async () => {
    const gpuTf = { ...fakeTf, backend: () => ({ isUsingGpuDevice: true }) };
    const env: ProbeEnv = { importModule: async () => gpuTf, cuda: async () => ({ present: true, detail: 'NVIDIA driver: 550' }) };
    const r = await doctor({ env, packageVersion: async () => '4.22.0' });
    expect(r.autoEngine).toMatchObject({ engine: 'cpu', backend: null });
    expect(r.encoderBackend).toMatchObject({ backend: 'tensorflow-gpu' });
    expect(formatDoctor(r)).not.toMatch(/To train on an NVIDIA GPU/);
  });
});

describe('real backends on this machine', () => {
  it('activates the plain cpu backend of @tensorflow/tfjs', async () => {
    const got = await selectBackend({ backend: 'cpu' });
    expect(got.tf.getBackend()).toBe('cpu');
  });

  it('activates wasm when @tensorflow/tfjs-backend-wasm is installed, else explains why not', async () => {
    const got = await selectBackend({ backend: 'wasm' }).catch((e: Error) => e);
    if (got instanceof Error) expect(got.message).toMatch(/tfjs-backend-wasm is not installed/);
    else expect(got.tf.getBackend()).toBe('wasm');
    await selectBackend({ backend: 'cpu' }); // leave the default for other tests in this worker
  });
});
