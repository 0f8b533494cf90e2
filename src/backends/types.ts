import type * as tfjs from '@tensorflow/tfjs';

/** The TF.js API as @tensorflow/tfjs (and tfjs-node / tfjs-node-gpu, which re-export it) exposes it. Type only. */
export type TF = typeof tfjs;

/**
 * Our names for the ways to run TF.js, fastest first. `tensorflow-gpu` and `tensorflow` are both
 * the TF.js backend called "tensorflow" (libtensorflow through N-API); they differ in the package
 * that provides it and whether a CUDA device is in use. `webgpu` is TF.js's WebGPU backend on
 * Dawn (the `webgpu` package: Vulkan on Linux, Metal on macOS, D3D12 on Windows).
 */
export const BACKEND_NAMES = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** The backends that run on a GPU (when they load at all). */
export const GPU_BACKENDS: readonly BackendName[] = ['tensorflow-gpu', 'webgpu'];
export const isGpuBackend = (name: string): boolean => (GPU_BACKENDS as readonly string[]).includes(name);

export const ENGINE_NAMES = ['auto', 'cpu', 'tfjs'] as const;
export type EngineChoice = (typeof ENGINE_NAMES)[number];

/** What trying one backend found: usable or not, and why, in words for `al-label doctor`. */
export interface BackendProbe {
  name: BackendName;
  /** npm package that provides it */
  package: string;
  ok: boolean;
  /** ok: what runs it (e.g. "libtensorflow on CUDA device"); not ok: why not, with the next step */
  reason: string;
}

export type LoadResult = { ok: true; tf: TF; detail: string } | { ok: false; reason: string };

/** Looks for an NVIDIA driver without loading anything (cheap; see cuda.ts). */
export interface CudaProbe {
  present: boolean;
  detail: string;
}

/** Looks for the Vulkan loader (libvulkan.so.1) that Dawn needs on Linux, without loading it (see vulkan.ts). */
export interface VulkanProbe {
  present: boolean;
  detail: string;
}

/** The I/O a backend loader needs, injectable so tests can fake installed packages and drivers. */
export interface ProbeEnv {
  /** `import(specifier)` resolved from al-label's own install. */
  importModule(specifier: string): Promise<unknown>;
  cuda(): Promise<CudaProbe>;
  /** absent: assume a loader is there and let Dawn say otherwise */
  vulkan?(): Promise<VulkanProbe>;
  /** how long the webgpu backend waits for `requestAdapter` (default 10 s): selection never hangs */
  adapterTimeoutMs?: number;
}

export interface BackendCandidate {
  name: BackendName;
  package: string;
  /** Imports the package, activates the backend and accepts it only if `tf.setBackend` says true. */
  load(env: ProbeEnv): Promise<LoadResult>;
}

/** A TF.js runtime that is loaded and active. */
export interface SelectedBackend {
  name: BackendName;
  tf: TF;
  detail: string;
}
