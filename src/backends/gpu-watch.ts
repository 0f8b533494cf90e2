import type { GpuFailureKind } from './gpu-errors.js';
import { classifyGpuError } from './gpu-errors.js';
import type { TF } from './types.js';

/** What a GPU device reported on its own (not through a thrown error), for decideOnGpuError. */
export interface GpuWatch {
  /** the first failure seen, or null */
  failure(): { kind: GpuFailureKind; message: string } | null;
  /** stops listening */
  dispose(): void;
}

interface DeviceLike {
  lost?: Promise<{ reason?: string; message?: string }>;
  addEventListener?(type: string, fn: (ev: { error?: { name?: string; message?: string } }) => void): void;
  removeEventListener?(type: string, fn: (ev: { error?: { name?: string; message?: string } }) => void): void;
}

/**
 * Listens to the WebGPU device behind an active TF.js `webgpu` backend: `device.lost` resolving and
 * `uncapturederror` events (Dawn reports out-of-memory there when nothing captured it). Any other
 * backend has no device to watch, and the watch then never reports anything.
 */
export function watchGpuDevice(tf: Pick<TF, 'backend'>): GpuWatch {
  let seen: { kind: GpuFailureKind; message: string } | null = null;
  const record = (kind: GpuFailureKind, message: string) => {
    seen ??= { kind, message };
  };
  let device: DeviceLike | undefined;
  try {
    device = (tf.backend() as unknown as { device?: DeviceLike }).device;
  } catch {
    device = undefined;
  }
  let disposed = false;
  device?.lost?.then((info) => {
    if (!disposed && info?.reason !== 'destroyed') record('device-lost', `GPU device lost: ${info?.message || info?.reason || 'no reason given'}`);
  });
  const onError = (ev: { error?: { name?: string; message?: string } }) => {
    const e = ev.error ?? {};
    const text = `${e.name ?? 'GPUError'}: ${e.message ?? ''}`;
    record(classifyGpuError(e) ?? (e.name === 'GPUOutOfMemoryError' ? 'out-of-memory' : 'gpu-error'), text);
  };
  device?.addEventListener?.('uncapturederror', onError);
  return {
    failure: () => seen,
    dispose() {
      disposed = true;
      device?.removeEventListener?.('uncapturederror', onError);
    },
  };
}
