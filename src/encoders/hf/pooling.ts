/**
 * Pooling and normalization from a sentence-transformers folder: modules.json lists the modules
 * (Transformer, Pooling, Normalize), the Pooling module's config.json says which mode. Pure.
 */
import { EncoderFormatError } from '../errors.js';

export type PoolingMode = 'mean' | 'cls' | 'max';

export interface ModuleEntry {
  type: string;
  path: string;
}

export function parseModules(json: unknown, source: string): ModuleEntry[] {
  if (!Array.isArray(json)) throw new EncoderFormatError(`${source}: expected a JSON array of modules`);
  return json.map((m: { type?: unknown; path?: unknown }) => ({ type: String(m?.type ?? ''), path: String(m?.path ?? '') }));
}

export function poolingModule(modules: readonly ModuleEntry[]): ModuleEntry | undefined {
  return modules.find((m) => m.type.endsWith('.Pooling') || m.type === 'Pooling');
}

export function hasNormalize(modules: readonly ModuleEntry[]): boolean {
  return modules.some((m) => m.type.endsWith('.Normalize') || m.type === 'Normalize');
}

/** 1_Pooling/config.json: exactly one of the supported modes must be on. */
export function parsePoolingConfig(json: unknown, source: string): PoolingMode {
  const c = (json ?? {}) as Record<string, unknown>;
  if (typeof c.pooling_mode === 'string') return checkMode(c.pooling_mode, source);
  const on = Object.entries(c)
    .filter(([k, v]) => k.startsWith('pooling_mode_') && v === true)
    .map(([k]) => k);
  if (on.length !== 1) {
    throw new EncoderFormatError(`${source}: expected exactly one pooling_mode_* set to true, found ${on.length ? on.join(', ') : 'none'}`);
  }
  const mode = { pooling_mode_mean_tokens: 'mean', pooling_mode_cls_token: 'cls', pooling_mode_max_tokens: 'max' }[on[0]!];
  return checkMode(mode ?? on[0]!, source);
}

function checkMode(mode: string, source: string): PoolingMode {
  if (mode === 'mean' || mode === 'cls' || mode === 'max') return mode;
  throw new EncoderFormatError(`${source}: pooling "${mode}" is not supported (mean, cls and max are)`);
}
