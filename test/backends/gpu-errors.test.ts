import { describe, expect, it, vi } from 'vitest';
import { withGpuFallback, type GpuFallbackContext } from '../../src/backends/gpu-fallback.js';
import { classifyGpuError, decideOnGpuError, GpuFailureError } from '../../src/backends/gpu-errors.js';
import { watchGpuDevice } from '../../src/backends/gpu-watch.js';
import type { TF } from '../../src/backends/types.js';
import { gpuFallbackFactory } from '../../src/classifiers/gpu-fallback-classifier.js';
import type { ClassifierFactory, TextClassifier } from '../../src/classifiers/types.js';
import { EXIT, IoError } from '../../src/errors.js';
import { asIoError } from '../../src/util/io-error.js';

describe('classifyGpuError', () => {
  it.each([
    ['Failed to allocate buffer: out of memory', 'out-of-memory'],
    ['OOM when allocating tensor with shape[1000000,384]', 'out-of-memory'],
    ['Resource exhausted: RESOURCE_EXHAUSTED', 'out-of-memory'],
    ['CUDA_ERROR_OUT_OF_MEMORY', 'out-of-memory'],
    ['Buffer size (8589934592) exceeds the max buffer size limit (4294967296)', 'out-of-memory'],
    // what Dawn said on an NVIDIA H200 for a 4 GiB tensor (scripts/device/webgpu-smoke.mjs, 2026-11-30)
    ['Binding size (4294967296) of [Buffer (unlabeled)] is larger than the maximum storage buffer binding size (2147483644).\n - While validating entries[0]', 'out-of-memory'],
    ['vkAllocateMemory failed with VK_ERROR_OUT_OF_DEVICE_MEMORY\n - While calling [Device].CreateBuffer', 'out-of-memory'],
    ['GPU device was lost: Device lost', 'device-lost'],
    ['VK_ERROR_DEVICE_LOST', 'device-lost'],
    ['[Device] is lost.', 'device-lost'],
  ])('%s -> %s', (message, kind) => {
    expect(classifyGpuError(new Error(message))).toBe(kind);
  });

  it('reads the error name (GPUOutOfMemoryError) and wrapped causes; other errors are not GPU failures', () => {
    expect(classifyGpuError({ name: 'GPUOutOfMemoryError', message: '' })).toBe('out-of-memory');
    expect(classifyGpuError(new Error('fit failed', { cause: new Error('device lost') }))).toBe('device-lost');
    expect(classifyGpuError(new Error('ENOSPC: no space left on device'))).toBeNull();
    expect(classifyGpuError(new TypeError("Cannot read properties of undefined (reading 'shape')"))).toBeNull();
    expect(classifyGpuError(null)).toBeNull();
  });
});

describe('decideOnGpuError', () => {
  const oom = new Error('out of memory');

  it('fail: a GpuFailureError, an IoError that exits 74, saying nothing is lost and how to go on', () => {
    const d = decideOnGpuError(oom, 'fail', 'webgpu', 'training round 3');
    expect(d.action).toBe('fail');
    const err = d.action === 'fail' ? d.error : null;
    expect(err).toBeInstanceOf(GpuFailureError);
    expect(err).toBeInstanceOf(IoError);
    expect(err?.exitCode).toBe(EXIT.ioError);
    expect(err?.exitCode).toBe(74);
    expect(err?.message).toMatch(/the GPU \(webgpu backend\) ran out of memory while training round 3: out of memory\. Nothing finished is lost.*resumes.*--on-gpu-error cpu/);
  });

  it('cpu: go on on the CPU with a warning', () => {
    const d = decideOnGpuError(oom, 'cpu', 'webgpu', 'encoding');
    expect(d).toMatchObject({ action: 'cpu', kind: 'out-of-memory', warning: /going on on the CPU/ });
  });

  it('other errors are rethrown as they are, under either policy', () => {
    expect(decideOnGpuError(new Error('bad row'), 'fail', 'webgpu', 'x')).toEqual({ action: 'rethrow' });
    expect(decideOnGpuError(new Error('bad row'), 'cpu', 'webgpu', 'x')).toEqual({ action: 'rethrow' });
  });

  it('a failure the device watch saw counts even when the thrown error is vague', () => {
    const d = decideOnGpuError(new Error('mapAsync rejected'), 'fail', 'webgpu', 'x', { kind: 'device-lost', message: 'GPU device lost: driver reset' });
    expect(d.action === 'fail' && d.error.message).toMatch(/was lost.*GPU device lost: driver reset/);
  });
});

function ctx(policy: 'fail' | 'cpu', watch: GpuFallbackContext['watch'] = null): GpuFallbackContext & { warnings: string[] } {
  const warnings: string[] = [];
  return { policy, backend: 'webgpu', state: { onCpu: false }, watch, warn: (m) => warnings.push(m), warnings };
}

