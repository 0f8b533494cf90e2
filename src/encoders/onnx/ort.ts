/**
 * Loads onnxruntime-node, an optional dependency, at run time. Only the slice of its API we use is
 * typed here, so al-label builds and runs (on TF.js) where the package is absent.
 */
import { BackendUnavailableError } from '../../errors.js';

export interface OrtTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
}

export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

export interface Ort {
  InferenceSession: {
    create(
      model: Uint8Array,
      options: {
        intraOpNumThreads?: number;
        interOpNumThreads?: number;
        graphOptimizationLevel?: 'all';
        executionMode?: 'sequential';
        logSeverityLevel?: 3;
        extra?: Record<string, unknown>;
      },
    ): Promise<OrtSession>;
  };
  Tensor: new (type: 'int64', data: BigInt64Array, dims: readonly number[]) => OrtTensor;
  env: { versions?: { node?: string } };
}

export const ORT_PACKAGE = 'onnxruntime-node';

export const ORT_MISSING =
  `${ORT_PACKAGE} is not installed, so transformer encoders run on TF.js (slow on a CPU). Install it with its ` +
  `CUDA download skipped (it fails offline): ONNXRUNTIME_NODE_INSTALL=skip npm install ${ORT_PACKAGE}` +
  ` (for a global install: ONNXRUNTIME_NODE_INSTALL=skip npm install -g al-label).`;

export type OrtLoad = { ok: true; ort: Ort; version: string } | { ok: false; reason: string };

export async function loadOrt(importModule: (specifier: string) => Promise<unknown> = (s) => import(s)): Promise<OrtLoad> {
  try {
    const mod = (await importModule(ORT_PACKAGE)) as Ort & { default?: Ort };
    const ort = mod.InferenceSession ? mod : mod.default!;
    return { ok: true, ort, version: ort.env?.versions?.node ?? 'unknown' };
  } catch (err) {
    return { ok: false, reason: `${ORT_MISSING}\n(${(err as Error).message.split('\n')[0]})` };
  }
}

export async function requireOrt(importModule?: (specifier: string) => Promise<unknown>): Promise<{ ort: Ort; version: string }> {
  const loaded = await loadOrt(importModule);
  if (!loaded.ok) throw new BackendUnavailableError(loaded.reason);
  return loaded;
}
