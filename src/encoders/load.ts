import { fileURLToPath } from 'node:url';
import { stat } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { isStaticFolder } from './static/folder.js';
import { StaticEncoder } from './static/static-encoder.js';
import { loadTransformerEncoder, type TransformerEncoderOptions } from './transformer/load.js';
import type { TextEncoder } from './types.js';

/** The static encoder shipped in the package (encoders/<name>/, with its NOTICE.md). */
export const SHIPPED_ENCODER = 'minilm-l6-static';

/** `--encoder` values that are not folders. */
export const ENCODER_DEFAULT = 'default';
export const ENCODER_NONE = 'none';

/** The shipped encoder's folder, found from this file's place in the package (dist/encoders/ -> encoders/). */
export function shippedEncoderDir(): string {
  return fileURLToPath(new URL(`../../encoders/${SHIPPED_ENCODER}/`, import.meta.url));
}

/** The folder an `--encoder` value names; null for "none". */
export function encoderDir(value: string): string | null {
  if (value === ENCODER_NONE) return null;
  if (value === ENCODER_DEFAULT) return shippedEncoderDir();
  return value;
}

/**
 * Loads what `--encoder` names: "default" (the shipped static encoder), "none" (null: n-gram
 * models only), or a folder: a static (model2vec-layout) encoder or a BERT transformer folder.
 */
export async function loadEncoder(value: string, opts: TransformerEncoderOptions = {}): Promise<TextEncoder | null> {
  const dir = encoderDir(value);
  if (dir === null) return null;
  if (!(await stat(dir).then((s) => s.isDirectory(), () => false))) {
    if (value === ENCODER_DEFAULT) throw new UsageError(`the shipped encoder is missing from this install (${dir}); reinstall al-label, or run with --encoder none or --encoder <folder>`);
    throw new UsageError(`--encoder ${value}: no such folder; give a Hugging Face / sentence-transformers folder, a static encoder folder, "default" or "none" (docs/encoders.md)`);
  }
  if (await isStaticFolder(dir)) return StaticEncoder.load(dir);
  return loadTransformerEncoder(dir, opts);
}
