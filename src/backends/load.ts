import type { LoadResult, ProbeEnv, TF } from './types.js';

/** Shared by the backend loaders (registry.ts, webgpu.ts): import a package, activate a TF.js backend. */
export const TFJS = '@tensorflow/tfjs';

export async function importPackage(env: ProbeEnv, pkg: string): Promise<{ ok: true; mod: unknown } | { ok: false; reason: string }> {
  try {
    return { ok: true, mod: await env.importModule(pkg) };
  } catch (err) {
    return { ok: false, reason: explainImportError(pkg, err) };
  }
}

export async function importTf(env: ProbeEnv, pkg: string): Promise<{ ok: true; tf: TF } | { ok: false; reason: string }> {
  const got = await importPackage(env, pkg);
  if (!got.ok) return got;
  // CommonJS packages arrive as { default: module.exports } when Node cannot list their exports.
  const mod = got.mod as Partial<TF> & { default?: Partial<TF> };
  const tf = typeof mod.setBackend === 'function' ? mod : mod.default;
  if (!tf || typeof tf.setBackend !== 'function') return { ok: false, reason: `${pkg} loaded but does not look like TF.js (no setBackend)` };
  return { ok: true, tf: tf as TF };
}

/**
 * Accepts a backend only when `tf.setBackend` resolves to true (it returns false, not throws, on failure).
 * A backend that failed is unregistered (forgetBackend), so TF.js does not pick it again for later work.
 */
export async function activate(tf: TF, name: string): Promise<LoadResult> {
  try {
    tf.enableProdMode(); // no debug checks, and no "install tfjs-node" banner from the cpu backend
    if (typeof tf.findBackendFactory === 'function' && tf.findBackendFactory(name) === null) {
      return { ok: false, reason: `TF.js has no "${name}" backend registered (it failed to start earlier in this process)` };
    }
    if (await tf.setBackend(name)) return { ok: true, tf, detail: name };
    await forgetBackend(tf, name);
    return { ok: false, reason: `tf.setBackend("${name}") returned false (the backend failed to initialise)` };
  } catch (err) {
    await forgetBackend(tf, name);
    return { ok: false, reason: `tf.setBackend("${name}") failed: ${firstLine(err)}` };
  }
}

/**
 * Unregisters a backend that failed to start, and leaves TF.js with a working one. Left registered, a
 * GPU backend keeps its high priority: the next TF.js op with no backend set picks it, and TF.js throws
 * "The highest priority backend ... has not yet been initialized" (seen on a GPU machine whose memory
 * was full: the encoder's CPU fallback crashed).
 */
export async function forgetBackend(tf: Partial<Pick<TF, 'removeBackend' | 'ready'>>, name: string): Promise<void> {
  unregisterBackend(tf, name);
  // A failed setBackend leaves TF.js with no active backend, and its next op would pick the highest
  // priority one synchronously, which throws for any backend that starts asynchronously (wasm too):
  // start the best one that works now.
  try {
    await tf.ready?.();
  } catch {
    // no backend starts: the next TF.js op says so
  }
}

/** Removes a backend from TF.js's registry, if it is there. */
export function unregisterBackend(tf: Partial<Pick<TF, 'removeBackend'>>, name: string): void {
  try {
    tf.removeBackend?.(name);
  } catch {
    // not registered: nothing to remove
  }
}

/** Makes TF.js's fastest CPU backend the active one (wasm when registered, else cpu); returns its name. */
export async function activateCpuBackend(tf: Pick<TF, 'setBackend' | 'findBackendFactory'>): Promise<string> {
  for (const name of ['wasm', 'cpu']) {
    if (tf.findBackendFactory(name) === null) continue;
    try {
      if (await tf.setBackend(name)) return name;
    } catch {
      // try the next
    }
  }
  throw new Error('TF.js has no usable CPU backend (neither wasm nor cpu is registered)');
}

/** Turns an import failure into the user's next step. Exported for tests. */
export function explainImportError(pkg: string, err: unknown): string {
  const msg = firstLine(err);
  const code = (err as { code?: string } | null)?.code;
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && msg.includes(`'${pkg}'`)) {
    return `optional package ${pkg} is not installed (npm install ${pkg})`;
  }
  if (/tfjs_binding\.node/.test(msg)) {
    return `${pkg} is installed but its native binding is missing: its install script (which downloads libtensorflow) did not run; run \`npm install-scripts approve ${pkg} && npm rebuild ${pkg}\``;
  }
  if (/libtensorflow|libcud|libcublas|libcudnn|\.so(\.\d+)*:/.test(msg)) {
    return `${pkg} is installed but a native library is missing: ${msg}`;
  }
  return `${pkg} failed to load: ${msg}`;
}

export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}

/** Resolves as `p` does, or to `onTimeout()` after `ms`: a probe that never answers must not hang selection. */
export async function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
    timer.unref?.();
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}
