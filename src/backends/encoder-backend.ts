import { BackendUnavailableError } from '../errors.js';
import { BACKENDS } from './registry.js';
import { checkBackendName, nodeProbeEnv, selectBackend } from './select.js';
import { ENGINE_NAMES, GPU_BACKENDS, isGpuBackend, type BackendCandidate, type BackendProbe, type EngineChoice, type ProbeEnv, type SelectedBackend } from './types.js';

export interface EncoderBackendChoice {
  /** `--engine`: auto (the default), cpu or tfjs */
  engine: EngineChoice;
  /** `--backend`, when given */
  backend?: string;
}

/** The GPU backend a transformer encoder runs on, or null (the encoder then takes its CPU runtime), and why. */
export interface EncoderBackend {
  backend: SelectedBackend | null;
  why: string;
  /** the GPU backends tried, in order, and what each found */
  probes: BackendProbe[];
}

/**
 * Where a transformer encoder's forward pass runs. Contract:
 * - `--engine cpu`: null, without loading anything (the encoder's CPU runtime).
 * - `--backend <gpu backend>` (tensorflow-gpu, webgpu): that backend, or BackendUnavailableError
 *   (exit 2) with its reason when it is unusable: the user asked for it.
 * - `--backend <cpu backend>` (tensorflow, wasm, cpu): null; the encoder's own CPU runtime is faster
 *   than TF.js's CPU kernels for a transformer.
 * - otherwise (auto, tfjs): the first usable GPU backend in registry order (tensorflow-gpu, webgpu), else
 *   null with every GPU backend's reason. Never throws, never hangs (adapter requests are bounded).
 * The returned backend is active in its TF.js module (`backend.tf`); pass that module to the encoder
 * (`loadTransformerEncoder(dir, { runtime: 'tfjs', tf: backend.tf })`).
 */
export async function selectEncoderBackend(choice: EncoderBackendChoice, env: ProbeEnv = nodeProbeEnv, candidates: readonly BackendCandidate[] = BACKENDS): Promise<EncoderBackend> {
  if (!(ENGINE_NAMES as readonly string[]).includes(choice.engine)) throw new BackendUnavailableError(`unknown engine "${choice.engine}"; valid engines: ${ENGINE_NAMES.join(', ')}`);
  if (choice.engine === 'cpu') return { backend: null, why: 'the encoder runs on the CPU (--engine cpu)', probes: [] };
  if (choice.backend !== undefined) {
    const name = checkBackendName(choice.backend);
    if (!isGpuBackend(name)) return { backend: null, why: `the encoder runs on the CPU (--backend ${name} is not a GPU backend)`, probes: [] };
    const picked = await selectBackend({ backend: name, env, candidates });
    return { backend: { name: picked.name, tf: picked.tf, detail: picked.detail }, why: `the encoder runs on ${picked.name}: ${picked.detail}`, probes: picked.probes };
  }
  const probes: BackendProbe[] = [];
  for (const c of candidates.filter((b) => isGpuBackend(b.name))) {
    const got = await c.load(env);
    probes.push({ name: c.name, package: c.package, ok: got.ok, reason: got.ok ? got.detail : got.reason });
    if (got.ok) return { backend: { name: c.name, tf: got.tf, detail: got.detail }, why: `the encoder runs on ${c.name}: ${got.detail}`, probes };
  }
  const why = probes.map((p) => `${p.name}: ${p.reason}`).join('; ');
  return { backend: null, why: `the encoder runs on the CPU: no GPU backend is usable (${why || `none of ${GPU_BACKENDS.join(', ')} is in the list`})`, probes };
}
