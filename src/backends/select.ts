import { BackendUnavailableError } from '../errors.js';
import { probeCuda } from './cuda.js';
import { probeVulkan } from './vulkan.js';
import { BACKENDS } from './registry.js';
import { BACKEND_NAMES, ENGINE_NAMES, type BackendCandidate, type BackendName, type BackendProbe, type EngineChoice, type ProbeEnv, type SelectedBackend } from './types.js';

/** The real environment: packages resolved from al-label's install, the real driver check. */
export const nodeProbeEnv: ProbeEnv = {
  importModule: (specifier) => import(specifier),
  cuda: () => probeCuda(),
  vulkan: () => probeVulkan(),
};

export interface SelectOptions {
  /** Narrows the list to this one backend. */
  backend?: string;
  env?: ProbeEnv;
  candidates?: readonly BackendCandidate[];
}

/**
 * Activates the first backend of the ordered list that loads (see registry.ts), or the one asked
 * for. An unknown or unusable choice throws BackendUnavailableError naming what is available.
 */
export async function selectBackend(opts: SelectOptions = {}): Promise<SelectedBackend & { probes: BackendProbe[] }> {
  const env = opts.env ?? nodeProbeEnv;
  const all = opts.candidates ?? BACKENDS;
  const wanted = opts.backend === undefined ? all : all.filter((c) => c.name === checkBackendName(opts.backend!));
  const probes: BackendProbe[] = [];
  for (const c of wanted) {
    const got = await c.load(env);
    probes.push({ name: c.name, package: c.package, ok: got.ok, reason: got.ok ? got.detail : got.reason });
    if (got.ok) return { name: c.name, tf: got.tf, detail: got.detail, probes };
  }
  // Nothing usable: say why each failed and, for a narrowed choice, which others would work.
  const others = await probeBackends(env, all.filter((c) => !wanted.includes(c)));
  const available = others.filter((p) => p.ok).map((p) => p.name);
  const why = probes.map((p) => `${p.name}: ${p.reason}`).join('; ');
  throw new BackendUnavailableError(
    `${opts.backend ? `backend "${opts.backend}" is unavailable` : 'no TF.js backend is usable'} (${why}). Available here: ${available.length > 0 ? available.join(', ') : 'none'}. Run \`al-label doctor\` for details.`,
  );
}

/** Tries every backend (for `al-label doctor`); the last usable one stays active. */
export async function probeBackends(env: ProbeEnv = nodeProbeEnv, candidates: readonly BackendCandidate[] = BACKENDS): Promise<BackendProbe[]> {
  const probes: BackendProbe[] = [];
  for (const c of candidates) {
    const got = await c.load(env);
    probes.push({ name: c.name, package: c.package, ok: got.ok, reason: got.ok ? got.detail : got.reason });
  }
  return probes;
}

export function checkBackendName(name: string): BackendName {
  if ((BACKEND_NAMES as readonly string[]).includes(name)) return name as BackendName;
  throw new BackendUnavailableError(`unknown backend "${name}"; valid backends: ${BACKEND_NAMES.join(', ')}`);
}

export type EngineSelection = { engine: 'cpu'; why: string } | { engine: 'tfjs'; backend: SelectedBackend; why: string };

/**
 * Which engine trains the n-gram models (dense, fastText): `cpu` is the sparse engine (no TF.js);
 * `tfjs` trains with TF.js on the chosen backend. `auto` is the sparse engine, even beside a GPU: the
 * n-gram models are small and sparse, so it is fast everywhere, and TF.js has no sparse gradients. A
 * GPU pays for a transformer encoder, which `selectEncoderBackend` (encoder-backend.ts) places.
 * A `--backend` implies `tfjs`.
 */
export async function selectEngine(choice: EngineChoice, backend: string | undefined, env: ProbeEnv = nodeProbeEnv, candidates: readonly BackendCandidate[] = BACKENDS): Promise<EngineSelection> {
  if (!(ENGINE_NAMES as readonly string[]).includes(choice)) throw new BackendUnavailableError(`unknown engine "${choice}"; valid engines: ${ENGINE_NAMES.join(', ')}`);
  if (choice === 'cpu') {
    if (backend !== undefined) throw new BackendUnavailableError(`--backend ${backend} needs --engine tfjs (or auto); the cpu engine does not use TF.js`);
    return { engine: 'cpu', why: 'asked for with --engine cpu' };
  }
  if (choice === 'tfjs' || backend !== undefined) {
    const picked = await selectBackend({ backend, env, candidates });
    return { engine: 'tfjs', backend: picked, why: `${choice === 'tfjs' ? '--engine tfjs' : `--backend ${backend}`}: ${picked.detail}` };
  }
  return { engine: 'cpu', why: 'auto: the sparse CPU engine trains the n-gram models (--engine tfjs trains them with TF.js)' };
}
