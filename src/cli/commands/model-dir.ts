import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { DataError, UsageError } from "../../errors.js";
import { loadModel, type LoadedModel, type VectorsOf } from "../../classifiers/load-model.js";

/**
 * `train --out` may replace a model folder or fill an empty one; anything else is refused, so a typo
 * cannot scatter model files into a folder of other work.
 */
export async function checkOutDir(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (!info) return;
  if (!info.isDirectory()) throw new UsageError(`--out ${dir} is a file, not a folder`);
  const entries = await readdir(dir);
  if (entries.length > 0 && !entries.includes("metadata.json")) {
    throw new UsageError(`--out ${dir} is a non-empty folder that holds no model (no metadata.json); pick a new or empty folder`);
  }
}

/**
 * Loads a model folder written by `train` or a `run` round, either architecture (fastText or dense,
 * by metadata `kind`); a wrong path is a usage error, a damaged model a data error.
 */
export async function loadModelDir(dir: string, vectorsOf?: VectorsOf): Promise<{ model: LoadedModel; meta: LoadedModel["meta"] }> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`model folder not found: ${dir}`);
  if (!(await stat(join(dir, "metadata.json")).catch(() => null))) throw new UsageError(`${dir} holds no model (no metadata.json); train one with "al-label train"`);
  try {
    const model = await loadModel(dir, vectorsOf);
    return { model, meta: model.meta };
  } catch (err) {
    throw new DataError([{ file: dir, message: `cannot load the model: ${(err as Error).message}` }]);
  }
}
