import { activate, importPackage, importTf, TFJS } from './load.js';
import type { BackendCandidate, BackendName, TF } from './types.js';
import { loadWebgpu, TFJS_WEBGPU } from './webgpu.js';

export { explainImportError, TFJS } from './load.js';
export const TFJS_NODE_GPU = '@tensorflow/tfjs-node-gpu';
export const TFJS_NODE = '@tensorflow/tfjs-node';
export const TFJS_WASM = '@tensorflow/tfjs-backend-wasm';
export { TFJS_WEBGPU, WEBGPU } from './webgpu.js';

/**
 * The backends in the order we prefer them, each with its loader. Packages are only ever loaded
 * with a dynamic `import()` inside try/catch: the tfjs-node packages are optional and often absent
 * or broken (no libtensorflow), and even plain TF.js costs ~1 s to load, which `--help` never pays.
 */
export const BACKENDS: readonly BackendCandidate[] = [
  {
    name: 'tensorflow-gpu',
    package: TFJS_NODE_GPU,
    async load(env) {
      const cuda = await env.cuda();
      if (!cuda.present) return { ok: false, reason: cuda.detail };
      const tf = await importTf(env, TFJS_NODE_GPU);
      if (!tf.ok) return tf;
      const active = await activate(tf.tf, 'tensorflow');
      if (!active.ok) return active;
      // tfjs-node-gpu falls back to the CPU when libtensorflow finds no usable CUDA device (driver
      // too old, CUDA/cuDNN libraries missing); its backend says which it got.
      if (!usesGpu(tf.tf)) return { ok: false, reason: `${TFJS_NODE_GPU} loaded but libtensorflow sees no CUDA device (${cuda.detail}; check the CUDA and cuDNN versions that tfjs-node-gpu 4.x needs: CUDA 11.2, cuDNN 8.1)` };
      return { ok: true, tf: tf.tf, detail: `libtensorflow on a CUDA device via ${TFJS_NODE_GPU} (${cuda.detail})` };
    },
  },
  {
    name: 'webgpu',
    package: TFJS_WEBGPU,
    load: (env) => loadWebgpu(env),
  },
  {
    name: 'tensorflow',
    package: TFJS_NODE,
    async load(env) {
      let pkg = TFJS_NODE;
      let tf = await importTf(env, pkg);
      if (!tf.ok && tf.reason.includes('is not installed')) {
        // tfjs-node-gpu's libtensorflow also runs on the CPU where no CUDA device is found.
        const gpu = await importTf(env, TFJS_NODE_GPU);
        if (gpu.ok) [pkg, tf] = [TFJS_NODE_GPU, gpu];
      }
      if (!tf.ok) return tf;
      const active = await activate(tf.tf, 'tensorflow');
      return active.ok ? { ok: true, tf: tf.tf, detail: `libtensorflow on the CPU via ${pkg}` } : active;
    },
  },
  {
    name: 'wasm',
    package: TFJS_WASM,
    async load(env) {
      const tf = await importTf(env, TFJS);
      if (!tf.ok) return tf;
      // The package registers the "wasm" backend with TF.js' global engine when imported; in Node
      // it reads its .wasm files from its own dist/ folder (no network).
      const wasm = await importPackage(env, TFJS_WASM);
      if (!wasm.ok) return wasm;
      const active = await activate(tf.tf, 'wasm');
      return active.ok ? { ok: true, tf: tf.tf, detail: `WebAssembly kernels via ${TFJS_WASM}` } : active;
    },
  },
  {
    name: 'cpu',
    package: TFJS,
    async load(env) {
      const tf = await importTf(env, TFJS);
      if (!tf.ok) return tf;
      const active = await activate(tf.tf, 'cpu');
      return active.ok ? { ok: true, tf: tf.tf, detail: `plain JavaScript kernels via ${TFJS} (slow for training)` } : active;
    },
  },
];

export function candidate(name: BackendName): BackendCandidate {
  const c = BACKENDS.find((b) => b.name === name);
  if (!c) throw new Error(`no backend ${name}`);
  return c;
}

function usesGpu(tf: TF): boolean {
  return (tf.backend() as unknown as { isUsingGpuDevice?: boolean }).isUsingGpuDevice === true;
}
