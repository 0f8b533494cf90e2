import { BackendUnavailableError } from '../errors.js';
import { probeCuda } from './cuda.js';
import { BACKENDS } from './registry.js';
import { BACKEND_NAMES, ENGINE_NAMES, type BackendCandidate, type BackendName, type BackendProbe, type EngineChoice, type ProbeEnv, type SelectedBackend } from './types.js';

/** The real environment: packages resolved from al-label's install, the real driver check. */
export const nodeProbeEnv: ProbeEnv = {
  importModule: (specifier) => import(specifier),
  cuda: () => probeCuda(),
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
 * Which engine trains: `cpu` is the sparse engine (no TF.js); `tfjs` trains with TF.js on the
 * chosen backend. `auto` takes TF.js only on a CUDA GPU: on a CPU the sparse engine is faster than
 * any TF.js backend, because TF.js has no sparse gradients. A `--backend` implies `tfjs`.
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
  const gpu = candidates.find((c) => c.name === 'tensorflow-gpu');
  const got = gpu ? await gpu.load(env) : { ok: false as const, reason: 'no tensorflow-gpu backend in the list' };
  if (got.ok) return { engine: 'tfjs', backend: { name: 'tensorflow-gpu', tf: got.tf, detail: got.detail }, why: `auto: ${got.detail}` };
  return { engine: 'cpu', why: `auto: no CUDA GPU for TF.js (${got.reason}), so the sparse CPU engine trains` };
}
