import { describe, expect, it } from 'vitest';
import { selectEncoderBackend } from '../../src/backends/encoder-backend.js';
import { BACKENDS } from '../../src/backends/registry.js';
import { selectBackend } from '../../src/backends/select.js';
import type { ProbeEnv } from '../../src/backends/types.js';
import { describeAdapter, installNavigatorGpu, loadWebgpu, noAdapterReason, releaseWebgpu, type AdapterLike } from '../../src/backends/webgpu.js';
import { doctor, formatDoctor } from '../../src/cli/commands/doctor.js';
import { probeVulkan } from '../../src/backends/vulkan.js';

function fakeTf(refuse: string[] = []) {
  const calls: string[] = [];
  return { calls, enableProdMode: () => undefined, setBackend: async (n: string) => (calls.push(n), !refuse.includes(n)), backend: () => ({ isUsingGpuDevice: false }) };
}
const notFound = (pkg: string) => Object.assign(new Error(`Cannot find package '${pkg}' imported from x`), { code: 'ERR_MODULE_NOT_FOUND' });

/** A Dawn stand-in: `adapter` is what requestAdapter resolves to ('hang' never resolves). */
function fakeDawn(adapter: unknown) {
  let created = 0;
  return {
    get created() {
      return created;
    },
    globals: { GPUBufferUsage: { STORAGE: 128 } },
    create: () => {
      created++;
      return { requestAdapter: (): Promise<AdapterLike | null> => (adapter === 'hang' ? new Promise(() => undefined) : Promise.resolve(adapter as AdapterLike | null)) };
    },
  };
}

function env(mods: Record<string, unknown>, extra: Partial<ProbeEnv> = {}): ProbeEnv & { imported: string[] } {
  const imported: string[] = [];
  return {
    imported,
    async importModule(pkg) {
      imported.push(pkg);
      if (!(pkg in mods)) throw notFound(pkg);
      return mods[pkg];
    },
    cuda: async () => ({ present: false, detail: 'no NVIDIA driver' }),
    vulkan: async () => ({ present: true, detail: '/usr/lib/x86_64-linux-gnu/libvulkan.so.1' }),
    ...extra,
  };
}