describe('withGpuFallback', () => {
  it('fail: a GPU failure stops with exit 74 and the CPU path never runs', async () => {
    const onCpu = vi.fn(async () => 'cpu');
    const err = await withGpuFallback(ctx('fail'), 'encoding', async () => Promise.reject(new Error('out of memory')), onCpu).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GpuFailureError);
    expect((err as GpuFailureError).exitCode).toBe(74);
    expect(onCpu).not.toHaveBeenCalled();
  });

  it('cpu: reruns on the CPU, warns once, and later calls go straight to the CPU', async () => {
    const c = ctx('cpu');
    const onGpu = vi.fn(async () => Promise.reject(new Error('device lost')));
    expect(await withGpuFallback(c, 'encoding', onGpu, async () => 'cpu-1')).toBe('cpu-1');
    expect(await withGpuFallback(c, 'encoding', onGpu, async () => 'cpu-2')).toBe('cpu-2');
    expect(onGpu).toHaveBeenCalledTimes(1);
    expect(c.warnings).toHaveLength(1);
    expect(c.state.onCpu).toBe(true);
  });

  it('a device lost that only the watch saw fails the step that finished on it', async () => {
    const watch = { failure: () => ({ kind: 'device-lost' as const, message: 'GPU device lost: unknown' }), dispose: () => undefined };
    await expect(withGpuFallback(ctx('fail', watch), 'training', async () => 'gpu', async () => 'cpu')).rejects.toMatchObject({ exitCode: 74, kind: 'device-lost' });
    expect(await withGpuFallback(ctx('cpu', watch), 'training', async () => 'gpu', async () => 'cpu')).toBe('cpu');
  });

  it('non-GPU errors pass through unchanged', async () => {
    const boom = new Error('bad data');
    await expect(withGpuFallback(ctx('cpu'), 'x', async () => Promise.reject(boom), async () => 'cpu')).rejects.toBe(boom);
  });
});

describe('watchGpuDevice', () => {
  it('records device.lost and uncaptured out-of-memory errors of a webgpu backend; ignores a destroyed device', async () => {
    let lose!: (info: { reason: string; message: string }) => void;
    const listeners: ((ev: { error?: { name?: string; message?: string } }) => void)[] = [];
    const device = { lost: new Promise<{ reason: string; message: string }>((r) => (lose = r)), addEventListener: (_: string, fn: (typeof listeners)[number]) => listeners.push(fn), removeEventListener: () => undefined };
    const tf = { backend: () => ({ device }) } as unknown as TF;
    const w = watchGpuDevice(tf);
    expect(w.failure()).toBeNull();
    listeners[0]!({ error: { name: 'GPUOutOfMemoryError', message: 'Out of memory' } });
    expect(w.failure()).toMatchObject({ kind: 'out-of-memory' });
    const w2 = watchGpuDevice(tf);
    lose({ reason: 'unknown', message: 'Device lost' });
    await Promise.resolve();
    await Promise.resolve();
    expect(w2.failure()).toMatchObject({ kind: 'device-lost' });
    w.dispose();
    const d2 = { lost: Promise.resolve({ reason: 'destroyed', message: '' }) };
    const w3 = watchGpuDevice({ backend: () => ({ device: d2 }) } as unknown as TF);
    await Promise.resolve();
    await Promise.resolve();
    expect(w3.failure()).toBeNull();
    expect(watchGpuDevice({ backend: () => ({}) } as unknown as TF).failure()).toBeNull();
  });
});

describe('gpuFallbackFactory', () => {
  function fake(name: string, fail?: Error): ClassifierFactory & { fits: number; disposed: number } {
    const f = {
      fits: 0,
      disposed: 0,
      describe: () => name,
      create: (): TextClassifier => ({
        async fit() {
          f.fits++;
          if (fail) throw fail;
        },
        predictProba: () => Float32Array.of(name === 'gpu' ? 1 : 0.5),
        save: async () => undefined,
        dispose: () => void f.disposed++,
      }),
    };
    return f;
  }

  it('fail (the default): the GPU model\'s out-of-memory stops the round with exit 74', async () => {
    const gpu = fake('gpu', new Error('out of memory')), cpu = fake('cpu');
    const model = gpuFallbackFactory(gpu, cpu, ctx('fail')).create(1);
    await expect(model.fit(['a'], Int32Array.of(0), 2)).rejects.toMatchObject({ exitCode: 74, code: 'io' });
    expect(cpu.fits).toBe(0);
    expect(gpu.disposed).toBe(1);
  });

  it('cpu: the model trains on the CPU, and so does every later one', async () => {
    const gpu = fake('gpu', new Error('GPU device was lost')), cpu = fake('cpu');
    const c = ctx('cpu');
    const factory = gpuFallbackFactory(gpu, cpu, c);
    const a = factory.create(1);
    await a.fit(['a'], Int32Array.of(0), 2);
    expect(a.predictProba(['a'])[0]).toBe(0.5);
    await factory.create(2).fit(['a'], Int32Array.of(0), 2);
    expect([gpu.fits, cpu.fits]).toEqual([1, 2]);
    expect(c.warnings).toHaveLength(1);
    expect(factory.describe()).toBe('cpu (after a GPU failure)');
  });

  it('without a failure it is the GPU model', async () => {
    const factory = gpuFallbackFactory(fake('gpu'), fake('cpu'), ctx('fail'));
    const m = factory.create(1);
    await m.fit(['a'], Int32Array.of(0), 2);
    expect(m.predictProba(['a'])[0]).toBe(1);
    expect(factory.describe()).toBe('gpu');
  });
});

describe('asIoError', () => {
  it('turns a raw GPU out-of-memory error that escaped the fallback into exit 74; leaves others alone', () => {
    const got = asIoError(new Error('Failed to allocate: out of memory'), '/w/state.json');
    expect(got).toBeInstanceOf(GpuFailureError);
    expect((got as GpuFailureError).exitCode).toBe(74);
    const other = new Error('x');
    expect(asIoError(other, '/w/state.json')).toBe(other);
  });
});
