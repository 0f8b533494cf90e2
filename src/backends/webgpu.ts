import { activate, firstLine, importPackage, importTf, TFJS, unregisterBackend, withTimeout } from './load.js';
import type { LoadResult, ProbeEnv } from './types.js';

/** Dawn's Node bindings (WebGPU over Vulkan, Metal or D3D12) and TF.js's WebGPU backend. */
export const WEBGPU = 'webgpu';
export const TFJS_WEBGPU = '@tensorflow/tfjs-backend-webgpu';
export const DEFAULT_ADAPTER_TIMEOUT_MS = 10_000;

/** The parts of the `webgpu` package we use. */
interface DawnModule {
  create(flags: string[]): GpuLike;
  globals: Record<string, unknown>;
}
interface GpuLike {
  requestAdapter(opts?: { powerPreference?: string }): Promise<AdapterLike | null>;
}
export interface AdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; device?: string };
}

/**
 * The `webgpu` backend: the Vulkan loader first (cheap, loads nothing), then Dawn, then one adapter
 * request bounded by `env.adapterTimeoutMs`, then TF.js's WebGPU backend, imported only after
 * `navigator.gpu` exists (it registers itself only when it sees one). Every step that fails says why.
 */
export async function loadWebgpu(env: ProbeEnv): Promise<LoadResult> {
  const vulkan = env.vulkan ? await env.vulkan() : null;
  if (vulkan && !vulkan.present) return { ok: false, reason: vulkan.detail };
  const dawn = await importPackage(env, WEBGPU);
  if (!dawn.ok) return dawn;
  let gpu: GpuLike;
  try {
    gpu = installNavigatorGpu(dawn.mod as DawnModule);
  } catch (err) {
    return { ok: false, reason: `${WEBGPU} loaded but Dawn failed to start: ${firstLine(err)}` };
  }
  const ms = env.adapterTimeoutMs ?? DEFAULT_ADAPTER_TIMEOUT_MS;
  type Asked = { a: AdapterLike | null } | { error: string } | { timeout: true };
  const adapter = await withTimeout<Asked>(
    gpu.requestAdapter({ powerPreference: 'high-performance' }).then(
      (a): Asked => ({ a }),
      (err: unknown): Asked => ({ error: firstLine(err) }),
    ),
    ms,
    (): Asked => ({ timeout: true }),
  );
  if ('timeout' in adapter) return { ok: false, reason: `no GPU adapter: requestAdapter did not answer within ${ms / 1000} s` };
  if ('error' in adapter) return { ok: false, reason: `no GPU adapter: requestAdapter failed: ${adapter.error}` };
  if (!adapter.a) return { ok: false, reason: noAdapterReason(process.platform, process.env) };
  const tf = await importTf(env, TFJS);
  if (!tf.ok) return tf;
  const backend = await importPackage(env, TFJS_WEBGPU);
  if (!backend.ok) return backend;
  // setBackend asks for the adapter and a device again; bound it as well.
  let timedOut = false;
  const active = await withTimeout(activate(tf.tf, 'webgpu'), ms, () => {
    timedOut = true;
    return { ok: false as const, reason: `tf.setBackend("webgpu") did not finish within ${ms / 1000} s` };
  });
  if (!active.ok) {
    // activate already unregistered a backend that failed; one still starting is unregistered here (TF.js
    // then drops its result), without waiting for TF.js to settle, which could wait on that start
    if (timedOut) unregisterBackend(tf.tf, 'webgpu');
    return active;
  }
  inUse = { tf: tf.tf };
  return { ok: true, tf: tf.tf, detail: `WebGPU on ${describeAdapter(adapter.a)} via Dawn (${WEBGPU}) and ${TFJS_WEBGPU}` };
}

/** The TF.js module whose webgpu backend was activated here, for releaseWebgpu. */
let inUse: { tf: { findBackend(name: string): unknown } } | null = null;

/**
 * Lets the process exit: Dawn keeps Node's event loop alive while its GPU object is referenced (the
 * `webgpu` package's README, "Lifetime"), so the CLI calls this when a command ends. Destroys the
 * device of TF.js's webgpu backend and drops `navigator.gpu`. Does nothing when Dawn never started.
 */
export function releaseWebgpu(target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): void {
  const nav = target.navigator as { gpu?: unknown } | undefined;
  if (!inUse && !nav?.gpu) return;
  try {
    const backend = inUse?.tf.findBackend('webgpu') as { device?: { destroy?(): void } } | undefined;
    backend?.device?.destroy?.();
  } catch {
    // already gone
  }
  inUse = null;
  if (nav && 'gpu' in nav) {
    try {
      delete nav.gpu;
    } catch {
      // a read-only navigator: nothing more to drop
    }
  }
}

/**
 * Makes `navigator.gpu` a Dawn GPU once per process (later calls reuse it) and the WebGPU globals
 * (GPUBufferUsage, ...) defined, as TF.js's WebGPU backend expects from a browser.
 */
export function installNavigatorGpu(dawn: DawnModule, target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): GpuLike {
  const existing = (target.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (existing) return existing;
  for (const [k, v] of Object.entries(dawn.globals ?? {})) if (!(k in target)) target[k] = v;
  const gpu = dawn.create([]);
  const nav = target.navigator as Record<string, unknown> | undefined;
  if (nav && typeof nav === 'object' && Object.isExtensible(nav)) {
    Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true, writable: true });
  } else {
    Object.defineProperty(target, 'navigator', { value: { gpu }, configurable: true, writable: true });
  }
  return gpu;
}

/** "NVIDIA: 580.159.04" (vendor nvidia, architecture ...), from what the adapter tells. */
export function describeAdapter(adapter: AdapterLike): string {
  const info = adapter.info ?? {};
  const name = info.description || info.device || 'an unnamed adapter';
  const extra = [info.vendor && `vendor ${info.vendor}`, info.architecture && `architecture ${info.architecture}`].filter(Boolean).join(', ');
  return `"${name}"${extra ? ` (${extra})` : ''}`;
}

/** Why Dawn returned no adapter, with what to check. */
export function noAdapterReason(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform !== 'linux') return `no GPU adapter: Dawn found no ${platform === 'darwin' ? 'Metal' : 'D3D12'} GPU`;
  const icd = env.VK_DRIVER_FILES ?? env.VK_ICD_FILENAMES;
  return `no GPU adapter: Dawn found no Vulkan GPU (it refuses CPU drivers such as Mesa's lavapipe, so there is no software stand-in); ${icd ? `VK_DRIVER_FILES=${icd}` : 'VK_DRIVER_FILES is not set'}: point it at the GPU driver's ICD file (NVIDIA: nvidia_icd.json)`;
}