const H200 = { info: { vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA: 580.159.04' } };

describe('the webgpu backend (fakes: no GPU here)', () => {
  it('says "no Vulkan loader" without importing Dawn when libvulkan.so.1 is missing', async () => {
    const e = env({ webgpu: fakeDawn(H200) }, { vulkan: async () => ({ present: false, detail: 'no Vulkan loader: libvulkan.so.1 not found' }) });
    const got = await loadWebgpu(e);
    expect(got).toEqual({ ok: false, reason: 'no Vulkan loader: libvulkan.so.1 not found' });
    expect(e.imported).toEqual([]);
  });

  it('says the package is missing', async () => {
    const got = await loadWebgpu(env({}));
    expect(got.ok ? '' : got.reason).toMatch(/optional package webgpu is not installed \(npm install webgpu\)/);
  });

  it('says "no GPU adapter" (and that Dawn refuses lavapipe) when Dawn finds none, before importing TF.js', async () => {
    const e = env({ webgpu: fakeDawn(null), '@tensorflow/tfjs': fakeTf() });
    const got = await loadWebgpu(e);
    expect(got.ok ? '' : got.reason).toMatch(/^no GPU adapter: .*lavapipe/);
    expect(e.imported).toEqual(['webgpu']);
    removeNavigator();
  });

  it('never hangs: an adapter request that does not answer fails after the timeout', async () => {
    const got = await loadWebgpu(env({ webgpu: fakeDawn('hang') }, { adapterTimeoutMs: 50 }));
    expect(got.ok ? '' : got.reason).toMatch(/no GPU adapter: requestAdapter did not answer within 0.05 s/);
    removeNavigator();
  });

  it('activates TF.js webgpu, imported after navigator.gpu exists, and names the adapter', async () => {
    const tf = fakeTf();
    let sawGpu = false;
    const e = env({ webgpu: fakeDawn(H200), '@tensorflow/tfjs': tf });
    e.importModule = async (pkg) => {
      e.imported.push(pkg);
      if (pkg === '@tensorflow/tfjs-backend-webgpu') {
        sawGpu = !!(globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu;
        return {};
      }
      if (pkg === 'webgpu') return fakeDawn(H200);
      if (pkg === '@tensorflow/tfjs') return tf;
      throw notFound(pkg);
    };
    const got = await loadWebgpu(e);
    expect(got.ok).toBe(true);
    expect(got.ok && got.detail).toMatch(/WebGPU on "NVIDIA: 580.159.04" \(vendor nvidia, architecture hopper\)/);
    expect(sawGpu).toBe(true);
    expect(tf.calls).toEqual(['webgpu']);
    expect(e.imported).toEqual(['webgpu', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu']);
    removeNavigator();
  });

  it('installs navigator.gpu and the WebGPU globals once, on an object without a navigator', () => {
    const dawn = fakeDawn(H200);
    const target: Record<string, unknown> = {};
    const a = installNavigatorGpu(dawn, target);
    const b = installNavigatorGpu(dawn, target);
    expect(a).toBe(b);
    expect(dawn.created).toBe(1);
    expect((target.navigator as { gpu: unknown }).gpu).toBe(a);
    expect(target.GPUBufferUsage).toEqual({ STORAGE: 128 });
    const withNav: Record<string, unknown> = { navigator: { userAgent: 'Node.js/22' } };
    installNavigatorGpu(dawn, withNav);
    expect(withNav.navigator).toMatchObject({ userAgent: 'Node.js/22' });
    expect((withNav.navigator as { gpu?: unknown }).gpu).toBeDefined();
  });

  it('describes adapters and the no-adapter case per platform', () => {
    expect(describeAdapter({})).toBe('"an unnamed adapter"');
    expect(noAdapterReason('linux', { VK_DRIVER_FILES: '/x/nvidia_icd.json' })).toMatch(/VK_DRIVER_FILES=\/x\/nvidia_icd.json/);
    expect(noAdapterReason('linux', {})).toMatch(/VK_DRIVER_FILES is not set/);
    expect(noAdapterReason('darwin', {})).toMatch(/Metal/);
  });

  it('--backend webgpu names it; unusable, it says why and what else is available', async () => {
    const e = env({ '@tensorflow/tfjs': fakeTf() }, { vulkan: async () => ({ present: false, detail: 'no Vulkan loader: libvulkan.so.1 not found' }) });
    await expect(selectBackend({ backend: 'webgpu', env: e })).rejects.toThrow(/backend "webgpu" is unavailable \(webgpu: no Vulkan loader.*Available here: cpu/);
    expect(BACKENDS.map((b) => b.name)).toEqual(['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu']);
  });

  it('probes the Vulkan loader without loading it (on this machine: whatever is installed)', async () => {
    const got = await probeVulkan();
    expect(got.detail).toMatch(got.present ? /libvulkan\.so\.1/ : /no Vulkan loader: libvulkan\.so\.1 not found/);
    expect((await probeVulkan('darwin')).present).toBe(true);
  });
});

describe('selectEncoderBackend', () => {
  const webgpuEnv = () => env({ webgpu: fakeDawn(H200), '@tensorflow/tfjs': fakeTf(), '@tensorflow/tfjs-backend-webgpu': {} });

  it('--engine cpu: null without loading anything', async () => {
    const e = webgpuEnv();
    expect(await selectEncoderBackend({ engine: 'cpu' }, e)).toMatchObject({ backend: null, why: /--engine cpu/ });
    expect(e.imported).toEqual([]);
  });

  it('auto: the first usable GPU backend', async () => {
    const got = await selectEncoderBackend({ engine: 'auto' }, webgpuEnv());
    expect(got.backend?.name).toBe('webgpu');
    expect(got.probes.map((p) => [p.name, p.ok])).toEqual([['tensorflow-gpu', false], ['webgpu', true]]);
    removeNavigator();
  });

  it('auto without a GPU: null, with every GPU backend\'s reason, and no CPU backend loaded', async () => {
    const e = env({ '@tensorflow/tfjs': fakeTf() }, { vulkan: async () => ({ present: false, detail: 'no Vulkan loader: libvulkan.so.1 not found' }) });
    const got = await selectEncoderBackend({ engine: 'auto' }, e);
    expect(got.backend).toBeNull();
    expect(got.why).toMatch(/tensorflow-gpu: no NVIDIA driver; webgpu: no Vulkan loader/);
    expect(e.imported).toEqual([]);
  });

  it('--backend webgpu: that backend or a usage error; --backend wasm: the encoder\'s CPU runtime', async () => {
    expect((await selectEncoderBackend({ engine: 'auto', backend: 'webgpu' }, webgpuEnv())).backend?.name).toBe('webgpu');
    removeNavigator();
    const none = env({ '@tensorflow/tfjs': fakeTf() }, { vulkan: async () => ({ present: false, detail: 'no Vulkan loader' }) });
    await expect(selectEncoderBackend({ engine: 'tfjs', backend: 'webgpu' }, none)).rejects.toMatchObject({ exitCode: 2 });
    expect(await selectEncoderBackend({ engine: 'tfjs', backend: 'wasm' }, none)).toMatchObject({ backend: null, why: /not a GPU backend/ });
  });
});

describe('doctor --json with a faked environment', () => {
  it('reports the webgpu backend and why it is unusable', async () => {
    const e = env({ '@tensorflow/tfjs': fakeTf(), webgpu: fakeDawn(null) });
    const r = await doctor({ env: e, packageVersion: async (n) => (n === 'webgpu' ? '0.6.2' : n === '@tensorflow/tfjs' ? '4.22.0' : null) });
    removeNavigator();
    const json = JSON.parse(JSON.stringify(r));
    expect(json.backends[1]).toMatchObject({ name: 'webgpu', package: '@tensorflow/tfjs-backend-webgpu', ok: false });
    expect(json.backends[1].reason).toMatch(/^no GPU adapter: Dawn found no Vulkan GPU \(it refuses CPU drivers such as Mesa's lavapipe/);
    expect(json.vulkan).toMatchObject({ present: true });
    expect(json.encoderBackend).toMatchObject({ backend: null });
    expect(json.encoderBackend.why).toMatch(/webgpu: no GPU adapter/);
    expect(json.packages.find((p: { name: string }) => p.name === 'webgpu')).toMatchObject({ version: '0.6.2' });
    expect(formatDoctor(r)).toMatch(/no  webgpu\s+no GPU adapter/);
  });

  it('names the adapter when one is found', async () => {
    const e = env({ '@tensorflow/tfjs': fakeTf(), webgpu: fakeDawn(H200), '@tensorflow/tfjs-backend-webgpu': {} });
    const r = await doctor({ env: e, packageVersion: async () => '1' });
    removeNavigator();
    expect(r.backends[1]).toMatchObject({ name: 'webgpu', ok: true });
    expect(r.encoderBackend).toMatchObject({ backend: 'webgpu', why: /NVIDIA: 580.159.04/ });
  });
});

/** The loader sets navigator.gpu on the real global; tests put it back as Node 20 has it (no navigator). */
function removeNavigator() {
  const g = globalThis as { navigator?: { gpu?: unknown } };
  if (g.navigator && 'gpu' in g.navigator) {
    if (Object.getOwnPropertyDescriptor(globalThis, 'navigator')?.configurable) delete (globalThis as { navigator?: unknown }).navigator;
    else delete g.navigator.gpu;
  }
}

describe('releaseWebgpu', () => {
  it('drops navigator.gpu so that Dawn no longer keeps the process alive; a no-op when Dawn never started', () => {
    const target: Record<string, unknown> = { navigator: { gpu: {}, userAgent: 'x' } };
    releaseWebgpu(target);
    expect(target.navigator).toEqual({ userAgent: 'x' });
    const none: Record<string, unknown> = {};
    releaseWebgpu(none);
    expect(none).toEqual({});
  });
});
